package org.lockdemo.race;

import java.sql.Connection;
import java.sql.SQLException;
import java.util.concurrent.Executor;
import org.lockdemo.strategy.Attempt;

/**
 * What one worker publishes for the lock-view sampler, the progress line and the answer watchdog:
 * the database session it is using (and its second connection's, for a strategy that uses two), a
 * sequence number that is odd while an attempt is in flight, its {@link Attempt} (whose statement
 * sequence tells whether a statement waits for its answer) and the connections it holds. Written
 * only by its worker; read by any thread (volatile fields, no lock); {@link #abortConnections} is
 * the one call another thread makes on the worker's connections.
 */
final class WorkerSlot {
    private volatile long sessionId = -1;
    private volatile long secondSessionId = -1;
    private volatile long seq;
    private volatile Attempt attempt;
    private volatile Connection connection;
    private volatile Connection secondConnection;

    /** Worker, once: the attempt object it runs every attempt with. */
    void watch(Attempt a) {
        attempt = a;
    }

    /** Worker: the connections it keeps from now on (null: none), after a borrow or a give-back. */
    void holds(Connection first, Connection second) {
        connection = first;
        secondConnection = second;
    }

    /**
     * Any thread: odd while a statement of the worker's attempt waits for the server's answer (see
     * {@link Attempt#statementSeq()}); 0 before the worker started.
     */
    long statementSeq() {
        Attempt a = attempt;
        return a == null ? 0 : a.statementSeq();
    }

    /**
     * Answer watchdog: aborts the worker's connections (JDBC {@link Connection#abort}: the socket is
     * closed, the statement waiting on it fails as a lost connection, and the pool replaces it).
     *
     * @return how many connections were aborted
     */
    int abortConnections(Executor executor) throws SQLException {
        int n = 0;
        for (Connection c : new Connection[] {connection, secondConnection}) {
            if (c != null) {
                c.abort(executor);
                n++;
            }
        }
        return n;
    }

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
