package org.lockdemo.report.svg;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import org.junit.jupiter.api.Test;

class BarAndTimelineChartTest {
    @Test
    void barsAreAsLongAsTheirShareOfTheAttempts() {
        List<BarChart.Placed> placed = BarChart.layout(List.of(new BarChart.Bar("created", 5, "ok"),
                new BarChart.Bar("found", 15, "ok"), new BarChart.Bar("unique_violation", 1, "failed")), 20, 374);
        double full = 374 - BarChart.LABEL_WIDTH - BarChart.COUNT_WIDTH; // 150 px for all 20 attempts
        assertEquals(full / 4, placed.get(0).width(), 1e-9);
        assertEquals(full * 3 / 4, placed.get(1).width(), 1e-9);
        assertEquals(0.05, placed.get(2).share(), 1e-9);
        assertEquals(BarChart.TOP + 2 * BarChart.ROW_HEIGHT, placed.get(2).y(), 1e-9);
    }

    @Test
    void aRareOutcomeStaysVisible() {
        BarChart.Placed p = BarChart.layout(List.of(new BarChart.Bar("deadlock", 1, "failed")), 1_000_000, 374).get(0);
        assertEquals(1, p.width(), 1e-9, "at least one pixel");
        String svg = BarChart.svg("outcomes", "o", List.of(new BarChart.Bar("deadlock", 1, "failed")), 1_000_000, 374);
        assertTrue(svg.contains(">1 (0%)</text>"), svg);
        assertTrue(svg.contains("<title>deadlock: 1 of 1000000</title>"), svg);
    }

    @Test
    void columnsStackSuccessesUnderFailuresAndMarkTheCutShortSecond() {
        Frame f = new Frame(356, 150); // plot 300 px wide, 98 px high
        long[] attempts = {100, 200, 10};
        long[] successes = {50, 200, 0};
        List<TimelineChart.Column> columns = TimelineChart.layout(attempts, successes, 2.05, 0, f);
        assertEquals(3, columns.size());
        // axis 0..200: 100 attempts reach half the height, their 50 successes a quarter
        assertEquals(f.bottom() - 49, columns.get(0).yFailures(), 1e-9);
        assertEquals(f.bottom() - 24.5, columns.get(0).ySuccesses(), 1e-9);
        assertEquals(f.top(), columns.get(1).yFailures(), 1e-9);
        assertEquals(columns.get(1).yFailures(), columns.get(1).ySuccesses(), 1e-9, "no failures in second 2");
        assertEquals(100, columns.get(0).width() + 6, 1e-9, "a 100 px slot less a 6 px gap");
        assertEquals(f.left() + 3 + 100, columns.get(1).x(), 1e-9);
        assertFalse(columns.get(1).partial());
        assertTrue(columns.get(2).partial(), "0.05 s of the third second");
        assertFalse(TimelineChart.layout(attempts, successes, 3.0, 0, f).get(2).partial());
    }

    @Test
    void aSharedScaleLeavesRoomAbove() {
        Frame f = new Frame(356, 150);
        TimelineChart.Column c = TimelineChart.layout(new long[] {100}, new long[] {100}, 1, 400, f).get(0);
        assertEquals(f.bottom() - 98 / 4.0, c.yFailures(), 1e-9, "100 of an axis shared up to 400");
    }

    @Test
    void aFileWithoutSamplesSaysSo() {
        String svg = TimelineChart.svg("timeline", "t", new long[0], new long[0], 0, 0, new Frame(356, 150));
        assertTrue(svg.contains("no per-second samples"), svg);
        assertFalse(svg.contains("<rect"));
    }
}
