package org.lockdemo.report.svg;

import java.util.ArrayList;
import java.util.List;
import java.util.function.DoubleUnaryOperator;
import org.HdrHistogram.Histogram;
import org.HdrHistogram.HistogramIterationValue;

/**
 * HdrHistogram's percentile distribution plot: x is the percentile on a log scale of
 * {@code 1/(1-p)} (so 90%, 99%, 99.9% are evenly spaced and the tail gets the room), y the value
 * in milliseconds on a {@link MillisAxis}. One strategy's curve (a card), or several overlaid in
 * their colours with a legend (the overview). Pure: from a histogram to points, from points to SVG
 * text. Stateless.
 */
public final class PercentileChart {
    /** Percentile iteration density, as in HdrHistogram's own percentile output. */
    private static final int TICKS_PER_HALF_DISTANCE = 5;

    /** One step of the distribution: {@code percentile}% of the values are at most {@code millis}. */
    public record Point(double percentile, double millis) {
        /** {@code 1/(1-p)}, the x coordinate before scaling; 100% lands on {@code cap}. */
        public double inverseTail(double cap) {
            return percentile >= 100 ? cap : Math.min(cap, 100 / (100 - percentile));
        }
    }

    /**
     * One line of an overlaid chart: its legend label, its points, the number of samples behind them
     * (how far into the tail it can reach) and the CSS class that colours it.
     */
    public record Series(String label, List<Point> points, long count, String cssClass) {
        public Series {
            points = List.copyOf(points);
        }
    }

    private PercentileChart() {
    }

    /** The distribution of a histogram of nanoseconds, in milliseconds; empty for an empty histogram. */
    public static List<Point> points(Histogram nanos) {
        List<Point> points = new ArrayList<>();
        if (nanos.getTotalCount() == 0) {
            return points;
        }
        for (HistogramIterationValue v : nanos.percentiles(TICKS_PER_HALF_DISTANCE)) {
            Point p = new Point(v.getPercentileLevelIteratedTo(), v.getValueIteratedTo() / 1e6);
            if (points.isEmpty() || !p.equals(points.get(points.size() - 1))) { // the iterator repeats 100%
                points.add(p);
            }
        }
        return points;
    }

    /**
     * The right end of the x axis, a power of ten of {@code 1/(1-p)}: the tail the sample count can
     * show (100 samples resolve 99%, 1000 samples 99.9%), at least 99% and at most 99.9999%.
     */
    public static double xMax(long count) {
        int decades = (int) Math.ceil(Math.log10(Math.max(count, 1)));
        return Math.pow(10, Math.max(2, Math.min(6, decades)));
    }

    /** Highest value of the points, in milliseconds; 0 for none. */
    public static double maxMillis(List<Point> points) {
        return points.stream().mapToDouble(Point::millis).max().orElse(0);
    }

    /** The points in pixels, as {@link #svg} draws them. */
    public static List<Svg.Pixel> layout(List<Point> points, long count, double yMaxMillis, Frame f) {
        return layout(points, xMax(count), MillisAxis.linear(Math.max(yMaxMillis, maxMillis(points))), f);
    }

    /** The points in pixels on an x axis reaching {@code cap} (see {@link #xMax}) and the y axis given. */
    public static List<Svg.Pixel> layout(List<Point> points, double cap, MillisAxis yAxis, Frame f) {
        DoubleUnaryOperator y = yAxis.scale(f);
        LogScale x = new LogScale(1, cap, f.left(), f.right());
        List<Svg.Pixel> pixels = new ArrayList<>();
        for (Point p : points) {
            pixels.add(new Svg.Pixel(x.apply(p.inverseTail(cap)), y.applyAsDouble(p.millis())));
        }
        return pixels;
    }

    /**
     * One strategy's chart, as a card draws it: a linear y axis, no legend.
     *
     * @param yMaxMillis top of the y axis before rounding up to a tick, so several charts can share
     *                   one scale; at least the points' own maximum is used
     */
    public static String svg(String kind, String title, List<Point> points, long count, double yMaxMillis,
            Frame f) {
        Svg svg = new Svg(kind, title, f.width(), f.height());
        f.title(svg, title, "ms");
        drawAxes(svg, xMax(count), MillisAxis.linear(Math.max(yMaxMillis, maxMillis(points))), f);
        if (points.isEmpty()) {
            svg.text((f.left() + f.right()) / 2, (f.top() + f.bottom()) / 2, "middle", "empty", "no samples");
            return svg.close();
        }
        drawSeries(svg, new Series(null, points, count, ""), xMax(count),
                MillisAxis.linear(Math.max(yMaxMillis, maxMillis(points))), f);
        return svg.close();
    }

