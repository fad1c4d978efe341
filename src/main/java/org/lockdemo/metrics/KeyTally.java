package org.lockdemo.metrics;

import java.util.Arrays;

/**
 * Counts per dense key index, growing as keys are seen. Not thread-safe: one per worker, summed
 * with {@link #addTo(long[])} after the workers have joined.
 */
public final class KeyTally {
    private long[] counts = new long[16];
    private int highest = -1;

    public void increment(long keyIndex) {
        if (keyIndex > Integer.MAX_VALUE - 8) {
            throw new IllegalArgumentException("key index too large: " + keyIndex);
        }
        int i = (int) keyIndex;
        if (i >= counts.length) {
            counts = Arrays.copyOf(counts, Math.max(i + 1, counts.length * 2));
        }
        counts[i]++;
        highest = Math.max(highest, i);
    }

    /** Number of slots in use (highest key index seen + 1). */
    public int size() {
        return highest + 1;
    }

    /** Adds this tally into {@code into}, which must have at least {@link #size()} slots. */
    public void addTo(long[] into) {
        for (int i = 0; i <= highest; i++) {
            into[i] += counts[i];
        }
    }
}
