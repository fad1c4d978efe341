package org.lockdemo.strategy;

import java.util.Arrays;
import org.lockdemo.model.Outcome;
import org.lockdemo.model.SqlStep;

/**
 * The running state of one attempt, apart from the verbs that change it: which statement it is on
 * (for the error classifier), the time spent in statements that take or wait for locks, its retries,
 * the row its model queries found or made, whether it raced, and (in its {@link CommitLedger}) what
 * its commits made durable. Pure bookkeeping, no JDBC; {@link Attempt}'s verbs write it, the worker
 * reads it when it records the attempt.
 *
 * <p>Not thread-safe: owned by one {@link Attempt}, used by the one worker thread that owns that;
 * {@link #reset()} per attempt.
 */
public final class AttemptState {
    private final CommitLedger ledger = new CommitLedger();
    private SqlStep step = SqlStep.CONNECT;
    private long lockNanos;
    private int retries;
    private long rowId;
    private long rowValue;
    private boolean rowRead;
    private boolean raced;
    private boolean gaveUp;
    /** Of an attempt of several keys: each key's outcome, set as its part ends; null: not reached. */
    private Outcome[] keyOutcomes = new Outcome[1];

    /** Forgets everything, for a new attempt of one key: it is at {@link SqlStep#CONNECT}. */
    public void reset() {
        reset(1);
    }

    /**
     * Forgets everything, for a new attempt of {@code keyCount} keys in one transaction: it is at
     * {@link SqlStep#CONNECT}, on the first key.
     */
    public void reset(int keyCount) {
        step = SqlStep.CONNECT;
        lockNanos = 0;
        ledger.reset(keyCount);
        if (keyOutcomes.length < keyCount) {
            keyOutcomes = new Outcome[keyCount];
        } else {
            Arrays.fill(keyOutcomes, null);
        }
        retries = 0;
        rowId = 0;
        rowValue = 0;
        rowRead = false;
        raced = false;
        gaveUp = false;
    }

    /**
     * The statements that follow work on the key at {@code position} of the attempt's keys: the row
     * the model queries found is forgotten, and that key's first row read is yet to come. Whether
     * the attempt raced stays: it raced if it raced for any of its keys.
     */
    void atKey(int position) {
        ledger.atKey(position);
        rowId = 0;
        rowValue = 0;
        rowRead = false;
    }

    /** The part of the attempt for the key at {@code position} ended with {@code outcome}. */
    void keyOutcome(int position, Outcome outcome) {
        keyOutcomes[position] = outcome;
    }

    /**
     * The outcome of the key at {@code position} of an attempt of several keys, or null when the
     * attempt ended before that key's part did.
     */
    public Outcome keyOutcome(int position) {
        if (position < 0 || position >= ledger.keys()) {
            throw new IllegalArgumentException("key position " + position + " of an attempt of " + ledger.keys() + " keys");
        }
        return keyOutcomes[position];
    }

    /** The keys of the attempt: 1 unless it is one of several keys per transaction. */
    public int keys() {
        return ledger.keys();
    }

    /** The attempt is sending the statement of step {@code s}. */
    void step(SqlStep s) {
        step = s;
    }

    /** {@code nanos} spent in a statement that takes or waits for a lock. */
    void addLockNanos(long nanos) {
        lockNanos += nanos;
    }

    /** The try failed retryably and was rolled back; the attempt tries again. */
    void retried() {
        retries++;
    }

    /** The attempt used up its retries and let the last error through. */
    void gaveUp() {
        gaveUp = true;
    }

    /** Whether it gave up after its retries (a strategy file's {@code retry: {max: N}}). */
    public boolean gaveUpRetrying() {
        return gaveUp;
    }

    /** The row a model query found, or an INSERT made (value 0). */
    void row(long id, long value) {
        rowId = id;
        rowValue = value;
    }

    /**
     * The first row-touching statement of the attempt decides {@link #raced()}; later ones change
     * nothing. Passes {@code found} through.
     */
    boolean firstRowRead(boolean found) {
        if (!rowRead) {
            rowRead = true;
            raced |= !found; // of several keys: it raced if it raced for any
        }
        return found;
    }

    CommitLedger ledger() {
        return ledger;
    }

    /** The step of the statement sent last (or being sent): what a failure is classified as. */
    public SqlStep step() {
        return step;
    }

    public long lockNanos() {
        return lockNanos;
    }

    public int retries() {
        return retries;
    }

    public long rowId() {
        return rowId;
    }

    public long rowValue() {
        return rowValue;
    }

    /** See {@link Attempt#raced()}. */
    public boolean raced() {
        return raced;
    }

    public boolean insertCommitted() {
        return ledger.insertCommitted();
    }

    public boolean incrementCommitted() {
        return ledger.incrementCommitted();
    }

    /** True when the connection died during a COMMIT that carried this attempt's insert. */
    public boolean insertOutcomeUnknown() {
        return ledger.insertOutcomeUnknown();
    }

    /** True when the connection died during a COMMIT that carried this attempt's counter update. */
    public boolean incrementOutcomeUnknown() {
        return ledger.incrementOutcomeUnknown();
    }

    /** What the commits made durable for each key: read when the attempt has several. */
    public CommitLedger perKey() {
        return ledger;
    }
}