    /**
     * Several series overlaid on shared axes, a legend at the right naming each by its label in its
     * colour: the x axis reaches as far into the tail as the largest series can show, the y axis is
     * {@code yAxis} (give several charts the same one to compare them). The SVG is {@code width}
     * wide including the legend's {@code legendWidth}.
     */
    public static String svg(String kind, String title, List<Series> series, MillisAxis yAxis, int width, int height,
            int legendWidth) {
        Svg svg = new Svg(kind, title, width, height);
        Frame f = new Frame(width - legendWidth, height);
        svg.text(f.left() - 6, 13, "end", "axis-unit", "ms");
        double cap = xMax(series.stream().mapToLong(Series::count).max().orElse(0));
        drawAxes(svg, cap, yAxis, f);
        List<Legend.Entry> legend = new ArrayList<>();
        for (Series s : series) {
            legend.add(new Legend.Entry(s.label(), s.cssClass()));
            if (!s.points().isEmpty()) {
                drawSeries(svg, s, cap, yAxis, f);
            }
        }
        if (series.stream().allMatch(s -> s.points().isEmpty())) {
            svg.text((f.left() + f.right()) / 2, (f.top() + f.bottom()) / 2, "middle", "empty", "no samples");
        }
        double legendLeft = f.width() + 14;
        Legend.draw(svg, legend, Legend.Swatch.LINE, legendLeft, f.top() - 4, legendLeft);
        return svg.close();
    }

    private static void drawAxes(Svg svg, double cap, MillisAxis yAxis, Frame f) {
        yAxis.grid(svg, f);
        LogScale x = new LogScale(1, cap, f.left(), f.right());
        for (int decade = 0; Math.pow(10, decade) <= cap * (1 + 1e-9); decade++) {
            double px = x.apply(Math.pow(10, decade));
            svg.line(px, f.top(), px, f.bottom(), decade == 0 ? "axis" : "grid");
            svg.text(px, f.bottom() + 13, decade == 0 ? "start" : "middle", "tick", percentileLabel(decade));
        }
        svg.text((f.left() + f.right()) / 2, f.height() - 4, "middle", "axis-title", "percentile");
    }

    private static void drawSeries(Svg svg, Series s, double cap, MillisAxis yAxis, Frame f) {
        List<Svg.Pixel> pixels = layout(s.points(), cap, yAxis, f);
        String css = s.cssClass().isEmpty() ? "" : " " + s.cssClass();
        String who = s.label() == null ? "" : s.label() + ": ";
        double max = s.points().get(s.points().size() - 1).millis();
        if (s.label() == null) {
            svg.polyline(pixels, "series");
        } else {
            svg.polyline(pixels, "series" + css, who + "p50 " + Markup.number(valueAt(s.points(), 50), 2) + " ms, p99 "
                    + Markup.number(valueAt(s.points(), 99), 2) + " ms, max " + Markup.number(max, 2) + " ms");
        }
        Svg.Pixel end = pixels.get(pixels.size() - 1);
        svg.circle(end.x(), end.y(), 2.5, "series-end" + css, who + "max " + Markup.number(max, 2) + " ms");
    }

    /** The value at the first point at or above {@code percentile}: what the histogram reports for it. */
    static double valueAt(List<Point> points, double percentile) {
        for (Point p : points) {
            if (p.percentile() >= percentile) {
                return p.millis();
            }
        }
        return points.isEmpty() ? 0 : points.get(points.size() - 1).millis();
    }

    /** 0%, 90%, 99%, 99.9%, ... for decade 0, 1, 2, 3, ... of {@code 1/(1-p)}. */
    static String percentileLabel(int decade) {
        if (decade == 0) {
            return "0%";
        }
        return Markup.number(100 - 100 / Math.pow(10, decade), decade) + "%";
    }
}
