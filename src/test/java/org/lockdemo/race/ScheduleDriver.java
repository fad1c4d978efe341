package org.lockdemo.race;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.fail;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;

/**
 * Drives a {@link KeySchedule} from real threads as {@link Worker} does, with bounded joins
 * instead of sleeps. Each test thread is named and a daemon, so a hang fails the test rather
 * than the build.
 */
final class ScheduleDriver {
    static final long JOIN_MILLIS = TimeUnit.SECONDS.toMillis(10);

    private ScheduleDriver() {
    }

    /** Runs {@code threads} workers to the end of the schedule; returns each worker's keys in order. */
    static List<List<Long>> runAll(KeySchedule schedule, int threads) throws InterruptedException {
        return runAll(schedule, threads, (worker, key) -> { });
    }

    interface KeyHook {
        void took(int worker, long key);
    }

    static List<List<Long>> runAll(KeySchedule schedule, int threads, KeyHook hook) throws InterruptedException {
        List<List<Long>> keys = new ArrayList<>();
        List<Thread> workers = new ArrayList<>();
        List<Throwable> failures = new java.util.concurrent.CopyOnWriteArrayList<>();
        for (int i = 0; i < threads; i++) {
            int index = i;
            List<Long> mine = new ArrayList<>();
            keys.add(mine);
            Thread t = new Thread(() -> {
                try {
                    for (long k = schedule.next(index); k >= 0; k = schedule.next(index)) {
                        mine.add(k);
                        hook.took(index, k);
                    }
                } catch (Throwable e) {
                    failures.add(e);
                }
            }, "schedule-test-w" + i);
            t.setDaemon(true);
            workers.add(t);
        }
        workers.forEach(Thread::start);
        try {
            for (Thread t : workers) {
                t.join(JOIN_MILLIS);
                assertFalse(t.isAlive(), t.getName() + " did not finish within " + JOIN_MILLIS + " ms");
            }
        } finally {
            workers.forEach(Thread::interrupt); // no-op for finished threads; unsticks a hung one
        }
        assertEquals(List.of(), failures);
        return keys; // the joins make the lists visible here
    }

    /** A started thread calling {@code next(worker)} once; {@link #result()} after {@link #joined()}. */
    static final class OneCall {
        final Thread thread;
        private final AtomicLong result = new AtomicLong(Long.MIN_VALUE);

        OneCall(KeySchedule schedule, int worker) {
            thread = new Thread(() -> {
                try {
                    result.set(schedule.next(worker));
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                }
            }, "schedule-test-call-w" + worker);
            thread.setDaemon(true);
            thread.start();
        }

        /** Spins (no sleep) until the thread parks, i.e. waits at the barrier. */
        OneCall awaitParked() {
            long deadline = System.nanoTime() + TimeUnit.MILLISECONDS.toNanos(JOIN_MILLIS);
            while (thread.getState() != Thread.State.WAITING) {
                if (!thread.isAlive()) {
                    fail(thread.getName() + " returned " + result.get() + " instead of waiting at the barrier");
                }
                if (System.nanoTime() - deadline > 0) {
                    fail(thread.getName() + " never reached the barrier; state " + thread.getState());
                }
                Thread.onSpinWait();
            }
            return this;
        }

        /** Joins with a bound and returns what {@code next} returned; fails if still blocked. */
        long joined() throws InterruptedException {
            thread.join(JOIN_MILLIS);
            boolean hung = thread.isAlive();
            thread.interrupt(); // let a hung thread go so it does not outlive the test
            assertFalse(hung, thread.getName() + " still blocked in next() " + JOIN_MILLIS + " ms after abort()");
            return result.get();
        }
    }
}
