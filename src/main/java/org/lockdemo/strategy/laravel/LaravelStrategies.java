package org.lockdemo.strategy.laravel;

import static org.lockdemo.strategy.StrategyDefinition.exactRaceCount;
import static org.lockdemo.strategy.StrategyDefinition.insertFirst;

import org.lockdemo.strategy.ExplanationFacts;
import org.lockdemo.strategy.Framework;
import org.lockdemo.strategy.Requires;
import org.lockdemo.strategy.StrategyDefinition;
import org.lockdemo.strategy.StrategyDefinition.ModelledOn;

/**
 * Laravel's (Eloquent's) get-or-create calls, each in the caller's {@code DB::transaction()}: the
 * 10.x/11.x algorithms read from laravel/framework's source, and Laravel 8.83's where it differs,
 * held to the transcripts captured from it. Constants only; immutable.
 */
public final class LaravelStrategies {
    private static final String BUILDER = "src/Illuminate/Database/Eloquent/Builder.php";
    private static final String FROM_10_21 = "from source, not captured: laravel/framework@v10.21.1 (ae93199f5349) "
            + BUILDER + " (firstOrCreate, createOrFirst, updateOrCreate, withSavepointIfNeeded) and "
            + "src/Illuminate/Database/Concerns/ManagesTransactions.php (savepoints trans<n>); unchanged at "
            + "v11.39.1 (3d693dd36e78) and at bd71b45fbb7e (v13.26.1-25)";
    private static final String CAPTURED_8 = "captured from Debian's php-laravel-framework 8.83.26 (PHP 8.2 pdo_pgsql, "
            + "pdo_mysql) on PostgreSQL 15 and MariaDB 10.11 (transcripts/laravel/*/";

    public static final StrategyDefinition FIRST_OR_CREATE = new StrategyDefinition(Framework.LARAVEL, false, false,
            (s, o) -> new FirstOrCreateStrategy(s),
            "Laravel 10.21+ firstOrCreate() in DB::transaction(), then some_value++ and save(): select ... limit 1; if absent createOrFirst (savepoint INSERT; on a duplicate ROLLBACK TO and a plain re-read). No lock: updates get lost; under REPEATABLE READ the re-read finds nothing.",
            f -> surfacedOrHandled(f) + "; it never locks the row, so concurrent saves can overwrite each other "
                    + "(see no_lost_update)",
            Requires.ANY, exactRaceCount(),
            new ModelledOn("DB::transaction(function () use ($key) { $t = T::firstOrCreate($key); $t->some_value++; "
                    + "$t->save(); })", "Laravel 10.21.1+", FROM_10_21,
                    "no row lock: concurrent saves lose updates; in a transaction under REPEATABLE READ the re-read "
                            + "after the duplicate sees the first read's snapshot, finds nothing, and the "
                            + "UniqueConstraintViolationException is rethrown"));

    public static final StrategyDefinition CREATE_OR_FIRST = new StrategyDefinition(Framework.LARAVEL, true, false,
            (s, o) -> new CreateOrFirstStrategy(s),
            "Laravel 10.21+ createOrFirst() in DB::transaction(), then some_value++ and save(): INSERT first in a savepoint; on a duplicate ROLLBACK TO SAVEPOINT and select ... limit 1 with no lock. No lock: updates get lost.",
            f -> surfacedOrHandled(f) + "; the row is never locked before the save, so concurrent saves can "
                    + "overwrite each other (see no_lost_update)",
            Requires.ANY, insertFirst(),
            new ModelledOn("DB::transaction(function () use ($key) { $t = T::createOrFirst($key); $t->some_value++; "
                    + "$t->save(); })", "Laravel 10.21.1+", FROM_10_21,
                    "every attempt on an existing key pays for a failed INSERT; no row lock: concurrent saves lose "
                            + "updates"));

    public static final StrategyDefinition UPDATE_OR_CREATE = new StrategyDefinition(Framework.LARAVEL, false, false,
            (s, o) -> new UpdateOrCreateStrategy(s),
            "Laravel 10.21+ updateOrCreate($key, ['some_value' => value read + 1]) in DB::transaction(): the value read with no lock, then firstOrCreate and fill()->save(). Two sessions that read the same value both write value + 1: lost updates, no error.",
            LaravelStrategies::lostUpdateLesson,
            Requires.ANY, exactRaceCount(),
            new ModelledOn("DB::transaction(fn () => T::updateOrCreate($key, ['some_value' => "
                    + "T::where($key)->value('some_value') + 1]))", "Laravel 10.21.1+", FROM_10_21,
                    "a read-modify-write with no lock: concurrent calls lose updates without any error; in a "
                            + "transaction under REPEATABLE READ the re-read after a duplicate finds nothing and "
                            + "the duplicate is rethrown"));

