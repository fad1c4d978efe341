package org.lockdemo.strategy;

import java.sql.Connection;
import java.sql.SQLException;
import org.lockdemo.model.Outcome;
import org.lockdemo.model.RowKey;

/**
 * Django's plain {@code get_or_create()} without {@code select_for_update()}, in {@code atomic()}:
 * SELECT; if absent, INSERT in a savepoint; on a duplicate, roll back to it and SELECT again. No
 * row lock is ever taken, so the "long computation" and its save() race: a read-modify-write of
 * the value loses concurrent updates. Under REPEATABLE READ on InnoDB the re-read after the
 * duplicate uses the first read's snapshot and finds nothing (Django ticket #13906).
 * Thread-safe (stateless).
 */
public final class GetOrCreateStrategy implements GetOrCreate {
    private final String select;
    private final String insert;
    private final String save;

    public GetOrCreateStrategy(RaceSchema s) {
        select = s.selectValue(); // SELECT some_value FROM t WHERE jahr = ? AND monat = ?
        insert = s.insertRow();   // INSERT INTO t (jahr, monat, some_value) VALUES (?, ?, 0)
        // UPDATE t SET some_value = ? WHERE jahr = ? AND monat = ?  -- save() writes what it computed
        save = s.dsl().update(s.table).set(s.someValue, org.jooq.impl.DSL.param("some_value", Long.class))
                .where(s.keyIs()).getSQL();
    }

    @Override
    public Outcome attempt(Connection c, RowKey key, Attempt a) throws SQLException, InterruptedException {
        Outcome outcome = Outcome.FOUND;
        // get()
        long value = a.readValue(c, select, key);
        if (value == Attempt.ABSENT) {
            a.savepointStatement(c, SavepointStrategy.SAVEPOINT);
            try {
                // create()
                a.insert(c, insert, key);
                a.savepointStatement(c, SavepointStrategy.RELEASE);
                value = 0;
                outcome = Outcome.CREATED;
            } catch (SQLException e) {
                if (!a.isUniqueViolation(e)) {
                    throw e;
                }
                // IntegrityError: roll back to the savepoint and get() again, without a lock
                a.rollbackToSavepoint(c, SavepointStrategy.ROLLBACK_TO);
                value = a.readValue(c, select, key);
                if (value == Attempt.ABSENT) {
                    return Outcome.MISSING_AFTER_CONFLICT; // Django re-raises the IntegrityError here
                }
                outcome = Outcome.FOUND_AFTER_CONFLICT;
            }
        }
        a.work(); // the long computation, holding no lock
        a.save(c, save, key, value + 1);
        a.commit(c);
        return outcome;
    }

    @Override
    public java.util.List<String> statements() {
        return java.util.List.of(select, SavepointStrategy.SAVEPOINT, insert, SavepointStrategy.RELEASE, SavepointStrategy.ROLLBACK_TO, save);
    }
}
