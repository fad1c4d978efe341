package org.lockdemo.strategy;

/**
 * What one attempt's commits made durable: an insert or counter update is pending from the
 * statement that made it until the COMMIT that carries it succeeds (committed), fails on a lost
 * connection (outcome unknown: the server may have committed before the answer was lost), or is
 * undone by a rollback. Pure bookkeeping, no JDBC. Not thread-safe: owned by one {@link Attempt}.
 */
public final class CommitLedger {
    private boolean insertPending;
    private boolean incrementPending;
    private boolean insertCommitted;
    private boolean incrementCommitted;
    private boolean insertUnknown;
    private boolean incrementUnknown;

    /** Forgets everything, for a new attempt. */
    public void reset() {
        insertPending = false;
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

    /** The counter was updated in the open transaction. */
    public void incremented() {
        incrementPending = true;
    }

    /** A COMMIT succeeded: what was pending is durable. */
    public void committed() {
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
        insertUnknown |= insertPending;
        incrementUnknown |= incrementPending;
    }

    /** A rollback to the savepoint before the insert: the insert did not happen. */
    public void insertRolledBack() {
        insertPending = false;
    }

    /** A ROLLBACK: nothing pending happened. */
    public void rolledBack() {
        insertPending = false;
        incrementPending = false;
    }

    public boolean insertCommitted() {
        return insertCommitted;
    }

    public boolean incrementCommitted() {
        return incrementCommitted;
    }

    /** True when the connection died during a COMMIT that carried the insert. */
    public boolean insertOutcomeUnknown() {
        return insertUnknown;
    }

    /** True when the connection died during a COMMIT that carried the counter update. */
    public boolean incrementOutcomeUnknown() {
        return incrementUnknown;
    }
}
