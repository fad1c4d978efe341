package org.lockdemo.race;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;

/**
 * The start line releases every worker at once, measures how far apart they left, and ends at once
 * on an abort. How close together it releases them, against a {@link java.util.concurrent.CyclicBarrier},
 * is a benchmark, not a test: {@code scripts/startline-bench.sh} ({@link StartLineBenchmark}).
 */
class StartLineTest {
    private static final int THREADS = 32;
    private static final int ROUNDS = 300;

    @Test
    void everyReleaseIsMeasuredOncePerRoundTheWorkersLeftFor() throws InterruptedException {
        AtomicInteger actions = new AtomicInteger();
        StartLine line = new StartLine(4, actions::incrementAndGet);
        runRounds(4, 10, w -> {
            if (!line.await(w)) {
                throw new AssertionError("aborted");
            }
            line.left(w);
        });
        // 10 releases; the action of release k+1 measures release k, so 9 are measured, none twice
        assertEquals(10, actions.get());
        assertEquals(9, line.spreadNanos().getTotalCount());
        line.recordFinalSpread();
        assertEquals(10, line.spreadNanos().getTotalCount());
    }

    @Test
    void abortReleasesEveryWaiterAndEveryLaterArrival() throws InterruptedException {
        StartLine line = new StartLine(4, () -> { });
        List<Thread> waiters = new ArrayList<>();
        boolean[] result = new boolean[3];
        for (int i = 0; i < 3; i++) {
            int w = i;
            Thread t = new Thread(() -> {
                try {
                    result[w] = line.await(w);
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                }
            });
            t.setDaemon(true);
            t.start();
            waiters.add(t);
        }
        // the fourth never arrives (its worker died): only abort() can release the three
        for (Thread t : waiters) {
            while (t.getState() != Thread.State.WAITING && t.isAlive()) {
                Thread.onSpinWait();
            }
        }
        line.abort();
        for (Thread t : waiters) {
            t.join(ScheduleDriver.JOIN_MILLIS);
            assertFalse(t.isAlive(), "a waiter was not released by abort()");
        }
        assertEquals(List.of(false, false, false), List.of(result[0], result[1], result[2]));
        assertFalse(line.await(3), "an arrival after abort() returns at once");
        assertEquals(0, line.spreadNanos().getTotalCount(), "an aborted release is not measured");
    }

    interface Step {
        void run(int worker) throws InterruptedException;
    }

    static void runRounds(int threads, int rounds, Step step) throws InterruptedException {
        List<Thread> ts = new ArrayList<>();
        List<Throwable> failures = new java.util.concurrent.CopyOnWriteArrayList<>();
        for (int i = 0; i < threads; i++) {
            int w = i;
            Thread t = new Thread(() -> {
                try {
                    for (int r = 0; r < rounds; r++) {
                        step.run(w);
                    }
                } catch (Throwable e) {
                    failures.add(e);
                }
            }, "start-line-test-w" + i);
            t.setDaemon(true);
            ts.add(t);
        }
        ts.forEach(Thread::start);
        for (Thread t : ts) {
            t.join(60_000);
            assertFalse(t.isAlive(), t.getName() + " did not finish");
        }
        assertEquals(List.of(), failures);
    }
}
