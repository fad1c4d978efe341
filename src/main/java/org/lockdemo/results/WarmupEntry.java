package org.lockdemo.results;

/**
 * The unreported warm-up before a strategy's measured run. Immutable.
 *
 * @param elapsedS rounded to 3 decimals
 */
public record WarmupEntry(double durationS, double elapsedS, long attempts, String table) {
}
