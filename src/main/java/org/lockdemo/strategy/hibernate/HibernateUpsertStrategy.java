package org.lockdemo.strategy.hibernate;

import java.sql.Connection;
import java.sql.SQLException;
import java.util.List;
import org.lockdemo.model.Outcome;
import org.lockdemo.model.RowKey;
import org.lockdemo.strategy.AssignedIds;
import org.lockdemo.strategy.Attempt;
import org.lockdemo.strategy.Attempt.Upserted;
import org.lockdemo.strategy.GetOrCreate;
import org.lockdemo.strategy.RaceSchema;

/**
 * Hibernate's {@code StatelessSession.upsert()} in {@code inStatelessTransaction}: {@code get} by
 * the id the application derived from the key ({@link AssignedIds}), no lock; then {@code upsert} of
 * the entity with the value read plus one (1 for a new row), one statement keyed on the primary key
 * ({@link HibernateSql#upsert}). The database settles the insert race, so two sessions that both
 * miss do not fail on MariaDB, whose {@code ON DUPLICATE KEY UPDATE} matches any unique key; on
 * PostgreSQL {@code ON CONFLICT (id)} arbitrates only the id, and an INSERT that meets the
 * concurrent row in the {@code (jahr, monat)} index first fails with 23505, after which Hibernate
 * sends the statement once more (it fails in the aborted transaction, 25P02) and the
 * {@code ConstraintViolationException} reaches the application. Either way the value is a
 * read-modify-write without a lock: concurrent upserts lose updates.
 *
 * <p>PostgreSQL answers one row whether the upsert inserted or updated, so after a miss the attempt
 * cannot say which it did: it is counted {@code created}, and its insert of unknown outcome (the row
 * check accepts either). MariaDB's affected rows say which. Thread-safe (stateless).
 */
public final class HibernateUpsertStrategy implements GetOrCreate {
    private final HibernateSql sql;
    private final boolean postgres;

    public HibernateUpsertStrategy(RaceSchema s) {
        sql = new HibernateSql(s);
        postgres = s.isPostgres();
    }

    @Override
    public Outcome attempt(Connection c, RowKey key, Attempt a) throws SQLException, InterruptedException {
        long id = AssignedIds.of(key);
        // ss.get(T.class, id)
        boolean found = a.getRowById(c, sql.selectById, id);
        a.work(); // the long computation, holding no lock
        long value = (found ? a.rowValue() : 0) + 1;
        Upserted did;
        try {
            // ss.upsert(new T(id, j, m, value))
            did = a.upsertRowWithId(c, sql.upsert, sql.upsertColumns, key, id, value, found, !postgres);
        } catch (SQLException e) {
            if (!postgres || !a.isUniqueViolation(e)) {
                throw e;
            }
            // what Hibernate 7.4.16 sent after the 23505 (transcripts/hibernate/postgresql-read-committed/
            // upsert-conflict.sql): the same statement again, which the aborted transaction refuses
            try {
                a.upsertRowWithId(c, sql.upsert, sql.upsertColumns, key, id, value, found, false);
            } catch (SQLException aborted) {
                e.addSuppressed(aborted);
            }
            throw e; // the ConstraintViolationException; the transaction is rolled back
        }
        a.commit(c);
        return found ? Outcome.FOUND : did == Upserted.UPDATED ? Outcome.FOUND_AFTER_CONFLICT : Outcome.CREATED;
    }

    @Override
    public List<String> statements() {
        return List.of(sql.selectById, sql.upsert);
    }
}