    public static final StrategyDefinition INCREMENT_OR_CREATE = new StrategyDefinition(Framework.LARAVEL, false, true,
            (s, o) -> new IncrementOrCreateStrategy(s),
            "Laravel 11.39.1+ incrementOrCreate($key, 'some_value') in DB::transaction(): firstOrCreate with some_value 1, else update ... set some_value = some_value + 1: atomic, no update lost without a locking read.",
            f -> surfacedOrHandled(f) + "; the increment is computed by the server under the UPDATE's row lock, "
                    + "so no update is lost",
            Requires.ANY, exactRaceCount(),
            new ModelledOn("DB::transaction(fn () => T::incrementOrCreate($key, 'some_value'))", "Laravel 11.39.1+",
                    "from source, not captured: laravel/framework@v11.39.1 (3d693dd36e78) " + BUILDER
                            + " (incrementOrCreate, added in b89006c3f9e7, #54300) and "
                            + "src/Illuminate/Database/Eloquent/Model.php (incrementOrDecrement); unchanged at "
                            + "bd71b45fbb7e (v13.26.1-25)",
                    "in a transaction under REPEATABLE READ the re-read after a duplicate finds nothing and the "
                            + "duplicate is rethrown, and PostgreSQL's UPDATE of a row changed since the snapshot is a "
                            + "serialization failure"));

    public static final StrategyDefinition FIRST_OR_CREATE_8 = new StrategyDefinition(Framework.LARAVEL, false, false,
            (s, o) -> new FirstOrCreate8Strategy(s, CallerTransaction.DB_TRANSACTION),
            "Laravel 8.83 firstOrCreate() in DB::transaction(), then some_value++ and save(): select ... limit 1; if absent a plain INSERT, no savepoint, no retry: two threads both miss and one gets a unique violation.",
            f -> (f.surfaced() > 0 ? f.surfaced() + " duplicate-key errors reached the application: two threads "
                    + "saw no row and both inserted, and Laravel 8 has no second chance (a QueryException)"
                    : "no duplicate-key error reached the application this time: the race needs threads that miss "
                            + "the select together") + "; it never locks the row (see no_lost_update)",
            Requires.ANY, exactRaceCount(),
            new ModelledOn("DB::transaction(function () use ($key) { $t = T::firstOrCreate($key); $t->some_value++; "
                    + "$t->save(); })", "Laravel 8.83", CAPTURED_8 + "firstOrCreate[-tx]-*.sql)",
                    "two sessions both miss the read and both insert: the QueryException (23505 / 1062) reaches the "
                            + "application; no row lock: concurrent saves lose updates"));

    public static final StrategyDefinition UPDATE_OR_CREATE_8 = new StrategyDefinition(Framework.LARAVEL, false, false,
            (s, o) -> new UpdateOrCreate8Strategy(s, CallerTransaction.DB_TRANSACTION),
            "Laravel 8.83 updateOrCreate($key, ['some_value' => value read + 1]) in DB::transaction(): the value read with no lock, then firstOrNew and fill()->save(), a plain INSERT when absent: lost updates, and unique violations.",
            LaravelStrategies::lostUpdateLesson,
            Requires.ANY, exactRaceCount(),
            new ModelledOn("DB::transaction(fn () => T::updateOrCreate($key, ['some_value' => "
                    + "T::where($key)->value('some_value') + 1]))", "Laravel 8.83", CAPTURED_8
                    + "updateOrCreate[-tx]-*.sql)",
                    "a read-modify-write with no lock: concurrent calls lose updates; two sessions that both miss "
                            + "the read both insert and the QueryException reaches the application"));

    private LaravelStrategies() {
    }

    private static String surfacedOrHandled(ExplanationFacts f) {
        return f.surfaced() > 0 ? f.surfaced() + " duplicate-key errors reached the application"
                : f.foundAfterConflict() > 0 ? "no duplicate-key error reached the application: " + f.foundAfterConflict()
                        + " inserts hit a duplicate, rolled back to the savepoint and read the existing row"
                : "no duplicate-key error reached the application";
    }

    static String lostUpdateLesson(ExplanationFacts f) {
        return "the value is read with no lock and written back plus one: sessions that read the same value "
                + "write the same result, so concurrent updates are lost (see no_lost_update); "
                + (f.surfaced() > 0 ? f.surfaced() + " duplicate-key errors reached the application"
                        : "no duplicate-key error reached the application");
    }
}
