package org.lockdemo.strategy.laravel;

import static org.jooq.impl.DSL.asterisk;
import static org.jooq.impl.DSL.inline;
import static org.jooq.impl.DSL.param;

import java.sql.Connection;
import java.sql.SQLException;
import org.jooq.DSLContext;
import org.jooq.conf.RenderKeywordCase;
import org.jooq.impl.DSL;
import org.lockdemo.model.Outcome;
import org.lockdemo.model.RowKey;
import org.lockdemo.strategy.Attempt;
import org.lockdemo.strategy.RaceSchema;

/**
 * The statements Eloquent sends for the seed's model ({@code T}, {@code $timestamps = false}),
 * rendered once with jOOQ for lockdemo's table. Laravel's query grammar writes keywords in lower
 * case and groups an array {@code where()} in parentheses:
 * {@code select * from "t" where ("jahr" = ? and "monat" = ?) limit 1}; jOOQ renders the same with
 * {@link RenderKeywordCase#LOWER} (its PostgreSQL limit would be {@code fetch next ? rows only}, so
 * {@code limit 1} is appended as Laravel writes it). The reference is what Laravel 8.83 sent,
 * captured into {@code src/test/resources/org/lockdemo/transcripts/laravel/} and held to it by
 * {@code LaravelTranscriptTest}; the 10.x/11.x calls use the same statements (their grammar is
 * unchanged for these) plus the savepoints of {@code withSavepointIfNeeded}. Immutable; thread-safe.
 */
public final class LaravelSql {
    /**
     * {@code DB::transaction()} nested in the caller's: Laravel names savepoints
     * {@code trans<level + 1>} (Concerns/ManagesTransactions.php), so the first one is trans2; its
     * grammar writes these two in upper case. It never releases a savepoint.
     */
    public static final String SAVEPOINT = "SAVEPOINT trans2";
    /** The nested transaction failed: {@code rollBack()} to the level before it. */
    public static final String ROLLBACK_TO = "ROLLBACK TO SAVEPOINT trans2";

    /** {@code T::where($key)->first()}: {@code select * from t where (jahr = ? and monat = ?) limit 1}. */
    final String first;
    /** {@code T::where($key)->value('some_value')}: {@code select some_value from t where (...) limit 1}. */
    final String value;
    /** {@code save()} of a new model with the key only: {@code insert into t (jahr, monat) values (?, ?)}. */
    final String insert;
    /** {@code create($key + ['some_value' => v])}: {@code insert into t (jahr, monat, some_value) values (?, ?, ?)}. */
    final String insertWithValue;
    /**
     * Whether the inserts end in {@code returning "id"}: Laravel's PostgresGrammar asks for the id so;
     * on MySQL and MariaDB (even 10.5+, which has RETURNING) it reads PDO's {@code lastInsertId()},
     * which lockdemo reads as the INSERT's generated key.
     */
    final boolean returning;
    /** {@code save()} of a dirty {@code some_value}: {@code update t set some_value = ? where id = ?}. */
    final String save;
    /** {@code $model->increment('some_value')}: {@code update t set some_value = some_value + 1 where id = ?}. */
    final String increment;

    LaravelSql(RaceSchema s) {
        DSLContext dsl = DSL.using(s.dsl().dialect(), s.dsl().settings().withRenderKeywordCase(RenderKeywordCase.LOWER));
        first = dsl.select(asterisk()).from(s.table).where(s.keyIs()).getSQL() + " limit 1";
        value = dsl.select(s.someValue).from(s.table).where(s.keyIs()).getSQL() + " limit 1";
        returning = s.isPostgres();
        String returningId = returning ? " returning " + s.id.getName() : "";
        // jOOQ's MYSQL dialect would emulate RETURNING; the clause is written as PostgreSQL takes it
        insert = dsl.insertInto(s.table, s.jahr, s.monat)
                .values(param("jahr", Integer.class), param("monat", Short.class)).getSQL() + returningId;
        insertWithValue = dsl.insertInto(s.table, s.jahr, s.monat, s.someValue)
                .values(param("jahr", Integer.class), param("monat", Short.class), param("some_value", Long.class))
                .getSQL() + returningId;
        save = dsl.update(s.table).set(s.someValue, param("some_value", Long.class))
                .where(s.id.eq(param("id", Long.class))).getSQL();
        // Query\Builder::incrementEach writes the amount inline: "some_value" + 1 (jOOQ's plus() would add parentheses)
        increment = dsl.update(s.table).set(s.someValue, DSL.field("{0} + {1}", Long.class, s.someValue, inline(1L)))
                .where(s.id.eq(param("id", Long.class))).getSQL();
    }

    /** What {@code createOrFirst} ended with. */
    enum Created {
        /** The INSERT went through: {@code wasRecentlyCreated}. */
        CREATED,
        /** The INSERT met a duplicate and the re-read found the other session's row. */
        FOUND,
        /** The INSERT met a duplicate and the re-read found nothing: Laravel rethrows the duplicate. */
        MISSING;

        Outcome outcome() {
            return switch (this) {
                case CREATED -> Outcome.CREATED;
                case FOUND -> Outcome.FOUND_AFTER_CONFLICT;
                case MISSING -> Outcome.MISSING_AFTER_CONFLICT;
            };
        }
    }

    /**
     * Eloquent's {@code createOrFirst($key)} (10.21+) inside the caller's transaction:
     * {@code withSavepointIfNeeded} runs {@code create()} in a nested {@code transaction()}, a
     * savepoint; on a {@code UniqueConstraintViolationException} {@code rollBack()} to it, then
     * {@code where($key)->first()} with no lock, {@code ?? throw $e} (10.21.1+). Any other error
     * propagates.
     */
    Created createOrFirst(Attempt a, Connection c, RowKey key) throws SQLException {
        return createOrFirst(a, c, key, false, 0);
    }

    /** The same with {@code some_value} among the attributes: {@code createOrFirst($key, ['some_value' => value])}. */
    Created createOrFirst(Attempt a, Connection c, RowKey key, long value) throws SQLException {
        return createOrFirst(a, c, key, true, value);
    }

    private Created createOrFirst(Attempt a, Connection c, RowKey key, boolean withValue, long value)
            throws SQLException {
        a.savepointStatement(c, SAVEPOINT);
        try {
            if (withValue) {
                a.insertRowWithValue(c, insertWithValue, key, value, returning);
            } else {
                a.insertRow(c, insert, key, returning); // waits if another transaction inserted the key uncommitted
            }
            return Created.CREATED; // the nested transaction "commits": Laravel sends nothing, releases nothing
        } catch (SQLException e) {
            if (!a.isUniqueViolation(e)) {
                throw e;
            }
            a.rollbackToSavepoint(c, ROLLBACK_TO);
            return a.getRow(c, first, key) ? Created.FOUND : Created.MISSING;
        }
    }
}
