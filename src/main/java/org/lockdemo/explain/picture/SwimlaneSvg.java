package org.lockdemo.explain.picture;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.lockdemo.explain.ColumnsText;
import org.lockdemo.explain.ScheduleColumns;
import org.lockdemo.explain.Timeline;
import org.lockdemo.report.svg.Legend;
import org.lockdemo.report.svg.Svg;

/**
 * Draws {@link Swimlanes} with the report's SVG module: the step numbers at the left, a lane per
 * session, the key row's versions at the right, a legend under it. Every element of a row carries
 * {@code data-step} (its step's number), so the page's script can reveal the picture one step at
 * a time and a browser test can count lanes ({@code g.lane}), boxes ({@code g.box}) and bars
 * ({@code g.bar}). Text widths are estimated from character counts, as {@link Legend} does. Pure;
 * stateless.
 */
public final class SwimlaneSvg {
    static final double GUTTER = 40;
    static final double LANE_WIDTH = 270;
    /** Room at a lane's left for its wait bar, left of the boxes. */
    static final double BAR_ROOM = 20;
    static final double BAR_WIDTH = 8;
    static final double BOX_RIGHT_MARGIN = 8;
    static final double VERSIONS_GAP = 14;
    static final double VERSIONS_WIDTH = 210;
    static final double HEADER = 46;
    static final double SQL_LINE = 14;
    static final double RESULT_LINE = 15;
    static final double BOX_PADDING = 6;
    static final double ROW_GAP = 10;
    /** An 11 px monospace character (DejaVu Sans Mono: 0.602 em), and a generous 12 px sans-serif one. */
    static final double MONO_CHAR = 6.7;
    static final double SANS_CHAR = 6.9;
    static final double LEGEND_TOP_GAP = 14;

    private SwimlaneSvg() {
    }

    /** The picture as an element of a page; the page's style sheet ({@link PictureStyle#CSS}) colours it. */
    public static String inline(Timeline t) {
        return draw(t, Swimlanes.of(t), false);
    }

    /** The picture as a file of its own: the same drawing with its style sheet inside. */
    public static String standalone(Timeline t) {
        return "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n" + draw(t, Swimlanes.of(t), true);
    }

    static double boxWidth() {
        return LANE_WIDTH - BAR_ROOM - BOX_RIGHT_MARGIN;
    }

    static int sqlColumns() {
        return (int) Math.floor((boxWidth() - 2 * BOX_PADDING) / MONO_CHAR);
    }

    static int resultColumns() {
        return (int) Math.floor((boxWidth() - 2 * BOX_PADDING) / SANS_CHAR);
    }

    /** What a box shows: its SQL's lines and its result's lines. */
    record BoxText(List<String> sql, List<String> result) {
        double height() {
            return 2 * BOX_PADDING + sql.size() * SQL_LINE + result.size() * RESULT_LINE;
        }
    }

    static BoxText text(ScheduleColumns.Cell c) {
        List<String> sql = c.sql() == null ? List.of() : ColumnsText.wrap(c.sql(), sqlColumns(), "", "  ");
        String prefix = switch (c.kind()) {
            case FINISHED -> "finishes: ";
            case RAN, BLOCKED, STILL_BLOCKED -> "→ ";
            case EMPTY, BAR -> "";
        };
        List<String> result = c.outcome() == null ? List.of()
                : ColumnsText.wrap(prefix + ColumnsText.mark(c) + c.outcome(), resultColumns(), "", "  ");
        return new BoxText(sql, result);
    }

    /** Each row's top and height in pixels, below the header. */
    static double[] rowTops(Swimlanes p) {
        double[] tops = new double[p.rows().size() + 1];
        double y = HEADER;
        for (int i = 0; i < p.rows().size(); i++) {
            tops[i] = y;
            double h = 26;
            for (ScheduleColumns.Cell c : p.rows().get(i).cells()) {
                if (c.kind() != ScheduleColumns.Kind.EMPTY && c.kind() != ScheduleColumns.Kind.BAR) {
                    h = Math.max(h, text(c).height());
                }
            }
            h = Math.max(h, p.rows().get(i).version() != null && !p.rows().get(i).version().lockedBy().isEmpty() ? 36 : 0);
            y += h + ROW_GAP;
        }
        tops[p.rows().size()] = y;
        return tops;
    }

    static double laneLeft(int lane) {
        return GUTTER + lane * LANE_WIDTH;
    }

