package org.lockdemo.strategy;

/**
 * {@link SavepointStrategy} with {@code select_for_update(nowait=True)}: a row locked by another
 * session fails the attempt at once with lock-not-available instead of waiting. Only the locking
 * read is NOWAIT: the INSERT of a duplicate still waits for the winner's transaction.
 * Thread-safe (stateless).
 */
public final class NowaitStrategy extends SavepointStrategy {
    public NowaitStrategy(RaceSchema s) {
        super(s, true);
    }
}
