package org.lockdemo.strategy;

import java.sql.Connection;
import java.sql.SQLException;
import org.lockdemo.model.Outcome;
import org.lockdemo.model.RowKey;

/**
 * SERIALIZABLE isolation with the naive steps in one transaction, retried when the database says
 * the transaction could not be serialized (40001) or was a deadlock victim: the database detects
 * the race and the client retries, up to {@code --max-retries} times. PostgreSQL's SSI reports a
 * duplicate insert of a key this transaction saw absent as 40001, not 23505; on InnoDB,
 * SERIALIZABLE turns the plain SELECT into a shared-lock read, and the race shows as deadlocks;
 * across Galera nodes the loser's COMMIT fails certification (1213), which is retried too.
 * An attempt that runs out of retries ends with its last failure. Thread-safe (stateless).
 */
public final class SerializableStrategy implements GetOrCreate {
    static final String SERIALIZABLE = "SET TRANSACTION ISOLATION LEVEL SERIALIZABLE";

    private final int maxRetries;
    private final String select;
    private final String insert;
    private final String lock;
    private final String increment;

    public SerializableStrategy(RaceSchema s, int maxRetries) {
        this.maxRetries = maxRetries;
        select = s.selectValue();
        insert = s.insertRow();
        lock = s.selectForUpdate();
        increment = s.incrementValue();
    }

    @Override
    public Outcome attempt(Connection c, RowKey key, Attempt a) throws SQLException, InterruptedException {
        while (true) {
            try {
                a.execute(c, SERIALIZABLE); // for this transaction only
                boolean found = a.select(c, select, key);
                if (!found) {
                    a.insert(c, insert, key);
                }
                if (!a.lock(c, lock, key, false)) {
                    return Outcome.MISSING_AFTER_CONFLICT;
                }
                a.work();
                a.increment(c, increment, key);
                a.commit(c);
                return found ? Outcome.FOUND : Outcome.CREATED;
            } catch (SQLException e) {
                Outcome o = a.classify(e);
                // a Galera certification failure is the cluster's 40001: retrying is what it expects
                boolean retryable = o == Outcome.SERIALIZATION_FAILURE || o == Outcome.DEADLOCK
                        || o == Outcome.CERTIFICATION_FAILURE;
                if (!retryable || a.retries() >= maxRetries) {
                    throw e;
                }
                a.rollback(c);
                a.retried();
            }
        }
    }

    @Override
    public java.util.List<String> statements() {
        return java.util.List.of(SERIALIZABLE, select, insert, lock, increment);
    }
}
