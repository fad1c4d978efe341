package org.lockdemo.report.svg;

import java.util.ArrayList;
import java.util.List;

/**
 * A chart's legend inside its SVG: entries left to right, wrapped to the width given, each a
 * swatch (a square for areas, a short line for series) and its label. Text width is estimated from
 * the label's length, since the page has no script to measure it. Pure; stateless.
 */
public final class Legend {
    static final double ROW_HEIGHT = 16;
    static final double SWATCH = 10;
    static final double GAP = 16;
    /** A generous average width of an 11 px sans-serif character, so labels never overlap. */
    static final double CHAR_WIDTH = 6.6;

    /** What an entry's swatch is: a filled square or a stroked line. */
    public enum Swatch { AREA, LINE }

    /** One entry: the label and the CSS class that colours its swatch as the chart colours its mark. */
    public record Entry(String label, String cssClass) {
    }

    /** An entry placed in pixels: its swatch's left edge and the row's middle. */
    public record Placed(Entry entry, double x, double y) {
    }

    private Legend() {
    }

    static double entryWidth(Entry e) {
        return SWATCH + 5 + e.label().length() * CHAR_WIDTH;
    }

    /** Places the entries in rows from {@code (left, top)}, a new row when the next would pass {@code right}. */
    public static List<Placed> layout(List<Entry> entries, double left, double top, double right) {
        List<Placed> placed = new ArrayList<>();
        double x = left;
        double y = top + ROW_HEIGHT / 2;
        for (Entry e : entries) {
            double w = entryWidth(e);
            if (x > left && x + w > right) {
                x = left;
                y += ROW_HEIGHT;
            }
            placed.add(new Placed(e, x, y));
            x += w + GAP;
        }
        return placed;
    }

    /** The height the entries take when laid out between {@code left} and {@code right}; 0 for none. */
    public static double height(List<Entry> entries, double left, double right) {
        List<Placed> placed = layout(entries, left, 0, right);
        return placed.isEmpty() ? 0 : placed.get(placed.size() - 1).y() + ROW_HEIGHT / 2;
    }

    public static void draw(Svg svg, List<Entry> entries, Swatch swatch, double left, double top, double right) {
        for (Placed p : layout(entries, left, top, right)) {
            if (swatch == Swatch.AREA) {
                svg.rect(p.x(), p.y() - SWATCH / 2, SWATCH, SWATCH, "swatch " + p.entry().cssClass(),
                        p.entry().label());
            } else {
                svg.line(p.x() - 2, p.y(), p.x() + SWATCH + 2, p.y(), "swatch " + p.entry().cssClass());
            }
            svg.text(p.x() + SWATCH + 5, p.y() + 3.5, "start", "legend-label", p.entry().label());
        }
    }
}
