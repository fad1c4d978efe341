package org.lockdemo.report.svg;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.List;
import org.junit.jupiter.api.Test;

class MillisAxisTest {
    @Test
    void aLogAxisCoversWholeDecadesAndPutsTheDecadesEvenlyApart() {
        MillisAxis y = MillisAxis.log(0.23, 192);
        assertEquals(0.1, y.minMillis(), 1e-12);
        assertEquals(1000, y.maxMillis(), 1e-9);
        Frame f = new Frame(400, 200);
        java.util.function.DoubleUnaryOperator s = y.scale(f);
        assertEquals(f.bottom(), s.applyAsDouble(0.1), 1e-9);
        assertEquals(f.top(), s.applyAsDouble(1000), 1e-9);
        assertEquals(s.applyAsDouble(1) - s.applyAsDouble(10), s.applyAsDouble(10) - s.applyAsDouble(100), 1e-9);
        assertEquals(f.bottom(), s.applyAsDouble(0), 1e-9, "zero sits on the bottom, not at minus infinity");
        MillisAxis one = MillisAxis.log(5, 5);
        assertEquals(1, one.minMillis(), 1e-12);
        assertEquals(10, one.maxMillis(), 1e-12, "at least one decade");
    }

    @Test
    void aLinearAxisEndsOnARoundTick() {
        MillisAxis y = MillisAxis.linear(47);
        assertEquals(List.of(0.0, 20.0, 40.0, 60.0), y.ticks(), "as Ticks.upTo: the first round step that reaches 47");
        Frame f = new Frame(400, 200);
        assertEquals(f.top(), y.scale(f).applyAsDouble(60), 1e-9);
        assertEquals(f.bottom(), y.scale(f).applyAsDouble(0), 1e-9);
    }

    @Test
    void theLogAxisOverSeriesSpansEveryPointOfEverySeries() {
        List<PercentileChart.Series> series = List.of(
                new PercentileChart.Series("a", List.of(new PercentileChart.Point(0, 0.02),
                        new PercentileChart.Point(100, 3)), 2, "c0"),
                new PercentileChart.Series("b", List.of(new PercentileChart.Point(0, 0),
                        new PercentileChart.Point(100, 4200)), 2, "c1"));
        MillisAxis y = MillisAxis.logOver(series);
        assertEquals(0.01, y.minMillis(), 1e-12, "the zero does not pull the axis to the floor");
        assertEquals(10_000, y.maxMillis(), 1e-9);
        assertEquals(7, y.ticks().size(), "0.01 to 10000 ms");
    }
}
