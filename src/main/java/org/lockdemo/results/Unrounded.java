package org.lockdemo.results;

/**
 * A strategy's measured figures before the rounding the result file gives them, for a renderer that
 * rounds them its own way (the console prints throughput as a whole number and racers to 0.1: done
 * from the file's already rounded figures, that would round twice and could change a last digit).
 * Immutable.
 *
 * <p>Only a result built from a measured run ({@link RunResults#of}) has them; {@link ResultJson}
 * neither writes nor reads them (the file keeps the rounded figures it always had), so a result
 * read from a file or merged has none, and a renderer then falls back to the rounded figures.
 *
 * @param throughputPerSecond  attempts per second
 * @param racedShare           raced / attempts; null where race intensity was not measured
 * @param racersPerRoundMean   hot key: mean racers per round; null where not measured
 * @param startSpreadP50Nanos  median first-to-last spread at the start line; null where not measured
 * @param warmupElapsedNanos   the warm-up's elapsed time; null when none ran
 */
public record Unrounded(double throughputPerSecond, Double racedShare, Double racersPerRoundMean,
        Long startSpreadP50Nanos, Long warmupElapsedNanos) {
}
