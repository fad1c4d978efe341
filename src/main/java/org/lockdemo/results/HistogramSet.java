package org.lockdemo.results;

/**
 * A strategy's exact histograms. Immutable. A histogram is null where the file lacks it;
 * {@code scheduleLag} exists only in open loop.
 */
public record HistogramSet(String encoding, EncodedHistogram latency, EncodedHistogram lockWait,
        EncodedHistogram acquire, EncodedHistogram scheduleLag) {
}
