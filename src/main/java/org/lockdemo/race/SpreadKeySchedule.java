package org.lockdemo.race;

import java.util.SplittableRandom;
import java.util.concurrent.BrokenBarrierException;
import java.util.concurrent.CyclicBarrier;

/**
 * A realistic mix: after one common start line, each worker picks keys uniformly from
 * {@code [0, keys)} with its own random stream derived from the seed, so the same seed gives the
 * same key sequence per worker. Thread-safe; per-worker state is touched only by its worker.
 */
final class SpreadKeySchedule implements KeySchedule {
    private final CyclicBarrier startLine;
    private final int keys;
    private final long durationNanos;
    private final StopSignal stop;
    private volatile long deadlineNanos;
    private final SplittableRandom[] random;
    private final int[] attemptsLeft;
    private final boolean[] started;
    private volatile boolean aborted;
    private volatile long startNanos;

    /** @param rounds attempts per worker, or 0 to run for {@code durationNanos} from the start line */
    SpreadKeySchedule(int threads, int keys, int rounds, long durationNanos, long seed, StopSignal stop) {
        this.keys = keys;
        this.durationNanos = durationNanos;
        this.stop = stop;
        this.startLine = new CyclicBarrier(threads, () -> {
            long now = System.nanoTime();
            deadlineNanos = now + durationNanos;
            startNanos = now;
        });
        this.random = new SplittableRandom[threads];
        this.attemptsLeft = new int[threads];
        this.started = new boolean[threads];
        SplittableRandom root = new SplittableRandom(seed);
        for (int i = 0; i < threads; i++) {
            random[i] = root.split();
            attemptsLeft[i] = rounds > 0 ? rounds : -1;
        }
    }

    @Override
    public long next(int worker) throws InterruptedException {
        if (!started[worker]) {
            started[worker] = true;
            try {
                startLine.await();
            } catch (BrokenBarrierException e) {
                return -1;
            }
        }
        if (aborted || stop.isRequested()) {
            return -1;
        }
        if (attemptsLeft[worker] >= 0) {
            if (attemptsLeft[worker] == 0) {
                return -1;
            }
            attemptsLeft[worker]--;
        } else if (System.nanoTime() - deadlineNanos >= 0) {
            return -1;
        }
        return random[worker].nextInt(keys);
    }

    @Override
    public void abort() {
        aborted = true;
        Barriers.breakForGood(startLine);
    }

    @Override
    public long startNanos() {
        return startNanos;
    }
}
