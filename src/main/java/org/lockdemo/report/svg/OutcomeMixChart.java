package org.lockdemo.report.svg;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * How the attempts ended, for several strategies on one axis: one stacked horizontal bar per row
 * (a strategy, or a strategy in one of several runs), each outcome a segment as long as its share
 * of the row's attempts, so every bar spans 0 to 100 %. An outcome has one CSS class, hence one
 * colour, in every bar; the legend lists the outcomes that occur. Segments wide enough carry their
 * percentage, each has a tooltip with its count. Pure: rows to placed segments, those to SVG
 * text. Stateless.
 */
public final class OutcomeMixChart {
    static final double LABEL_WIDTH = 150;
    static final double COUNT_WIDTH = 64;
    static final double RIGHT = 10;
    /** Room above the first bar (the axis' percent labels). */
    public static final double TOP = 22;
    public static final double ROW_HEIGHT = 22;
    static final double BAR_HEIGHT = 15;
    static final double AXIS_GAP = 22;
    /** A segment narrower than this has no percentage written in it (the tooltip and the table have it). */
    static final double MIN_LABELLED_WIDTH = 36;

    /**
     * One outcome's count in a row; {@code cssClass} colours it, the same for the same outcome in
     * every row; {@code rank} orders the legend (lockdemo's order of the outcomes: successes first).
     */
    public record Part(String outcome, long count, String cssClass, int rank) {
    }

    /**
     * One bar. {@code label} is drawn at the left, {@code tooltip} names it in the segments' tooltips
     * (e.g. with the run's database); {@code attempts} is what the shares are of.
     */
    public record Row(String label, String tooltip, long attempts, List<Part> parts) {
        public Row {
            parts = List.copyOf(parts);
        }
    }

    /** A segment in pixels. */
    public record Segment(Row row, Part part, double x, double y, double width, double share) {
    }

    private OutcomeMixChart() {
    }

    static double barLeft() {
        return LABEL_WIDTH;
    }

    static double barRight(int width) {
        return width - COUNT_WIDTH - RIGHT;
    }

    /**
     * The segments left to right per row, zero counts left out. Each segment starts where the share
     * before it ends, so a row's widths add up to its share of the attempts (all of the bar when its
     * outcomes add up to its attempts, as lockdemo's always do).
     */
    public static List<Segment> layout(List<Row> rows, int width) {
        double left = barLeft();
        double full = barRight(width) - left;
        List<Segment> segments = new ArrayList<>();
        for (int i = 0; i < rows.size(); i++) {
            Row r = rows.get(i);
            double y = TOP + i * ROW_HEIGHT + (ROW_HEIGHT - BAR_HEIGHT) / 2;
            long before = 0;
            for (Part p : r.parts()) {
                if (p.count() <= 0 || r.attempts() <= 0) {
                    continue;
                }
                double x0 = left + full * before / r.attempts();
                before += p.count();
                double x1 = left + full * before / r.attempts();
                segments.add(new Segment(r, p, x0, y, x1 - x0, (double) p.count() / r.attempts()));
            }
        }
        return segments;
    }

    /** The outcomes that occur in any row, by rank, for the legend. */
    public static List<Legend.Entry> legend(List<Row> rows) {
        Map<String, Part> seen = new LinkedHashMap<>();
        for (Row r : rows) {
            for (Part p : r.parts()) {
                if (p.count() > 0) {
                    seen.putIfAbsent(p.outcome(), p);
                }
            }
        }
        List<Legend.Entry> entries = new ArrayList<>();
        seen.values().stream().sorted(Comparator.comparingInt(Part::rank))
                .forEach(p -> entries.add(new Legend.Entry(p.outcome(), p.cssClass())));
        return entries;
    }

    static double axisY(int rows) {
        return TOP + Math.max(rows, 1) * ROW_HEIGHT;
    }

    public static int height(List<Row> rows, int width) {
        double legendTop = axisY(rows.size()) + AXIS_GAP;
        return (int) Math.ceil(legendTop + Legend.height(legend(rows), barLeft(), barRight(width)) + 4);
    }

    public static String svg(String kind, String title, List<Row> rows, int width) {
        Svg svg = new Svg(kind, title, width, height(rows, width));
        double left = barLeft();
        double right = barRight(width);
        double axisY = axisY(rows.size());
        LinearScale x = new LinearScale(0, 100, left, right);
        for (int pct = 0; pct <= 100; pct += 25) {
            double px = x.apply(pct);
            svg.line(px, TOP - 4, px, axisY, pct == 0 || pct == 100 ? "axis" : "grid");
            svg.text(px, TOP - 8, pct == 0 ? "start" : pct == 100 ? "end" : "middle", "tick", pct + "%");
        }
        svg.text(left + (right - left) / 2, axisY + 15, "middle", "axis-title", "share of the attempts");
        svg.text(right + 6, TOP - 8, "start", "tick", "attempts");
        if (rows.isEmpty()) {
            svg.text(left + (right - left) / 2, TOP + 14, "middle", "empty", "no strategies");
        }
        for (int i = 0; i < rows.size(); i++) {
            Row r = rows.get(i);
            double textY = TOP + i * ROW_HEIGHT + ROW_HEIGHT / 2 + 4;
            svg.text(left - 6, textY, "end", "bar-label", r.label());
            svg.text(right + 6, textY, "start", "bar-count", Long.toString(r.attempts()));
        }
        for (Segment s : layout(rows, width)) {
            String pct = Markup.number(s.share() * 100, 1) + "%";
            svg.rect(s.x(), s.y(), s.width(), BAR_HEIGHT, "seg " + s.part().cssClass(), s.row().tooltip() + ": "
                    + s.part().outcome() + " " + s.part().count() + " of " + s.row().attempts() + " attempts (" + pct
                    + ")");
            if (s.width() >= MIN_LABELLED_WIDTH) {
                svg.text(s.x() + s.width() / 2, s.y() + BAR_HEIGHT - 4, "middle", "seg-label",
                        Markup.number(s.share() * 100, s.share() < 0.1 ? 1 : 0) + "%");
            }
        }
        Legend.draw(svg, legend(rows), Legend.Swatch.AREA, left, axisY + AXIS_GAP, right);
        return svg.close();
    }
}
