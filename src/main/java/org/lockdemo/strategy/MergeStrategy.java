package org.lockdemo.strategy;

import static org.jooq.impl.DSL.field;
import static org.jooq.impl.DSL.inline;
import static org.jooq.impl.DSL.name;
import static org.jooq.impl.DSL.param;
import static org.jooq.impl.DSL.row;
import static org.jooq.impl.DSL.values;

import java.sql.Connection;
import java.sql.SQLException;
import java.util.List;
import org.jooq.Field;
import org.lockdemo.model.Outcome;
import org.lockdemo.model.RowKey;

/**
 * PostgreSQL 15+: {@code MERGE INTO t USING (VALUES (?, ?)) AS v (jahr, monat) ON ... WHEN NOT
 * MATCHED THEN INSERT ...}, then lock the row and update it. MERGE decides "matched or not" from
 * its snapshot's join and does not take ON CONFLICT's speculative-insertion path: when another
 * session has inserted the key and not yet committed, the MERGE's INSERT waits for it and then
 * fails with 23505, which reaches the application. PostgreSQL's MERGE page says so ("MERGE ...
 * does not handle concurrent inserts as INSERT ... ON CONFLICT does"). MySQL and MariaDB have no
 * MERGE. Thread-safe (stateless).
 */
public final class MergeStrategy implements PerKeyGetOrCreate {
    private final String merge;
    private final String lock;
    private final String increment;

    public MergeStrategy(RaceSchema s) {
        var source = values(row(param("jahr", Integer.class), param("monat", Short.class))).as("v", "jahr", "monat");
        Field<Integer> vJahr = field(name("v", "jahr"), Integer.class);
        Field<Short> vMonat = field(name("v", "monat"), Short.class);
        merge = s.dsl().mergeInto(s.table)
                .using(source)
                .on(field(name(s.tableName(), "jahr"), Integer.class).eq(vJahr)
                        .and(field(name(s.tableName(), "monat"), Short.class).eq(vMonat)))
                .whenNotMatchedThenInsert(s.jahr, s.monat, s.someValue).values(vJahr, vMonat, inline(0L))
                .getSQL();
        lock = s.selectForUpdate();
        increment = s.incrementValue();
    }

    @Override
    public Outcome forKey(Connection c, RowKey key, Attempt a) throws SQLException, InterruptedException {
        // 1 row: inserted; 0 rows: the join saw the row. A concurrent uncommitted insert of the key
        // makes it wait, then fail with 23505 (thrown: the worker rolls back)
        boolean inserted = a.upsert(c, merge, key);
        if (!a.lock(c, lock, key, false)) {
            throw new SQLException("row " + key + " vanished between MERGE and SELECT ... FOR UPDATE");
        }
        a.work();
        a.increment(c, increment, key);
        return inserted ? Outcome.CREATED : Outcome.FOUND;
    }

    @Override
    public List<String> statements() {
        return List.of(merge, lock, increment);
    }
}
