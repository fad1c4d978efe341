package org.lockdemo.strategy;

import static org.jooq.impl.DSL.inline;
import static org.jooq.impl.DSL.param;
import static org.jooq.impl.DSL.select;
import static org.jooq.impl.DSL.selectOne;

import java.sql.Connection;
import java.sql.SQLException;
import java.util.List;
import org.lockdemo.model.Outcome;
import org.lockdemo.model.RowKey;

/**
 * {@code INSERT INTO t (jahr, monat, some_value) SELECT ?, ?, 0 WHERE NOT EXISTS (SELECT 1 FROM t
 * WHERE jahr = ? AND monat = ?)}, then lock the row and update it: the "conditional insert" people
 * write to avoid the duplicate. The NOT EXISTS is a read like any other: on PostgreSQL, and on
 * InnoDB under READ COMMITTED (a consistent read), it cannot see another session's uncommitted
 * insert, so both sessions insert and the second fails with the duplicate-key error once the first
 * commits. On InnoDB under REPEATABLE READ, INSERT ... SELECT reads with shared next-key locks: a
 * loser's NOT EXISTS waits for the winner, then sees its row (0 rows), and keeps a shared lock on
 * it, so two losers' FOR UPDATEs deadlock (1213); sessions that both found the gap empty deadlock on
 * each other's gap and AUTO-INC locks instead (1213, or 1467). No duplicate reaches the application
 * there. Thread-safe (stateless).
 */
public final class InsertWhereNotExistsStrategy implements PerKeyGetOrCreate {
    private final String insertIfAbsent;
    private final String lock;
    private final String increment;

    public InsertWhereNotExistsStrategy(RaceSchema s) {
        insertIfAbsent = s.dsl().insertInto(s.table, s.jahr, s.monat, s.someValue)
                .select(select(param("jahr", Integer.class), param("monat", Short.class), inline(0L))
                        .whereNotExists(selectOne().from(s.table).where(s.keyIs())))
                .getSQL();
        lock = s.selectForUpdate();
        increment = s.incrementValue();
    }

    @Override
    public Outcome forKey(Connection c, RowKey key, Attempt a) throws SQLException, InterruptedException {
        // 0 rows if its read saw the row; a concurrent insert its read could not see makes it wait
        // and then fail with the duplicate-key error (thrown: the worker rolls back)
        boolean inserted = a.insertIfAbsent(c, insertIfAbsent, key);
        if (!a.lock(c, lock, key, false)) {
            throw new SQLException("row " + key + " vanished between INSERT ... WHERE NOT EXISTS and SELECT ... FOR UPDATE");
        }
        a.work();
        a.increment(c, increment, key);
        return inserted ? Outcome.CREATED : Outcome.FOUND;
    }

    @Override
    public List<String> statements() {
        return List.of(insertIfAbsent, lock, increment);
    }

}
