package org.lockdemo.strategy;

import java.sql.Connection;
import java.sql.SQLException;
import org.lockdemo.model.Outcome;
import org.lockdemo.model.RowKey;

/**
 * The code from the thread's first message: look, and if the row is missing create it, then lock
 * it. Between "does not exist" and "lock" another thread can create the same row, and one of the
 * two INSERTs fails with a unique violation that reaches the application. Thread-safe (stateless).
 */
public final class NaiveStrategy implements GetOrCreate {
    private final String select;
    private final String insert;
    private final String lock;
    private final String increment;

    public NaiveStrategy(RaceSchema s) {
        select = s.selectValue();       // SELECT some_value FROM t WHERE jahr = ? AND monat = ?
        insert = s.insertRow();         // INSERT INTO t (jahr, monat, some_value) VALUES (?, ?, 0)
        lock = s.selectForUpdate();     // SELECT some_value FROM t WHERE ... FOR UPDATE
        increment = s.incrementValue(); // UPDATE t SET some_value = some_value + 1 WHERE ...
    }

    @Override
    public Outcome attempt(Connection c, RowKey key, Attempt a) throws SQLException, InterruptedException {
        // TestModel.objects.get(jahr=..., monat=...)
        boolean found = a.select(c, select, key);
        a.commit(c);
        if (!found) {
            // DoesNotExist: TestModel(jahr=..., monat=...).save() -- in its own transaction, as in
            // autocommit mode. A concurrent twin of this INSERT makes one of them fail: 23505.
            a.insert(c, insert, key);
            a.commit(c);
        }
        // ...select_for_update(): lock the row that now exists
        if (!a.lock(c, lock, key, false)) {
            throw new SQLException("row " + key + " vanished between INSERT and SELECT ... FOR UPDATE");
        }
        a.work();
        a.increment(c, increment, key);
        a.commit(c);
        return found ? Outcome.FOUND : Outcome.CREATED;
    }

    @Override
    public java.util.List<String> statements() {
        return java.util.List.of(select, insert, lock, increment);
    }
}
