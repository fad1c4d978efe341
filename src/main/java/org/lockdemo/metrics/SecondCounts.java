package org.lockdemo.metrics;

import java.util.Arrays;

/**
 * One worker's attempts and successes per second since the start line, in a growable array
 * indexed by the second. Not thread-safe: written by its worker thread only, read after the join.
 * Recording takes no lock and allocates only when the run enters a second beyond the array
 * (doubling, so a few times per run), never per attempt.
 */
final class SecondCounts {
    private long[] attempts = new long[16];
    private long[] successes = new long[16];
    private int seconds;

    void record(long nanosSinceStart, boolean success) {
        // an attempt cannot end before the start line; clamp a clock oddity into the first second
        int second = (int) Math.min(Math.max(nanosSinceStart, 0) / Timeline.INTERVAL_NANOS, Integer.MAX_VALUE - 8);
        if (second >= attempts.length) {
            int size = Math.max(attempts.length * 2, second + 1);
            attempts = Arrays.copyOf(attempts, size);
            successes = Arrays.copyOf(successes, size);
        }
        attempts[second]++;
        if (success) {
            successes[second]++;
        }
        seconds = Math.max(seconds, second + 1);
    }

    /** Seconds from the start line up to and including the last one an attempt ended in. */
    int seconds() {
        return seconds;
    }

    void addTo(long[] attemptsSum, long[] successesSum) {
        for (int i = 0; i < seconds; i++) {
            attemptsSum[i] += attempts[i];
            successesSum[i] += successes[i];
        }
    }
}