    private static String draw(Timeline t, Swimlanes p, boolean standalone) {
        double[] tops = rowTops(p);
        double lanesRight = laneLeft(p.lanes().size());
        double versionsLeft = lanesRight + VERSIONS_GAP;
        int width = (int) Math.ceil(versionsLeft + VERSIONS_WIDTH + 6);
        List<Legend.Entry> legend = List.of(new Legend.Entry("waits for a lock (arrow: for whom)", "k-wait"),
                new Legend.Entry("error", "k-error"), new Legend.Entry("commit", "k-commit"),
                new Legend.Entry("row uncommitted", "k-uncommitted"), new Legend.Entry("row committed", "k-committed"),
                new Legend.Entry("row locked", "k-locked"));
        double legendTop = tops[p.rows().size()] + LEGEND_TOP_GAP;
        int height = (int) Math.ceil(legendTop + Legend.height(legend, GUTTER, width - 6) + 6);
        String title = "The schedule of " + t.scenario().name() + " on " + t.product() + " " + t.version()
                + ": a lane per session, time running down";
        Svg svg = new Svg("swimlanes", title, width, height);
        if (standalone) {
            svg.style(PictureStyle.CSS);
        }
        svg.group("swimlanes", Map.of("scenario", t.scenario().name()));
        double bottom = tops[p.rows().size()];
        for (int i = 0; i < p.lanes().size(); i++) {
            lane(svg, p.lanes().get(i), i, bottom);
        }
        svg.text(GUTTER / 2, 26, "middle", "head-small", "step");
        svg.text(versionsLeft, 20, "start", "lane-name", "key (" + t.scenario().key().jahr() + ", "
                + t.scenario().key().monat() + ")");
        svg.text(versionsLeft, 36, "start", "head-small", "the row, after each step");
        for (int r = 0; r < p.rows().size(); r++) {
            row(svg, p, r, tops, versionsLeft);
        }
        for (Swimlanes.Bar b : p.bars()) {
            bar(svg, p, b, tops);
        }
        for (Swimlanes.Arrow a : p.arrows()) {
            arrow(svg, p, a, tops);
        }
        Legend.draw(svg, legend, Legend.Swatch.AREA, GUTTER, legendTop, width - 6);
        svg.endGroup();
        return svg.close();
    }

    private static void lane(Svg svg, Swimlanes.Lane lane, int index, double bottom) {
        double x = laneLeft(index);
        svg.group("lane", node(Map.of("session", lane.session()), lane));
        svg.rect(x + 2, 4, LANE_WIDTH - 4, bottom - 4, index % 2 == 0 ? "lane-bg" : "lane-bg odd", lane.session()
                + (lane.node() > 0 ? " on node " + lane.node() : ""));
        svg.text(x + BAR_ROOM, 22, "start", "lane-name", lane.session());
        if (lane.node() > 0) {
            svg.text(x + BAR_ROOM, 38, "start", "lane-node", "node " + lane.node());
        }
        svg.endGroup();
    }

    private static Map<String, String> node(Map<String, String> data, Swimlanes.Lane lane) {
        Map<String, String> all = new LinkedHashMap<>(data);
        if (lane.node() > 0) {
            all.put("node", Integer.toString(lane.node()));
        }
        return all;
    }

    private static Map<String, String> at(Swimlanes.Row row, String... more) {
        Map<String, String> data = new LinkedHashMap<>();
        data.put("step", Integer.toString(row.step()));
        for (int i = 0; i + 1 < more.length; i += 2) {
            data.put(more[i], more[i + 1]);
        }
        return data;
    }

    private static void row(Svg svg, Swimlanes p, int r, double[] tops, double versionsLeft) {
        Swimlanes.Row row = p.rows().get(r);
        double top = tops[r];
        svg.group("row", at(row));
        svg.line(GUTTER, top - ROW_GAP / 2, versionsLeft + VERSIONS_WIDTH, top - ROW_GAP / 2, "row-rule");
        svg.text(GUTTER - 8, top + 15, "end", "step-no", Integer.toString(row.step()));
        svg.endGroup();
        for (int li = 0; li < row.cells().size(); li++) {
            ScheduleColumns.Cell c = row.cells().get(li);
            if (c.kind() != ScheduleColumns.Kind.EMPTY && c.kind() != ScheduleColumns.Kind.BAR) {
                box(svg, row, p.lanes().get(li), li, c, top);
            }
        }
        if (row.version() != null) {
            version(svg, row, top, versionsLeft);
        }
    }

    /** The CSS classes of a box: its kind, then {@code error} or {@code commit}. */
    static String boxClass(ScheduleColumns.Cell c) {
        String kind = c.kind().name().toLowerCase(Locale.ROOT).replace('_', '-');
        return "box " + kind + switch (c.mark()) {
            case ERROR -> " error";
            case COMMIT -> " commit";
            case NONE -> "";
        };
    }

