package org.lockdemo.race;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.LockSupport;
import org.junit.jupiter.api.Test;

/** {@link SpreadKeySchedule} with a timetable: intended starts, waiting for them, and the deadline. */
class OpenLoopScheduleTest {
    private static final int KEYS = 10;

    @Test
    void withRoundsEveryWorkerRunsThemAllAtItsIntendedStartsAndNeverEarly() throws InterruptedException {
        int threads = 3;
        int rounds = 20;
        OpenLoopTimetable timetable = new OpenLoopTimetable(6_000, threads); // 2000/s per worker: 10 ms in all
        SpreadKeySchedule schedule = new SpreadKeySchedule(threads, KEYS, rounds, 0, 5, new StopSignal(), timetable);
        long[][] intended = new long[threads][rounds];
        long[][] handedOut = new long[threads][rounds];
        int[] n = new int[threads];
        List<List<Long>> keys = ScheduleDriver.runAll(schedule, threads, (w, key) -> {
            handedOut[w][n[w]] = System.nanoTime();
            intended[w][n[w]] = schedule.intendedStartNanos(w);
            n[w]++;
        });
        for (int w = 0; w < threads; w++) {
            assertEquals(rounds, keys.get(w).size());
            for (int k = 0; k < rounds; k++) {
                assertEquals(schedule.startNanos() + timetable.offsetNanos(w, k), intended[w][k], "worker " + w + " #" + k);
                assertTrue(handedOut[w][k] - intended[w][k] >= 0, "worker " + w + " #" + k + " started early");
            }
            assertEquals(0, schedule.unstarted(w));
        }
    }

    @Test
    void withADurationAttemptsAndUnstartedAddUpToTheTimetableExactly() throws InterruptedException {
        int threads = 2;
        long durationNanos = TimeUnit.MILLISECONDS.toNanos(50);
        OpenLoopTimetable timetable = new OpenLoopTimetable(1_000, threads); // 50 intended starts before the end
        SpreadKeySchedule schedule = new SpreadKeySchedule(threads, KEYS, 0, durationNanos, 5, new StopSignal(),
                timetable);
        // worker 0 stalls in its first attempt until after the deadline: it starts nothing more
        List<List<Long>> keys = ScheduleDriver.runAll(schedule, threads, (w, key) -> {
            if (w == 0) {
                while (System.nanoTime() - (schedule.startNanos() + durationNanos) < 0) {
                    LockSupport.parkNanos(1_000_000);
                }
            }
        });
        assertEquals(1, keys.get(0).size());
        assertEquals(24, schedule.unstarted(0)); // its 25 intended starts before the end, less the one it ran
        long total = 0;
        for (int w = 0; w < threads; w++) {
            total += keys.get(w).size() + schedule.unstarted(w);
            assertEquals(timetable.countBefore(w, durationNanos), keys.get(w).size() + schedule.unstarted(w));
        }
        assertEquals(50, total);
    }

    @Test
    void aClosedLoopHasNoIntendedStarts() throws InterruptedException {
        SpreadKeySchedule schedule = new SpreadKeySchedule(1, KEYS, 3, 0, 5, new StopSignal());
        List<Long> intended = new ArrayList<>();
        ScheduleDriver.runAll(schedule, 1, (w, key) -> intended.add(schedule.intendedStartNanos(w)));
        assertEquals(List.of(-1L, -1L, -1L), intended);
    }

    @Test
    void aStopEndsAWorkerWaitingForItsNextStart() throws InterruptedException {
        StopSignal stop = new StopSignal();
        // one attempt an hour: the second call would wait an hour
        SpreadKeySchedule schedule = new SpreadKeySchedule(1, KEYS, 5, 0, 5, stop, new OpenLoopTimetable(1.0 / 3600, 1));
        assertTrue(schedule.next(0) >= 0);
        ScheduleDriver.OneCall waiting = new ScheduleDriver.OneCall(schedule, 0);
        stop.request("test");
        assertEquals(-1, waiting.joined());
    }
}
