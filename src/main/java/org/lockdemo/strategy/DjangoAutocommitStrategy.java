package org.lockdemo.strategy;

import java.sql.Connection;
import java.sql.SQLException;
import java.util.List;
import org.lockdemo.model.Outcome;
import org.lockdemo.model.RowKey;

/**
 * Django's {@code get_or_create()} outside {@code atomic()}, in autocommit mode, then
 * {@code save(update_fields={'some_value'})}: {@code get()} on its own; if absent, {@code create()}
 * inside get_or_create's own {@code atomic()}, which is then the outermost block: a transaction of
 * its own (BEGIN, INSERT, COMMIT), no savepoint; on the IntegrityError Django rolls that transaction
 * back and runs {@code get()} again, in autocommit: a new statement, a new snapshot, which sees the
 * winner's committed row even under InnoDB REPEATABLE READ, so Django #13906 cannot happen here.
 * No row lock is ever taken: the "long computation" and its save() lose concurrent updates. Each
 * autocommit statement is sent as a one-statement transaction (the worker's connection has
 * auto-commit off), as the capture writes it. The statements are Django's ({@link DjangoSql}),
 * held to the transcripts {@code django/<db>/getorcreate-autocommit-*.sql}. Thread-safe (stateless).
 */
public final class DjangoAutocommitStrategy implements GetOrCreate {
    private final DjangoSql sql;

    public DjangoAutocommitStrategy(RaceSchema s) {
        sql = new DjangoSql(s);
    }

    @Override
    public Outcome attempt(Connection c, RowKey key, Attempt a) throws SQLException, InterruptedException {
        Outcome outcome = Outcome.FOUND;
        // get(), autocommit
        boolean found = a.getRow(c, sql.get, key);
        a.commit(c);
        if (!found) {
            // with transaction.atomic(): create() -- the outermost atomic(): BEGIN, INSERT, COMMIT
            try {
                a.insertRow(c, sql.insert, key, sql.insertReturning); // waits for a concurrent uncommitted twin
                a.commit(c);
                outcome = Outcome.CREATED;
            } catch (SQLException e) {
                if (!a.isUniqueViolation(e)) {
                    throw e;
                }
                a.rollback(c); // atomic() exits with the IntegrityError: ROLLBACK
                // except IntegrityError: get() again, autocommit: a fresh snapshot
                boolean foundAfter = a.getRow(c, sql.get, key);
                a.commit(c);
                if (!foundAfter) {
                    return Outcome.MISSING_AFTER_CONFLICT; // Django re-raises the IntegrityError
                }
                outcome = Outcome.FOUND_AFTER_CONFLICT;
            }
        }
        a.work(); // the long computation, holding no lock
        a.saveValue(c, sql.saveValue, a.rowId(), a.rowValue() + 1); // save(update_fields=...), autocommit
        a.commit(c);
        return outcome;
    }

    @Override
    public List<String> statements() {
        return List.of(sql.get, sql.insert, sql.saveValue);
    }
}
