package org.lockdemo.report.svg;

import java.util.ArrayList;
import java.util.List;
import java.util.function.DoubleUnaryOperator;

/**
 * A chart's y axis in milliseconds: linear from 0 to a round value at least {@code maxMillis}, or
 * logarithmic over the whole decades that hold {@code minMillis} to {@code maxMillis}, for curves
 * that differ by orders of magnitude. Charts given the same axis compare by position. Immutable.
 */
public record MillisAxis(boolean log, double minMillis, double maxMillis) {
    /** Grid intervals of a linear axis. */
    private static final int LINEAR_INTERVALS = 4;
    /** The fastest value a log axis goes down to: 1 µs. */
    static final double LOG_FLOOR_MILLIS = 0.001;

    public static MillisAxis linear(double maxMillis) {
        return new MillisAxis(false, 0, maxMillis);
    }

    /** Whole decades around the range (at least one decade); values at or below the floor sit on the bottom. */
    public static MillisAxis log(double minMillis, double maxMillis) {
        double lo = Math.pow(10, Math.floor(Math.log10(Math.max(minMillis, LOG_FLOOR_MILLIS))));
        double hi = Math.pow(10, Math.ceil(Math.log10(Math.max(maxMillis, lo * 1.0001))));
        return new MillisAxis(true, lo, Math.max(hi, lo * 10));
    }

    /** The log axis over every point of the series, shared by charts given the same series. */
    public static MillisAxis logOver(List<PercentileChart.Series> series) {
        double min = Double.MAX_VALUE;
        double max = 0;
        for (PercentileChart.Series s : series) {
            for (PercentileChart.Point p : s.points()) {
                if (p.millis() > 0) {
                    min = Math.min(min, p.millis());
                }
                max = Math.max(max, p.millis());
            }
        }
        return min == Double.MAX_VALUE ? log(1, 10) : log(min, max);
    }

    List<Double> ticks() {
        if (!log) {
            return Ticks.upTo(maxMillis, LINEAR_INTERVALS);
        }
        List<Double> ticks = new ArrayList<>();
        for (double d = minMillis; d <= maxMillis * (1 + 1e-9); d *= 10) {
            ticks.add(d);
        }
        return ticks;
    }

    DoubleUnaryOperator scale(Frame f) {
        List<Double> ticks = ticks();
        if (!log) {
            LinearScale y = new LinearScale(0, ticks.get(ticks.size() - 1), f.bottom(), f.top());
            return y::apply;
        }
        LogScale y = new LogScale(minMillis, maxMillis, f.bottom(), f.top());
        return v -> y.apply(Math.max(v, minMillis));
    }

    /** Grid lines and labels; on a log axis also the unlabelled 2 and 5 of each decade. */
    void grid(Svg svg, Frame f) {
        List<Double> ticks = ticks();
        if (!log) {
            f.yGrid(svg, new LinearScale(0, ticks.get(ticks.size() - 1), f.bottom(), f.top()), ticks,
                    Ticks.decimals(ticks.get(1)));
            return;
        }
        DoubleUnaryOperator y = scale(f);
        for (int i = 0; i < ticks.size(); i++) {
            double t = ticks.get(i);
            double py = y.applyAsDouble(t);
            svg.line(f.left(), py, f.right(), py, i == 0 ? "axis" : "grid");
            svg.text(f.left() - 5, py + 3.5, "end", "tick", Markup.number(t, Math.max(0,
                    (int) -Math.floor(Math.log10(t) + 1e-9))));
            if (i < ticks.size() - 1) {
                for (int m : new int[] {2, 5}) {
                    svg.line(f.left(), y.applyAsDouble(t * m), f.right(), y.applyAsDouble(t * m), "grid minor");
                }
            }
        }
    }
}
