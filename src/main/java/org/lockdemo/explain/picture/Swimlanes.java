package org.lockdemo.explain.picture;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import org.lockdemo.explain.ScheduleColumns;
import org.lockdemo.explain.Timeline;
import org.lockdemo.explain.TimelineEvent;

/**
 * The swimlane picture of a timeline, before any pixel: a lane per session in the scenario's order
 * (labelled with its node in a cluster scenario), one row per step sent with time running down,
 * each statement a box with its result (the cells of {@link ScheduleColumns}), a bar per blocked
 * interval from the row where the step blocked to the row where it finished (or to the end, if
 * it never did), an arrow per session a blocked step waits for, and the key row's version beside
 * the lanes after every row ({@link RowVersions}). Immutable; thread-safe.
 *
 * @param lanes  the sessions, left to right
 * @param rows   the schedule's rows, top to bottom
 * @param bars   the blocked intervals, in the order they began
 * @param arrows who waits for whom, in schedule order
 */
public record Swimlanes(List<Lane> lanes, List<Row> rows, List<Bar> bars, List<Arrow> arrows) {

    /**
     * One session's lane.
     *
     * @param session the session's name
     * @param node    the node it runs on (1-based), or 0 when the scenario runs on one database
     */
    public record Lane(String session, int node) {
    }

    /**
     * One step sent, what each lane shows in its row, and the key row after it.
     *
     * @param step    the step's number in the schedule
     * @param cells   one per lane, as {@link ScheduleColumns} has them
     * @param version the key row after this row
     */
    public record Row(int step, List<ScheduleColumns.Cell> cells, RowVersions.Version version) {
        public Row {
            cells = List.copyOf(cells);
        }
    }

    /**
     * A blocked interval of one lane.
     *
     * @param lane     the lane's index
     * @param fromRow  the index of the row where the step blocked
     * @param toRow    the index of the row where it finished, or the last row's if it never did
     * @param finished whether it finished
     */
    public record Bar(int lane, int fromRow, int toRow, boolean finished) {
    }

    /**
     * A blocked step's wait for another session's lock.
     *
     * @param from the waiting lane's index
     * @param to   the holding lane's index
     * @param row  the index of the row where the wait began (BLOCKED) or changed (still BLOCKED)
     */
    public record Arrow(int from, int to, int row) {
    }

    public Swimlanes {
        lanes = List.copyOf(lanes);
        rows = List.copyOf(rows);
        bars = List.copyOf(bars);
        arrows = List.copyOf(arrows);
    }

    /** The picture of {@code t}. */
    public static Swimlanes of(Timeline t) {
        ScheduleColumns columns = ScheduleColumns.of(t);
        List<Lane> lanes = new ArrayList<>();
        for (String s : columns.sessions()) {
            lanes.add(new Lane(s, t.scenario().clustered() ? t.scenario().node(s) : 0));
        }
        Map<Integer, RowVersions.Version> versions = RowVersions.of(t);
        List<Row> rows = new ArrayList<>();
        for (ScheduleColumns.Row r : columns.rows()) {
            rows.add(new Row(r.step(), r.cells(), versions.get(r.step())));
        }
        List<Bar> bars = new ArrayList<>();
        int[] open = new int[lanes.size()];
        Arrays.fill(open, -1);
        for (int ri = 0; ri < rows.size(); ri++) {
            List<ScheduleColumns.Cell> cells = rows.get(ri).cells();
            for (int li = 0; li < cells.size(); li++) {
                ScheduleColumns.Kind kind = cells.get(li).kind();
                if (kind == ScheduleColumns.Kind.BLOCKED) {
                    open[li] = ri;
                } else if (kind == ScheduleColumns.Kind.FINISHED && open[li] >= 0) {
                    bars.add(new Bar(li, open[li], ri, true));
                    open[li] = -1;
                }
            }
        }
        for (int li = 0; li < open.length; li++) {
            if (open[li] >= 0) {
                bars.add(new Bar(li, open[li], rows.size() - 1, false));
            }
        }
        bars.sort(Comparator.comparingInt(Bar::fromRow).thenComparingInt(Bar::lane));
        List<Arrow> arrows = new ArrayList<>();
        List<Integer> steps = rows.stream().map(Row::step).toList();
        List<String> sessions = columns.sessions();
        for (TimelineEvent e : t.events()) {
            boolean waits = e.kind() == TimelineEvent.Kind.BLOCKED || e.kind() == TimelineEvent.Kind.STILL_BLOCKED;
            if (!waits) {
                continue;
            }
            int row = steps.indexOf(e.kind() == TimelineEvent.Kind.BLOCKED ? e.step() : e.atStep());
            for (String holder : e.waitingFor()) {
                int to = sessions.indexOf(holder);
                if (to >= 0 && row >= 0) { // another client's session has no lane to point at
                    arrows.add(new Arrow(sessions.indexOf(e.session()), to, row));
                }
            }
        }
        return new Swimlanes(lanes, rows, bars, arrows);
    }
}
