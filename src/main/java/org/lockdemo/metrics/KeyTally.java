package org.lockdemo.metrics;

import java.util.Arrays;
import java.util.BitSet;

/**
 * Counts per dense key index, growing as keys are seen. While no key has been counted twice it
 * keeps one bit per key: in the hot-key race every round is a fresh key that each worker increments
 * at most once, so a worker's tally costs a bit per round instead of a long (a long run of many
 * threads would otherwise hold threads x rounds longs). The first second increment of a key turns it
 * into counts, once. Not thread-safe: one per worker, summed with {@link #addTo(long[])} after the
 * workers have joined.
 */
public final class KeyTally {
    private BitSet once = new BitSet();
    /** Null while every key was counted at most once. */
    private long[] counts;
    private int highest = -1;

    public void increment(long keyIndex) {
        if (keyIndex > Integer.MAX_VALUE - 8) {
            throw new IllegalArgumentException("key index too large: " + keyIndex);
        }
        int i = (int) keyIndex;
        highest = Math.max(highest, i);
        if (counts == null) {
            if (!once.get(i)) {
                once.set(i);
                return;
            }
            counts = new long[Math.max(16, highest + 1)];
            once.stream().forEach(k -> counts[k] = 1);
            once = null;
        }
        if (i >= counts.length) {
            counts = Arrays.copyOf(counts, Math.max(i + 1, counts.length * 2));
        }
        counts[i]++;
    }

    /** Number of slots in use (highest key index seen + 1). */
    public int size() {
        return highest + 1;
    }

    /** Adds this tally into {@code into}, which must have at least {@link #size()} slots. */
    public void addTo(long[] into) {
        if (counts == null) {
            once.stream().forEach(k -> into[k]++);
            return;
        }
        for (int i = 0; i <= highest; i++) {
            into[i] += counts[i];
        }
    }
}
