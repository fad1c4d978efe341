package org.lockdemo.strategy.file;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.ThreadLocalRandom;
import java.util.regex.Pattern;
import org.lockdemo.model.Outcome;
import org.lockdemo.model.RowKey;
import org.lockdemo.model.SqlStep;
import org.lockdemo.strategy.Attempt;
import java.util.Optional;
import org.lockdemo.strategy.GetOrCreate;
import org.lockdemo.strategy.GetOrCreateMany;
import org.lockdemo.strategy.KeysOutcome;
import org.lockdemo.strategy.RaceSchema;
import org.lockdemo.strategy.file.StrategyFile.Capture;
import org.lockdemo.strategy.file.StrategyFile.Handler;
import org.lockdemo.strategy.file.StrategyFile.Param;
import org.lockdemo.strategy.file.StrategyFile.Step;
import org.lockdemo.strategy.file.StrategyFile.Then;

/**
 * Runs a {@link StrategyFile} as one get-or-create attempt: its steps top to bottom, each statement
 * through {@link Attempt#fileStatement} so that the race's accounting (raced, lock time, what the
 * commits made durable) is as exact as for a built-in. The SQL is rendered once, for the run's table
 * and dialect; the captures of an attempt live on the worker's stack. Thread-safe (stateless): one
 * instance is shared by all workers.
 */
final class FileGetOrCreate implements GetOrCreate, GetOrCreateMany {
    /** A path runs at most this many steps: {@link PathCheck} refuses loops, so this is a safety net. */
    private static final int MAX_STEPS_PER_TRY = 10_000;
    private static final long MAX_BACKOFF_NANOS = 1_000_000_000L;
    private static final Pattern LOCKING = Pattern.compile("(?is).*\\b(FOR\\s+UPDATE|FOR\\s+SHARE|FOR\\s+NO\\s+KEY\\s+UPDATE"
            + "|FOR\\s+KEY\\s+SHARE|LOCK\\s+IN\\s+SHARE\\s+MODE)\\b.*");
    private static final Pattern NOWAIT = Pattern.compile("(?is).*\\bNOWAIT\\b.*");
    private static final Pattern LOCK_FUNCTION = Pattern.compile("(?is)\\s*SELECT\\s+(GET_LOCK|PG_ADVISORY\\w*LOCK\\w*)\\b.*");
    private static final Pattern RETURNING = Pattern.compile("(?is).*\\bRETURNING\\b.*");
    private static final Pattern INSERT = Pattern.compile("(?is)\\s*(INSERT|REPLACE|MERGE)\\b.*");
    /** An INSERT in a function the statement creates and calls (Sequelize's catching INSERT on PostgreSQL). */
    private static final Pattern WRAPPED_INSERT = Pattern.compile("(?is)\\s*CREATE\\b.*\\bINSERT\\s+INTO\\b.*");
    private static final Pattern ON_CONFLICT_UPDATE = Pattern.compile("(?is).*\\bON\\s+CONFLICT\\b.*\\bDO\\s+UPDATE\\b.*"
            + "|\\s*MERGE\\b.*\\bWHEN\\s+MATCHED\\b.*"); // a MERGE that only inserts (WHEN NOT MATCHED) says which it did

    private final StrategyFile file;
    private final boolean postgres;
    /** Per step index: the statement rendered for this table and dialect (null for other steps). */
    private final Rendered[] rendered;
    private final List<Rendered> settings;
    private final List<FinallyRendered> finallySteps;
    /** The dialect family the steps are taken for ({@code dialect:}): postgresql or mysql (MySQL and MariaDB). */
    private final String family;
    private final Map<String, Integer> labels = new HashMap<>();
    private final String isolationSql;
    private final String tableName;
    /**
     * The steps before this index are {@code keys: all} statements, sent once per try for all the
     * attempt's keys; the steps from it on run per key.
     */
    private final int perKeyStart;
    /** Per step index of a {@code keys: all} statement: its text as sent with {@code {rows}} still in it (else null). */
    private final String[] allKeysSql;

    /** A {@code finally} statement as sent: committed or not, and on what condition. */
    private record FinallyRendered(Rendered statement, boolean commit, Optional<Step.Branch> when) {
    }

