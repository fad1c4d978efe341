package org.lockdemo.report.svg;

import static org.lockdemo.report.svg.Markup.coord;
import static org.lockdemo.report.svg.Markup.escape;

import java.util.List;
import java.util.Map;

/**
 * Builds the text of one inline {@code <svg>} element. Every string that goes in is escaped here,
 * every number formatted by {@link Markup}. Not thread-safe: one chart, one builder, one thread.
 */
public final class Svg {
    /** A point in pixels. */
    public record Pixel(double x, double y) {
    }

    private final StringBuilder b = new StringBuilder(4096);

    /**
     * Opens the element. {@code kind} goes into {@code data-chart} so tests (and the browser test)
     * can find charts by what they show; {@code title} is the tooltip and the accessible name.
     */
    public Svg(String kind, String title, int width, int height) {
        b.append("<svg xmlns=\"http://www.w3.org/2000/svg\" class=\"chart\" data-chart=\"").append(escape(kind))
                .append("\" role=\"img\" aria-label=\"").append(escape(title))
                .append("\" width=\"").append(width).append("\" height=\"").append(height)
                .append("\" viewBox=\"0 0 ").append(width).append(' ').append(height).append("\">\n")
                .append("<title>").append(escape(title)).append("</title>\n");
    }

    public Svg line(double x1, double y1, double x2, double y2, String cssClass) {
        start("line", cssClass).attr("x1", x1).attr("y1", y1).attr("x2", x2).attr("y2", y2);
        b.append("/>\n");
        return this;
    }

    /** @param anchor start, middle or end */
    public Svg text(double x, double y, String anchor, String cssClass, String text) {
        start("text", cssClass).attr("x", x).attr("y", y);
        b.append(" text-anchor=\"").append(escape(anchor)).append("\">").append(escape(text)).append("</text>\n");
        return this;
    }

    /** A rectangle with a tooltip. */
    public Svg rect(double x, double y, double width, double height, String cssClass, String tooltip) {
        start("rect", cssClass).attr("x", x).attr("y", y).attr("width", width).attr("height", height);
        return tooltip("rect", tooltip);
    }

    public Svg polyline(List<Pixel> points, String cssClass) {
        points(points, cssClass);
        b.append("/>\n");
        return this;
    }

    /** A polyline with a tooltip. */
    public Svg polyline(List<Pixel> points, String cssClass, String tooltip) {
        points(points, cssClass);
        return tooltip("polyline", tooltip);
    }

    private void points(List<Pixel> points, String cssClass) {
        start("polyline", cssClass);
        b.append(" points=\"");
        for (int i = 0; i < points.size(); i++) {
            if (i > 0) {
                b.append(' ');
            }
            b.append(coord(points.get(i).x())).append(',').append(coord(points.get(i).y()));
        }
        b.append('"');
    }

    /** A filled polygon, e.g. an arrow's head. */
    public Svg polygon(List<Pixel> points, String cssClass) {
        start("polygon", cssClass);
        b.append(" points=\"");
        for (int i = 0; i < points.size(); i++) {
            if (i > 0) {
                b.append(' ');
            }
            b.append(coord(points.get(i).x())).append(',').append(coord(points.get(i).y()));
        }
        b.append("\"/>\n");
        return this;
    }

    /**
     * Opens a group that later elements go into until {@link #endGroup()}; {@code data} become
     * {@code data-*} attributes (in the order given), so a page's script and a browser test can
     * find what the group draws.
     */
    public Svg group(String cssClass, Map<String, String> data) {
        start("g", cssClass);
        data.forEach((name, value) -> b.append(" data-").append(escape(name)).append("=\"").append(escape(value))
                .append('"'));
        b.append(">\n");
        return this;
    }

    /** Closes the group {@link #group} opened last. */
    public Svg endGroup() {
        b.append("</g>\n");
        return this;
    }

    /** A style sheet inside the SVG, for a drawing that stands alone (a {@code .svg} file). */
    public Svg style(String css) {
        b.append("<style>\n").append(escape(css)).append("</style>\n");
        return this;
    }

    public Svg circle(double x, double y, double r, String cssClass, String tooltip) {
        start("circle", cssClass).attr("cx", x).attr("cy", y).attr("r", r);
        return tooltip("circle", tooltip);
    }

    private Svg start(String tag, String cssClass) {
        b.append('<').append(tag).append(" class=\"").append(escape(cssClass)).append('"');
        return this;
    }

    private Svg attr(String name, double value) {
        b.append(' ').append(name).append("=\"").append(coord(value)).append('"');
        return this;
    }

    /** Ends the start tag, adds a {@code <title>} child (the browser's tooltip) and closes the element. */
    private Svg tooltip(String tag, String tooltip) {
        b.append("><title>").append(escape(tooltip)).append("</title></").append(tag).append(">\n");
        return this;
    }

    /** Closes the element and returns its text. */
    public String close() {
        b.append("</svg>\n");
        return b.toString();
    }
}
