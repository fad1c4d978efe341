package org.lockdemo.explain;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * A timeline as a schedule in columns, one per session, one row per step sent, time running down
 * — as PostgreSQL's isolation tester and Hermitage write a schedule. A blocked step shows as
 * BLOCKED in its column, then a bar in that column in every following row until it finishes; it
 * finishes in the row of the step that released it, with its result. The one model that the
 * columned text, markdown and the pictures ({@code explain.picture}) are drawn from. Immutable;
 * thread-safe.
 *
 * @param sessions the column headings, in the scenario's order
 * @param rows     one per step sent, in schedule order
 */
public record ScheduleColumns(List<String> sessions, List<Row> rows) {

    /** What a cell shows. */
    public enum Kind {
        /** Nothing: the session sent nothing and waits for nothing in this row. */
        EMPTY,
        /** A step sent and finished in this row: its SQL, then its result. */
        RAN,
        /** A step sent in this row that waits for a lock: its SQL, then {@code BLOCKED (waits for T1)}. */
        BLOCKED,
        /** The session's step is still waiting. */
        BAR,
        /** The session's blocked step finished here, released by this row's step: its result. */
        FINISHED,
        /** The session's blocked step now waits for another session: {@code still BLOCKED (waits for T3)}. */
        STILL_BLOCKED
    }

    /** How a result is marked. */
    public enum Mark {
        NONE,
        /** The statement failed. */
        ERROR,
        /** The session's transaction committed. */
        COMMIT
    }

    /**
     * One session's part of a row.
     *
     * @param kind    what it shows
     * @param sql     the statement, for RAN and BLOCKED; else null
     * @param outcome the result, or the {@code BLOCKED (waits for ...)} text; null for EMPTY and BAR
     * @param mark    whether the outcome is an error or a commit
     */
    public record Cell(Kind kind, String sql, String outcome, Mark mark) {
        public static final Cell EMPTY = new Cell(Kind.EMPTY, null, null, Mark.NONE);
        public static final Cell BAR = new Cell(Kind.BAR, null, null, Mark.NONE);
    }

    /**
     * One step sent, and what happened in each session meanwhile.
     *
     * @param step  the step's number in the schedule
     * @param cells one per session, in the order of {@link #sessions}
     */
    public record Row(int step, List<Cell> cells) {
        public Row {
            cells = List.copyOf(cells);
        }
    }

    public ScheduleColumns {
        sessions = List.copyOf(sessions);
        rows = List.copyOf(rows);
    }

    public static ScheduleColumns of(Timeline t) {
        List<String> sessions = new ArrayList<>(t.scenario().sessions());
        for (TimelineEvent e : t.events()) { // a session a scenario file did not list, should one appear
            if (!sessions.contains(e.session())) {
                sessions.add(e.session());
            }
        }
        Map<Integer, Cell[]> byStep = new HashMap<>();
        List<Integer> order = new ArrayList<>();
        for (TimelineEvent e : t.events()) {
            int column = sessions.indexOf(e.session());
            boolean sent = e.kind() == TimelineEvent.Kind.RAN || e.kind() == TimelineEvent.Kind.BLOCKED;
            int at = sent ? e.step() : e.atStep();
            Cell[] cells = byStep.computeIfAbsent(at, k -> {
                order.add(k);
                Cell[] c = new Cell[sessions.size()];
                Arrays.fill(c, Cell.EMPTY);
                return c;
            });
            cells[column] = switch (e.kind()) {
                case RAN -> new Cell(Kind.RAN, e.sql(), e.result().text(), mark(e));
                case BLOCKED -> new Cell(Kind.BLOCKED, e.sql(), waits(e), Mark.NONE);
                case FINISHED -> new Cell(Kind.FINISHED, null, e.result().text(), mark(e));
                case STILL_BLOCKED -> new Cell(Kind.STILL_BLOCKED, null, "still " + waits(e), Mark.NONE);
            };
        }
        // the bars: from the row after a step blocks to the row before it finishes, or to the end
        boolean[] waiting = new boolean[sessions.size()];
        List<Row> rows = new ArrayList<>();
        for (int step : order) {
            Cell[] cells = byStep.get(step);
            for (int i = 0; i < cells.length; i++) {
                if (waiting[i] && cells[i].kind() == Kind.EMPTY) {
                    cells[i] = Cell.BAR;
                }
                if (cells[i].kind() == Kind.BLOCKED) {
                    waiting[i] = true;
                } else if (cells[i].kind() == Kind.FINISHED || cells[i].kind() == Kind.RAN) {
                    waiting[i] = false;
                }
            }
            rows.add(new Row(step, Arrays.asList(cells)));
        }
        return new ScheduleColumns(sessions, rows);
    }

    /** {@code BLOCKED (waits for T1)}. */
    private static String waits(TimelineEvent e) {
        return "BLOCKED (waits for " + String.join(", ", e.waitingFor()) + ")";
    }

    private static Mark mark(TimelineEvent e) {
        if (e.result().error()) {
            return Mark.ERROR;
        }
        return e.sql().strip().equalsIgnoreCase("commit") ? Mark.COMMIT : Mark.NONE;
    }
}
