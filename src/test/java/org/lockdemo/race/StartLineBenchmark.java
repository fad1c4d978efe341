package org.lockdemo.race;

import java.util.Locale;
import java.util.concurrent.BrokenBarrierException;
import java.util.concurrent.CyclicBarrier;
import org.HdrHistogram.Histogram;
import org.junit.jupiter.api.Test;

/**
 * A benchmark, not a test (its name does not end in {@code Test}, so the build does not run it):
 * how close together the {@link StartLine} releases 32 threads, against a {@link CyclicBarrier} on
 * the same threads in the same run, median spread from the first to the last thread leaving, over
 * 300 rounds each. Run by {@code scripts/startline-bench.sh}, which prints its line. Measured here
 * (2 cores): StartLine ~0.1 ms, CyclicBarrier ~0.5 ms quiet; 128 against 208 us under a load of 16.
 */
class StartLineBenchmark {
    private static final int THREADS = 32;
    private static final int ROUNDS = 300;

    @Test
    void startLineAgainstACyclicBarrier() throws InterruptedException {
        StartLine line = new StartLine(THREADS, () -> { });
        StartLineTest.runRounds(THREADS, ROUNDS, w -> {
            line.await(w);
            line.left(w);
        });
        long[] left = new long[THREADS];
        Histogram barrierSpread = new Histogram(3);
        CyclicBarrier barrier = new CyclicBarrier(THREADS, () -> {
            long first = Long.MAX_VALUE;
            long last = Long.MIN_VALUE;
            for (long t : left) {
                first = Math.min(first, t);
                last = Math.max(last, t);
            }
            if (first > 0) {
                barrierSpread.recordValue(last - first);
            }
        });
        StartLineTest.runRounds(THREADS, ROUNDS, w -> {
            try {
                barrier.await();
            } catch (BrokenBarrierException e) {
                throw new AssertionError(e);
            }
            left[w] = System.nanoTime();
        });
        long startLine = line.spreadNanos().getValueAtPercentile(50);
        long cyclic = barrierSpread.getValueAtPercentile(50);
        System.out.println(String.format(Locale.ROOT, "startline-bench: %d threads, %d rounds: StartLine p50 %.1f us, "
                + "CyclicBarrier p50 %.1f us, ratio %.2f", THREADS, ROUNDS, startLine / 1e3, cyclic / 1e3,
                cyclic == 0 ? 0.0 : (double) startLine / cyclic));
    }
}
