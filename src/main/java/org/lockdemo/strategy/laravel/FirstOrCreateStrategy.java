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
 * Laravel 10.21+'s {@code DB::transaction(function () { $t = T::firstOrCreate($key); $t->some_value++; $t->save(); })}:
 * {@code firstOrCreate} is {@code where($key)->first()}, else {@link LaravelSql#createOrFirst
 * createOrFirst} (a savepoint INSERT; on the duplicate, roll back to it and read again with no lock).
 * No duplicate reaches the application when the re-read can see the winner's row; in a transaction
 * under REPEATABLE READ it reads the first read's snapshot, finds nothing, and Laravel rethrows the
 * duplicate. Nothing is locked, so the save loses concurrent updates. From source, not captured
 * (laravel/framework Eloquent/Builder.php). Thread-safe (stateless).
 */
public final class FirstOrCreateStrategy implements GetOrCreate {
    private final LaravelSql sql;

    public FirstOrCreateStrategy(RaceSchema s) {
        this.sql = new LaravelSql(s);
    }

    @Override
    public Outcome attempt(Connection c, RowKey key, Attempt a) throws SQLException, InterruptedException {
        Outcome outcome = Outcome.FOUND;
        if (!a.getRow(c, sql.first, key)) { // (clone $this)->where($key)->first()
            LaravelSql.Created created = sql.createOrFirst(a, c, key);
            if (created == LaravelSql.Created.MISSING) {
                return created.outcome(); // ?? throw $e: the UniqueConstraintViolationException
            }
            outcome = created.outcome();
        }
        a.work(); // the long computation, holding no lock
        a.saveValue(c, sql.save, a.rowId(), a.rowValue() + 1); // $t->some_value++; $t->save()
        a.commit(c);
        return outcome;
    }

    @Override
    public List<String> statements() {
        return List.of(sql.first, LaravelSql.SAVEPOINT, sql.insert, LaravelSql.ROLLBACK_TO, sql.save);
    }
}