    /** One statement as sent, with what it is to the accounting. */
    private record Rendered(String sql, List<Param> params, SqlStep step, boolean query, Attempt.Write write,
            boolean ambiguousOne, boolean generatedKeys, Attempt.InsertedColumn insertedColumn) {
    }

    FileGetOrCreate(StrategyFile file, RaceSchema schema) {
        this.file = file;
        this.postgres = schema.isPostgres();
        this.tableName = schema.tableName();
        // a statement's mariadb: form goes to a MySQL-family server with INSERT ... RETURNING (MariaDB 10.5+)
        String dialect = postgres ? "postgresql" : schema.insertReturning() ? StrategyFile.Sql.MARIADB : "mysql";
        family = postgres ? "postgresql" : "mysql";
        List<Step> steps = file.steps();
        rendered = new Rendered[steps.size()];
        allKeysSql = new String[steps.size()];
        int start = 0;
        while (start < steps.size() && (steps.get(start) instanceof Step.AllKeys
                || steps.get(start) instanceof Step.OnlyOn o && o.step() instanceof Step.AllKeys)) {
            start++;
        }
        perKeyStart = start;
        for (int i = 0; i < steps.size(); i++) {
            Step s = steps.get(i);
            if (!s.id().isEmpty()) {
                labels.put(s.id(), i);
            }
            if (s.on(family).orElse(null) instanceof Step.AllKeys all) {
                StrategyFile.Sql.Text text = all.statement().sql().on(dialect).orElseThrow(() -> new IllegalStateException(
                        all.where() + ": no statement for " + dialect + " (the gate should have refused the file)"));
                // one key's form: {rows} is the one row, its parameters the row's
                rendered[i] = render(new StrategyFile.Sql.Text(text.sql().replace(StrategyFileReader.ROWS,
                        all.rows().sql()), all.rows().params()), schema, false, false);
                allKeysSql[i] = render(text, schema, false, false).sql();
                continue;
            }
            if (s.on(family).map(Step::inner).orElse(null) instanceof Step.Statement st) {
                boolean isCounter = file.counterSteps().contains(st.id());
                Rendered r = render(st.sql().on(dialect).orElseThrow(() -> new IllegalStateException(
                        st.where() + ": no statement for " + dialect + " (the gate should have refused the file)")),
                        schema, isCounter, st.captures().values().stream().anyMatch(Capture.InsertedId.class::isInstance));
                Attempt.InsertedColumn says = insertedColumn(st);
                rendered[i] = says.position() == 0 ? r : new Rendered(r.sql(), r.params(), r.step(), r.query(),
                        r.write(), false, r.generatedKeys(), says);
            }
        }
        settings = file.settings().stream().map(q -> render(q.on(dialect).orElseThrow(), schema, false, false)).toList();
        // a finally statement written for one dialect only (MySQL's RELEASE_LOCK) is not sent on the other
        finallySteps = file.finallySteps().stream().flatMap(q -> q.sql().on(dialect).map(t -> new FinallyRendered(
                render(t, schema, false, false), q.commit(), q.when())).stream()).toList();
        isolationSql = file.isolation().map(i -> "SET TRANSACTION ISOLATION LEVEL "
                + i.name().replace('_', ' ').toUpperCase(Locale.ROOT)).orElse(null);
    }

