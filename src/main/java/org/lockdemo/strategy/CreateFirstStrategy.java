package org.lockdemo.strategy;

import java.sql.Connection;
import java.sql.SQLException;
import org.lockdemo.model.Outcome;
import org.lockdemo.model.RowKey;

/**
 * INSERT first, in a savepoint; on a duplicate roll back to it and lock the existing row with
 * SELECT ... FOR UPDATE: the pattern of Rails 7.1's {@code create_or_find_by}, written by hand with
 * lockdemo's statements (Rails' own are {@code rails/CreateOrFindByStrategy}). Saves the first read when most keys are
 * new; every attempt on an existing key pays for a failed INSERT. Thread-safe (stateless).
 */
public final class CreateFirstStrategy implements PerKeyGetOrCreate {
    private final String insert;
    private final String lock;
    private final String increment;

    public CreateFirstStrategy(RaceSchema s) {
        insert = s.insertRow();
        lock = s.selectForUpdate();
        increment = s.incrementValue();
    }

    @Override
    public Outcome forKey(Connection c, RowKey key, Attempt a) throws SQLException, InterruptedException {
        Outcome outcome;
        a.savepointStatement(c, DjangoSql.SAVEPOINT);
        try {
            a.insert(c, insert, key); // the new row is locked by this transaction until commit
            a.savepointStatement(c, DjangoSql.RELEASE);
            outcome = Outcome.CREATED;
        } catch (SQLException e) {
            if (!a.isUniqueViolation(e)) {
                throw e;
            }
            // RecordNotUnique: roll back to the savepoint and find (and lock) the existing row
            a.rollbackToSavepoint(c, DjangoSql.ROLLBACK_TO);
            if (!a.lock(c, lock, key, false)) {
                return Outcome.MISSING_AFTER_CONFLICT;
            }
            outcome = Outcome.FOUND_AFTER_CONFLICT;
        }
        a.work();
        a.increment(c, increment, key);
        return outcome;
    }

    @Override
    public java.util.List<String> statements() {
        return java.util.List.of(DjangoSql.SAVEPOINT, insert, DjangoSql.RELEASE, DjangoSql.ROLLBACK_TO, lock, increment);
    }
}
