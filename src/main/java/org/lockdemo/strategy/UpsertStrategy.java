package org.lockdemo.strategy;

import java.sql.Connection;
import java.sql.SQLException;
import org.lockdemo.model.Outcome;
import org.lockdemo.model.RowKey;

/**
 * Let the database settle the race: an INSERT that does nothing when the key exists, then lock
 * the row. PostgreSQL: {@code INSERT ... ON CONFLICT (jahr, monat) DO NOTHING}; MySQL/MariaDB:
 * {@code INSERT ... ON DUPLICATE KEY UPDATE some_value = some_value} (a no-op update; Connector/J
 * runs with {@code useAffectedRows=true}, so it reports 0 rows for an existing key and 1 for an
 * insert). A concurrent insert of the same key makes the statement wait for the winner, never
 * fail. Thread-safe (stateless).
 */
public final class UpsertStrategy implements PerKeyGetOrCreate {
    private final String upsert;
    private final String lock;
    private final String increment;

    public UpsertStrategy(RaceSchema s) {
        var insert = s.upsertDsl().insertInto(s.table, s.jahr, s.monat, s.someValue)
                .values(org.jooq.impl.DSL.param("jahr", Integer.class), org.jooq.impl.DSL.param("monat", Short.class),
                        org.jooq.impl.DSL.inline(0L));
        upsert = s.onConflict()
                ? insert.onConflict(s.jahr, s.monat).doNothing().getSQL()
                : insert.onDuplicateKeyUpdate().set(s.someValue, s.someValue).getSQL();
        lock = s.selectForUpdate();
        increment = s.incrementValue();
    }

    @Override
    public Outcome forKey(Connection c, RowKey key, Attempt a) throws SQLException, InterruptedException {
        boolean inserted = a.upsert(c, upsert, key); // waits for a concurrent insert of the key, then does nothing
        if (!a.lock(c, lock, key, false)) {
            return Outcome.MISSING_AFTER_CONFLICT; // the existing row is not visible to this snapshot
        }
        a.work();
        a.increment(c, increment, key);
        return inserted ? Outcome.CREATED : Outcome.FOUND;
    }

    @Override
    public java.util.List<String> statements() {
        return java.util.List.of(upsert, lock, increment);
    }
}
