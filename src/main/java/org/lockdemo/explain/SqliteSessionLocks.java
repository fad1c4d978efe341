package org.lockdemo.explain;

import java.util.LinkedHashSet;
import java.util.Locale;
import java.util.Optional;
import java.util.Set;
import org.lockdemo.db.SqliteSettings;

/**
 * Which of a scenario's sessions holds SQLite's write lock, worked out from the steps by SQLite's
 * rules, since SQLite shows no connection another's locks (no {@code pg_locks}, no
 * {@code INNODB_LOCK_WAITS}). The rules (sqlite.org/lang_transaction.html, in WAL mode, where
 * readers take no lock a writer waits for):
 * <ul>
 * <li>{@code BEGIN IMMEDIATE} and {@code BEGIN EXCLUSIVE} take the write lock, and so does a
 *     transaction's first statement in those modes when no {@code begin} step sent the BEGIN;
 * <li>a {@code DEFERRED} transaction takes it at its first write (INSERT, UPDATE, DELETE) and keeps
 *     it when that write then fails on a constraint (SQLITE_CONSTRAINT, 19: the statement is undone,
 *     the transaction stays a write transaction); a write refused as busy (SQLITE_BUSY, 5, and its
 *     extended codes such as SQLITE_BUSY_SNAPSHOT, 517) took nothing;
 * <li>COMMIT and ROLLBACK release it (a COMMIT that fails too: lockdemo's session then rolls back);
 *     ROLLBACK TO SAVEPOINT does not.
 * </ul>
 * What it says is checked against SQLite itself: {@code ExplainIT}'s SQLite scenarios show a
 * session BLOCKED only while its busy handler is called, and the holder named must be the one whose
 * COMMIT ends the wait.
 *
 * <p>Thread-safety: {@link #ran} is called on each session's own thread when its step returns, and
 * {@link #writer} on the interpreter's; both synchronize on this object.
 */
final class SqliteSessionLocks {
    private static final int SQLITE_BUSY = 5; // primary code of every "the database is locked" answer
    private static final int SQLITE_CONSTRAINT = 19; // primary code of a constraint that failed after the write began

    private final SqliteSettings.Begin mode;
    /** Sessions whose transaction is open (a statement ran since their last COMMIT or ROLLBACK). */
    private final Set<String> open = new LinkedHashSet<>();
    private String writer;

    /** @param mode the mode of every BEGIN the sessions send */
    SqliteSessionLocks(SqliteSettings.Begin mode) {
        this.mode = mode;
    }

    /** Records what {@code step} of {@code session} did to the write lock; the session's thread, as it returns. */
    synchronized void ran(String session, Step step, StepResult result) {
        switch (step.action()) {
            case COMMIT, ROLLBACK -> {
                open.remove(session);
                release(session);
            }
            case BEGIN -> {
                if (!result.error()) {
                    begun(session);
                }
            }
            case SQL -> {
                if (result.error() && primary(result) == SQLITE_BUSY) {
                    return; // refused before it began anything (an implicit BEGIN IMMEDIATE that gave up, 517)
                }
                begun(session);
                if (mode == SqliteSettings.Begin.DEFERRED && writes(step)
                        && (!result.error() || primary(result) == SQLITE_CONSTRAINT)) {
                    take(session);
                }
            }
            default -> throw new IllegalArgumentException("unknown action " + step.action());
        }
    }

    /** The session that holds the write lock now, if one of the scenario's does. Any thread. */
    synchronized Optional<String> writer() {
        return Optional.ofNullable(writer);
    }

    private void begun(String session) {
        if (open.add(session) && mode != SqliteSettings.Begin.DEFERRED) {
            take(session);
        }
    }

    /**
     * SQLite grants one writer at a time, so a session that took the lock did so after the last
     * writer released it, even when that writer's thread has yet to record its COMMIT here.
     */
    private void take(String session) {
        writer = session;
    }

    private void release(String session) {
        if (session.equals(writer)) {
            writer = null;
        }
    }

    private static boolean writes(Step step) {
        String s = step.sql().strip().toLowerCase(Locale.ROOT);
        return s.startsWith("insert") || s.startsWith("update") || s.startsWith("delete") || s.startsWith("replace");
    }

    private static int primary(StepResult r) {
        return r.vendorCode() & 0xff; // SQLite's extended codes keep the primary one in the low byte
    }
}
