package org.lockdemo.race;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import java.util.HashSet;
import java.util.List;
import org.junit.jupiter.api.Test;

class SpreadKeyScheduleTest {
    private static final int THREADS = 4;
    private static final int KEYS = 10;
    private static final int ROUNDS = 5;

    private static List<List<Long>> run(long seed) throws InterruptedException {
        SpreadKeySchedule schedule = new SpreadKeySchedule(THREADS, KEYS, ROUNDS, 0, seed, new StopSignal());
        List<List<Long>> keys = ScheduleDriver.runAll(schedule, THREADS);
        assertTrue(schedule.startNanos() != 0, "start line recorded");
        return keys;
    }

    @Test
    void eachWorkerGetsExactlyRoundsKeysInRange() throws InterruptedException {
        List<List<Long>> keys = run(42);
        assertEquals(THREADS, keys.size());
        for (List<Long> k : keys) {
            assertEquals(ROUNDS, k.size(), k.toString());
            for (long key : k) {
                assertTrue(key >= 0 && key < KEYS, "key " + key + " outside [0, " + KEYS + ")");
            }
        }
    }

    @Test
    void sameSeedSameSequencePerWorker() throws InterruptedException {
        // thread scheduling differs between the runs; each worker's own sequence must not
        assertEquals(run(42), run(42));
    }

    @Test
    void anotherSeedAnotherSequence() throws InterruptedException {
        assertNotEquals(run(42), run(43));
    }

    @Test
    void workersDrawFromDifferentStreams() throws InterruptedException {
        List<List<Long>> keys = run(42);
        assertTrue(new HashSet<>(keys).size() > 1, "all workers got the same keys: " + keys);
    }

    @Test
    void aStopEndsEveryWorker() throws InterruptedException {
        StopSignal stop = new StopSignal();
        SpreadKeySchedule schedule = new SpreadKeySchedule(1, KEYS, 0, Duration.ofHours(1).toNanos(), 7, stop);
        long first = schedule.next(0);
        assertTrue(first >= 0 && first < KEYS);
        stop.request("test");
        assertEquals(-1, schedule.next(0));
    }

    @Test
    void abortAfterTheStartEndsEveryWorker() throws InterruptedException {
        SpreadKeySchedule schedule = new SpreadKeySchedule(1, KEYS, ROUNDS, 0, 7, new StopSignal());
        assertTrue(schedule.next(0) >= 0);
        schedule.abort();
        assertEquals(-1, schedule.next(0));
    }

    @Test
    void abortReleasesAWorkerWaitingAtTheStartLine() throws InterruptedException {
        SpreadKeySchedule schedule = new SpreadKeySchedule(2, KEYS, ROUNDS, 0, 7, new StopSignal());
        ScheduleDriver.OneCall w0 = new ScheduleDriver.OneCall(schedule, 0).awaitParked();
        schedule.abort();
        assertEquals(-1, w0.joined());
    }

    @Test
    void aWorkerReachingTheStartLineAfterAbortIsNotLeftWaiting() throws InterruptedException {
        // e.g. Ctrl-C while a large pool of workers is still starting
        SpreadKeySchedule schedule = new SpreadKeySchedule(3, KEYS, ROUNDS, 0, 7, new StopSignal());
        ScheduleDriver.OneCall w0 = new ScheduleDriver.OneCall(schedule, 0).awaitParked();
        schedule.abort();
        assertEquals(-1, w0.joined());
        assertEquals(-1, new ScheduleDriver.OneCall(schedule, 1).joined());
        assertEquals(-1, new ScheduleDriver.OneCall(schedule, 2).joined());
    }
}
