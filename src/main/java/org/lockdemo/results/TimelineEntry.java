package org.lockdemo.results;

import java.util.Arrays;

/**
 * Attempts and successes per interval from the start line. Immutable: the arrays are copied in
 * and out.
 */
public record TimelineEntry(long intervalMs, long[] attempts, long[] successes) {
    public TimelineEntry {
        attempts = attempts.clone();
        successes = successes.clone();
    }

    @Override
    public long[] attempts() {
        return attempts.clone();
    }

    @Override
    public long[] successes() {
        return successes.clone();
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof TimelineEntry t && t.intervalMs == intervalMs && Arrays.equals(t.attempts, attempts)
                && Arrays.equals(t.successes, successes);
    }

    @Override
    public int hashCode() {
        return Long.hashCode(intervalMs) * 31 + Arrays.hashCode(attempts) * 17 + Arrays.hashCode(successes);
    }

    @Override
    public String toString() {
        return "TimelineEntry[" + intervalMs + " ms, " + Arrays.toString(attempts) + ", " + Arrays.toString(successes)
                + "]";
    }
}