    private Rendered render(StrategyFile.Sql.Text text, RaceSchema schema, boolean counter, boolean insertedId) {
        // {returning_id}: RETURNING id where the server has it (PostgreSQL, MariaDB 10.5+), else the generated key
        String sql = text.sql().replace("{table}", schema.tableName())
                .replace(" {returning_id}", schema.insertReturning() ? " RETURNING id" : "")
                .replace("{returning_id}", schema.insertReturning() ? "RETURNING id" : "");
        SqlStep step;
        Attempt.Write write;
        if (INSERT.matcher(sql).matches() || WRAPPED_INSERT.matcher(sql).matches()) {
            step = SqlStep.INSERT;
            write = Attempt.Write.INSERT;
        } else if (LOCK_FUNCTION.matcher(sql).matches() || LOCKING.matcher(sql).matches()) {
            step = NOWAIT.matcher(sql).matches() ? SqlStep.LOCK_NOWAIT : SqlStep.LOCK;
            write = Attempt.Write.OTHER;
        } else if (sql.stripLeading().toUpperCase(Locale.ROOT).startsWith("UPDATE")) {
            step = SqlStep.UPDATE;
            write = Attempt.Write.OTHER;
        } else {
            step = SqlStep.SELECT;
            write = Attempt.Write.OTHER;
        }
        if (LOCK_FUNCTION.matcher(sql).matches()) {
            write = Attempt.Write.LOCK_CALL; // its answer is the lock's, not the row's: it does not decide raced
        }
        if (counter) {
            write = Attempt.Write.COUNTER;
        }
        boolean ambiguous = postgres && step == SqlStep.INSERT && ON_CONFLICT_UPDATE.matcher(sql).matches();
        // an inserted id without RETURNING is the key the server generated
        boolean generatedKeys = insertedId && !RETURNING.matcher(sql).matches();
        String head = sql.stripLeading().toUpperCase(Locale.ROOT);
        boolean query = head.startsWith("SELECT") || head.startsWith("WITH") || head.startsWith("VALUES")
                || head.startsWith("SHOW") || RETURNING.matcher(sql).matches();
        return new Rendered(sql, text.params(), step, query, write, ambiguous, generatedKeys, Attempt.InsertedColumn.NONE);
    }

    /**
     * The column that says whether the statement inserted ({@code {column: 1, inserted: true}},
     * {@code inserted: when_null} or {@code when_not_null}), or {@link Attempt.InsertedColumn#NONE}; the reader takes such a
     * column by position only.
     */
    private static Attempt.InsertedColumn insertedColumn(Step.Statement st) {
        return st.captures().values().stream().filter(c -> c instanceof Capture.Column col
                && col.inserted() != Capture.Inserted.NO).map(c -> (Capture.Column) c)
                .map(col -> new Attempt.InsertedColumn(col.position(), switch (col.inserted()) {
                    case WHEN_NULL -> Attempt.InsertedColumn.Says.WHEN_NULL;
                    case WHEN_NOT_NULL -> Attempt.InsertedColumn.Says.WHEN_NOT_NULL;
                    default -> Attempt.InsertedColumn.Says.WHEN_TRUE;
                }))
                .findFirst().orElse(Attempt.InsertedColumn.NONE);
    }

    /** A condition whose handler says to try the whole transaction again. */
    private static final class RetrySignal extends Exception {
        private static final long serialVersionUID = 1L;
        final transient Handler.Retry retry;

        RetrySignal(Handler.Retry retry, SQLException cause) {
            super(cause);
            this.retry = retry;
        }
    }

    /** One try of the attempt: to its end, or a {@link RetrySignal} when a handler asks to try again. */
    @FunctionalInterface
    private interface Try {
        Outcome run() throws SQLException, InterruptedException, RetrySignal;
    }

    @Override
    public Outcome attempt(Connection c, RowKey key, Attempt a) throws SQLException, InterruptedException {
        Map<RowKey, Map<String, Object>> captures = new HashMap<>();
        return withRetries(c, a, List.of(key), captures, () -> once(c, key, a, captures));
    }

    /**
     * Several keys in one transaction ({@code --keys-per-attempt}): the settings once, then the
     * steps for each key in turn, a key's {@code commit: OUTCOME} ending its part without a COMMIT,
     * and one COMMIT after the last; a {@code rollback: OUTCOME} or an unhandled error ends the
     * whole attempt. A {@code retry} rolls the whole transaction back and starts again from the
     * first key. The {@code finally} statements run for each key after the attempt.
     */
    @Override
    public Outcome attempt(Connection c, List<RowKey> keys, Attempt a) throws SQLException, InterruptedException {
        severalKeysRefused().ifPresent(why -> {
            throw new IllegalStateException(why);
        });
        Map<RowKey, Map<String, Object>> captures = new HashMap<>();
        return withRetries(c, a, keys, captures, () -> {
            prepare(c, keys.get(0), a);
            Batch batch = allKeys(c, keys, a);
            for (int i = 0; i < keys.size(); i++) {
                a.atKey(i);
                Outcome outcome = part(c, keys.get(i), a, false, captures, batch);
                if (!outcome.isSuccess()) {
                    return outcome;
                }
                a.keyDone(i, outcome);
            }
            batch.check(keys.size());
            a.commit(c);
            return KeysOutcome.of(a.state());
        });
    }

