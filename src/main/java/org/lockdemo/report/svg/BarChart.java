package org.lockdemo.report.svg;

import java.util.ArrayList;
import java.util.List;

/**
 * Horizontal bars, one row per labelled count, each as long as its share of the total: how a
 * strategy's attempts ended. Pure: from counts to placed bars, from placed bars to SVG text.
 * Stateless.
 */
public final class BarChart {
    static final double LABEL_WIDTH = 150;
    static final double COUNT_WIDTH = 74;
    static final double ROW_HEIGHT = 18;
    static final double BAR_HEIGHT = 13;
    static final double TOP = 4;

    /** One row: a label, its count, and the CSS class that colours it. */
    public record Bar(String label, long count, String cssClass) {
    }

    /** A bar placed in pixels. */
    public record Placed(Bar bar, double y, double width, double share) {
    }

    private BarChart() {
    }

    /** Places the bars top to bottom; the total's bar would span {@code width - labels - counts}. */
    public static List<Placed> layout(List<Bar> bars, long total, int width) {
        double full = width - LABEL_WIDTH - COUNT_WIDTH;
        List<Placed> placed = new ArrayList<>();
        for (int i = 0; i < bars.size(); i++) {
            Bar b = bars.get(i);
            double share = total <= 0 ? 0 : (double) b.count() / total;
            placed.add(new Placed(b, TOP + i * ROW_HEIGHT, Math.max(share * full, b.count() > 0 ? 1 : 0), share));
        }
        return placed;
    }

    public static int height(int rows) {
        return (int) Math.ceil(TOP * 2 + Math.max(rows, 1) * ROW_HEIGHT);
    }

    public static String svg(String kind, String title, List<Bar> bars, long total, int width) {
        Svg svg = new Svg(kind, title, width, height(bars.size()));
        if (bars.isEmpty()) {
            svg.text(width / 2.0, TOP + 13, "middle", "empty", "no attempts");
        }
        for (Placed p : layout(bars, total, width)) {
            double textY = p.y() + BAR_HEIGHT - 2.5;
            svg.text(LABEL_WIDTH - 6, textY, "end", "bar-label", p.bar().label());
            svg.rect(LABEL_WIDTH, p.y(), p.width(), BAR_HEIGHT, "bar " + p.bar().cssClass(),
                    p.bar().label() + ": " + p.bar().count() + " of " + total);
            svg.text(LABEL_WIDTH + p.width() + 4, textY, "start", "bar-count",
                    p.bar().count() + " (" + Markup.number(p.share() * 100, 1) + "%)");
        }
        return svg.close();
    }
}
