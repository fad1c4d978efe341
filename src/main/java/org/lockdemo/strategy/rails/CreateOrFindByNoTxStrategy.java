package org.lockdemo.strategy.rails;

import java.sql.Connection;
import java.sql.SQLException;
import java.util.List;
import org.lockdemo.model.Outcome;
import org.lockdemo.model.RowKey;
import org.lockdemo.strategy.Attempt;
import org.lockdemo.strategy.GetOrCreate;
import org.lockdemo.strategy.RaceSchema;

/**
 * ActiveRecord's {@code create_or_find_by} with no transaction of the caller's, then "read, add
 * one, save": {@code t = T.create_or_find_by(jahr:, monat:); t.some_value += 1; t.save!}. With no
 * transaction open, {@code transaction(requires_new: true)} is a transaction of its own around the
 * INSERT (committed, or rolled back on {@code RecordNotUnique}); the read-back is a plain
 * {@code find_by!} in autocommit in every version (6.0 to 8.1; the 7.1 lock is only taken when a
 * transaction is open), and {@code save!} is a transaction of its own. Autocommit statements are
 * sent as one-statement transactions (the worker's connection has auto-commit off). Nothing holds a
 * lock between the read and the save: concurrent saves lose updates. Thread-safe (stateless).
 */
final class CreateOrFindByNoTxStrategy implements GetOrCreate {
    private final RailsSql sql;

    CreateOrFindByNoTxStrategy(RaceSchema s) {
        this.sql = new RailsSql(s);
    }

    @Override
    public Outcome attempt(Connection c, RowKey key, Attempt a) throws SQLException, InterruptedException {
        Outcome outcome;
        try {
            a.insertRow(c, sql.insert, key, sql.insertReturning); // BEGIN; INSERT; COMMIT
            a.commit(c);
            outcome = Outcome.CREATED;
        } catch (SQLException e) {
            if (!a.isUniqueViolation(e)) {
                throw e;
            }
            a.rollback(c); // RecordNotUnique: Rails rolls its own transaction back
            boolean found = a.getRow(c, sql.findBy, key); // find_by!, autocommit: a fresh snapshot
            a.commit(c);
            if (!found) {
                return Outcome.MISSING_AFTER_CONFLICT; // RecordNotFound
            }
            outcome = Outcome.FOUND_AFTER_CONFLICT;
        }
        a.work(); // the long computation, holding nothing
        a.saveValue(c, sql.saveValue, a.rowId(), a.rowValue() + 1); // save!: BEGIN; UPDATE; COMMIT
        a.commit(c);
        return outcome;
    }

    @Override
    public List<String> statements() {
        return List.of(sql.insert, sql.findBy, sql.saveValue);
    }
}