    /**
     * Runs {@code tries} until one ends: a handler's {@code retry} rolls back (in a transaction),
     * counts the retry and waits its backoff, at most its {@code max} times, then gives up and lets
     * the error through. A file with {@code begin: false} runs in auto-commit, restored after. The
     * {@code finally} statements run for each of {@code keys} after it, however it ended, with what
     * the last try captured for the key ({@code captures}, which the tries fill).
     */
    private Outcome withRetries(Connection c, Attempt a, List<RowKey> keys, Map<RowKey, Map<String, Object>> captures,
            Try tries) throws SQLException, InterruptedException {
        if (!file.begin()) {
            c.setAutoCommit(true);
        }
        SQLException failure = null;
        boolean ended = false; // the try ended with an outcome: committed, or rolled back by its end
        try {
            for (int retry = 0;; retry++) {
                try {
                    Outcome outcome = tries.run();
                    ended = true;
                    return outcome;
                } catch (RetrySignal r) {
                    SQLException cause = (SQLException) r.getCause();
                    if (file.begin()) {
                        a.rollback(c);
                    }
                    if (retry >= r.retry.max()) {
                        a.gaveUp();
                        throw cause; // gave up: the error reaches the application, classified
                    }
                    a.retried();
                    backoff(r.retry, retry);
                }
            }
        } catch (SQLException e) {
            failure = e;
            throw e;
        } finally {
            if (!file.begin()) {
                c.setAutoCommit(false);
            }
            runFinally(c, a, keys, captures, failure, !ended);
        }
    }

    /**
     * Why the file's transaction cannot take several keys: it commits every statement by itself
     * ({@code begin: false}) or has a {@code commit} step in the middle, so there is no one
     * transaction for the keys to share.
     */
    @Override
    public Optional<String> severalKeysRefused() {
        if (!file.begin()) {
            return Optional.of(file.source() + ": transaction: {begin: false} commits each statement by itself, so "
                    + "several keys cannot share one transaction");
        }
        if (file.steps().stream().anyMatch(st -> st.inner() instanceof Step.Commit)) {
            return Optional.of(file.source() + ": a commit step in the middle ends the transaction, so several keys "
                    + "cannot share one");
        }
        if (file.steps().stream().anyMatch(st -> st.inner() instanceof Step.Statement s && s.handlers().values().stream()
                .anyMatch(Handler.RollbackContinue.class::isInstance))) {
            return Optional.of(file.source() + ": a rollback: continue ends the transaction in the middle, so several "
                    + "keys cannot share one");
        }
        return Optional.empty();
    }

    /** Two when a step is on the second connection ({@code connection: 2}); the worker then keeps two (as {@link FileStrategy#connectionsPerAttempt()} declares). */
    @Override
    public int connectionsPerAttempt() {
        return file.usesSecondConnection() ? 2 : 1;
    }

    private static void backoff(Handler.Retry r, int retry) throws InterruptedException {
        long base = r.baseMillis() * 1_000_000L;
        long nanos = switch (r.backoff()) {
            case FIXED -> base;
            case EXPONENTIAL -> Math.min(MAX_BACKOFF_NANOS, base << Math.min(retry, 20));
            case JITTER -> ThreadLocalRandom.current().nextLong(Math.min(MAX_BACKOFF_NANOS, base << Math.min(retry, 20)) + 1);
        };
        if (nanos > 0) {
            Thread.sleep(nanos / 1_000_000, (int) (nanos % 1_000_000));
        }
    }

