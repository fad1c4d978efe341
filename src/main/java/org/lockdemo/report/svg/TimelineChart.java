package org.lockdemo.report.svg;

import java.util.ArrayList;
import java.util.List;

/**
 * Throughput over time: one column per second since the start line, successes stacked under
 * failed attempts. The last second is usually cut short by the end of the run; its column is drawn
 * lighter so its lower count is not read as a slowdown. Pure; stateless.
 */
public final class TimelineChart {
    private static final int Y_INTERVALS = 4;
    private static final int MAX_X_LABELS = 8;

    /** One second's column in pixels: successes from {@code ySuccess} down, failures above them. */
    public record Column(int second, long attempts, long successes, double x, double width, double yFailures,
            double ySuccesses, boolean partial) {
    }

    private TimelineChart() {
    }

    /**
     * @param elapsedSeconds the run's length; a last second shorter than a whole one is marked partial
     * @param yMax           top of the y axis before rounding up, to share one scale across charts
     */
    public static List<Column> layout(long[] attempts, long[] successes, double elapsedSeconds, double yMax,
            Frame f) {
        LinearScale y = yScale(attempts, yMax, f);
        List<Column> columns = new ArrayList<>();
        int n = attempts.length;
        double slot = (f.right() - f.left()) / Math.max(n, 1);
        double gap = slot > 6 ? Math.min(slot * 0.2, 6) : 0;
        for (int i = 0; i < n; i++) {
            boolean partial = i == n - 1 && elapsedSeconds < n - 1e-3;
            columns.add(new Column(i, attempts[i], successes[i], f.left() + i * slot + gap / 2, slot - gap,
                    y.apply(attempts[i]), y.apply(successes[i]), partial));
        }
        return columns;
    }

    /** Highest attempts in any second; 0 for none. */
    public static long maxPerSecond(long[] attempts) {
        long max = 0;
        for (long a : attempts) {
            max = Math.max(max, a);
        }
        return max;
    }

    public static String svg(String kind, String title, long[] attempts, long[] successes, double elapsedSeconds,
            double yMax, Frame f) {
        Svg svg = new Svg(kind, title, f.width(), f.height());
        f.title(svg, title, "per s");
        List<Double> ticks = Ticks.upTo(Math.max(yMax, maxPerSecond(attempts)), Y_INTERVALS);
        f.yGrid(svg, yScale(attempts, yMax, f), ticks, Ticks.decimals(ticks.get(1)));
        svg.text((f.left() + f.right()) / 2, f.height() - 4, "middle", "axis-title", "seconds since the start line");
        if (attempts.length == 0) {
            svg.text((f.left() + f.right()) / 2, (f.top() + f.bottom()) / 2, "middle", "empty",
                    "no per-second samples in this file");
            return svg.close();
        }
        int every = (int) Math.ceil(attempts.length / (double) MAX_X_LABELS);
        for (Column c : layout(attempts, successes, elapsedSeconds, yMax, f)) {
            String part = c.partial() ? " partial" : "";
            String when = "second " + (c.second() + 1) + (c.partial() ? " (cut short by the end of the run)" : "");
            svg.rect(c.x(), c.yFailures(), c.width(), c.ySuccesses() - c.yFailures(), "col-fail" + part,
                    when + ": " + (c.attempts() - c.successes()) + " failed attempts");
            svg.rect(c.x(), c.ySuccesses(), c.width(), f.bottom() - c.ySuccesses(), "col-ok" + part,
                    when + ": " + c.successes() + " successful of " + c.attempts() + " attempts");
            if (c.second() % every == 0) {
                svg.text(c.x(), f.bottom() + 13, "start", "tick", c.second() + "s");
            }
        }
        return svg.close();
    }

    private static LinearScale yScale(long[] attempts, double yMax, Frame f) {
        List<Double> ticks = Ticks.upTo(Math.max(yMax, maxPerSecond(attempts)), Y_INTERVALS);
        return new LinearScale(0, ticks.get(ticks.size() - 1), f.bottom(), f.top());
    }
}
