package org.lockdemo.strategy;

/**
 * What one attempt's commits made durable: an insert or counter update is pending from the
 * statement that made it until the COMMIT that carries it succeeds (committed), fails on a lost
 * connection (outcome unknown: the server may have committed before the answer was lost), or is
 * undone by a rollback. Pure bookkeeping, no JDBC. Not thread-safe: owned by one {@link Attempt}.
 */
public final class CommitLedger {
    private boolean insertPending;
    private boolean insertOrUpdatePending;
    private boolean incrementPending;
    private boolean insertCommitted;
    private boolean incrementCommitted;
    private boolean insertUnknown;
    private boolean incrementUnknown;

    /** Forgets everything, for a new attempt. */
    public void reset() {
        insertPending = false;
        insertOrUpdatePending = false;
        incrementPending = false;
        insertCommitted = false;
        incrementCommitted = false;
        insertUnknown = false;
        incrementUnknown = false;
    }

    /** The key's row was inserted in the open transaction. */
    public void inserted() {
        insertPending = true;
    }

    /**
     * An upsert in the open transaction either inserted the key's row or updated the one a
     * concurrent session had just committed, and its answer does not say which (PostgreSQL's
     * {@code INSERT ... ON CONFLICT DO UPDATE} reports 1 row either way). Once committed, the insert
     * is of unknown outcome, as one whose COMMIT lost its connection: the row check accepts either.
     */
    public void insertedOrUpdated() {
        insertOrUpdatePending = true;
    }

    /** The counter was updated in the open transaction. */
    public void incremented() {
        incrementPending = true;
    }

    /** A COMMIT succeeded: what was pending is durable. */
    public void committed() {
        insertUnknown |= insertOrUpdatePending;
        insertOrUpdatePending = false;
        insertCommitted |= insertPending;
        incrementCommitted |= incrementPending;
        insertPending = false;
        incrementPending = false;
    }

    /**
     * The connection died during a COMMIT: whether what was pending is durable cannot be known.
     * It stays pending until a rollback, as the transaction's fate is the server's.
     */
    public void commitLost() {
        insertUnknown |= insertPending || insertOrUpdatePending;
        incrementUnknown |= incrementPending;
    }

    /** A rollback to the savepoint before the insert: the insert did not happen. */
    public void insertRolledBack() {
        insertPending = false;
        insertOrUpdatePending = false;
    }

    /** A ROLLBACK: nothing pending happened. */
    public void rolledBack() {
        insertPending = false;
        insertOrUpdatePending = false;
        incrementPending = false;
    }

    public boolean insertCommitted() {
        return insertCommitted;
    }

    public boolean incrementCommitted() {
        return incrementCommitted;
    }

    /**
     * True when the connection died during a COMMIT that carried the insert, or a committed upsert
     * could not say whether it inserted ({@link #insertedOrUpdated()}).
     */
    public boolean insertOutcomeUnknown() {
        return insertUnknown;
    }

    /** True when the connection died during a COMMIT that carried the counter update. */
    public boolean incrementOutcomeUnknown() {
        return incrementUnknown;
    }
}
