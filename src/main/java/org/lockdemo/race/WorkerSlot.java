package org.lockdemo.race;

/**
 * What one worker publishes for the lock-view sampler and the progress line: the database
 * session it is using (and its second connection's, for a strategy that uses two) and a sequence number that is odd while an attempt is in flight. Written
 * only by its worker; read by any thread (volatile fields, no lock).
 */
final class WorkerSlot {
    private volatile long sessionId = -1;
    private volatile long secondSessionId = -1;
    private volatile long seq;

    /** Worker: an attempt starts on the session {@code id}. */
    void enter(long id) {
        enter(id, -1);
    }

    /**
     * Worker: an attempt starts on the session {@code id}, with {@code secondId} the session of its
     * second connection (-1: none; see {@code GetOrCreate.connectionsPerAttempt()}).
     */
    void enter(long id, long secondId) {
        if (sessionId != id) { // the worker keeps its connection: a volatile write only when it changed
            sessionId = id;
        }
        if (secondSessionId != secondId) {
            secondSessionId = secondId;
        }
        seq = seq + 1; // single writer: the read-modify-write is not racy
    }

    /** Worker: the attempt ended (no-op if it never entered, e.g. no connection). */
    void exit() {
        long s = seq;
        if ((s & 1) == 1) {
            seq = s + 1;
        }
    }

    long seq() {
        return seq;
    }

    long sessionId() {
        return sessionId;
    }

    /** The session of the worker's second connection, or -1 when it has none. */
    long secondSessionId() {
        return secondSessionId;
    }

    /** Attempts started on a session so far (for progress). */
    long attemptsEntered() {
        return (seq + 1) / 2;
    }
}
