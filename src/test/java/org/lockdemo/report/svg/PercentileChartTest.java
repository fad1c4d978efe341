package org.lockdemo.report.svg;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import org.HdrHistogram.Histogram;
import org.junit.jupiter.api.Test;

class PercentileChartTest {
    private static final long MS = 1_000_000L;

    /** 1, 2, ..., 100 ms: percentile p is p ms, give or take the histogram's precision. */
    private static Histogram oneToHundredMillis() {
        Histogram h = new Histogram(3);
        for (int i = 1; i <= 100; i++) {
            h.recordValue(i * MS);
        }
        return h;
    }

    private static double valueAt(List<PercentileChart.Point> points, double percentile) {
        return points.stream().filter(p -> p.percentile() >= percentile).findFirst().orElseThrow().millis();
    }

    @Test
    void pointsFollowTheDistributionUpToItsMaximum() {
        List<PercentileChart.Point> points = PercentileChart.points(oneToHundredMillis());
        assertEquals(0, points.get(0).percentile(), 1e-9);
        assertEquals(1.0, points.get(0).millis(), 0.001);
        assertEquals(50.0, valueAt(points, 50), 0.05);
        assertEquals(90.0, valueAt(points, 90), 0.1);
        PercentileChart.Point last = points.get(points.size() - 1);
        assertTrue(points.get(points.size() - 2).percentile() < 100, "the maximum once");
        assertEquals(100, last.percentile(), 1e-9);
        assertEquals(100.0, last.millis(), 0.1);
        for (int i = 1; i < points.size(); i++) {
            assertTrue(points.get(i).percentile() >= points.get(i - 1).percentile(), "percentiles ascend");
            assertTrue(points.get(i).millis() >= points.get(i - 1).millis(), "values ascend");
        }
    }

    @Test
    void xIsOneOverOneMinusPAndTheMaximumSitsOnTheRightEdge() {
        assertEquals(1, new PercentileChart.Point(0, 1).inverseTail(100), 1e-9);
        assertEquals(10, new PercentileChart.Point(90, 1).inverseTail(100), 1e-9);
        assertEquals(100, new PercentileChart.Point(99, 1).inverseTail(1000), 1e-9);
        assertEquals(100, new PercentileChart.Point(99.99, 1).inverseTail(100), 1e-9, "capped");
        assertEquals(1000, new PercentileChart.Point(100, 1).inverseTail(1000), 1e-9);
    }

    @Test
    void theAxisReachesTheTailTheSampleCountCanShow() {
        assertEquals(100, PercentileChart.xMax(20), "at least 99%");
        assertEquals(100, PercentileChart.xMax(100));
        assertEquals(10_000, PercentileChart.xMax(3040));
        assertEquals(1_000_000, PercentileChart.xMax(50_000_000_000L), "at most 99.9999%");
        assertEquals("0%", PercentileChart.percentileLabel(0));
        assertEquals("90%", PercentileChart.percentileLabel(1));
        assertEquals("99.9%", PercentileChart.percentileLabel(3));
        assertEquals("99.99%", PercentileChart.percentileLabel(4));
    }

    @Test
    void svgDrawsThePointsOnTheScales() {
        Frame f = new Frame(386, 170);
        String svg = PercentileChart.svg("latency", "latency <of> naive", PercentileChart.points(oneToHundredMillis()),
                100, 200, f);
        assertTrue(svg.startsWith("<svg xmlns=\"http://www.w3.org/2000/svg\" class=\"chart\" data-chart=\"latency\""));
        assertTrue(svg.contains("<title>latency &lt;of&gt; naive</title>"), svg);
        // on a y axis shared up to 200 ms: 0% at 1 ms is on the left edge, 1/200 of the height up
        double plot = f.bottom() - f.top();
        assertTrue(svg.contains("points=\"" + Markup.coord(f.left()) + "," + Markup.coord(f.bottom() - plot / 200) + " "),
                svg);
        // the maximum (100 ms, give or take 0.1%) on the right edge, half way up
        assertTrue(svg.contains(" " + Markup.coord(f.right()) + "," + Markup.coord(f.bottom() - plot / 2) + "\"/>"), svg);
        assertTrue(svg.contains(">99%</text>"), svg);
        assertFalse(svg.contains("NaN"));
    }

    @Test
    void anEmptyHistogramSaysSo() {
        assertTrue(PercentileChart.points(new Histogram(3)).isEmpty());
        String svg = PercentileChart.svg("lock-wait", "t", List.of(), 0, 0, new Frame(300, 150));
        assertTrue(svg.contains(">no samples</text>"), svg);
        assertFalse(svg.contains("<polyline"));
    }

    /** {@code n} values of {@code millis} each, then one of {@code maxMillis}. */
    private static Histogram flat(int n, long millis, long maxMillis) {
        Histogram h = new Histogram(3);
        h.recordValueWithCount(millis * MS, n);
        h.recordValue(maxMillis * MS);
        return h;
    }

    @Test
    void severalSeriesShareTheAxesEachOneLineInItsColourWithALegend() {
        List<PercentileChart.Series> series = List.of(
                new PercentileChart.Series("naive", PercentileChart.points(oneToHundredMillis()), 100, "c0"),
                new PercentileChart.Series("a<b>", PercentileChart.points(flat(9_999, 2, 500)), 10_000, "c1 d1"),
                new PercentileChart.Series("empty", List.of(), 0, "c2"));
        MillisAxis y = MillisAxis.logOver(series);
        assertEquals(1, y.minMillis(), 1e-9, "the decade of the fastest value");
        assertEquals(1000, y.maxMillis(), 1e-9, "the decade above the slowest");
        String svg = PercentileChart.svg("overview-latency", "latency of <all>", series, y, 760, 300, 150);
        assertEquals(2, count(svg, "<polyline class=\"series "), "one line per series with samples");
        assertEquals(1, count(svg, "<polyline class=\"series c0\""));
        assertEquals(1, count(svg, "<polyline class=\"series c1 d1\""));
        assertEquals(3, count(svg, "<line class=\"swatch "), "a legend entry per series, the empty one too");
        assertTrue(svg.contains(">a&lt;b&gt;</text>"), svg);
        assertTrue(svg.contains("aria-label=\"latency of &lt;all&gt;\""), svg);
        // the x axis reaches 99.99% for the series of 10 000 samples
        assertTrue(svg.contains(">99.99%</text>"), svg);
        // log y: 1, 10, 100, 1000 ms
        for (String tick : List.of(">1</text>", ">10</text>", ">100</text>", ">1000</text>")) {
            assertTrue(svg.contains(tick), tick + " in " + svg);
        }
        // both maxima end on the right edge of the plot, which stops before the legend
        Frame plot = new Frame(760 - 150, 300);
        java.util.function.DoubleUnaryOperator scale = y.scale(plot);
        assertTrue(svg.contains("<circle class=\"series-end c1 d1\" cx=\"" + Markup.coord(plot.right()) + "\" cy=\""
                + Markup.coord(scale.applyAsDouble(PercentileChart.maxMillis(series.get(1).points()))) + "\""), svg);
        assertTrue(svg.contains("<title>a&lt;b&gt;: p50 2 ms, p99 2 ms, max 500.17 ms</title>"), svg);
        assertFalse(svg.contains("NaN"));
    }

    private static int count(String haystack, String needle) {
        int n = 0;
        for (int i = haystack.indexOf(needle); i >= 0; i = haystack.indexOf(needle, i + needle.length())) {
            n++;
        }
        return n;
    }
}
