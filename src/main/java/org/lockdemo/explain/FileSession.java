package org.lockdemo.explain;

import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import org.lockdemo.model.Outcome;
import org.lockdemo.model.RowKey;
import org.lockdemo.strategy.Attempt;
import org.lockdemo.strategy.GetOrCreate;

/**
 * One session of {@code explain --strategy-file}: the file's get-or-create attempt, run as the
 * race's worker runs it (a failure outcome or an error is rolled back), on its own thread and on
 * the connection of a {@link Session} of the run. Every statement the attempt sends waits at a gate
 * ({@link GatedConnection}) until the schedule sends it through the {@link ScheduleInterpreter}, so
 * what the timeline shows is what the strategy really sent, one statement at a time, each chosen by
 * the results of the ones before (its branches and handlers).
 *
 * <p>Threads: the attempt runs on {@code lockdemo-explain-file-<session>}, which only offers
 * statements and waits; everything else ({@link #next}, {@link #bind}, {@link #shown}, {@link #submit},
 * {@link #stop}) is called from the interpreter's thread. {@link #cancel()} may be called from any thread.
 */
final class FileSession implements ScheduledSession {
    /** What the session's client does next: a statement waiting at the gate, or the end of its attempt. */
    sealed interface Next permits Held, End {
    }

    /**
     * How the attempt ended.
     *
     * @param outcome the attempt's outcome, as the race counts it
     * @param retries how often the file's {@code retry} handler tried the transaction again
     * @param failure a failure of lockdemo's own while running it (a bug), else empty
     */
    record End(Outcome outcome, int retries, String failure) implements Next {
    }

    /** A statement the attempt is about to send, held until the interpreter submits it. */
    final class Held implements Next, GatedConnection.Held {
        final GatedConnection.Kind kind;
        final String sql;
        final List<Object> values;
        private final Statement statement;
        /** True: send it; false: the schedule stopped, the attempt must unwind. */
        private final CompletableFuture<Boolean> go = new CompletableFuture<>();
        private final CompletableFuture<StepResult> result = new CompletableFuture<>();

        private Held(GatedConnection.Kind kind, String sql, List<Object> values, Statement statement) {
            this.kind = kind;
            this.sql = sql;
            this.values = values;
            this.statement = statement;
        }

        @Override
        public void finished(StepResult r) {
            running = null;
            result.complete(r);
        }

        @Override
        public StepResult failure(SQLException e) {
            return Session.failure(e, step(0).sqlStep(), session.classifier(), table, ExplainRunner.DISPLAY_TABLE);
        }

        /** The step the interpreter sends: the statement with {@code {table}} for lockdemo's table. */
        Step step(int number) {
            Step.Action action = switch (kind) {
                case COMMIT -> Step.Action.COMMIT;
                case ROLLBACK -> Step.Action.ROLLBACK;
                case SQL -> Step.Action.SQL;
            };
            return new Step(number, session.name(), action, sql.replace(table, "{table}"), List.of());
        }
    }

    private final Session session;
    private final GetOrCreate strategy;
    private final RowKey key;
    private final String table;
    private final Map<String, List<String>> parameterNames;
    private final BlockingQueue<Next> offered = new LinkedBlockingQueue<>();
    private final ExecutorService thread;
    private Future<?> attempt;
    /** The statement offered and not yet submitted; interpreter's thread. */
    private Held current;
    private End end;
    private volatile boolean stopped;
    private volatile Statement running;

    /**
     * @param parameterNames each statement's parameters by name, keyed by its SQL as sent
     *                       ({@code FileStrategy.parameterNames})
     */
    FileSession(Session session, GetOrCreate strategy, RowKey key, String table, Map<String, List<String>> parameterNames) {
        this.session = session;
        this.strategy = strategy;
        this.key = key;
        this.table = table;
        this.parameterNames = Map.copyOf(parameterNames);
        this.thread = Executors.newSingleThreadExecutor(r -> {
            Thread t = new Thread(r, "lockdemo-explain-file-" + session.name());
            t.setDaemon(true); // a statement the server never answers must not keep the JVM alive
            return t;
        });
    }

    /** Starts the attempt; its first statement waits at the gate. */
    void start() {
        attempt = thread.submit(this::runAttempt);
    }

    @Override
    public String name() {
        return session.name();
    }

    /**
     * What the session does next: the statement waiting at the gate, or the attempt's end; empty
     * if neither came within {@code timeoutMillis} (the client's own code between two statements,
     * e.g. a retry's backoff, took longer). Interpreter's thread, while no statement of the session is in flight.
     */
    Optional<Next> next(long timeoutMillis) throws InterruptedException {
        if (end != null) {
            return Optional.of(end);
        }
        if (current != null) {
            return Optional.of(current);
        }
        Next n = offered.poll(timeoutMillis, TimeUnit.MILLISECONDS);
        if (n instanceof End e) {
            end = e;
        } else if (n instanceof Held h) {
            current = h;
        }
        return Optional.ofNullable(n);
    }

