package org.lockdemo.report.svg;

import static org.lockdemo.report.svg.Markup.coord;
import static org.lockdemo.report.svg.Markup.escape;

import java.util.List;

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
        b.append("<line class=\"").append(escape(cssClass)).append("\" x1=\"").append(coord(x1))
                .append("\" y1=\"").append(coord(y1)).append("\" x2=\"").append(coord(x2))
                .append("\" y2=\"").append(coord(y2)).append("\"/>\n");
        return this;
    }

    /** @param anchor start, middle or end */
    public Svg text(double x, double y, String anchor, String cssClass, String text) {
        b.append("<text class=\"").append(escape(cssClass)).append("\" x=\"").append(coord(x))
                .append("\" y=\"").append(coord(y)).append("\" text-anchor=\"").append(escape(anchor)).append("\">")
                .append(escape(text)).append("</text>\n");
        return this;
    }

    /** A rectangle with a tooltip. */
    public Svg rect(double x, double y, double width, double height, String cssClass, String tooltip) {
        b.append("<rect class=\"").append(escape(cssClass)).append("\" x=\"").append(coord(x))
                .append("\" y=\"").append(coord(y)).append("\" width=\"").append(coord(width))
                .append("\" height=\"").append(coord(height)).append("\"><title>").append(escape(tooltip))
                .append("</title></rect>\n");
        return this;
    }

    public Svg polyline(List<Pixel> points, String cssClass) {
        b.append("<polyline class=\"").append(escape(cssClass)).append("\" points=\"");
        for (int i = 0; i < points.size(); i++) {
            if (i > 0) {
                b.append(' ');
            }
            b.append(coord(points.get(i).x())).append(',').append(coord(points.get(i).y()));
        }
        b.append("\"/>\n");
        return this;
    }

    public Svg circle(double x, double y, double r, String cssClass, String tooltip) {
        b.append("<circle class=\"").append(escape(cssClass)).append("\" cx=\"").append(coord(x))
                .append("\" cy=\"").append(coord(y)).append("\" r=\"").append(coord(r)).append("\"><title>")
                .append(escape(tooltip)).append("</title></circle>\n");
        return this;
    }

    /** Closes the element and returns its text. */
    public String close() {
        b.append("</svg>\n");
        return b.toString();
    }
}
