package org.lockdemo.report.svg;

import java.util.ArrayList;
import java.util.List;
import org.HdrHistogram.Histogram;
import org.HdrHistogram.HistogramIterationValue;

/**
 * HdrHistogram's percentile distribution plot: x is the percentile on a log scale of
 * {@code 1/(1-p)} (so 90%, 99%, 99.9% are evenly spaced and the tail gets the room), y the value
 * in milliseconds. Pure: from a histogram to points, from points to SVG text. Stateless.
 */
public final class PercentileChart {
    /** Percentile iteration density, as in HdrHistogram's own percentile output. */
    private static final int TICKS_PER_HALF_DISTANCE = 5;
    private static final int Y_INTERVALS = 4;

    /** One step of the distribution: {@code percentile}% of the values are at most {@code millis}. */
    public record Point(double percentile, double millis) {
        /** {@code 1/(1-p)}, the x coordinate before scaling; 100% lands on {@code cap}. */
        public double inverseTail(double cap) {
            return percentile >= 100 ? cap : Math.min(cap, 100 / (100 - percentile));
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

    /** The y axis' ticks, 0 to at least {@code yMaxMillis} and the points' maximum. */
    private static List<Double> yTicks(List<Point> points, double yMaxMillis) {
        return Ticks.upTo(Math.max(yMaxMillis, maxMillis(points)), Y_INTERVALS);
    }

    /** The points in pixels, as {@link #svg} draws them. */
    public static List<Svg.Pixel> layout(List<Point> points, long count, double yMaxMillis, Frame f) {
        List<Double> ticks = yTicks(points, yMaxMillis);
        LinearScale y = new LinearScale(0, ticks.get(ticks.size() - 1), f.bottom(), f.top());
        double cap = xMax(count);
        LogScale x = new LogScale(1, cap, f.left(), f.right());
        List<Svg.Pixel> pixels = new ArrayList<>();
        for (Point p : points) {
            pixels.add(new Svg.Pixel(x.apply(p.inverseTail(cap)), y.apply(p.millis())));
        }
        return pixels;
    }

    /**
     * @param yMaxMillis top of the y axis before rounding up to a tick, so several charts can share
     *                   one scale; at least the points' own maximum is used
     */
    public static String svg(String kind, String title, List<Point> points, long count, double yMaxMillis,
            Frame f) {
        Svg svg = new Svg(kind, title, f.width(), f.height());
        f.title(svg, title, "ms");
        List<Double> ticks = yTicks(points, yMaxMillis);
        double top = ticks.get(ticks.size() - 1);
        f.yGrid(svg, new LinearScale(0, top, f.bottom(), f.top()), ticks, Ticks.decimals(ticks.get(1)));
        double cap = xMax(count);
        LogScale x = new LogScale(1, cap, f.left(), f.right());
        for (int decade = 0; Math.pow(10, decade) <= cap * (1 + 1e-9); decade++) {
            double px = x.apply(Math.pow(10, decade));
            svg.line(px, f.top(), px, f.bottom(), decade == 0 ? "axis" : "grid");
            svg.text(px, f.bottom() + 13, decade == 0 ? "start" : "middle", "tick", percentileLabel(decade));
        }
        svg.text((f.left() + f.right()) / 2, f.height() - 4, "middle", "axis-title", "percentile");
        if (points.isEmpty()) {
            svg.text((f.left() + f.right()) / 2, (f.top() + f.bottom()) / 2, "middle", "empty", "no samples");
            return svg.close();
        }
        List<Svg.Pixel> pixels = layout(points, count, yMaxMillis, f);
        svg.polyline(pixels, "series");
        Svg.Pixel end = pixels.get(pixels.size() - 1);
        svg.circle(end.x(), end.y(), 2.5, "series-end",
                "max " + Markup.number(points.get(points.size() - 1).millis(), 2) + " ms");
        return svg.close();
    }

    /** 0%, 90%, 99%, 99.9%, ... for decade 0, 1, 2, 3, ... of {@code 1/(1-p)}. */
    static String percentileLabel(int decade) {
        if (decade == 0) {
            return "0%";
        }
        return Markup.number(100 - 100 / Math.pow(10, decade), decade) + "%";
    }
}
