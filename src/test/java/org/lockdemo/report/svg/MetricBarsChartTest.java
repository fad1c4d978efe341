package org.lockdemo.report.svg;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import org.junit.jupiter.api.Test;

class MetricBarsChartTest {
    private static final int WIDTH = 760;
    private static final List<MetricBarsChart.Row> ROWS = List.of(new MetricBarsChart.Row("naive", "naive #1", "c0"),
            new MetricBarsChart.Row("nowait", "nowait #1", "c1"), new MetricBarsChart.Row("a&b", "a&b #1", "c2"));
    private static final List<MetricBarsChart.Metric> METRICS = List.of(
            new MetricBarsChart.Metric("throughput", "attempts/s", 0, List.of(1000.0, 2000.0, 500.0)),
            new MetricBarsChart.Metric("blocked waits", "attempts seen blocked", 0, List.of(0.0, 300.0, 400.0)));

    @Test
    void eachPanelHasItsOwnAxisFromZeroAndTheRowsOfTheOutcomeChart() {
        List<MetricBarsChart.Bar> bars = MetricBarsChart.layout(ROWS, METRICS, WIDTH);
        assertEquals(6, bars.size());
        // throughput's axis is 0..2000: 1000 is half of nowait's bar
        assertEquals(bars.get(1).width() / 2, bars.get(0).width(), 1e-9);
        assertEquals(bars.get(1).width() / 4, bars.get(2).width(), 1e-9);
        // blocked waits: 0..400 on a panel of its own, to the right
        assertEquals(0, bars.get(3).width(), 1e-9);
        assertTrue(bars.get(3).x() > bars.get(1).x() + bars.get(1).width(), "panels side by side");
        assertEquals(bars.get(5).width() * 3 / 4, bars.get(4).width(), 1e-9);
        for (int r = 0; r < 3; r++) {
            assertEquals(bars.get(r).y(), bars.get(r + 3).y(), 1e-9, "a row is at one height in both panels");
        }
        assertEquals(OutcomeMixChart.ROW_HEIGHT, bars.get(1).y() - bars.get(0).y(), 1e-9, "rows as in OutcomeMixChart");
    }

    @Test
    void valuesAreWrittenAndNamesEscaped() {
        String svg = MetricBarsChart.svg("overview-price", "price", ROWS, METRICS, WIDTH);
        assertEquals(6, OutcomeMixChartTest.count(svg, "<rect class=\"mbar "));
        assertEquals(2, OutcomeMixChartTest.count(svg, "<rect class=\"mbar c1\""), "a strategy's colour in both panels");
        assertTrue(svg.contains(">2000</text>"), svg);
        assertTrue(svg.contains("<title>nowait #1: 300 attempts seen blocked</title>"), svg);
        assertTrue(svg.contains(">a&amp;b</text>"), svg);
        assertTrue(svg.contains(">throughput</text>") && svg.contains(">blocked waits</text>"), svg);
    }

    @Test
    void aMetricNeedsOneValuePerRow() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> MetricBarsChart.svg("k", "t",
                ROWS, List.of(new MetricBarsChart.Metric("x", "u", 0, List.of(1.0))), WIDTH));
        assertEquals("x: 1 values for 3 rows", e.getMessage());
    }
}