    /**
     * The {@code finally} statements for each key, after the attempt however it ended, after its
     * transaction: one that did not end with an outcome ({@code rollBackFirst}: an error, {@code
     * earlier} if it was an SQL one, or an interrupt) is rolled back first, so a committed finally
     * statement never commits what the failed attempt wrote. Each is committed unless it says
     * {@code commit: false}, and sent only when its {@code if} holds on what the attempt captured.
     * Their own error is kept only if none came before.
     */
    private void runFinally(Connection c, Attempt a, List<RowKey> keys, Map<RowKey, Map<String, Object>> captures,
            SQLException earlier, boolean rollBackFirst) throws SQLException {
        if (finallySteps.isEmpty()) {
            return;
        }
        if (rollBackFirst && file.begin()) {
            try {
                a.rollback(c);
            } catch (SQLException e) {
                if (earlier == null) {
                    throw e;
                }
                earlier.addSuppressed(e);
                return; // the connection cannot even roll back: sending more would only add errors
            }
        }
        for (RowKey key : keys) {
            Map<String, Object> captured = new HashMap<>(let(key));
            captured.putAll(captures.getOrDefault(key, Map.of()));
            for (FinallyRendered q : finallySteps) {
                if (q.when().isPresent() && !q.when().get().holds(captured.get(q.when().get().capture()),
                        captured.get(q.when().get().other()))) {
                    continue;
                }
                Rendered r = q.statement();
                try {
                    a.fileStatement(c, r.step(), r.sql(), r.query(), ps -> bind(ps, r, key, captured), r.write(), false,
                            false, rs -> { });
                    if (q.commit() && !c.getAutoCommit()) {
                        c.commit();
                    }
                } catch (SQLException e) {
                    if (earlier == null) {
                        throw e;
                    }
                    earlier.addSuppressed(e);
                }
            }
        }
    }

    private Outcome once(Connection c, RowKey key, Attempt a, Map<RowKey, Map<String, Object>> captures)
            throws SQLException, InterruptedException, RetrySignal {
        prepare(c, key, a);
        return part(c, key, a, true, captures, allKeys(c, List.of(key), a));
    }

    /**
     * What the {@code keys: all} statements of one try answered: per key, their {@code key_inserted}
     * captures; per capture, how many rows the statement inserted when it did not say which (MySQL,
     * some of its rows), and how many keys the locking reads since settled as this transaction's.
     * On the worker's stack, one per try.
     */
    private static final class Batch {
        final Map<RowKey, Map<String, Object>> perKey = new HashMap<>();
        final Map<String, int[]> unsaid = new HashMap<>(); // capture -> {rows inserted, keys settled as inserted}
        final Map<String, String> where = new HashMap<>();

        void settled(String capture) {
            unsaid.get(capture)[1]++;
        }

        /** As the built-in upsert-multirow: the keys settled as inserted must be the rows the statement counted. */
        void check(int keys) throws SQLException {
            for (Map.Entry<String, int[]> e : unsaid.entrySet()) {
                if (e.getValue()[0] != e.getValue()[1]) {
                    throw new SQLException(where.get(e.getKey()) + ": the multi-row upsert inserted " + e.getValue()[0]
                            + " rows, but " + e.getValue()[1] + " of its " + keys + " keys have a row of value 0 under "
                            + "the lock");
                }
            }
        }
    }

    /**
     * Sends the {@code keys: all} statements (the first steps) once for {@code keys}: {@code {rows}}
     * the row template once per key in their order, each copy bound from its key, as the built-in
     * upsert-multirow sends its INSERT, and accounted as it is ({@link Attempt#upsertMany}).
     */
    private Batch allKeys(Connection c, List<RowKey> keys, Attempt a) throws SQLException {
        Batch batch = new Batch();
        for (int i = 0; i < perKeyStart; i++) {
            if (!(file.steps().get(i).on(family).orElse(null) instanceof Step.AllKeys all)) {
                continue; // the other dialect's
            }
            String sql = keys.size() == 1 ? rendered[i].sql() : allKeysSql[i].replace(StrategyFileReader.ROWS,
                    String.join(", ", java.util.Collections.nCopies(keys.size(), all.rows().sql())));
            List<Param> row = all.rows().params();
            Attempt.ManyUpserted u = a.upsertMany(c, sql, keys, RETURNING.matcher(sql).matches(), ps -> {
                int p = 1;
                for (RowKey k : keys) {
                    for (Param q : row) {
                        if (q instanceof Param.Jahr) {
                            ps.setInt(p++, k.jahr());
                        } else {
                            ps.setShort(p++, (short) k.monat()); // the reader lets only :jahr and :monat into rows
                        }
                    }
                }
            });
            String name = all.statement().captures().keySet().iterator().next();
            for (int k = 0; k < keys.size(); k++) {
                batch.perKey.computeIfAbsent(keys.get(k), x -> new HashMap<>()).put(name, u.inserted() == null ? null
                        : u.inserted()[k] ? 1L : 0L);
            }
            if (u.inserted() == null) {
                batch.unsaid.put(name, new int[] {u.count(), 0});
                batch.where.put(name, all.where().toString());
            }
        }
        return batch;
    }

