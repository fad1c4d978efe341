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
 * Laravel 10.21+'s {@code DB::transaction(function () { $t = T::createOrFirst($key); $t->some_value++; $t->save(); })}:
 * INSERT first, in a savepoint ({@code withSavepointIfNeeded}); on a
 * {@code UniqueConstraintViolationException} roll back to it and {@code where($key)->first()} with
 * no lock. Every attempt on an existing key pays for a failed INSERT; the re-read is the
 * transaction's first read, so it sees the winner's committed row. Nothing is locked before the
 * save, so concurrent saves lose updates. From source, not captured (laravel/framework
 * Eloquent/Builder.php). Thread-safe (stateless).
 */
public final class CreateOrFirstStrategy implements GetOrCreate {
    private final LaravelSql sql;

    public CreateOrFirstStrategy(RaceSchema s) {
        this.sql = new LaravelSql(s);
    }

    @Override
    public Outcome attempt(Connection c, RowKey key, Attempt a) throws SQLException, InterruptedException {
        LaravelSql.Created created = sql.createOrFirst(a, c, key);
        if (created == LaravelSql.Created.MISSING) {
            return created.outcome(); // ?? throw $e: the UniqueConstraintViolationException
        }
        a.work(); // the long computation, holding no lock
        a.saveValue(c, sql.save, a.rowId(), a.rowValue() + 1); // $t->some_value++; $t->save()
        a.commit(c);
        return created.outcome();
    }

    @Override
    public List<String> statements() {
        return List.of(LaravelSql.SAVEPOINT, sql.insert, LaravelSql.ROLLBACK_TO, sql.first, sql.save);
    }
}
