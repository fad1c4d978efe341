package org.lockdemo.report.svg;

/**
 * Where a chart's plot area sits inside its SVG: fixed margins for the axis labels. Immutable.
 *
 * @param width  the SVG's width in pixels
 * @param height the SVG's height in pixels
 */
public record Frame(int width, int height) {
    public static final double LEFT = 46;
    public static final double RIGHT = 10;
    public static final double TOP = 20;
    public static final double BOTTOM = 32;

    public double left() {
        return LEFT;
    }

    public double right() {
        return width - RIGHT;
    }

    public double top() {
        return TOP;
    }

    public double bottom() {
        return height - BOTTOM;
    }

    /** Draws the chart's title above the plot and its y-axis unit at the top left. */
    public void title(Svg svg, String title, String yUnit) {
        svg.text(LEFT, 13, "start", "chart-title", title);
        svg.text(LEFT - 6, 13, "end", "axis-unit", yUnit);
    }

    /** Horizontal grid lines with their labels at the left. */
    public void yGrid(Svg svg, LinearScale y, Iterable<Double> ticks, int decimals) {
        for (double t : ticks) {
            double py = y.apply(t);
            svg.line(left(), py, right(), py, t == 0 ? "axis" : "grid");
            svg.text(left() - 5, py + 3.5, "end", "tick", Markup.number(t, decimals));
        }
    }
}