    private static void box(Svg svg, Swimlanes.Row row, Swimlanes.Lane lane, int li, ScheduleColumns.Cell c,
            double top) {
        BoxText text = text(c);
        double x = laneLeft(li) + BAR_ROOM;
        double w = boxWidth();
        String tip = "step " + row.step() + ", " + lane.session() + (c.sql() == null ? "" : ": " + c.sql())
                + (c.outcome() == null ? "" : " → " + c.outcome());
        svg.group(boxClass(c), at(row, "session", lane.session()));
        svg.rect(x, top, w, text.height(), "frame", tip);
        if (c.mark() != ScheduleColumns.Mark.NONE) {
            svg.rect(x, top, 4, text.height(), "stripe", c.mark() == ScheduleColumns.Mark.ERROR ? "error" : "commit");
        }
        double y = top + BOX_PADDING + 10;
        for (String l : text.sql()) {
            svg.text(x + BOX_PADDING, y, "start", "sql", l);
            y += SQL_LINE;
        }
        y += 1;
        for (String l : text.result()) {
            svg.text(x + BOX_PADDING, y, "start", "result", l);
            y += RESULT_LINE;
        }
        svg.endGroup();
    }

    private static void version(Svg svg, Swimlanes.Row row, double top, double left) {
        RowVersions.Version v = row.version();
        String state = v.state().name().toLowerCase(Locale.ROOT);
        boolean locked = !v.lockedBy().isEmpty();
        double h = locked ? 36 : 20;
        svg.group("version " + state + (locked ? " locked" : ""), at(row));
        svg.rect(left, top, VERSIONS_WIDTH, h, "pill", "after step " + row.step() + ": " + v.stateWords()
                + (locked ? ", " + v.lockWords() + (v.fromLockView() ? " (the server's lock view)" : "") : ""));
        if (locked) {
            svg.rect(left, top + 20, VERSIONS_WIDTH, 16, "lock-band", v.lockWords());
        }
        svg.text(left + 8, top + 14, "start", "pill-text", v.stateWords());
        if (locked) {
            svg.text(left + 8, top + 32, "start", "lock-text", v.lockWords());
        }
        svg.endGroup();
    }

    /** A bar in the lane's left room, one segment per row it spans, so a step-by-step page can grow it. */
    private static void bar(Svg svg, Swimlanes p, Swimlanes.Bar b, double[] tops) {
        Swimlanes.Lane lane = p.lanes().get(b.lane());
        Swimlanes.Row from = p.rows().get(b.fromRow());
        Swimlanes.Row to = p.rows().get(b.toRow());
        Map<String, String> data = new LinkedHashMap<>();
        data.put("session", lane.session());
        data.put("from-step", Integer.toString(from.step()));
        data.put("to-step", Integer.toString(to.step()));
        svg.group(b.finished() ? "bar" : "bar unfinished", data);
        double x = laneLeft(b.lane()) + (BAR_ROOM - BAR_WIDTH) / 2;
        String tip = lane.session() + "'s step " + from.step() + " waits for a lock"
                + (b.finished() ? " until step " + to.step() : ", and still did at the end");
        for (int r = b.fromRow(); r <= b.toRow(); r++) {
            double y1 = r == b.fromRow() ? tops[r] + 4 : tops[r] - ROW_GAP;
            double y2 = r == b.toRow() && b.finished() ? tops[r] + 8 : tops[r + 1];
            svg.group("segment", at(p.rows().get(r)));
            svg.rect(x, y1, BAR_WIDTH, Math.max(y2 - y1, 1), "wait", tip);
            svg.endGroup();
        }
        svg.endGroup();
    }

    /**
     * An arrow from the waiting step into the holder's lane, to about its middle (in the row a
     * step blocks, the holder sends nothing, so its lane is free there), labelled with who holds it.
     */
    private static void arrow(Svg svg, Swimlanes p, Swimlanes.Arrow a, double[] tops) {
        Swimlanes.Row row = p.rows().get(a.row());
        double y = tops[a.row()] + Math.min(text(row.cells().get(a.from())).height() - 8, 30);
        boolean left = a.to() < a.from();
        double x1 = left ? laneLeft(a.from()) + (BAR_ROOM - BAR_WIDTH) / 2
                : laneLeft(a.from()) + LANE_WIDTH - BOX_RIGHT_MARGIN;
        double x2 = laneLeft(a.to()) + LANE_WIDTH * (left ? 0.55 : 0.45);
        double head = left ? 8 : -8;
        String holder = p.lanes().get(a.to()).session();
        svg.group("arrow", at(row, "from", p.lanes().get(a.from()).session(), "to", holder));
        svg.line(x1, y, x2 + head, y, "wait-line");
        svg.polygon(List.of(new Svg.Pixel(x2, y), new Svg.Pixel(x2 + head, y - 5), new Svg.Pixel(x2 + head, y + 5)),
                "wait-head");
        svg.text(x2 + (left ? 4 : -4), y - 7, left ? "start" : "end", "wait-label", holder + " holds the lock");
        svg.endGroup();
    }

    /** Every row's step, top to bottom: what a page steps through. */
    public static List<Integer> steps(Timeline t) {
        List<Integer> steps = new ArrayList<>();
        Swimlanes.of(t).rows().forEach(r -> steps.add(r.step()));
        return steps;
    }
}
