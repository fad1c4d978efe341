package org.lockdemo.strategy;

import java.sql.Connection;
import java.sql.SQLException;
import java.util.List;
import org.lockdemo.model.Outcome;
import org.lockdemo.model.RowKey;

/**
 * The code from the thread's first message, as Django runs it: {@code get()}; if the row exists,
 * that is all (the code returns its value, neither locking nor changing it). If not, {@code save()}
 * of a new instance, in autocommit mode; then, in {@code atomic()},
 * {@code select_for_update().get()}, the work, and a full {@code save()}. Between "does not exist"
 * and "lock" another thread can create the same row, and one of the two INSERTs fails with a unique
 * violation that reaches the application.
 *
 * <p>The message's code does not run as written ({@code get(...).select_for_update()}, and no
 * transaction around the lock, which Django refuses); the capture in
 * {@code scripts/transcripts/django_capture.py} fixes just those two points, and this class sends what
 * that code sends ({@link DjangoSql}). Autocommit statements are sent as one-statement
 * transactions (the worker's connection has auto-commit off): the same on the server.
 * Thread-safe (stateless).
 */
public final class NaiveStrategy implements GetOrCreate {
    private final DjangoSql sql;

    public NaiveStrategy(RaceSchema s) {
        sql = new DjangoSql(s);
    }

    @Override
    public Outcome attempt(Connection c, RowKey key, Attempt a) throws SQLException, InterruptedException {
        // TestModel.objects.get(jahr=..., monat=...), autocommit
        boolean found = a.getRow(c, sql.get, key);
        a.commit(c);
        if (found) {
            return Outcome.FOUND; // "t exists, no need to create or modify it"
        }
        // DoesNotExist: TestModel(jahr=..., monat=...).save(), autocommit. A concurrent twin of this
        // INSERT makes one of them fail: 23505 / 1062, raised to the application.
        a.insertRow(c, sql.insert, key, sql.insertReturning);
        a.commit(c);
        // with transaction.atomic(): select_for_update().get(), the long computation, save()
        if (!a.lockRow(c, sql.getForUpdate, key, false)) {
            throw new SQLException("row " + key + " vanished between INSERT and SELECT ... FOR UPDATE");
        }
        a.work();
        a.saveAll(c, sql.saveAll, key, a.rowId(), a.rowValue() + 1);
        a.commit(c);
        return Outcome.CREATED;
    }

    @Override
    public List<String> statements() {
        return List.of(sql.get, sql.insert, sql.getForUpdate, sql.saveAll);
    }
}
