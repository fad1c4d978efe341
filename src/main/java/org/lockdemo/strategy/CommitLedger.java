package org.lockdemo.strategy;

import java.util.Arrays;

/**
 * What one attempt's commits made durable, per key of the attempt: an insert or counter update is
 * pending from the statement that made it until the COMMIT that carries it succeeds (committed),
 * fails on a lost connection (outcome unknown: the server may have committed before the answer was
 * lost), or is undone by a rollback. An attempt of one key uses position 0 only; an attempt of
 * several keys in one transaction ({@code --keys-per-attempt}) moves to the position of the key it
 * works on with {@link #atKey(int)}, so each key's insert and update are accounted apart, while a
 * COMMIT or ROLLBACK ends what is pending for every key at once. Pure bookkeeping, no JDBC. Not
 * thread-safe: owned by one {@link Attempt}.
 */
public final class CommitLedger {
    /** The flags of each key position, one bit each. */
    private static final int INSERT_PENDING = 1;
    private static final int INSERT_OR_UPDATE_PENDING = 1 << 1;
    private static final int INCREMENT_PENDING = 1 << 2;
    private static final int INSERT_COMMITTED = 1 << 3;
    private static final int INCREMENT_COMMITTED = 1 << 4;
    private static final int INSERT_UNKNOWN = 1 << 5;
    private static final int INCREMENT_UNKNOWN = 1 << 6;

    private int[] flags = new int[1];
    /** Key positions in use: 1 for an attempt of one key. */
    private int keys = 1;
    private int current;

    /** Forgets everything, for a new attempt of one key. */
    public void reset() {
        reset(1);
    }

    /** Forgets everything, for a new attempt of {@code keyCount} keys; it is at position 0. */
    public void reset(int keyCount) {
        if (keyCount < 1) {
            throw new IllegalArgumentException("an attempt has at least one key, got " + keyCount);
        }
        if (flags.length < keyCount) {
            flags = new int[keyCount];
        } else {
            Arrays.fill(flags, 0, Math.max(keys, keyCount), 0);
        }
        keys = keyCount;
        current = 0;
    }

    /** The statements that follow work on the key at {@code position} of the attempt's keys. */
    public void atKey(int position) {
        if (position < 0 || position >= keys) {
            throw new IllegalArgumentException("key position " + position + " of an attempt of " + keys + " keys");
        }
        current = position;
    }

    /** The key positions in use. */
    public int keys() {
        return keys;
    }

    /** The key's row was inserted in the open transaction. */
    public void inserted() {
        flags[current] |= INSERT_PENDING;
    }

    /**
     * An upsert in the open transaction either inserted the key's row or updated the one a
     * concurrent session had just committed, and its answer does not say which (PostgreSQL's
     * {@code INSERT ... ON CONFLICT DO UPDATE} reports 1 row either way). Once committed, the insert
     * is of unknown outcome, as one whose COMMIT lost its connection: the row check accepts either.
     */
    public void insertedOrUpdated() {
        flags[current] |= INSERT_OR_UPDATE_PENDING;
    }

    /** The counter was updated in the open transaction. */
    public void incremented() {
        flags[current] |= INCREMENT_PENDING;
    }

    /** A COMMIT succeeded: what was pending, for every key, is durable. */
    public void committed() {
        for (int i = 0; i < keys; i++) {
            int f = flags[i];
            if ((f & INSERT_OR_UPDATE_PENDING) != 0) {
                f |= INSERT_UNKNOWN;
            }
            if ((f & INSERT_PENDING) != 0) {
                f |= INSERT_COMMITTED;
            }
            if ((f & INCREMENT_PENDING) != 0) {
                f |= INCREMENT_COMMITTED;
            }
            flags[i] = f & ~(INSERT_PENDING | INSERT_OR_UPDATE_PENDING | INCREMENT_PENDING);
        }
    }

    /**
     * The connection died during a COMMIT: whether what was pending is durable cannot be known.
     * It stays pending until a rollback, as the transaction's fate is the server's.
     */
    public void commitLost() {
        for (int i = 0; i < keys; i++) {
            int f = flags[i];
            if ((f & (INSERT_PENDING | INSERT_OR_UPDATE_PENDING)) != 0) {
                f |= INSERT_UNKNOWN;
            }
            if ((f & INCREMENT_PENDING) != 0) {
                f |= INCREMENT_UNKNOWN;
            }
            flags[i] = f;
        }
    }

    /** A rollback to the savepoint before the current key's insert: that insert did not happen. */
    public void insertRolledBack() {
        flags[current] &= ~(INSERT_PENDING | INSERT_OR_UPDATE_PENDING);
    }

    /** A ROLLBACK: nothing pending happened, for any key. */
    public void rolledBack() {
        for (int i = 0; i < keys; i++) {
            flags[i] &= ~(INSERT_PENDING | INSERT_OR_UPDATE_PENDING | INCREMENT_PENDING);
        }
    }

    public boolean insertCommitted() {
        return insertCommitted(0);
    }

    public boolean incrementCommitted() {
        return incrementCommitted(0);
    }

    /**
     * True when the connection died during a COMMIT that carried the insert, or a committed upsert
     * could not say whether it inserted ({@link #insertedOrUpdated()}).
     */
    public boolean insertOutcomeUnknown() {
        return insertOutcomeUnknown(0);
    }

    /** True when the connection died during a COMMIT that carried the counter update. */
    public boolean incrementOutcomeUnknown() {
        return incrementOutcomeUnknown(0);
    }

    /** Whether a COMMIT made the insert of the key at {@code position} durable. */
    public boolean insertCommitted(int position) {
        return has(position, INSERT_COMMITTED);
    }

    /** Whether a COMMIT made the counter update of the key at {@code position} durable. */
    public boolean incrementCommitted(int position) {
        return has(position, INCREMENT_COMMITTED);
    }

    /** {@link #insertOutcomeUnknown()} of the key at {@code position}. */
    public boolean insertOutcomeUnknown(int position) {
        return has(position, INSERT_UNKNOWN);
    }

    /** {@link #incrementOutcomeUnknown()} of the key at {@code position}. */
    public boolean incrementOutcomeUnknown(int position) {
        return has(position, INCREMENT_UNKNOWN);
    }

    private boolean has(int position, int flag) {
        if (position < 0 || position >= keys) {
            throw new IllegalArgumentException("key position " + position + " of an attempt of " + keys + " keys");
        }
        return (flags[position] & flag) != 0;
    }
}
