package org.lockdemo.model;

import java.util.Locale;

/**
 * How one get-or-create attempt ended. Every attempt ends in exactly one of these; the set is
 * closed so that counts always add up ({@code attempts == sum of outcomes}).
 *
 * <p>The first four are successes (the attempt held the row lock and committed its update); the
 * rest are failures, each with the reason a user would look up.
 */
public enum Outcome {
    /** The row was absent; this attempt inserted it and committed. */
    CREATED(true, "row was absent; this attempt inserted it"),
    /** The row existed; this attempt locked it. */
    FOUND(true, "row existed; this attempt locked it"),
    /** Insert hit a duplicate; the attempt rolled back to its savepoint and then locked the winner's row. */
    FOUND_AFTER_CONFLICT(true, "insert lost to a concurrent insert; re-read and locked the winner's row"),
    /** A unique-constraint violation reached the application (the naive race). */
    UNIQUE_VIOLATION(false, "unique-constraint violation surfaced to the application"),
    /** After a duplicate-key error the re-read found no row: the winner's row is invisible to this snapshot. */
    MISSING_AFTER_CONFLICT(false, "duplicate key, but the re-read found no row (snapshot too old to see it)"),
    /** A NOWAIT locking read found the row locked by another session. */
    LOCK_NOT_AVAILABLE(false, "NOWAIT found the row locked by another session"),
    /** The database chose this transaction as a deadlock victim. */
    DEADLOCK(false, "deadlock detected; this transaction was the victim"),
    /** A serialization failure under REPEATABLE READ/SERIALIZABLE. */
    SERIALIZATION_FAILURE(false, "could not serialize access (snapshot or SSI conflict)"),
    /**
     * A Galera cluster aborted the transaction: its write set failed certification against a
     * conflicting transaction committed on another node (error 1213 at COMMIT). Nothing of it committed.
     */
    CERTIFICATION_FAILURE(false, "the cluster aborted the transaction: a conflicting write set from another node "
            + "won certification; nothing of it committed"),
    /** A blocking lock wait exceeded the lock timeout. */
    LOCK_TIMEOUT(false, "a lock wait exceeded the lock timeout"),
    /** The connection broke (server gone, backend terminated, network). */
    CONNECTION_LOST(false, "the connection to the database was lost"),
    /** The run was stopped (Ctrl-C, deadline) while this attempt was in flight; it was rolled back. */
    INTERRUPTED(false, "the run was stopped while this attempt was in flight; rolled back"),
    /** Anything else; see the error samples for what it was. */
    OTHER_ERROR(false, "an error lockdemo does not classify; see error samples");

    private static final Outcome[] VALUES = values();

    private final boolean success;
    private final String meaning;

    Outcome(boolean success, String meaning) {
        this.success = success;
        this.meaning = meaning;
    }

    /** True when the attempt held the row lock and committed its update of the row's counter. */
    public boolean isSuccess() {
        return success;
    }

    public String meaning() {
        return meaning;
    }

    /** The name used in JSON, CSV and console output, e.g. {@code found_after_conflict}. */
    public String id() {
        return name().toLowerCase(Locale.ROOT);
    }

    /** All outcomes, shared array: callers must not modify it. */
    public static Outcome[] all() {
        return VALUES;
    }

    public static int count() {
        return VALUES.length;
    }
}
