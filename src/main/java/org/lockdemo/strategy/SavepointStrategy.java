package org.lockdemo.strategy;

import java.sql.Connection;
import java.sql.SQLException;
import java.util.List;
import org.lockdemo.model.Outcome;
import org.lockdemo.model.RowKey;

/**
 * The thread's answer: {@code select_for_update().get_or_create()} inside {@code atomic()}, then
 * {@code save(update_fields={'some_value'})}. One transaction: lock the row if it exists; if not,
 * INSERT inside a savepoint (the nested {@code atomic()} of {@code create()}); on a duplicate, roll
 * back to the savepoint, release it, and lock the winner's row, which blocks until the winner
 * commits. With {@link WaitMode#NOWAIT} it is {@code select_for_update(nowait=True)}, the
 * {@code nowait} strategy. The statements are Django's ({@link DjangoSql}), checked against its
 * transcripts. Thread-safe (stateless).
 */
public final class SavepointStrategy implements PerKeyGetOrCreate {
    /** How the locking read meets a row another transaction has locked. */
    public enum WaitMode {
        /** {@code FOR UPDATE}: wait for the other transaction to end. */
        WAIT,
        /**
         * {@code FOR UPDATE NOWAIT}: fail at once with lock-not-available. Only the locking read is
         * NOWAIT: the INSERT of a duplicate still waits for the winner's transaction.
         */
        NOWAIT
    }

    private final DjangoSql sql;
    private final String lock;
    private final boolean nowait;

    public SavepointStrategy(RaceSchema s, WaitMode mode) {
        this.nowait = mode == WaitMode.NOWAIT;
        sql = new DjangoSql(s);
        lock = nowait ? sql.getForUpdateNowait : sql.getForUpdate;
    }

    @Override
    public Outcome forKey(Connection c, RowKey key, Attempt a) throws SQLException, InterruptedException {
        Outcome outcome = Outcome.FOUND;
        // get(): SELECT ... FOR UPDATE -- locks the row if it exists (a missing row locks nothing on PostgreSQL)
        if (!a.lockRow(c, lock, key, nowait)) {
            // create() inside its own atomic(): a savepoint, so a duplicate does not doom the transaction
            if (sql.createInSavepoint(a, c, key)) {
                outcome = Outcome.CREATED;
            } else {
                // IntegrityError: rolled back to the savepoint and released it; get() again -- blocks until the winner commits
                if (!a.lockRow(c, lock, key, nowait)) {
                    return Outcome.MISSING_AFTER_CONFLICT; // Django re-raises the IntegrityError
                }
                outcome = Outcome.FOUND_AFTER_CONFLICT;
            }
        }
        a.work(); // the long computation, holding the row lock
        a.saveValue(c, sql.saveValue, a.rowId(), a.rowValue() + 1);
        return outcome;
    }

    @Override
    public List<String> statements() {
        return List.of(lock, DjangoSql.SAVEPOINT, sql.insert, DjangoSql.RELEASE, DjangoSql.ROLLBACK_TO, sql.saveValue);
    }
}
