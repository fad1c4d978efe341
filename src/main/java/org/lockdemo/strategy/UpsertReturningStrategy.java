package org.lockdemo.strategy;

import java.sql.Connection;
import java.sql.SQLException;
import org.jooq.impl.DSL;
import org.lockdemo.model.Outcome;
import org.lockdemo.model.RowKey;

/**
 * PostgreSQL only: insert or lock in one statement. {@code INSERT ... ON CONFLICT (jahr, monat) DO
 * UPDATE SET some_value = t.some_value RETURNING (xmax = 0)}: the no-op update locks the existing
 * row, and {@code xmax = 0} tells an inserted row from an updated one. One round trip fewer than
 * {@link UpsertStrategy}, at the price of a new row version for every existing key. MySQL and
 * MariaDB have no RETURNING for {@code ON DUPLICATE KEY UPDATE}, so it is refused there.
 * Thread-safe (stateless).
 */
public final class UpsertReturningStrategy implements PerKeyGetOrCreate {
    private final String upsertReturning;
    private final String increment;

    public UpsertReturningStrategy(RaceSchema s) {
        upsertReturning = s.dsl().insertInto(s.table, s.jahr, s.monat, s.someValue)
                .values(DSL.param("jahr", Integer.class), DSL.param("monat", Short.class), DSL.inline(0L))
                .onConflict(s.jahr, s.monat).doUpdate()
                .set(s.someValue, DSL.field(DSL.name(s.tableName(), "some_value"), Long.class))
                .returningResult(DSL.field("(xmax = 0)", Boolean.class))
                .getSQL();
        increment = s.incrementValue();
    }

    @Override
    public Outcome forKey(Connection c, RowKey key, Attempt a) throws SQLException, InterruptedException {
        boolean inserted = a.upsertReturningInserted(c, upsertReturning, key); // the row is now ours
        a.work();
        a.increment(c, increment, key);
        return inserted ? Outcome.CREATED : Outcome.FOUND;
    }

    @Override
    public java.util.List<String> statements() {
        return java.util.List.of(upsertReturning, increment);
    }
}
