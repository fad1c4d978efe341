package org.lockdemo.strategy;

import java.util.concurrent.locks.LockSupport;

/**
 * {@code --statement-delay}: waited before every statement of an attempt, as the round trip to a
 * remote server or an ORM's time between statements would be; in the attempt's latency, never in
 * its lock time. Immutable; {@link #await()} parks the calling thread only.
 */
final class StatementDelay {
    static final StatementDelay NONE = new StatementDelay(0);

    private final long delayNanos;

    StatementDelay(long delayNanos) {
        this.delayNanos = delayNanos;
    }

    /**
     * Waits the delay. An interrupt ends the wait at once and stays set, so the worker stops after
     * this attempt; the statement itself still runs (it and the rollback that follows are what the
     * server needs to end the transaction cleanly).
     */
    void await() {
        if (delayNanos <= 0) {
            return;
        }
        long until = System.nanoTime() + delayNanos;
        for (long left = delayNanos; left > 0; left = until - System.nanoTime()) {
            LockSupport.parkNanos(this, left);
            if (Thread.currentThread().isInterrupted()) {
                return;
            }
        }
    }
}
