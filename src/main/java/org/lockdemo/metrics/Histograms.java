package org.lockdemo.metrics;

import org.HdrHistogram.Histogram;
import org.HdrHistogram.IntCountsHistogram;

/** Histogram settings shared by workers and results. Stateless. */
public final class Histograms {
    /** Values are nanoseconds, resolved to 1 µs, 3 significant digits, growing as needed. */
    static final long LOWEST_DISCERNIBLE_NANOS = 1_000;
    static final int SIGNIFICANT_DIGITS = 3;

    private Histograms() {
    }

    /** A small per-worker histogram of nanoseconds (int counts are plenty for one worker). */
    static IntCountsHistogram newWorkerHistogram() {
        IntCountsHistogram h = new IntCountsHistogram(LOWEST_DISCERNIBLE_NANOS, 1_000_000_000L, SIGNIFICANT_DIGITS);
        h.setAutoResize(true);
        return h;
    }

    /** A histogram to merge worker histograms into. */
    public static Histogram newMergeHistogram() {
        Histogram h = new Histogram(LOWEST_DISCERNIBLE_NANOS, 1_000_000_000L, SIGNIFICANT_DIGITS);
        h.setAutoResize(true);
        return h;
    }
}