    /** The settings and the isolation level, sent before each try. */
    private void prepare(Connection c, RowKey key, Attempt a) throws SQLException {
        Map<String, Object> let = let(key);
        for (Rendered s : settings) {
            a.fileStatement(c, s.step(), s.sql(), s.query(), ps -> bind(ps, s, key, let), s.write(), false, false, rs -> { });
        }
        if (isolationSql != null) {
            a.execute(c, isolationSql);
        }
    }

    /**
     * The steps for {@code key}, to the end of their path: a success outcome, committed when
     * {@code commitAtEnd} (else the caller commits, after the other keys' parts), or a failure,
     * rolled back.
     */
    private Outcome part(Connection c, RowKey key, Attempt a, boolean commitAtEnd,
            Map<RowKey, Map<String, Object>> captures, Batch batch) throws SQLException, InterruptedException, RetrySignal {
        Map<String, Object> captured = new HashMap<>(let(key)); // let: as if captured before the first step
        captured.putAll(batch.perKey.getOrDefault(key, Map.of())); // what the keys: all statements said of it
        captures.put(key, captured); // what this try captures, for the finally statements
        List<Step> steps = file.steps();
        int pc = perKeyStart;
        for (int executed = 0; executed < MAX_STEPS_PER_TRY; executed++) {
            Step raw = steps.get(pc).on(family).orElse(null); // null: another dialect's step, not there
            // connection: 2, a session of its own (Sequelize's re-find outside its transaction)
            Connection on = raw instanceof Step.OnSecond ? a.secondConnection() : c;
            Step step = raw == null ? null : raw.inner();
            Then then = new Then.Next();
            if (step instanceof Step.Statement st) {
                then = statement(on, key, a, pc, st, captured, batch);
            } else if (step instanceof Step.Branch b) {
                if (b.holds(captured.get(b.capture()), captured.get(b.other()))) {
                    then = b.then();
                    if (file.counterSteps().contains(b.id())) {
                        a.incrementedWithoutWrite(); // an if as a counter step: nothing to write (not dirty)
                    }
                }
            } else if (step instanceof Step.Savepoint sp) {
                a.savepointStatement(c, "SAVEPOINT " + sp.name());
            } else if (step instanceof Step.Release r) {
                a.savepointStatement(c, "RELEASE SAVEPOINT " + r.name());
            } else if (step instanceof Step.Finish f) {
                then = f.end();
            } else if (step instanceof Step.Commit) {
                a.commit(on);
                if (isolationSql != null && on == c) {
                    a.execute(c, isolationSql);
                }
            }
            if (then instanceof Then.End e) {
                if (e.commit() && commitAtEnd) {
                    batch.check(1);
                }
                return end(c, a, e, commitAtEnd);
            }
            pc = then instanceof Then.Goto g ? labels.get(g.label()) : pc + 1;
        }
        throw new IllegalStateException(file.source() + ": more than " + MAX_STEPS_PER_TRY + " steps in one try");
    }

    private Outcome end(Connection c, Attempt a, Then.End e, boolean commit) throws SQLException, InterruptedException {
        if (e.commit()) {
            a.work(); // --hold-ms: the work done under the lock, before the commit
            if (e.release().isPresent()) {
                a.savepointStatement(c, "RELEASE SAVEPOINT " + e.release().get());
            }
            if (file.begin() && commit) {
                a.commit(c);
            }
        } else if (file.begin()) {
            a.rollback(c);
        }
        return e.outcome();
    }

