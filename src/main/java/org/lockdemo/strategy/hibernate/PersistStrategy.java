package org.lockdemo.strategy.hibernate;

import java.sql.Connection;
import java.sql.SQLException;
import java.util.List;
import org.lockdemo.model.Outcome;
import org.lockdemo.model.RowKey;
import org.lockdemo.strategy.Attempt;
import org.lockdemo.strategy.GetOrCreate;
import org.lockdemo.strategy.RaceSchema;

/**
 * Hibernate's query-then-{@code persist()} in {@code session.inTransaction}: the HQL query by the
 * key; if absent, {@code persist()} of a new entity whose id the database generates (IDENTITY), so
 * the INSERT is sent at once; then {@code t.someValue++}, flushed at the commit as an UPDATE of
 * every column. It never retries: after the {@code ConstraintViolationException} the Session may
 * not be used again (Hibernate's rule), the transaction is rolled back and the exception reaches the
 * application. No lock: concurrent updates of the value get lost. The statements are Hibernate's
 * ({@link HibernateSql}). Thread-safe (stateless).
 */
public final class PersistStrategy implements GetOrCreate {
    private final HibernateSql sql;

    public PersistStrategy(RaceSchema s) {
        sql = new HibernateSql(s);
    }

    @Override
    public Outcome attempt(Connection c, RowKey key, Attempt a) throws SQLException, InterruptedException {
        // query("from T where jahr = :j and monat = :m").uniqueResult()
        boolean found = a.getRow(c, sql.selectByKey, key);
        if (!found) {
            // persist(new T(j, m)): IDENTITY, so the INSERT goes out now; a concurrent twin makes it
            // fail, and the exception ends the Session's transaction (the worker rolls back)
            a.insertRow(c, sql.insert, key, sql.insertReturning);
        }
        a.work(); // the long computation, holding no lock
        a.saveAll(c, sql.updateAll, key, a.rowId(), a.rowValue() + 1); // t.someValue++, flushed at the commit
        a.commit(c);
        return found ? Outcome.FOUND : Outcome.CREATED;
    }

    @Override
    public List<String> statements() {
        return List.of(sql.selectByKey, sql.insert, sql.updateAll);
    }
}
