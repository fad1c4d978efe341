package org.lockdemo.strategy;

/**
 * Settings some strategies need. Immutable.
 *
 * @param maxRetries     how often {@code serializable} retries a transaction that failed with a
 *                       serialization failure or a deadlock
 * @param keysPerAttempt the keys each attempt gets or creates in one transaction
 *                       ({@code --keys-per-attempt}); a strategy that renders its SQL per number of
 *                       keys ({@link MultiRowUpsertStrategy}) renders it for this many
 */
public record StrategyOptions(int maxRetries, int keysPerAttempt) {
    public static final StrategyOptions DEFAULTS = new StrategyOptions(10);

    public StrategyOptions {
        if (keysPerAttempt < 1) {
            throw new IllegalArgumentException("keys per attempt must be at least 1, got " + keysPerAttempt);
        }
    }

    /** One key per attempt. */
    public StrategyOptions(int maxRetries) {
        this(maxRetries, 1);
    }
}
