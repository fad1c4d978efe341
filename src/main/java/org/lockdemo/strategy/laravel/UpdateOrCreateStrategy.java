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
 * Laravel 10.21+'s {@code DB::transaction(fn () => T::updateOrCreate($key, ['some_value' => T::where($key)->value('some_value') + 1]))}:
 * the application reads the value with no lock and computes the new one; {@code updateOrCreate} is
 * {@code firstOrCreate($key, $values)} ({@code first()}, else {@link LaravelSql#createOrFirst
 * createOrFirst} with the values) and, unless it just created the row, {@code fill($values)->save()}.
 * Two sessions that read the same value both write value + 1: one update is lost, with no error.
 * From source, not captured (laravel/framework Eloquent/Builder.php). Thread-safe (stateless).
 */
public final class UpdateOrCreateStrategy implements GetOrCreate {
    private final LaravelSql sql;

    public UpdateOrCreateStrategy(RaceSchema s) {
        this.sql = new LaravelSql(s);
    }

    @Override
    public Outcome attempt(Connection c, RowKey key, Attempt a) throws SQLException, InterruptedException {
        // T::where($key)->value('some_value') + 1: null (no row) + 1 is 1 in PHP
        long next = a.readValue(c, sql.value, key).orElse(0) + 1;
        a.work(); // the long computation, between the read and the write, holding no lock
        Outcome outcome = Outcome.FOUND;
        if (!a.getRow(c, sql.first, key)) { // firstOrCreate: (clone $this)->where($key)->first()
            switch (sql.createOrFirst(a, c, key, next)) {
                case CREATED -> {
                    a.commit(c); // wasRecentlyCreated: the values went into the INSERT, no save()
                    return Outcome.CREATED;
                }
                case MISSING -> {
                    return Outcome.MISSING_AFTER_CONFLICT; // ?? throw $e: the UniqueConstraintViolationException
                }
                case FOUND -> outcome = Outcome.FOUND_AFTER_CONFLICT;
            }
        }
        a.saveValueIfDirty(c, sql.save, a.rowId(), next); // fill($values)->save()
        a.commit(c);
        return outcome;
    }

    @Override
    public List<String> statements() {
        return List.of(sql.value, sql.first, LaravelSql.SAVEPOINT, sql.insertWithValue, LaravelSql.ROLLBACK_TO,
                sql.save);
    }
}
