package org.lockdemo.strategy.file;

import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalLong;
import org.lockdemo.model.Isolation;
import org.lockdemo.model.Outcome;

/**
 * A strategy read from a file ({@code lockdemo race --strategy-file F}): the user's transaction,
 * statement by statement, with its branches, savepoints, error handlers and an outcome on each
 * path. Read and checked by {@link StrategyFileReader}; run by {@link FileGetOrCreate}. Immutable.
 *
 * @param source       the file, as messages name it
 * @param name         its id in the run and the results
 * @param description  one line for the report, or empty
 * @param expectedSafe whether it claims that no duplicate-key error reaches the application
 * @param locksRow     whether it updates the counter under a row lock (a lost update is then a failure)
 * @param begin        true: one transaction per try (autocommit off); false: every statement commits
 *                     by itself (autocommit)
 * @param isolation    the isolation level each transaction runs at, or empty for the run's
 * @param counterSteps the ids of the statements that increment the counter (one per path, e.g.
 *                     found, created), or empty ({@code counter: none}: {@code no_lost_update} is
 *                     then not applicable)
 * @param requires     per dialect id, the lowest major version it runs on (0: any); a dialect not
 *                     named is one it does not run on, unless the map is empty (every dialect)
 * @param settings     statements sent before each try (session settings)
 * @param steps        the steps, in order
 * @param finallySteps statements sent after each attempt however it ended, after its transaction (e.g.
 *                     RELEASE_LOCK)
 * @param table        the user's table ({@code table:}), or empty for lockdemo's own
 *                     {@code (id, jahr, monat, some_value)}
 * @param let          the values computed from the key ({@code let:}), whole numbers or texts, by name, in
 *                     the file's order: parameters of every statement, as if captured before the first step
 */
