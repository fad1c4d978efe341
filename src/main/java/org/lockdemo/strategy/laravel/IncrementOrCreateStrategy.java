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
 * Laravel 11.39.1+'s {@code DB::transaction(function () { T::incrementOrCreate($key, 'some_value'); ... })}:
 * {@code firstOrCreate($key, ['some_value' => 1])} ({@code first()}, else
 * {@link LaravelSql#createOrFirst createOrFirst} with the default) and, unless it just created the
 * row, {@code $t->increment('some_value')}: {@code update t set some_value = some_value + 1 where id = ?}.
 * The server adds one to the value it holds, under the row lock the UPDATE takes, so no update is
 * lost without any locking read: the contrast to {@code updateOrCreate}. The long computation runs
 * after the call, in the caller's transaction. From source, not captured (laravel/framework
 * Eloquent/Builder.php, Eloquent/Model.php). Thread-safe (stateless).
 */
public final class IncrementOrCreateStrategy implements GetOrCreate {
    private final LaravelSql sql;

    public IncrementOrCreateStrategy(RaceSchema s) {
        this.sql = new LaravelSql(s);
    }

    @Override
    public Outcome attempt(Connection c, RowKey key, Attempt a) throws SQLException, InterruptedException {
        Outcome outcome = Outcome.FOUND;
        if (!a.getRow(c, sql.first, key)) { // firstOrCreate: (clone $this)->where($key)->first()
            LaravelSql.Created created = sql.createOrFirst(a, c, key, 1); // $default = 1
            if (created == LaravelSql.Created.MISSING) {
                return created.outcome(); // ?? throw $e: the UniqueConstraintViolationException
            }
            outcome = created.outcome();
        }
        if (outcome != Outcome.CREATED) {
            a.incrementRow(c, sql.increment, a.rowId()); // ! wasRecentlyCreated: $t->increment('some_value')
        }
        a.work(); // the long computation, after the call, holding the row lock the INSERT or UPDATE took
        a.commit(c);
        return outcome;
    }

    @Override
    public List<String> statements() {
        return List.of(sql.first, LaravelSql.SAVEPOINT, sql.insertWithValue, LaravelSql.ROLLBACK_TO, sql.increment);
    }
}