    /** Runs one statement; what comes next: its then, or its handler's for the condition it met. */
    private Then statement(Connection c, RowKey key, Attempt a, int pc, Step.Statement st, Map<String, Object> captured,
            Batch batch) throws SQLException, RetrySignal {
        Rendered r = rendered[pc];
        Map<String, Object> row = new HashMap<>();
        Attempt.FileResult result;
        try {
            result = send(c, key, a, r, st, captured, row);
            if (!file.begin() && r.write() != Attempt.Write.OTHER) {
                a.autocommitted();
            }
        } catch (SQLException e) {
            Handler h = st.handlers().get(a.classify(e));
            if (h == null || h instanceof Handler.Raise) {
                throw e;
            }
            if (h instanceof Handler.SendAgainThenRaise) {
                try {
                    send(c, key, a, r, st, captured, new HashMap<>()); // Hibernate's second upsert
                } catch (SQLException again) {
                    e.addSuppressed(again); // 25P02 in the aborted transaction: the first error is the one raised
                }
                throw e;
            }
            if (h instanceof Handler.Retry retry) {
                throw new RetrySignal(retry, e);
            }
            if (h instanceof Handler.Rollback rb) {
                return new Then.End(false, rb.outcome(), java.util.Optional.empty());
            }
            if (h instanceof Handler.RollbackContinue rc) {
                a.rollback(c); // the transaction ends here; the next statement begins a new one
                if (isolationSql != null) {
                    a.execute(c, isolationSql);
                }
                return rc.then();
            }
            if (h instanceof Handler.RollbackTo rt) {
                a.rollbackToSavepoint(c, "ROLLBACK TO SAVEPOINT " + rt.savepoint());
                return rt.then();
            }
            return ((Handler.Ignore) h).then();
        }
        for (Map.Entry<String, Capture> e : st.captures().entrySet()) {
            Capture how = e.getValue();
            if (how instanceof Capture.Column col) {
                // no row: NULL, or the file's if_null (plus its plus)
                Object v = row.containsKey(e.getKey()) ? row.get(e.getKey()) : value(col, null);
                captured.put(e.getKey(), v);
                if (batch.unsaid.containsKey(col.settles()) && captured.get(col.settles()) == null && v != null) {
                    // the keys: all statement counted rows only: a committed row's value is at least 1
                    // (every commit of this table bumps its counter), so a 0 is this transaction's own
                    if (!(v instanceof Number n)) {
                        throw new SQLException(st.where() + ": capture " + e.getKey() + " settles " + col.settles()
                                + " from a whole number (some_value), got " + v.getClass().getSimpleName() + " " + v
                                + " for " + key);
                    }
                    boolean own = n.longValue() == 0;
                    captured.put(col.settles(), own ? 1L : 0L);
                    if (own) {
                        a.insertedEarlier();
                        batch.settled(col.settles());
                    }
                }
            } else if (how instanceof Capture.InsertedId) {
                captured.put(e.getKey(), result.query() ? row.get(e.getKey()) : result.generatedKey());
            } else if (how instanceof Capture.Value v) {
                captured.put(e.getKey(), v.value());
            } else {
                captured.put(e.getKey(), (long) result.count()); // row_count and affected: what the statement counted
            }
        }
        return st.then();
    }

    /**
     * Sends one statement of the steps, its first row's columns read into {@code row}; one with the
     * key written in ({@code {jahr}}, {@code {monat}}: no parameters) as text, with the key's numbers.
     */
    private Attempt.FileResult send(Connection c, RowKey key, Attempt a, Rendered r, Step.Statement st,
            Map<String, Object> captured, Map<String, Object> row) throws SQLException {
        Attempt.FirstRow first = rs -> {
            for (Map.Entry<String, Capture> e : st.captures().entrySet()) {
                if (e.getValue() instanceof Capture.Column col) {
                    // {table} in a column's name: an ORM's alias of it (lockdemo_t_id), per run
                    Object v = col.position() > 0 ? rs.getObject(col.position())
                            : rs.getObject(col.column().replace("{table}", tableName));
                    if (v instanceof Boolean b) {
                        v = b ? 1L : 0L; // (xmax = 0): a branch compares whole numbers
                    }
                    row.put(e.getKey(), value(col, v));
                } else if (e.getValue() instanceof Capture.InsertedId) {
                    row.put(e.getKey(), rs.getLong(1));
                }
            }
        };
        if (inlined(r.sql())) {
            String sql = r.sql().replace("{jahr}", Integer.toString(key.jahr())).replace("{monat}",
                    Integer.toString(key.monat()));
            return a.fileStatementInlined(c, r.step(), sql, r.write(), first, r.insertedColumn());
        }
        return a.fileStatement(c, r.step(), r.sql(), r.query(), ps -> bind(ps, r, key, captured), r.write(),
                r.ambiguousOne(), r.generatedKeys(), first, r.insertedColumn());
    }

