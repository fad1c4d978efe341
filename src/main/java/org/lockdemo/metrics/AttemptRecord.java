package org.lockdemo.metrics;

import org.lockdemo.model.Outcome;

/**
 * How one attempt ended, as its worker records it once, in a finally ({@link WorkerStats#record}).
 * Immutable.
 *
 * @param outcome              the attempt's one outcome
 * @param keyIndex             the key it worked on
 * @param latencyNanos         from its (intended) start to its end
 * @param lockNanos            time in statements that take or wait for locks
 * @param acquireNanos         time to borrow a connection from the pool, or -1 when it kept one
 * @param endedNanosSinceStart its end, since the start line, for the timeline
 * @param retries              transactions it retried
 * @param raced                whether it raced for its key ({@code Attempt#raced()})
 * @param insertCommitted      whether a COMMIT made its insert durable
 * @param incrementCommitted   whether a COMMIT made its counter update durable
 * @param insertUnknown        whether the connection died during a COMMIT that carried its insert
 * @param incrementUnknown     the same for its counter update
 * @param gaveUp               whether it used up its retries and let the last error through
 * @param keys                 of an attempt of several keys, what it did for each (then the
 *                             commit flags above are not read, and {@code keyIndex} is its first
 *                             key); null for an attempt of one key
 */
public record AttemptRecord(Outcome outcome, long keyIndex, long latencyNanos, long lockNanos, long acquireNanos,
        long endedNanosSinceStart, int retries, boolean raced, boolean insertCommitted, boolean incrementCommitted,
        boolean insertUnknown, boolean incrementUnknown, boolean gaveUp, KeyParts keys) {

    /** An attempt of one key. */
    public AttemptRecord(Outcome outcome, long keyIndex, long latencyNanos, long lockNanos, long acquireNanos,
            long endedNanosSinceStart, int retries, boolean raced, boolean insertCommitted, boolean incrementCommitted,
            boolean insertUnknown, boolean incrementUnknown, boolean gaveUp) {
        this(outcome, keyIndex, latencyNanos, lockNanos, acquireNanos, endedNanosSinceStart, retries, raced,
                insertCommitted, incrementCommitted, insertUnknown, incrementUnknown, gaveUp, null);
    }

    /** An attempt that did not give up retrying. */
    public AttemptRecord(Outcome outcome, long keyIndex, long latencyNanos, long lockNanos, long acquireNanos,
            long endedNanosSinceStart, int retries, boolean raced, boolean insertCommitted, boolean incrementCommitted,
            boolean insertUnknown, boolean incrementUnknown) {
        this(outcome, keyIndex, latencyNanos, lockNanos, acquireNanos, endedNanosSinceStart, retries, raced,
                insertCommitted, incrementCommitted, insertUnknown, incrementUnknown, false);
    }
}
