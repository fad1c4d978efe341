package org.lockdemo.strategy;

import java.sql.Connection;
import java.sql.SQLException;
import java.util.List;
import org.lockdemo.model.Outcome;
import org.lockdemo.model.RowKey;

/**
 * Django's plain {@code get_or_create()} without {@code select_for_update()}, in {@code atomic()},
 * then {@code save(update_fields={'some_value'})}: SELECT; if absent, INSERT in a savepoint; on a
 * duplicate, roll back to it, release it and SELECT again. No row lock is ever taken, so the "long
 * computation" and its save() race: a read-modify-write of the value loses concurrent updates.
 * Under REPEATABLE READ on InnoDB the re-read after the duplicate uses the first read's snapshot and
 * finds nothing (Django ticket #13906). The statements are Django's ({@link DjangoSql}), checked
 * against its transcripts. Thread-safe (stateless).
 */
public final class DjangoGetOrCreateStrategy implements PerKeyGetOrCreate {
    private final DjangoSql sql;

    public DjangoGetOrCreateStrategy(RaceSchema s) {
        sql = new DjangoSql(s);
    }

    @Override
    public Outcome forKey(Connection c, RowKey key, Attempt a) throws SQLException, InterruptedException {
        Outcome outcome = Outcome.FOUND;
        // get()
        if (!a.getRow(c, sql.get, key)) {
            if (sql.createInSavepoint(a, c, key)) { // create()
                outcome = Outcome.CREATED;
            } else {
                // IntegrityError: rolled back to the savepoint and released it; get() again, without a lock
                if (!a.getRow(c, sql.get, key)) {
                    return Outcome.MISSING_AFTER_CONFLICT; // Django re-raises the IntegrityError here
                }
                outcome = Outcome.FOUND_AFTER_CONFLICT;
            }
        }
        a.work(); // the long computation, holding no lock
        a.saveValue(c, sql.saveValue, a.rowId(), a.rowValue() + 1);
        return outcome;
    }

    @Override
    public List<String> statements() {
        return List.of(sql.get, DjangoSql.SAVEPOINT, sql.insert, DjangoSql.RELEASE, DjangoSql.ROLLBACK_TO, sql.saveValue);
    }
}
