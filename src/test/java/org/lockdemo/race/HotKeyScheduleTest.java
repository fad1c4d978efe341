package org.lockdemo.race;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Test;

class HotKeyScheduleTest {

    @Test
    void everyThreadGetsEveryRoundsKeyInOrderThenDone() throws InterruptedException {
        HotKeySchedule schedule = new HotKeySchedule(4, 5, 0, new StopSignal());
        assertEquals(0, schedule.startNanos(), "no start before the start line");
        List<List<Long>> keys = ScheduleDriver.runAll(schedule, 4);
        for (List<Long> k : keys) {
            assertEquals(List.of(0L, 1L, 2L, 3L, 4L), k);
        }
        assertTrue(schedule.startNanos() != 0, "start line recorded");
    }

    @Test
    void aStopEndsTheRunAtTheNextRound() throws InterruptedException {
        // bounded by a long duration, not rounds: only the stop can end it
        StopSignal stop = new StopSignal();
        HotKeySchedule schedule = new HotKeySchedule(3, 0, Duration.ofHours(1).toNanos(), stop);
        List<List<Long>> keys = ScheduleDriver.runAll(schedule, 3, (worker, key) -> {
            if (worker == 0 && key == 2) {
                stop.request("test");
            }
        });
        // worker 0 raised the stop before arriving at round 3, so no worker can be released into it
        for (List<Long> k : keys) {
            assertEquals(List.of(0L, 1L, 2L), k);
        }
    }

    @Test
    void aStopBeforeTheStartLineRunsNoRound() throws InterruptedException {
        StopSignal stop = new StopSignal();
        stop.request("test");
        List<List<Long>> keys = ScheduleDriver.runAll(new HotKeySchedule(2, 5, 0, stop), 2);
        assertEquals(List.of(List.of(), List.of()), keys);
    }

    @Test
    void abortReleasesAWorkerWaitingAtTheBarrier() throws InterruptedException {
        HotKeySchedule schedule = new HotKeySchedule(2, 5, 0, new StopSignal());
        ScheduleDriver.OneCall w0 = new ScheduleDriver.OneCall(schedule, 0).awaitParked();
        schedule.abort();
        assertEquals(-1, w0.joined());
    }

    @Test
    void abortReleasesSeveralWaitersWhileAnotherIsStillMidAttempt() throws InterruptedException {
        HotKeySchedule schedule = new HotKeySchedule(4, 5, 0, new StopSignal());
        ScheduleDriver.OneCall w0 = new ScheduleDriver.OneCall(schedule, 0).awaitParked();
        ScheduleDriver.OneCall w1 = new ScheduleDriver.OneCall(schedule, 1).awaitParked();
        schedule.abort();
        assertEquals(-1, w0.joined());
        assertEquals(-1, w1.joined());
    }

    @Test
    void aWorkerArrivingAfterAbortIsNotLeftWaiting() throws InterruptedException {
        // Worker 0 waits; workers 1 and 2 are still in their attempts when the run is stopped. After
        // abort() they come back for a key and must be told "done", not park at the barrier forever
        // (the released worker 0 will never arrive again to complete it).
        HotKeySchedule schedule = new HotKeySchedule(3, 5, 0, new StopSignal());
        ScheduleDriver.OneCall w0 = new ScheduleDriver.OneCall(schedule, 0).awaitParked();
        schedule.abort();
        assertEquals(-1, w0.joined());
        assertEquals(-1, new ScheduleDriver.OneCall(schedule, 1).joined());
        assertEquals(-1, new ScheduleDriver.OneCall(schedule, 2).joined());
    }

    @Test
    void abortWhenAllButOneAreWaitingReleasesThemAll() throws InterruptedException {
        // the remaining worker died; abort() must not count as the missing party and start a round
        HotKeySchedule schedule = new HotKeySchedule(3, 5, 0, new StopSignal());
        ScheduleDriver.OneCall w0 = new ScheduleDriver.OneCall(schedule, 0).awaitParked();
        ScheduleDriver.OneCall w1 = new ScheduleDriver.OneCall(schedule, 1).awaitParked();
        schedule.abort();
        assertEquals(-1, w0.joined());
        assertEquals(-1, w1.joined());
        assertEquals(-1, new ScheduleDriver.OneCall(schedule, 2).joined());
    }

    @Test
    void abortBeforeAnyoneArrivesEndsTheRun() throws InterruptedException {
        HotKeySchedule schedule = new HotKeySchedule(2, 5, 0, new StopSignal());
        schedule.abort();
        assertEquals(List.of(List.of(), List.of()), ScheduleDriver.runAll(schedule, 2));
    }

    @Test
    void racersPerRoundCountsTheReportsOfEveryCompleteRound() throws InterruptedException {
        HotKeySchedule all = new HotKeySchedule(6, 8, 0, new StopSignal());
        ScheduleDriver.runAll(all, 6, (worker, key) -> all.attemptEnded(worker, true));
        assertEquals(8, all.racersPerRound().getTotalCount(), "one count per round");
        assertEquals(6, all.racersPerRound().getMinValue());
        assertEquals(6, all.racersPerRound().getMaxValue());

        HotKeySchedule one = new HotKeySchedule(6, 8, 0, new StopSignal());
        ScheduleDriver.runAll(one, 6, (worker, key) -> one.attemptEnded(worker, worker == (int) (key % 6)));
        assertEquals(8, one.racersPerRound().getTotalCount());
        assertEquals(1, one.racersPerRound().getMinValue());
        assertEquals(1, one.racersPerRound().getMaxValue());
        assertEquals(8, one.startSpreadNanos().getTotalCount(), "each round's release, not the one into the end");
    }

    @Test
    void anAbortedRoundIsNotCounted() throws InterruptedException {
        StopSignal stop = new StopSignal();
        HotKeySchedule schedule = new HotKeySchedule(3, 0, Duration.ofHours(1).toNanos(), stop);
        ScheduleDriver.runAll(schedule, 3, (worker, key) -> {
            schedule.attemptEnded(worker, true);
            if (worker == 0 && key == 2) {
                schedule.abort(); // round 2 never completes: its racers are not counted
            }
        });
        assertEquals(2, schedule.racersPerRound().getTotalCount());
    }
}
