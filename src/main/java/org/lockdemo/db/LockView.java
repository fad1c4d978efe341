package org.lockdemo.db;

import java.sql.Connection;
import java.sql.SQLException;
import java.util.List;

/**
 * The server's own view of which sessions are waiting for a lock held by another session.
 * Implementations are stateless; the caller owns the connection and calls from one thread.
 */
public interface LockView {

    /** One session that the server reports as waiting for a lock. */
    record BlockedSession(long sessionId, long[] blockerIds) {
    }

    /** The sessions of the connected database that are blocked right now on another session's lock. */
    List<BlockedSession> blockedSessions(Connection observer) throws SQLException;

    /**
     * Only the ids of the sessions blocked right now, for a sampler that polls often and does not
     * need to know the holders. By default {@link #blockedSessions}; a view whose holders are
     * expensive to find answers it more cheaply.
     */
    default long[] blockedSessionIds(Connection observer) throws SQLException {
        return blockedSessions(observer).stream().mapToLong(BlockedSession::sessionId).toArray();
    }

    /**
     * Lock waits the client counts itself as they begin, exact where a polled view is a lower bound
     * (SQLite's busy handler). Running totals over the dialect's connections; the race reads them
     * before and after a strategy. Thread-safe.
     */
    interface ExactWaits {
        /** Waits begun so far. */
        long waits();

        /** Times the waiting connections tried the lock again. */
        long calls();

        /** Waits that gave up at the timeout. */
        long timedOut();
    }

    /** The exact counter of waits, where the client has one; then the race does not poll {@link #blockedSessionIds}. */
    default java.util.Optional<ExactWaits> exactWaits() {
        return java.util.Optional.empty();
    }

    /** One sentence for the docs and the JSON: how blocked waits are detected and its limits. */
    String method();
}
