package org.lockdemo.results;

import org.HdrHistogram.Histogram;

/**
 * A histogram's summary in microseconds, rounded to 0.1 µs, as the result holds it. Immutable.
 * A value is null only in a hand-written or partial file that lacks it.
 */
public record Percentiles(Double p50Us, Double p90Us, Double p99Us, Double p999Us, Double maxUs, Double meanUs,
        Long count) {

    /** The summary of a histogram of nanoseconds; all zero for an empty one. */
    public static Percentiles of(Histogram h) {
        if (h.getTotalCount() == 0) {
            return new Percentiles(0.0, 0.0, 0.0, 0.0, 0.0, 0.0, 0L);
        }
        return new Percentiles(us(h.getValueAtPercentile(50)), us(h.getValueAtPercentile(90)),
                us(h.getValueAtPercentile(99)), us(h.getValueAtPercentile(99.9)), us(h.getMaxValue()),
                Rounding.round(h.getMean() / 1e3, 1), h.getTotalCount());
    }

    public boolean empty() {
        return count != null && count == 0;
    }

    private static double us(long nanos) {
        return Rounding.round(nanos / 1e3, 1);
    }
}
