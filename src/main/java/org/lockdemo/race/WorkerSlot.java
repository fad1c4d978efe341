package org.lockdemo.race;

/**
 * What one worker publishes for the lock-view sampler and the progress line: the database
 * session it is using and a sequence number that is odd while an attempt is in flight. Written
 * only by its worker; read by any thread (volatile fields, no lock).
 */
final class WorkerSlot {
    private volatile long sessionId = -1;
    private volatile long seq;

    /** Worker: an attempt starts on the session {@code id}. */
    void enter(long id) {
        if (sessionId != id) { // the worker keeps its connection: a volatile write only when it changed
            sessionId = id;
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

    /** Attempts started on a session so far (for progress). */
    long attemptsEntered() {
        return (seq + 1) / 2;
    }
}
