package org.lockdemo.strategy;

import static org.jooq.impl.DSL.field;
import static org.jooq.impl.DSL.inline;
import static org.jooq.impl.DSL.name;
import static org.jooq.impl.DSL.param;

import java.sql.Connection;
import java.sql.SQLException;
import java.util.List;
import org.lockdemo.model.Outcome;
import org.lockdemo.model.RowKey;

/**
 * PostgreSQL 18+: {@code INSERT ... ON CONFLICT (jahr, monat) DO UPDATE SET some_value =
 * t.some_value RETURNING old.id AS old_id, new.id, new.some_value}. The same statement as
 * {@link UpsertReturningStrategy}, but it tells an inserted row from an existing one by the
 * documented {@code old} row of {@code RETURNING} (NULL for an insert), where that strategy reads
 * the system column {@code xmax}. Refused before PostgreSQL 18. Thread-safe (stateless).
 */
public final class UpsertOldNewStrategy implements PerKeyGetOrCreate {
    private final String upsertOldNew;
    private final String increment;

    public UpsertOldNewStrategy(RaceSchema s) {
        upsertOldNew = s.dsl().insertInto(s.table, s.jahr, s.monat, s.someValue)
                .values(param("jahr", Integer.class), param("monat", Short.class), inline(0L))
                .onConflict(s.jahr, s.monat).doUpdate()
                .set(s.someValue, field(name(s.tableName(), "some_value"), Long.class))
                .returningResult(oldNew())
                .getSQL();
        increment = s.incrementValue();
    }

    /**
     * {@code old.id as old_id, new.id, new.some_value}: old is NULL for an inserted row (PostgreSQL
     * 18); the alias keeps the two ids apart in a result's column names.
     */
    private static List<org.jooq.SelectField<Long>> oldNew() {
        return List.of(field(name("old", "id"), Long.class).as("old_id"), field(name("new", "id"), Long.class),
                field(name("new", "some_value"), Long.class));
    }

    @Override
    public Outcome forKey(Connection c, RowKey key, Attempt a) throws SQLException, InterruptedException {
        boolean inserted = a.upsertReturningOldNew(c, upsertOldNew, key); // the row is now ours
        a.work();
        a.increment(c, increment, key);
        return inserted ? Outcome.CREATED : Outcome.FOUND;
    }

    @Override
    public List<String> statements() {
        return List.of(upsertOldNew, increment);
    }
}
