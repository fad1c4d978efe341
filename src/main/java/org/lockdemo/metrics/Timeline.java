package org.lockdemo.metrics;

import java.util.Arrays;
import java.util.List;

/**
 * Attempts and successful attempts per second since the start line, over all workers of one
 * strategy; an attempt counts in the second it ended in. Immutable: the accessors return copies.
 */
public final class Timeline {
    public static final long INTERVAL_NANOS = 1_000_000_000L;
    public static final int INTERVAL_MILLIS = 1000;

    private final long[] attempts;
    private final long[] successes;

    public Timeline(long[] attempts, long[] successes) {
        if (attempts.length != successes.length) {
            throw new IllegalArgumentException("attempts has " + attempts.length + " seconds, successes "
                    + successes.length);
        }
        this.attempts = attempts.clone();
        this.successes = successes.clone();
    }

    /** Sums the workers' counts second by second; call only after every worker thread has joined. */
    static Timeline merge(List<WorkerStats> workers) {
        int seconds = 0;
        for (WorkerStats w : workers) {
            seconds = Math.max(seconds, w.perSecond.seconds());
        }
        long[] attempts = new long[seconds];
        long[] successes = new long[seconds];
        for (WorkerStats w : workers) {
            w.perSecond.addTo(attempts, successes);
        }
        return new Timeline(attempts, successes);
    }

    public int seconds() {
        return attempts.length;
    }

    public long[] attempts() {
        return attempts.clone();
    }

    public long[] successes() {
        return successes.clone();
    }

    public long totalAttempts() {
        return Arrays.stream(attempts).sum();
    }
}
