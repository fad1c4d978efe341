package org.lockdemo.strategy;

import java.sql.Connection;
import java.sql.SQLException;
import org.lockdemo.model.Outcome;
import org.lockdemo.model.RowKey;

/**
 * The thread's answer: {@code select_for_update().get_or_create()} inside {@code atomic()}. One
 * transaction: lock the row if it exists; if not, INSERT inside a savepoint; on a duplicate, roll
 * back to the savepoint and lock the winner's row, which blocks until the winner commits.
 * {@link NowaitStrategy} is the same with {@code FOR UPDATE NOWAIT}. Thread-safe (stateless).
 */
public class SavepointStrategy implements GetOrCreate {
    static final String SAVEPOINT = "SAVEPOINT lockdemo_create";
    static final String RELEASE = "RELEASE SAVEPOINT lockdemo_create";
    static final String ROLLBACK_TO = "ROLLBACK TO SAVEPOINT lockdemo_create";

    private final String lock;
    private final String insert;
    private final String increment;
    private final boolean nowait;

    public SavepointStrategy(RaceSchema s) {
        this(s, false);
    }

    SavepointStrategy(RaceSchema s, boolean nowait) {
        this.nowait = nowait;
        lock = nowait // SELECT some_value FROM t WHERE jahr = ? AND monat = ? FOR UPDATE [NOWAIT]
                ? s.dsl().select(s.someValue).from(s.table).where(s.keyIs()).forUpdate().noWait().getSQL()
                : s.selectForUpdate();
        insert = s.insertRow();         // INSERT INTO t (jahr, monat, some_value) VALUES (?, ?, 0)
        increment = s.incrementValue(); // UPDATE t SET some_value = some_value + 1 WHERE ...
    }

    @Override
    public Outcome attempt(Connection c, RowKey key, Attempt a) throws SQLException, InterruptedException {
        Outcome outcome = Outcome.FOUND;
        // get(): SELECT ... FOR UPDATE -- locks the row if it exists (a missing row locks nothing)
        if (!a.lock(c, lock, key, nowait)) {
            // create() inside its own atomic(): a savepoint, so a duplicate does not doom the transaction
            a.savepointStatement(c, SAVEPOINT);
            try {
                a.insert(c, insert, key); // waits here if another transaction inserted the key uncommitted
                a.savepointStatement(c, RELEASE);
                outcome = Outcome.CREATED;
            } catch (SQLException e) {
                if (!a.isUniqueViolation(e)) {
                    throw e;
                }
                // IntegrityError: ROLLBACK TO SAVEPOINT, then get() again -- blocks until the winner commits
                a.rollbackToSavepoint(c, ROLLBACK_TO);
                if (!a.lock(c, lock, key, nowait)) {
                    return Outcome.MISSING_AFTER_CONFLICT;
                }
                outcome = Outcome.FOUND_AFTER_CONFLICT;
            }
        }
        a.work(); // the long computation, holding the row lock
        a.increment(c, increment, key);
        a.commit(c);
        return outcome;
    }

    @Override
    public java.util.List<String> statements() {
        return java.util.List.of(lock, SAVEPOINT, insert, RELEASE, ROLLBACK_TO, increment);
    }
}
