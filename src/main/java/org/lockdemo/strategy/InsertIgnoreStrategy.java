package org.lockdemo.strategy;

import static org.jooq.impl.DSL.inline;
import static org.jooq.impl.DSL.param;

import java.sql.Connection;
import java.sql.SQLException;
import java.util.List;
import org.lockdemo.model.Outcome;
import org.lockdemo.model.RowKey;

/**
 * MySQL and MariaDB: {@code INSERT IGNORE INTO t ... VALUES (?, ?, 0)}, then {@code SELECT ... FOR
 * UPDATE} and the update. A duplicate key becomes a warning and 0 rows; a concurrent uncommitted
 * insert of the key makes it wait for the winner first. On the duplicate InnoDB leaves a shared lock
 * on the existing index record (as for a duplicate-key error), so two sessions that both ignored
 * the same duplicate can deadlock when both upgrade to FOR UPDATE. IGNORE also downgrades other
 * errors to warnings (a value out of range is clipped, a NOT NULL column gets its implicit default,
 * a row for no partition is dropped): the application is told nothing. Thread-safe (stateless).
 */
public final class InsertIgnoreStrategy implements PerKeyGetOrCreate {
    private final String insertIgnore;
    private final String lock;
    private final String increment;

    public InsertIgnoreStrategy(RaceSchema s) {
        insertIgnore = s.mariaDbDsl().insertInto(s.table, s.jahr, s.monat, s.someValue)
                .values(param("jahr", Integer.class), param("monat", Short.class), inline(0L))
                .onDuplicateKeyIgnore()
                .getSQL();
        lock = s.selectForUpdate();
        increment = s.incrementValue();
    }

    @Override
    public Outcome forKey(Connection c, RowKey key, Attempt a) throws SQLException, InterruptedException {
        boolean inserted = a.upsert(c, insertIgnore, key); // 0 rows and a warning for an existing key
        if (!a.lock(c, lock, key, false)) {
            throw new SQLException("row " + key + " vanished between INSERT IGNORE and SELECT ... FOR UPDATE");
        }
        a.work();
        a.increment(c, increment, key);
        return inserted ? Outcome.CREATED : Outcome.FOUND;
    }

    @Override
    public List<String> statements() {
        return List.of(insertIgnore, lock, increment);
    }
}
