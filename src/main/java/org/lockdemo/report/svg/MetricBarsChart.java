package org.lockdemo.report.svg;

import java.util.ArrayList;
import java.util.List;

/**
 * Several measures of the same rows side by side: one panel per metric (attempts per second,
 * blocked waits, ...), the rows' labels once at the left, each panel a horizontal bar per row from
 * zero on its own linear axis, the value written at the bar's end. The rows are in the order and at
 * the height of {@link OutcomeMixChart}'s, so the two charts read as one table when placed side by
 * side. Pure: rows to placed bars, those to SVG text. Stateless.
 */
public final class MetricBarsChart {
    static final double LABEL_WIDTH = 150;
    static final double PANEL_GAP = 24;
    static final double RIGHT = 10;
    /** Room at the right of a panel's longest bar for its value. */
    static final double VALUE_ROOM = 52;
    static final double BAR_HEIGHT = 13;
    private static final int X_INTERVALS = 4;

    /** A row: its label and the CSS class that colours its bars. */
    public record Row(String label, String tooltip, String cssClass) {
    }

    /**
     * One panel: its title and unit, and one value per row, in the rows' order.
     *
     * @param decimals how many decimals the written values keep
     */
    public record Metric(String title, String unit, int decimals, List<Double> values) {
        public Metric {
            values = List.copyOf(values);
        }

        double max() {
            return values.stream().mapToDouble(Double::doubleValue).max().orElse(0);
        }
    }

    /** A bar in pixels, in panel {@code panel}. */
    public record Bar(int panel, int row, double value, double x, double y, double width) {
    }

    private MetricBarsChart() {
    }

    static double panelWidth(int width, int panels) {
        return (width - LABEL_WIDTH - RIGHT - PANEL_GAP * (panels - 1)) / panels;
    }

    static double panelLeft(int width, int panels, int panel) {
        return LABEL_WIDTH + panel * (panelWidth(width, panels) + PANEL_GAP);
    }

    /** The x axis of a panel: 0 to a round value at least the metric's maximum, leaving room for the labels. */
    static LinearScale scale(Metric m, int width, int panels, int panel) {
        List<Double> ticks = Ticks.upTo(m.max(), X_INTERVALS);
        double left = panelLeft(width, panels, panel);
        return new LinearScale(0, ticks.get(ticks.size() - 1), left, left + panelWidth(width, panels) - VALUE_ROOM);
    }

    public static List<Bar> layout(List<Row> rows, List<Metric> metrics, int width) {
        List<Bar> bars = new ArrayList<>();
        for (int p = 0; p < metrics.size(); p++) {
            Metric m = metrics.get(p);
            LinearScale x = scale(m, width, metrics.size(), p);
            for (int r = 0; r < rows.size(); r++) {
                double v = m.values().get(r);
                double y = OutcomeMixChart.TOP + r * OutcomeMixChart.ROW_HEIGHT
                        + (OutcomeMixChart.ROW_HEIGHT - BAR_HEIGHT) / 2;
                bars.add(new Bar(p, r, v, x.apply(0), y, x.apply(v) - x.apply(0)));
            }
        }
        return bars;
    }

    public static int height(int rows) {
        return (int) Math.ceil(OutcomeMixChart.axisY(rows) + 36);
    }

    public static String svg(String kind, String title, List<Row> rows, List<Metric> metrics, int width) {
        for (Metric m : metrics) {
            if (m.values().size() != rows.size()) {
                throw new IllegalArgumentException(m.title() + ": " + m.values().size() + " values for " + rows.size()
                        + " rows");
            }
        }
        Svg svg = new Svg(kind, title, width, height(rows.size()));
        double top = OutcomeMixChart.TOP;
        double axisY = OutcomeMixChart.axisY(rows.size());
        for (int p = 0; p < metrics.size(); p++) {
            Metric m = metrics.get(p);
            LinearScale x = scale(m, width, metrics.size(), p);
            List<Double> ticks = Ticks.upTo(m.max(), X_INTERVALS);
            int decimals = Ticks.decimals(ticks.get(1));
            double left = panelLeft(width, metrics.size(), p);
            svg.text(left, top - 8, "start", "panel-title", m.title());
            for (double t : ticks) {
                double px = x.apply(t);
                svg.line(px, top - 2, px, axisY, t == 0 ? "axis" : "grid");
                svg.text(px, axisY + 13, t == 0 ? "start" : "middle", "tick", Markup.number(t, decimals));
            }
            svg.text(left + (panelWidth(width, metrics.size()) - VALUE_ROOM) / 2, axisY + 28, "middle", "axis-title",
                    m.unit());
        }
        for (int r = 0; r < rows.size(); r++) {
            svg.text(LABEL_WIDTH - 6, top + r * OutcomeMixChart.ROW_HEIGHT + OutcomeMixChart.ROW_HEIGHT / 2 + 4, "end",
                    "bar-label", rows.get(r).label());
        }
        for (Bar b : layout(rows, metrics, width)) {
            Metric m = metrics.get(b.panel());
            Row row = rows.get(b.row());
            String value = Markup.number(b.value(), m.decimals());
            svg.rect(b.x(), b.y(), b.width(), BAR_HEIGHT, "mbar " + row.cssClass(), row.tooltip() + ": " + value + " "
                    + m.unit());
            svg.text(b.x() + b.width() + 4, b.y() + BAR_HEIGHT - 2.5, "start", "bar-count", value);
        }
        return svg.close();
    }
}