    /** Whether the key is written into the statement's text ({@code {jahr}}, {@code {monat}}), for a function body. */
    private static boolean inlined(String sql) {
        return sql.contains("{jahr}") || sql.contains("{monat}");
    }

    /** The file's {@code let} values for {@code key}, by name. */
    private Map<String, Object> let(RowKey key) throws SQLException {
        if (file.let().isEmpty()) {
            return Map.of();
        }
        Map<String, Object> out = new HashMap<>();
        for (LetValue v : file.let().values()) {
            out.put(v.name(), v.value(key, tableName));
        }
        return out;
    }

    /** A column's value as captured: a NULL is the file's {@code if_null} if it has one, then {@code plus} is added. */
    private static Object value(Capture.Column col, Object v) {
        Object w = v == null && col.ifNull().isPresent() ? Long.valueOf(col.ifNull().getAsLong()) : v;
        return col.plus() == 0 || w == null ? w : ((Number) w).longValue() + col.plus();
    }

    private void bind(PreparedStatement ps, Rendered r, RowKey key, Map<String, Object> captured)
            throws SQLException {
        int i = 1;
        for (Param p : r.params()) {
            if (p instanceof Param.Jahr) {
                ps.setInt(i, key.jahr());
            } else if (p instanceof Param.Monat) {
                ps.setShort(i, (short) key.monat());
            } else if (p instanceof Param.Column col) {
                KeyBinding b = file.table().orElseThrow().key().get(col.column());
                if (b.text()) {
                    ps.setString(i, b.render(key));
                } else if (b.template().equals("{index}")) {
                    ps.setLong(i, key.index());
                } else {
                    ps.setInt(i, Integer.parseInt(b.render(key)));
                }
            } else {
                Object v = captured.get(((Param.Capture) p).name());
                if (v == null) {
                    ps.setNull(i, java.sql.Types.BIGINT); // a NULL capture (no row): typed, as PostgreSQL wants
                } else if (v instanceof String t) {
                    ps.setString(i, t); // a text let: GET_LOCK's name
                } else if (v instanceof Long l) {
                    ps.setLong(i, l);
                } else if (v instanceof Integer n) {
                    ps.setLong(i, n);
                } else if (v instanceof Short n) {
                    ps.setLong(i, n);
                } else {
                    ps.setObject(i, v);
                }
            }
            i++;
        }
    }

    /**
     * Each statement's parameters by name, keyed by the statement as sent ({@link #statements()}):
     * {@code jahr}, {@code monat}, or {@code :NAME} for a capture. For {@code explain}, which shows
     * what a statement bound beside its {@code ?}s. A text that steps share with different names
     * (savepoint.yaml's three counter UPDATEs) is left out: which step sent it cannot be told from the text.
     */
    Map<String, List<String>> parameterNames() {
        Map<String, List<String>> names = new HashMap<>();
        List<Rendered> all = new ArrayList<>(settings);
        finallySteps.forEach(q -> all.add(q.statement()));
        for (Rendered r : rendered) {
            if (r != null) {
                all.add(r);
            }
        }
        java.util.Set<String> ambiguous = new java.util.HashSet<>();
        for (Rendered r : all) {
            List<String> these = r.params().stream().map(p -> p instanceof Param.Jahr ? "jahr"
                    : p instanceof Param.Monat ? "monat" : ":" + ((Param.Capture) p).name()).toList();
            List<String> before = names.putIfAbsent(r.sql(), these);
            if (before != null && !before.equals(these)) {
                ambiguous.add(r.sql());
            }
        }
        names.keySet().removeAll(ambiguous);
        return names;
    }

    @Override
    public List<String> statements() {
        LinkedHashSet<String> all = new LinkedHashSet<>();
        settings.forEach(s -> all.add(s.sql()));
        for (int i = 0; i < rendered.length; i++) {
            Step s = file.steps().get(i).on(family).map(Step::inner).orElse(null);
            if (rendered[i] != null) {
                all.add(rendered[i].sql());
            } else if (s instanceof Step.Savepoint sp) {
                all.add("SAVEPOINT " + sp.name());
            } else if (s instanceof Step.Release rl) {
                all.add("RELEASE SAVEPOINT " + rl.name());
            }
        }
        finallySteps.forEach(s -> all.add(s.statement().sql()));
        return new ArrayList<>(all);
    }
}
