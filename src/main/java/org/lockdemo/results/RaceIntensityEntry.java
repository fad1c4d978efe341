package org.lockdemo.results;

/**
 * How hard the threads raced (docs/race.md), as the result holds it. Immutable.
 *
 * @param racedShare      raced / attempts, rounded to 4 decimals
 * @param lowerBoundReason why {@code raced} is only a lower bound; null when exact
 * @param racersPerRound  hot key only; null without rounds, and in a merge
 * @param startSpread     null without releases, and in a merge
 * @param notMerged       in a merge: which per-run figures were not merged; null otherwise
 */
public record RaceIntensityEntry(Long raced, Double racedShare, Boolean racedIsLowerBound, String lowerBoundReason,
        RacersPerRound racersPerRound, StartSpread startSpread, String notMerged) {

    public boolean lowerBound() {
        return racedIsLowerBound != null && racedIsLowerBound;
    }

    /** @param mean rounded to 2 decimals */
    public record RacersPerRound(double mean, long p50, long max, long rounds) {
    }

    /** First to last worker leaving the start line, per release, in µs rounded to 0.1. */
    public record StartSpread(double p50Us, double p99Us, double maxUs, long releases) {
    }
}
