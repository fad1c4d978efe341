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
 * Laravel 8.83's {@code $t = T::firstOrCreate($key); $t->some_value++; $t->save();}: Eloquent's
 * {@code firstOrCreate} is {@code where($key)->first()}, else {@code newModelInstance($key)->save()},
 * a plain INSERT with no savepoint and no second chance. Two sessions that both miss the read both
 * insert, and the later INSERT's unique violation reaches the application as a
 * {@code QueryException}. The save is a read-modify-write with no lock. Statements
 * ({@link LaravelSql}) held to the 8.83 transcripts. Thread-safe (stateless).
 */
public final class FirstOrCreate8Strategy implements GetOrCreate {
    private final LaravelSql sql;
    private final CallerTransaction tx;

    public FirstOrCreate8Strategy(RaceSchema s, CallerTransaction tx) {
        this.sql = new LaravelSql(s);
        this.tx = tx;
    }

    @Override
    public Outcome attempt(Connection c, RowKey key, Attempt a) throws SQLException, InterruptedException {
        Outcome outcome = Outcome.FOUND;
        // where($key)->first()
        boolean found = a.getRow(c, sql.first, key);
        tx.statementDone(a, c);
        if (!found) {
            // newModelInstance($key)->save(): a concurrent twin makes it fail, 23505 / 1062 to the application
            a.insertRow(c, sql.insert, key, sql.returning);
            tx.statementDone(a, c);
            outcome = Outcome.CREATED;
        }
        a.work(); // the long computation, holding no lock
        a.saveValue(c, sql.save, a.rowId(), a.rowValue() + 1); // $t->some_value++; $t->save()
        a.commit(c);
        return outcome;
    }

    @Override
    public List<String> statements() {
        return List.of(sql.first, sql.insert, sql.save);
    }
}
