package org.lockdemo.explain;

import java.time.Duration;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import org.lockdemo.db.DatabaseSetupException;
import org.lockdemo.db.DatabaseTarget;
import org.lockdemo.db.Dialect;
import org.lockdemo.model.Isolation;
import org.lockdemo.race.StopSignal;

/**
 * Two or three live sessions on a new lockdemo table, into which a user types statements one at
 * a time ({@code lockdemo sessions}): Hermitage's "two psql windows", with lockdemo's lock
 * detection. Each statement runs on its session's thread and is settled as explain settles a
 * step ({@link ScheduleInterpreter#send}): it finishes, or the server's lock view shows it waiting
 * for another session, and then the caller may go on typing into the others. What was typed is
 * kept as a schedule: {@link #schedule} draws its columns, {@link #scenarioJson} writes it as a
 * scenario that {@code explain --scenario} replays. {@link #close} rolls every session back and
 * drops the table.
 *
 * <p>Not thread-safe: opened, used and closed from one thread, the REPL's (the sessions' own
 * threads run only their statements).
 */
public final class LiveSessions {
    private final ScenarioSessions bench;
    private final Scenario base;
    private final ScheduleInterpreter interpreter;
    private final SessionLockView view;
    /** Who waits for whom only: what {@code \locks} shows when the server's lock tables cannot be read. */
    private final KeyLockReader waitsOnly;
    /** The key's locks as the server shows them, opened by the first {@code \locks}; null until then. */
    private KeyLockReader keyLocks;
    private final List<Step> typed = new ArrayList<>();
    /** The steps whose end was shown by {@link #finishedMeanwhile} before a step recorded it. */
    private final Set<Integer> announced = new HashSet<>();
    private final Duration stepTimeout;

    private LiveSessions(ScenarioSessions bench, Scenario base, ScheduleInterpreter interpreter, SessionLockView view,
            KeyLockReader waitsOnly, Duration stepTimeout) {
        this.bench = bench;
        this.base = base;
        this.interpreter = interpreter;
        this.view = view;
        this.waitsOnly = waitsOnly;
        this.stepTimeout = stepTimeout;
    }

    /**
     * Opens the sessions on a new table.
     *
     * @param nodes       one target per node, in {@code --url} order
     * @param sessions    the session names, e.g. T1, T2
     * @param nodeOf      the node (1-based) each session runs on; a session not named runs on node 1
     * @param stepTimeout how long a statement may neither finish nor show as waiting before it is cancelled
     * @param lockTimeout the server-side bound on a lock wait
     * @param stop        polled while a statement settles (Ctrl-C, SIGTERM)
     * @throws DatabaseSetupException when a database cannot be reached or the table not created
     * @throws ScenarioException      when several nodes are not Galera nodes of one cluster
     */
    public static LiveSessions open(List<DatabaseTarget> nodes, Dialect dialect, List<String> sessions,
            Map<String, Integer> nodeOf, Isolation isolation, Duration stepTimeout, Duration lockTimeout, StopSignal stop)
            throws DatabaseSetupException, ScenarioException, InterruptedException {
        Scenario base = new Scenario("sessions", Optional.empty(), List.of(dialect.id()), isolation,
                "typed in lockdemo sessions", "", "", ScenarioReader.DEFAULT_KEY, sessions, List.of(), nodeOf);
        ScenarioSessions bench = ScenarioSessions.open(nodes, dialect, lockTimeout, base, isolation);
        SessionLockView view = bench.lockView();
        return new LiveSessions(bench, base, new ScheduleInterpreter(view, stepTimeout, stop), view,
                new WaitsForLockReader(view, dialect.id()), stepTimeout);
    }

    /** The session names, in order. */
    public List<String> sessions() {
        return base.sessions();
    }

    /** The node (1-based) {@code session} runs on. */
    public int node(String session) {
        return base.node(session);
    }

    /** The server, e.g. {@code PostgreSQL 18.1}, and the sessions' isolation level as it names it. */
    public String server() {
        return bench.product() + " " + bench.version() + ", isolation " + bench.effectiveIsolation();
    }

    /** The table's real name (the statements may call it {@code lockdemo_explain} or {@code {table}}). */
    public String tableName() {
        return bench.tableName();
    }

    /** The number of statements sent so far. */
    public int steps() {
        return typed.size();
    }

