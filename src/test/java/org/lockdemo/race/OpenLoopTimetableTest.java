package org.lockdemo.race;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

class OpenLoopTimetableTest {
    private static final long SECOND = 1_000_000_000L;

    @Test
    void anIntegralPeriodGivesExactTimesEvenFarOut() {
        OpenLoopTimetable t = new OpenLoopTimetable(1000, 1);
        for (long i = 0; i < 10_000; i++) {
            assertEquals(i * 1_000_000L, t.offsetNanos(i));
        }
        // a million seconds in: still exact, nothing accumulated
        assertEquals(1_000_000L * SECOND, t.offsetNanos(1_000_000_000L));
    }

    @Test
    void aPeriodThatIsNoWholeNumberOfNanosDoesNotDrift() {
        for (int rate : new int[] {3, 7, 9, 11, 13, 999, 1023}) {
            OpenLoopTimetable t = new OpenLoopTimetable(rate, 4);
            for (long seconds : new long[] {1, 2, 10, 3_600, 86_400, 1_000_000}) {
                // attempt rate * s starts exactly s seconds after the start line
                assertEquals(seconds * SECOND, t.offsetNanos(rate * seconds), "rate " + rate + ", " + seconds + " s");
            }
            long floor = SECOND / rate;
            long previous = t.offsetNanos(0);
            for (long i = 1; i < 5_000; i++) {
                long gap = t.offsetNanos(i) - previous;
                assertTrue(gap == floor || gap == floor + 1, "rate " + rate + ": gap " + gap + " before attempt " + i);
                previous = t.offsetNanos(i);
            }
        }
    }

    @Test
    void workersArePhaseShiftedSoTheirStartsTogetherAreEvenlySpaced() {
        OpenLoopTimetable t = new OpenLoopTimetable(100, 4); // 10 ms apart over all, 40 ms per worker
        for (int w = 0; w < 4; w++) {
            for (long k = 0; k < 50; k++) {
                assertEquals((k * 4 + w) * 10_000_000L, t.offsetNanos(w, k), "worker " + w + " attempt " + k);
            }
        }
        assertEquals(40_000_000L, t.offsetNanos(2, 1) - t.offsetNanos(2, 0)); // each worker at rate / threads
        assertEquals(10_000_000L, t.offsetNanos(3, 0) - t.offsetNanos(2, 0)); // neighbours one period apart
    }

    @Test
    void countBeforeIsTheNumberOfIntendedStartsBeforeTheEnd() {
        assertEquals(400, new OpenLoopTimetable(200, 4).countBefore(2 * SECOND));
        assertEquals(3, new OpenLoopTimetable(3, 1).countBefore(SECOND)); // 0, 1/3 s, 2/3 s; 1 s is not before 1 s
        assertEquals(4, new OpenLoopTimetable(3, 1).countBefore(SECOND + 1));
        assertEquals(5, new OpenLoopTimetable(0.5, 2).countBefore(10 * SECOND)); // 0, 2, 4, 6, 8 s
        assertEquals(1, new OpenLoopTimetable(0.001, 2).countBefore(1)); // the start line itself
        assertEquals(0, new OpenLoopTimetable(10, 2).countBefore(0));
    }

    @Test
    void countBeforeAgreesWithTheOffsetsForAnyRateAndEnd() {
        SplittableRandom random = new SplittableRandom(8);
        for (int n = 0; n < 2_000; n++) {
            double rate = 0.1 + random.nextDouble() * 50_000;
            int workers = 1 + random.nextInt(64);
            OpenLoopTimetable t = new OpenLoopTimetable(rate, workers);
            long end = random.nextLong(1, 30 * SECOND);
            long count = t.countBefore(end);
            String where = "rate " + rate + ", end " + end;
            assertTrue(t.offsetNanos(count) >= end, where);
            assertTrue(count == 0 || t.offsetNanos(count - 1) < end, where);
            long perWorker = 0;
            for (int w = 0; w < workers; w++) {
                long c = t.countBefore(w, end);
                perWorker += c;
                assertTrue(t.offsetNanos(w, c) >= end && (c == 0 || t.offsetNanos(w, c - 1) < end), where + " worker " + w);
            }
            assertEquals(count, perWorker, where);
        }
    }

    @Test
    void refusesANonPositiveRate() {
        assertThrows(IllegalArgumentException.class, () -> new OpenLoopTimetable(0, 1));
        assertThrows(IllegalArgumentException.class, () -> new OpenLoopTimetable(Double.NaN, 1));
        assertThrows(IllegalArgumentException.class, () -> new OpenLoopTimetable(Double.POSITIVE_INFINITY, 1));
    }
}
