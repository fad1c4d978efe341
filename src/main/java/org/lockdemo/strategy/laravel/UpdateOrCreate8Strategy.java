package org.lockdemo.strategy.laravel;

import java.sql.Connection;
import java.sql.SQLException;
import java.util.List;
import org.lockdemo.model.Outcome;
import org.lockdemo.model.RowKey;
import org.lockdemo.strategy.Attempt;
import org.lockdemo.strategy.GetOrCreate;
import org.lockdemo.strategy.RaceSchema;

/**
 * Laravel 8.83's {@code T::updateOrCreate($key, ['some_value' => T::where($key)->value('some_value') + 1])}:
 * the application reads the value with no lock and computes the new one; {@code updateOrCreate} is
 * {@code firstOrNew($key)} ({@code where($key)->first()}, else a new model) then
 * {@code fill($values)->save()}: an UPDATE of a model found dirty, or a plain INSERT of a new one
 * (no savepoint, no retry: a concurrent twin's unique violation reaches the application). Two
 * sessions that read the same value both write value + 1: a lost update. Statements
 * ({@link LaravelSql}) held to the 8.83 transcripts. Thread-safe (stateless).
 */
public final class UpdateOrCreate8Strategy implements GetOrCreate {
    private final LaravelSql sql;
    private final CallerTransaction tx;

    public UpdateOrCreate8Strategy(RaceSchema s, CallerTransaction tx) {
        this.sql = new LaravelSql(s);
        this.tx = tx;
    }

    @Override
    public Outcome attempt(Connection c, RowKey key, Attempt a) throws SQLException, InterruptedException {
        // T::where($key)->value('some_value') + 1: null (no row) + 1 is 1 in PHP
        long next = a.readValue(c, sql.value, key).orElse(0) + 1;
        tx.statementDone(a, c);
        a.work(); // the long computation, between the read and the write, holding no lock
        // firstOrNew($key): where($key)->first()
        boolean found = a.getRow(c, sql.first, key);
        tx.statementDone(a, c);
        if (found) {
            a.saveValueIfDirty(c, sql.save, a.rowId(), next); // fill($values)->save()
            a.commit(c);
            return Outcome.FOUND;
        }
        // a new model: fill($values)->save() inserts the key and the value
        a.insertRowWithValue(c, sql.insertWithValue, key, next, sql.returning);
        a.commit(c);
        return Outcome.CREATED;
    }

    @Override
    public List<String> statements() {
        return List.of(sql.value, sql.first, sql.save, sql.insertWithValue);
    }
}