    /**
     * Sends {@code sql} on {@code session} and waits until it finishes or is seen waiting for a
     * lock (or, after the step timeout, cancels it).
     *
     * @param width the columns a deadlock's lines are filled to
     * @return the lines to show: the statement's result or BLOCKED, then what waiting statements of
     *         other sessions did meanwhile, and a deadlock's cycle; or one line refusing it, if the
     *         session still waits
     * @throws DatabaseSetupException when the lock view cannot be read
     */
    public List<String> send(String session, String sql, int width) throws DatabaseSetupException, InterruptedException {
        Optional<Step> waiting = interpreter.waitingStep(session);
        if (waiting.isPresent()) {
            Step b = waiting.get();
            return List.of(session + ": not sent: " + session + " is still waiting at step " + b.number() + " for "
                    + String.join(", ", interpreter.waitingFor(b)) + ", and a session runs one statement at a time; "
                    + "type into " + interpreter.waitingFor(b).get(0) + " (e.g. COMMIT;)");
        }
        Step step = TypedSql.step(typed.size() + 1, session, sql);
        typed.add(step);
        ScheduleInterpreter.Sent sent = interpreter.send(step, bench.sessions().get(session));
        List<String> lines = new ArrayList<>();
        for (TimelineEvent e : sent.events()) {
            boolean shownAlready = e.kind() == TimelineEvent.Kind.FINISHED && announced.remove(e.step());
            if (!shownAlready) {
                lines.add(LiveLines.of(e));
            }
            if (e.result() != null && e.result().deadlock()) {
                lines.addAll(deadlock(e, step, width));
            }
        }
        sent.stopped().ifPresent(lines::add);
        Step late = sent.timedOut();
        if (late != null) {
            lines.add(late.session() + ": step " + late.number() + " neither finished nor showed as waiting for a lock "
                    + "within " + stepTimeout.toMillis() + " ms (--step-timeout); cancelling it");
            bench.sessions().get(late.session()).cancel();
            Optional<TimelineEvent> cancelled = interpreter.recordCancelled();
            lines.add(cancelled.map(LiveLines::of).orElse(late.session() + ": step " + late.number()
                    + " did not answer the cancel within " + stepTimeout.toMillis() + " ms"));
        }
        return lines;
    }

    /**
     * The cycle of the deadlock {@code e} failed with, as {@code explain --locks} draws it, with
     * the server's report when the key's lock reader is open (after a {@code \locks}).
     */
    private List<String> deadlock(TimelineEvent e, Step sent, int width) {
        String report = "";
        if (keyLocks != null) {
            try {
                report = keyLocks.deadlockReport(e.result());
            } catch (DatabaseSetupException failed) {
                report = "(the server's report could not be read: " + failed.getMessage() + ")";
            }
        }
        return LockTableText.deadlockLines(interpreter.deadlock(e, sent, sessions(), report), "  ", width);
    }

    /**
     * The lines for waiting statements that ended on their own (the server's lock timeout) since
     * the last one was sent, each once; without waiting. The schedule shows such an end in the row
     * of the next statement sent, as explain's replay of the saved scenario does.
     */
    public List<String> finishedMeanwhile() throws InterruptedException {
        List<String> lines = new ArrayList<>();
        for (TimelineEvent e : interpreter.endedWhileWaiting()) {
            if (announced.add(e.step())) {
                lines.add(LiveLines.of(e));
            }
        }
        return lines;
    }

    /**
     * The key's lock table now ({@code \locks}), filled to {@code width} columns, as {@code explain --locks} reads it (the reader
     * is opened the first time, and may change a server setting until {@link #close}). When the
     * server's lock tables cannot be read (a missing privilege), one line saying why, then who
     * waits for whom from the lock view the statements are settled on.
     *
     * @throws DatabaseSetupException when not even that view can be read
     */
    public List<String> locks(String indent, int width) throws DatabaseSetupException {
        try {
            if (keyLocks == null) {
                keyLocks = bench.keyLocks(base, view);
            }
            return LockTableText.lines(keyLocks.read(typed.size()), indent, width);
        } catch (DatabaseSetupException e) {
            List<String> lines = new ArrayList<>();
            lines.add("\\locks: " + e.getMessage() + "; who waits for whom instead:");
            lines.addAll(LockTableText.lines(waitsOnly.read(typed.size()), indent, width));
            return lines;
        }
    }

    /** The schedule typed so far, as a timeline (no final rows: the sessions are still open). */
    public Timeline timeline() {
        return new Timeline(scenario(), bench.product(), bench.version(), bench.effectiveIsolation(),
                ExplainRunner.DISPLAY_TABLE, interpreter.events(), List.of(), Optional.empty());
    }

    /** The schedule so far in columns, one per session ({@code \schedule}), fitted to {@code width}. */
    public List<String> schedule(int width) {
        if (interpreter.events().isEmpty()) {
            return List.of("(nothing sent yet)");
        }
        return ColumnsText.lines(ScheduleColumns.of(timeline()), Math.max(width, ColumnsText.minWidth(sessions().size())));
    }

    /**
     * What was typed, as a scenario file's JSON ({@code \save}).
     *
     * @throws ScenarioException when a statement cannot be written so that it reads back the same
     */
    public String scenarioJson() throws ScenarioException {
        return ScenarioWriter.json(scenario());
    }

    private Scenario scenario() {
        return new Scenario("typed-" + base.dialects().get(0), Optional.empty(), base.dialects(), base.isolation(),
                "typed in lockdemo sessions on " + bench.product() + " " + bench.version(), "", "", base.key(),
                base.sessions(), typed, base.nodes());
    }

    /**
     * Rolls every session back and drops the table; idempotent.
     *
     * @throws DatabaseSetupException when the table cannot be dropped
     */
    public void close() throws DatabaseSetupException, InterruptedException {
        try {
            if (keyLocks != null) {
                keyLocks.close(); // puts back what it changed on the server
            }
        } catch (DatabaseSetupException e) {
            bench.close(e);
            throw e;
        }
        bench.close();
    }
}
