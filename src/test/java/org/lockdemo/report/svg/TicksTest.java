package org.lockdemo.report.svg;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.List;
import org.junit.jupiter.api.Test;

class TicksTest {
    @Test
    void stepsAreOneTwoTwoAndAHalfOrFiveTimesAPowerOfTen() {
        assertEquals(50, Ticks.step(192.81, 4)); // 48.2 per interval rounds up to 50
        assertEquals(25, Ticks.step(100, 4));
        assertEquals(0.5, Ticks.step(1.9, 4));
        assertEquals(0.25, Ticks.step(0.9, 4));
        assertEquals(500, Ticks.step(2036, 5));
        assertEquals(1, Ticks.step(0, 4), "an empty chart still gets an axis");
    }

    @Test
    void ticksReachTheMaximumAndStopThere() {
        assertEquals(List.of(0.0, 50.0, 100.0, 150.0, 200.0), Ticks.upTo(192.81, 4));
        assertEquals(List.of(0.0, 25.0, 50.0, 75.0, 100.0), Ticks.upTo(100, 4));
        assertEquals(List.of(0.0, 500.0, 1000.0, 1500.0, 2000.0, 2500.0), Ticks.upTo(2036, 5));
        assertEquals(List.of(0.0, 1.0), Ticks.upTo(0, 4));
    }

    @Test
    void decimalsPrintEveryTickExactly() {
        assertEquals(0, Ticks.decimals(50));
        assertEquals(1, Ticks.decimals(0.5));
        assertEquals(2, Ticks.decimals(0.25));
        assertEquals(3, Ticks.decimals(0.025));
    }
}