public record StrategyFile(String source, String name, String description, boolean expectedSafe, boolean locksRow,
        boolean begin, Optional<Isolation> isolation, List<String> counterSteps, Map<String, Integer> requires,
        List<Sql> settings, List<Step> steps, List<Finally> finallySteps, Optional<Table> table,
        Map<String, LetValue> let) {

    public StrategyFile {
        let = Collections.unmodifiableMap(new LinkedHashMap<>(let));
        counterSteps = List.copyOf(counterSteps);
        requires = Map.copyOf(requires);
        settings = List.copyOf(settings);
        steps = List.copyOf(steps);
        finallySteps = List.copyOf(finallySteps);
    }

    /** Whether it counts counter increments for {@code no_lost_update}. */
    public boolean updatesCounter() {
        return !counterSteps.isEmpty();
    }

    /** Whether a step runs on the attempt's second connection ({@code connection: 2}). */
    public boolean usesSecondConnection() {
        return steps.stream().anyMatch(s -> s instanceof Step.OnSecond || s instanceof Step.OnlyOn o
                && o.step() instanceof Step.OnSecond);
    }

    /** Whether a step is written for one dialect only ({@code dialect:}): then the steps differ per dialect. */
    boolean perDialect() {
        return steps.stream().anyMatch(s -> s instanceof Step.OnlyOn);
    }

    /**
     * A statement of {@code finally:}, sent after the attempt's transaction ended (a failed one is
     * rolled back first): committed unless {@code commit: false} (the advisory built-in's
     * RELEASE_LOCK, with no COMMIT after it), and only when {@code when} holds, if given (a capture
     * no step of the attempt set is NULL there).
     */
    record Finally(Sql sql, boolean commit, Optional<Step.Branch> when) {
    }

    /** Where a step is in the file, for messages. */
    record Where(String source, Node.Pos pos) {
        @Override
        public String toString() {
            return source + ":" + pos;
        }
    }

    /**
     * The user's table ({@code table:}): lockdemo creates it under the run's name from
     * {@code create}, runs {@code setup} once after and {@code teardown} once before the DROP, binds
     * its key columns from the race's key, and reads it back by them for the checks.
     *
     * @param where         the {@code table:} section, for messages
     * @param create        {@code CREATE TABLE {table} (...)}, per dialect
     * @param key           per key column, in the file's order, how it is bound from lockdemo's key
     * @param counterColumn the column {@code no_lost_update} sums, or empty ({@code counter_column: none})
     * @param setup         statements run once after the CREATE; a dialect a statement has no form for skips it
     * @param teardown      statements run once before the DROP; likewise
     */
    record Table(Where where, Sql create, Map<String, KeyBinding> key, Optional<String> counterColumn,
            List<Sql> setup, List<Sql> teardown) {
        Table {
            key = Collections.unmodifiableMap(new LinkedHashMap<>(key));
            setup = List.copyOf(setup);
            teardown = List.copyOf(teardown);
        }
    }

    /** A parameter of a statement, bound in the order of the {@code ?} it became. */
    sealed interface Param permits Param.Jahr, Param.Monat, Param.Column, Param.Capture {
        /** {@code :jahr}, the key's year. */
        record Jahr() implements Param {
        }

        /** {@code :monat}, the key's month. */
        record Monat() implements Param {
        }

        /** {@code :COLUMN}, one of the user's key columns ({@code table: {key: ...}}), bound from the key. */
        record Column(String column) implements Param {
        }

        /** {@code :NAME}, a value captured by an earlier statement. */
        record Capture(String name) implements Param {
        }
    }

    /**
     * One statement, per dialect id: its text with {@code ?} for each parameter and {@code {table}}
     * not yet replaced, and its parameters in order. Besides the dialect ids, {@link #MARIADB} is
     * MariaDB's own form of a statement that also has a {@code mysql} one.
     */
    record Sql(Map<String, Text> byDialect) {
        /**
         * The key of MariaDB's own form ({@code sql: {mysql: ..., mariadb: ...}}), sent to a MySQL-family
         * server that answers {@code INSERT ... RETURNING} (MariaDB 10.5 and later; how lockdemo tells
         * it from MySQL, {@code RaceSchema#insertReturning}); any other gets the {@code mysql} form.
         */
        static final String MARIADB = "mariadb";

        record Text(String sql, List<Param> params) {
        }

        Sql {
            byDialect = Map.copyOf(byDialect);
        }

        /** The form for {@code dialectId}, or for {@link #MARIADB}: MariaDB's own, else the {@code mysql} one. */
        Optional<Text> on(String dialectId) {
            if (dialectId.equals(MARIADB) && byDialect.containsKey(MARIADB)) {
                return Optional.of(byDialect.get(MARIADB));
            }
            String d = dialectId.equals(MARIADB) ? "mysql" : dialectId;
            return Optional.ofNullable(byDialect.get(d)).or(() -> Optional.ofNullable(byDialect.get("*")));
        }
    }

    /** What a statement captures from its result. */
    sealed interface Capture permits Capture.RowCount, Capture.Affected, Capture.Column, Capture.InsertedId,
            Capture.Value, Capture.KeyInserted {
        /** The rows a query returned. */
        record RowCount() implements Capture {
        }

        /** The affected count of a write (MySQL's ON DUPLICATE KEY UPDATE: 0, 1 or 2). */
        record Affected() implements Capture {
        }

        /**
         * A column of the first row, by name ({@code position} 0) or by position from 1 (an unnamed
         * expression, PostgreSQL's {@code (xmax = 0)}), plus a whole number (e.g. the counter's next
         * value); a boolean is 1 or 0. No row, or a NULL, is NULL ({@code is null} tells it), or
         * {@code ifNull} when given, before the {@code plus} (Laravel's {@code value(...) + 1}, NULL + 1
         * being 1 in PHP). {@code inserted}: the column says whether this INSERT ... RETURNING
         * inserted the key's row, and the accounting takes it from there. {@code settles}: the name of
         * a {@link KeyInserted} capture this locking read settles where the {@code keys: all}
         * statement did not say (MySQL counting some of its rows): a value 0 is this transaction's
         * own row, as for the built-in upsert-multirow; empty when it settles none.
         */
        record Column(String column, int position, long plus, Inserted inserted, OptionalLong ifNull, String settles)
                implements Capture {
            Column(String column, int position, long plus, Inserted inserted, OptionalLong ifNull) {
                this(column, position, plus, inserted, ifNull, "");
            }

            Column(String column, long plus) {
                this(column, 0, plus, Inserted.NO, OptionalLong.empty());
            }
        }

        /**
         * {@code key_inserted}, the capture of a {@code keys: all} statement: per key, 1 when it inserted
         * that key's row, 0 when not, NULL when it did not say (MySQL answers only how many rows it
         * inserted; when that is some but not all, a locking read's {@code settles} tells which).
         */
        record KeyInserted() implements Capture {
        }

        /** How a column of an INSERT ... RETURNING says that it inserted the key's row. */
        enum Inserted {
            /** It does not say. */
            NO,
            /** A boolean, true for an insert: PostgreSQL's {@code (xmax = 0)}. */
            WHEN_TRUE,
            /** NULL for an insert: PostgreSQL 18's {@code old.id}, there is no old row. */
            WHEN_NULL,
            /** Not NULL for an insert: the new id of an INSERT whose duplicate a function caught (Sequelize's). */
            WHEN_NOT_NULL
        }

        /**
         * The id an INSERT made: the first column of what its {@code RETURNING} returned, or the key
         * the server generated (MySQL / MariaDB without RETURNING).
         */
        record InsertedId() implements Capture {
        }

        /** A whole number written in the file, e.g. the counter's value on a row this attempt inserted. */
        record Value(long value) implements Capture {
        }
    }

    /** Where the steps go on after a step. */
    sealed interface Then permits Then.Next, Then.Goto, Then.End {
        /** The next step. */
        record Next() implements Then {
        }

        /** The step with this id. */
        record Goto(String label) implements Then {
        }

        /**
         * The attempt ends: COMMIT (or, in autocommit, nothing) with a success outcome, or ROLLBACK
         * with a failure outcome; {@code release} is a savepoint released just before the COMMIT;
         * {@code leaveOpen} a savepoint the file says is left open to the COMMIT, which releases it
         * (Laravel 10's {@code createOrFirst} never releases its {@code trans2}): without it the
         * path check refuses a savepoint still open at a COMMIT.
         */
        record End(boolean commit, Outcome outcome, Optional<String> release, Optional<String> leaveOpen)
                implements Then {
            End(boolean commit, Outcome outcome, Optional<String> release) {
                this(commit, outcome, release, Optional.empty());
            }
        }
    }

    /** What happens when a statement fails with a condition. */
    sealed interface Handler permits Handler.RollbackTo, Handler.Rollback, Handler.RollbackContinue, Handler.Raise,
            Handler.SendAgainThenRaise, Handler.Ignore, Handler.Retry {
        /** ROLLBACK TO SAVEPOINT, then go on. */
        record RollbackTo(String savepoint, Then then) implements Handler {
        }

        /** ROLLBACK, and the attempt ends with a failure outcome. */
        record Rollback(Outcome outcome) implements Handler {
        }

        /**
         * {@code {rollback: continue}}: ROLLBACK, and go on ({@code then}, a step id or the next
         * step) in a new transaction: an ORM's own transaction around the INSERT, rolled back on the
         * duplicate, and the re-read after it on its own (Django outside {@code atomic()}).
         */
        record RollbackContinue(Then then) implements Handler {
        }

        /** The error reaches the application: the attempt ends with its condition, rolled back. */
        record Raise() implements Handler {
        }

        /**
         * {@code send_again_then_raise}: the statement is sent once more in the same transaction, and
         * then the first error reaches the application, whatever the second answered (its error is
         * kept as suppressed). Hibernate 7.4's {@code StatelessSession.upsert()} on PostgreSQL after
         * a 23505: the second send fails with 25P02 in the aborted transaction (transcripts/hibernate/
         * postgresql-read-committed/upsert-conflict.sql).
         */
        record SendAgainThenRaise() implements Handler {
        }

        /** Go on as if the statement had succeeded (it captured nothing). */
        record Ignore(Then then) implements Handler {
        }

        /** Roll back and try the whole transaction again, at most {@code max} times, then raise. */
        record Retry(int max, Backoff backoff, long baseMillis) implements Handler {
        }
    }

    /** The wait before a retry. */
    enum Backoff {
        /** {@code base_ms} every time. */
        FIXED,
        /** {@code base_ms} times 2 to the retry's number (1, 2, 4, ...), at most 1 s. */
        EXPONENTIAL,
        /** Exponential, each wait drawn uniformly from 0 up to it ("full jitter"). */
        JITTER
    }

    /** A step of the file. */
    sealed interface Step permits Step.Statement, Step.Branch, Step.Savepoint, Step.Release, Step.Commit, Step.Finish,
            Step.Wrapper {
        /** Its id ({@code id:}), a label to go to; empty when it has none. */
        String id();

        Where where();

        /** The step itself, a {@link Wrapper}'s unwrapped. */
        default Step inner() {
            return this;
        }

        /**
         * The step as it is on {@code family} ({@code postgresql} or {@code mysql}): itself, or empty
         * when it is another dialect's only ({@link OnlyOn}): nothing is sent, the next step follows.
         */
        default Optional<Step> on(String family) {
            return Optional.of(this);
        }

        /** A step around another ({@link #step()}): its id, place and inner step are the other's. */
        sealed interface Wrapper extends Step permits OnlyOn, OnSecond, AllKeys {
            Step step();

            @Override
            default String id() {
                return step().id();
            }

            @Override
            default Where where() {
                return step().where();
            }

            @Override
            default Step inner() {
                return step().inner();
            }
        }

        /**
         * {@code dialect: D} on a step: it is there on D only ({@code postgresql}, or {@code mysql} for
         * MySQL and MariaDB), and on the other dialect the next step follows it, as if it were not
         * written. The advisory built-in's COMMIT after MySQL's session-scoped GET_LOCK, which
         * PostgreSQL's transaction-scoped lock has no need of.
         */
        record OnlyOn(String dialect, Step step) implements Wrapper {

            @Override
            public Optional<Step> on(String family) {
                return dialect.equals(family) ? Optional.of(step) : Optional.empty();
            }
        }

        /**
         * {@code connection: 2} on a read or a {@code commit}: sent on the attempt's second connection,
         * a session of its own with a transaction of its own: Sequelize's {@code findOrCreate} without
         * a transaction re-finds the row after the duplicate on another pooled connection, outside
         * its own transaction. The worker keeps two connections for such a file.
         */
        record OnSecond(Step step) implements Wrapper {
        }

        /**
         * {@code keys: all} on a multi-row INSERT: sent once for all the attempt's keys
         * ({@code --keys-per-attempt N}, one key without it), its {@code {rows}} the {@code rows}
         * template repeated per key in the attempt's order, joined by {@code ", "}, each copy bound
         * from its key: the built-in upsert-multirow's {@code INSERT ... VALUES (k1), (k2), ...}.
         * Such steps come first; the steps after them run per key.
         */
        record AllKeys(Statement statement, Sql.Text rows) implements Wrapper {
            @Override
            public Step step() {
                return statement;
            }
        }

        /** A statement, its captures, its handlers by condition, and where to go on after it. */
        record Statement(String id, Where where, Sql sql, Map<String, Capture> captures,
                Map<Outcome, Handler> handlers, Then then) implements Step {
        }

        /**
         * {@code if: "NAME OP NUMBER"}, {@code if: "NAME OP OTHER"} (two captures) or
         * {@code if: "NAME is null"} / {@code "NAME is not null"}: {@code then} when it holds, else
         * the next step. In a comparison a NULL is 0, as it always was (a lock function's NULL is
         * not a lock); {@code is null} tells it apart.
         *
         * @param other the capture compared with, or empty: compared with {@code value}
         */
        record Branch(String id, Where where, String capture, String op, long value, String other, Then then)
                implements Step {
            static final String IS_NULL = "is null";
            static final String IS_NOT_NULL = "is not null";

            Branch(String id, Where where, String capture, String op, long value, Then then) {
                this(id, where, capture, op, value, "", then);
            }

            /** The captures it reads. */
            java.util.List<String> reads() {
                return other.isEmpty() ? java.util.List.of(capture) : java.util.List.of(capture, other);
            }

            /** Whether it holds for {@code left} (the capture) and {@code right} (the other capture's value, if any). */
            boolean holds(Object left, Object right) {
                if (op.equals(IS_NULL) || op.equals(IS_NOT_NULL)) {
                    return (left == null) == op.equals(IS_NULL);
                }
                long actual = number(left);
                long than = other.isEmpty() ? value : number(right);
                return switch (op) {
                    case "==" -> actual == than;
                    case "!=" -> actual != than;
                    case "<" -> actual < than;
                    case "<=" -> actual <= than;
                    case ">" -> actual > than;
                    default -> actual >= than;
                };
            }

            /** What the condition says, for a message: {@code rows == 0}. */
            String text() {
                return capture + " " + op + (op.startsWith("is") ? "" : " " + (other.isEmpty() ? value : other));
            }

            private static long number(Object v) {
                return v instanceof Number n ? n.longValue() : v == null ? 0 : Long.parseLong(v.toString());
            }
        }

        /** {@code savepoint: NAME}: SAVEPOINT NAME. */
        record Savepoint(String id, Where where, String name) implements Step {
        }

        /** {@code release: NAME}: RELEASE SAVEPOINT NAME. */
        record Release(String id, Where where, String name) implements Step {
        }

        /** {@code commit: OUTCOME} or {@code rollback: OUTCOME} as a step: the attempt ends there. */
        record Finish(String id, Where where, Then.End end) implements Step {
        }

        /** {@code commit} in the middle: COMMIT, and the next statement begins a new transaction. */
        record Commit(String id, Where where) implements Step {
        }
    }
}