    /** The attempt's end, once {@link #next} has seen it. */
    Optional<End> ended() {
        return Optional.ofNullable(end);
    }

    @Override
    public List<Object> bind(Step step) {
        return current.values;
    }

    @Override
    public String shown(Step step, List<Object> values) {
        String sql = current.sql.replace(table, ExplainRunner.DISPLAY_TABLE);
        if (values.isEmpty()) {
            return sql;
        }
        List<String> names = parameterNames.get(current.sql);
        if (names != null && names.equals(List.of("jahr", "monat"))) {
            return sql;
        }
        List<String> shown = new ArrayList<>();
        for (int i = 0; i < values.size(); i++) {
            String name = names != null && i < names.size() ? names.get(i) : null;
            if (name == null) {
                shown.add(String.valueOf(values.get(i)));
            } else if (name.startsWith(":")) {
                shown.add(name + " = " + values.get(i));
            } else {
                shown.add(name); // the key, as the built-in scenarios show it
            }
        }
        return sql + "  -- ? = " + String.join(", ", shown);
    }

    @Override
    public Future<StepResult> submit(Step step, List<Object> values) {
        Held h = current;
        current = null;
        h.go.complete(true);
        return h.result;
    }

    /** Asks the server to stop the statement in flight, if any. Any thread. */
    void cancel() {
        Session.cancel(running);
    }

    /**
     * Stops the attempt where it is: the statement at the gate, and every later one, fails in the
     * strategy with "the schedule stopped", the one in flight is cancelled; waits up to
     * {@code waitMillis} for the attempt's thread to end. Then the connection is free for the
     * session's rollback.
     *
     * @return whether the thread ended in time
     */
    boolean stop(long waitMillis) throws InterruptedException {
        stopped = true;
        if (current != null) {
            current.go.complete(false);
        }
        for (Next n : offered) {
            if (n instanceof Held h) {
                h.go.complete(false);
            }
        }
        cancel();
        thread.shutdown();
        if (attempt == null) {
            return true;
        }
        try {
            attempt.get(waitMillis, TimeUnit.MILLISECONDS);
            return true;
        } catch (TimeoutException e) {
            thread.shutdownNow();
            return false;
        } catch (ExecutionException e) {
            return true; // runAttempt reports its own failures as an End
        }
    }

    /** The gate, on the attempt's thread: offers the statement and waits until it is sent or the schedule stops. */
    private GatedConnection.Held hold(GatedConnection.Kind kind, String sql, List<Object> values, Statement statement)
            throws SQLException {
        if (stopped) {
            throw stoppedBefore(sql);
        }
        Held h = new Held(kind, sql, values, statement);
        offered.add(h);
        if (stopped) {
            h.go.complete(false); // stop() may have drained the queue before this was in it
        }
        boolean send;
        try {
            send = h.go.get();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new SQLException(name() + ": interrupted while waiting to send " + sql, e);
        } catch (ExecutionException e) {
            throw new IllegalStateException("the gate is only ever completed normally", e.getCause());
        }
        if (!send) {
            throw stoppedBefore(sql);
        }
        running = h.statement;
        return h;
    }

    private SQLException stoppedBefore(String sql) {
        return new SQLException(name() + ": not sent, the schedule stopped before it: " + sql.replace(table,
                ExplainRunner.DISPLAY_TABLE));
    }

    /** The race worker's attempt (Worker.attemptOn): a failure outcome and an error are rolled back. */
    private void runAttempt() {
        Attempt a = new Attempt(session.classifier(), 0);
        a.reset();
        Connection c = GatedConnection.wrap(session.connection(), this::hold);
        Outcome outcome;
        String failure = "";
        try {
            outcome = strategy.attempt(c, key, a);
            if (!outcome.isSuccess()) {
                failure = rollback(a, c);
            }
        } catch (SQLException e) {
            outcome = a.classify(e);
            failure = rollback(a, c);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            outcome = Outcome.INTERRUPTED;
        } catch (RuntimeException e) {
            outcome = Outcome.OTHER_ERROR;
            failure = name() + ": the attempt failed in lockdemo: " + e;
            rollback(a, c);
        }
        offered.add(new End(outcome, a.retries(), failure));
    }

    /** Rolls back as the worker does; what went wrong, unless the schedule stopped (then nothing was sent). */
    private String rollback(Attempt a, Connection c) {
        try {
            a.rollback(c);
            return "";
        } catch (SQLException e) {
            // the session's own rollback at the end of the run ends the transaction either way
            return stopped ? "" : name() + ": the ROLLBACK after the attempt failed: " + e.getMessage();
        }
    }
}
