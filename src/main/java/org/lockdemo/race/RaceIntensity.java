package org.lockdemo.race;

import org.HdrHistogram.Histogram;

/**
 * How hard one strategy's threads actually raced: the attempts that raced for their key (their first
 * statement that touched the key's row found none, the winner included), how many raced per
 * hot-key round, and how far apart the start line let the workers go. Measured by the tool itself,
 * so nobody has to guess whether the race happened. Immutable once built (the histograms are
 * copies, never written again); thread-safe to read.
 *
 * @param raced              attempts that raced
 * @param attempts           all attempts
 * @param racersPerRound     hot key: raced attempts per complete round; null without rounds
 * @param startSpreadNanos   per release from the start line, first to last worker leaving it
 * @param lowerBoundReason   why {@code raced} can only be a lower bound for this strategy on this
 *                           database, or null when it is exact
 */
public record RaceIntensity(long raced, long attempts, Histogram racersPerRound, Histogram startSpreadNanos,
        String lowerBoundReason) {

    /** raced / attempts; 0 without attempts. */
    public double racedShare() {
        return attempts == 0 ? 0 : (double) raced / attempts;
    }

    public boolean lowerBound() {
        return lowerBoundReason != null;
    }
}
