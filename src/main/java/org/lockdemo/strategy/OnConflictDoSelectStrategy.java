package org.lockdemo.strategy;

import static org.jooq.impl.DSL.field;
import static org.jooq.impl.DSL.inline;
import static org.jooq.impl.DSL.name;
import static org.jooq.impl.DSL.param;

import java.sql.Connection;
import java.sql.SQLException;
import java.util.List;
import org.jooq.impl.DSL;
import org.lockdemo.model.Outcome;
import org.lockdemo.model.RowKey;

/**
 * PostgreSQL 19+: {@code INSERT ... ON CONFLICT (jahr, monat) DO SELECT FOR UPDATE RETURNING old.id AS
 * old_id, new.id, new.some_value}: inserts the row, or locks and returns the existing one, in one statement
 * and without writing a new row version (which {@code DO UPDATE SET x = x} does). Committed to
 * PostgreSQL's master for 19 as 88327092ff06c48676d2a603420089bf493770f3 ("Add support for INSERT
 * ... ON CONFLICT DO SELECT"); the grammar is that commit's {@code doc/src/sgml/ref/insert.sgml}:
 * {@code DO SELECT [ FOR { UPDATE | NO KEY UPDATE | SHARE | KEY SHARE } ] [ WHERE condition ]}, and
 * RETURNING is required. jOOQ 3.19 has no DO SELECT, so the statement is jOOQ's INSERT (rendered)
 * in a template that adds the conflict clause. Refused before PostgreSQL 19. Thread-safe (stateless).
 */
public final class OnConflictDoSelectStrategy implements PerKeyGetOrCreate {
    private final String insertOrSelect;
    private final String increment;

    public OnConflictDoSelectStrategy(RaceSchema s) {
        var insert = s.dsl().insertInto(s.table, s.jahr, s.monat, s.someValue)
                .values(param("jahr", Integer.class), param("monat", Short.class), inline(0L));
        // the RETURNING list of upsert-old-new; in a template an aliased field renders as its alias
        // alone, so the alias is written here
        insertOrSelect = s.dsl().render(DSL.query(
                "{0} on conflict ({1}, {2}) do select for update returning {3} as old_id, {4}, {5}", insert, s.jahr,
                s.monat, field(name("old", "id"), Long.class), field(name("new", "id"), Long.class),
                field(name("new", "some_value"), Long.class)));
        increment = s.incrementValue();
    }

    @Override
    public Outcome forKey(Connection c, RowKey key, Attempt a) throws SQLException, InterruptedException {
        boolean inserted = a.upsertReturningOldNew(c, insertOrSelect, key); // the row is now ours
        a.work();
        a.increment(c, increment, key);
        return inserted ? Outcome.CREATED : Outcome.FOUND;
    }

    @Override
    public List<String> statements() {
        return List.of(insertOrSelect, increment);
    }
}
