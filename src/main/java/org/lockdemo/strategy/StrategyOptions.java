package org.lockdemo.strategy;

/**
 * Settings some strategies need. Immutable.
 *
 * @param maxRetries how often {@code serializable} retries a transaction that failed with a
 *                   serialization failure or a deadlock
 */
public record StrategyOptions(int maxRetries) {
    public static final StrategyOptions DEFAULTS = new StrategyOptions(10);
}
