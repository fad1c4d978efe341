package org.lockdemo.strategy;

import java.sql.Connection;
import java.sql.SQLException;
import org.lockdemo.model.Outcome;
import org.lockdemo.model.RowKey;

/**
 * Serialize on the key with an application-level lock, then run the naive steps in one
 * transaction: nobody else can be between "does not exist" and "create".
 * <ul>
 *   <li>PostgreSQL: {@code pg_advisory_xact_lock(jahr, monat)}, released by COMMIT/ROLLBACK. The
 *       key space is shared by every table: two lockdemo runs on one database serialize each other
 *       on equal keys (still correct, slower). Under REPEATABLE READ the snapshot is taken by the
 *       lock statement itself, before the wait, so the row the previous holder created is
 *       invisible: the lesson is that the lock must come before the snapshot.
 *   <li>MySQL/MariaDB: {@code GET_LOCK(name, @@innodb_lock_wait_timeout)}, which is session-scoped,
 *       not transactional: taken before the transaction, released with {@code RELEASE_LOCK} after
 *       COMMIT, also when the attempt fails. 0 (timed out) ends the attempt as lock_timeout.
 * </ul>
 * Thread-safe (stateless).
 */
public final class AdvisoryStrategy implements GetOrCreate {
    static final String PG_LOCK = "SELECT pg_advisory_xact_lock(?, ?)";
    static final String MYSQL_LOCK = "SELECT GET_LOCK(?, @@innodb_lock_wait_timeout)";
    static final String MYSQL_UNLOCK = "SELECT RELEASE_LOCK(?)";

    private final boolean postgres;
    private final String lockNamePrefix;
    private final String select;
    private final String insert;
    private final String lock;
    private final String increment;

    public AdvisoryStrategy(RaceSchema s) {
        postgres = s.isPostgres();
        lockNamePrefix = s.tableName() + ":";
        select = s.selectValue();
        insert = s.insertRow();
        lock = s.selectForUpdate();
        increment = s.incrementValue();
    }

    @Override
    public Outcome attempt(Connection c, RowKey key, Attempt a) throws SQLException, InterruptedException {
        if (postgres) {
            a.lockFunction(c, PG_LOCK, key); // held until this transaction ends
            return naiveStepsInOneTransaction(c, key, a);
        }
        String name = lockNamePrefix + key.jahr() + ":" + key.monat();
        if (!a.namedLock(c, MYSQL_LOCK, name)) {
            return Outcome.LOCK_TIMEOUT;
        }
        a.commit(c); // GET_LOCK is not part of the transaction; start the real one after it
        SQLException failure = null;
        try {
            return naiveStepsInOneTransaction(c, key, a);
        } catch (SQLException e) {
            failure = e;
            throw e;
        } finally {
            try {
                a.rollback(c); // a no-op after COMMIT; ends a failed transaction before the release
                a.namedUnlock(c, MYSQL_UNLOCK, name);
            } catch (SQLException e) {
                if (failure == null) {
                    throw e;
                }
                failure.addSuppressed(e);
            }
        }
    }

    private Outcome naiveStepsInOneTransaction(Connection c, RowKey key, Attempt a)
            throws SQLException, InterruptedException {
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
    }

    @Override
    public java.util.List<String> statements() {
        return java.util.List.of((postgres ? PG_LOCK : MYSQL_LOCK), select, insert, lock, increment, (postgres ? "COMMIT" : MYSQL_UNLOCK));
    }
}
