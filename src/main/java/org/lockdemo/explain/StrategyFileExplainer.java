package org.lockdemo.explain;

import java.sql.Connection;
import java.sql.SQLException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalInt;
import org.lockdemo.db.Connections;
import org.lockdemo.db.DatabaseSetupException;
import org.lockdemo.db.DatabaseTarget;
import org.lockdemo.db.Dialect;
import org.lockdemo.model.Isolation;
import org.lockdemo.race.StopSignal;
import org.lockdemo.strategy.GetOrCreate;
import org.lockdemo.strategy.RaceSchema;
import org.lockdemo.strategy.ServerVersion;
import org.lockdemo.strategy.StrategyOptions;
import org.lockdemo.strategy.file.FileStrategy;

/**
 * {@code lockdemo explain --strategy-file FILE}: two sessions, T1 and T2, each run the file's
 * get-or-create on the same key, on a table of their own ({@link ScenarioSessions}), one statement
 * at a time in the order {@link FileSchedule} gives. Each session's attempt runs as the race runs it
 * ({@link FileSession}), so which statement comes next follows from the real results of the ones
 * before; the {@link ScheduleInterpreter} sends each and tells from the server's lock view which
 * one waits for whom, as for a built-in scenario. The timeline ends with each session's outcome
 * and the table's final rows; the table is dropped however the run ended.
 *
 * <p>Not thread-safe: one explainer per run, called from one thread.
 */
public final class StrategyFileExplainer {
    private static final List<String> SESSIONS = List.of("T1", "T2");

    private final DatabaseTarget target;
    private final Dialect dialect;
    private final Duration stepTimeout;
    private final StopSignal stop;
    private final boolean showLocks;

    /**
     * @param stepTimeout how long a step may neither finish nor show as waiting for a lock, and how
     *                    long a session's own code may take between two statements; the server-side
     *                    bound on each lock wait is three times it
     * @param stop        polled between steps and while waiting (Ctrl-C)
     * @param showLocks   {@code --locks}
     */
    public StrategyFileExplainer(DatabaseTarget target, Dialect dialect, Duration stepTimeout, StopSignal stop,
            boolean showLocks) {
        this.target = target;
        this.dialect = dialect;
        this.stepTimeout = stepTimeout;
        this.stop = stop;
        this.showLocks = showLocks;
    }

    /** The connections a run opens: one per session, the observer, and one to spare. */
    public static int connectionsNeeded() {
        return SESSIONS.size() + 2;
    }

    /** The narrowest {@code --width} the two sessions' columns fit. */
    public static int minWidth() {
        return ColumnsText.minWidth(SESSIONS.size());
    }

    /**
     * Parses {@code --schedule}.
     *
     * @throws IllegalArgumentException with one line naming the bad entry
     */
    public static List<Integer> parseSchedule(String text) {
        return FileSchedule.parse(text, SESSIONS.size());
    }

    /**
     * The isolation the sessions run at: the file's own ({@code transaction: {isolation: ...}},
     * which it also sends before each transaction), else {@code asked} ({@code --isolation}), else
     * the server's, as in {@code race}.
     */
    public static Isolation isolation(FileStrategy file, Isolation asked) {
        return file.file().isolation().orElse(asked == null ? Isolation.DEFAULT : asked);
    }

    /**
     * @param schedule 0-based session numbers, one per statement ({@code --schedule}); empty for the default
     * @throws DatabaseSetupException when the database cannot be reached or the table not created
     * @throws ScenarioException      when the file cannot run on this server (its {@code requires});
     *                                the message is the line {@code race} prints
     */
    public Timeline run(FileStrategy file, Isolation isolation, List<Integer> schedule)
            throws DatabaseSetupException, ScenarioException, InterruptedException {
        refuseAnOlderServer(file);
        Scenario scenario = new Scenario(file.id(), Optional.empty(), List.of(dialect.id()), isolation, lesson(file),
                "", "", ScenarioReader.DEFAULT_KEY, SESSIONS, List.of());
        ScenarioSessions bench = ScenarioSessions.open(List.of(target), dialect, stepTimeout.multipliedBy(3), scenario,
                isolation);
        List<FileSession> sessions = new ArrayList<>();
        Timeline timeline;
        try {
            Session first = bench.sessions().get(SESSIONS.get(0));
            RaceSchema schema = new RaceSchema(bench.tableName(), dialect.jooqDialect(), first.insertReturning());
            GetOrCreate strategy = file.create(schema, StrategyOptions.DEFAULTS);
            Map<String, List<String>> names = file.parameterNames(schema);
            Map<String, FileSession> byName = new LinkedHashMap<>();
            for (Session s : bench.sessions().values()) {
                FileSession f = new FileSession(s, strategy, scenario.key(), bench.tableName(), names);
                sessions.add(f);
                byName.put(s.name(), f);
            }
            sessions.forEach(FileSession::start);
            SessionLockView locks = bench.lockView();
            FileSchedule rule = schedule.isEmpty() ? FileSchedule.race() : FileSchedule.explicit(schedule);
            Ran ran;
            if (showLocks) {
                try (KeyLockReader keyLocks = bench.keyLocks(scenario, locks)) {
                    ran = drive(new ScheduleInterpreter(locks, stepTimeout, stop, System::nanoTime, keyLocks), byName, rule);
                }
            } else {
                ran = drive(new ScheduleInterpreter(locks, stepTimeout, stop), byName, rule);
            }
            stopAll(sessions);
            bench.closeSessions();
            List<Timeline.SessionOutcome> outcomes = new ArrayList<>();
            for (FileSession f : sessions) {
                f.ended().ifPresent(e -> outcomes.add(new Timeline.SessionOutcome(f.name(), e.outcome().id(), e.retries())));
            }
            Scenario shown = new Scenario(scenario.name(), Optional.empty(), scenario.dialects(), isolation,
                    scenario.lesson(), explanation(rule, ran.order()), "", scenario.key(), SESSIONS, List.of());
            ScheduleInterpreter.Outcome o = ran.outcome();
            timeline = new Timeline(shown, bench.product(), bench.version(), bench.effectiveIsolation(),
                    ExplainRunner.DISPLAY_TABLE, o.events(), bench.committedRows(scenario), o.stuck(), o.locks(),
                    o.deadlocks(), outcomes);
        } catch (Throwable e) {
            try {
                stopAll(sessions);
            } catch (InterruptedException again) {
                e.addSuppressed(again);
                Thread.currentThread().interrupt();
            }
            bench.close(e);
            throw e;
        }
        bench.close();
        return timeline;
    }

    /**
     * The file's {@code requires} against the server's version, after connecting and before any
     * table, as {@code race} checks it, with race's line.
     */
    private void refuseAnOlderServer(FileStrategy file) throws DatabaseSetupException, ScenarioException {
        Optional<String> refused;
        try (Connection c = Connections.open(target, dialect)) {
            String[] product = dialect.productAndVersion(c);
            refused = file.unsupportedOn(new ServerVersion(dialect.id(), product[0], product[1]));
        } catch (SQLException e) {
            throw new DatabaseSetupException(dialect.explainSetupFailure(e, target, "read the server's version"), e);
        }
        if (refused.isPresent()) {
            throw new ScenarioException("--strategy-file " + refused.get());
        }
    }

    /** What the schedule ran: the interpreter's outcome, and the session (1-based) of each statement sent. */
    private record Ran(ScheduleInterpreter.Outcome outcome, List<Integer> order) {
    }

    private Ran drive(ScheduleInterpreter interpreter, Map<String, FileSession> sessions, FileSchedule rule)
            throws InterruptedException, DatabaseSetupException {
        interpreter.sessionOrder(SESSIONS);
        List<FileSession> all = new ArrayList<>(sessions.values());
        List<FileSchedule.State> states = new ArrayList<>();
        all.forEach(s -> states.add(new FileSchedule.State()));
        List<Integer> order = new ArrayList<>();
        int number = 0;
        while (true) {
            if (stop.isRequested()) {
                return stuck(interpreter, order, "stopped before step " + (number + 1) + ": " + stop.reason());
            }
            for (int i = 0; i < all.size(); i++) {
                states.get(i).waiting = interpreter.waitingStep(all.get(i).name()).isPresent();
            }
            OptionalInt chosen = rule.next(states);
            if (chosen.isEmpty()) {
                if (states.stream().allMatch(s -> s.ended)) {
                    return new Ran(interpreter.outcome(Optional.empty()), order);
                }
                return stuck(interpreter, order, "after step " + number + " every session that has not ended waits for a "
                        + "lock the other holds, and the server has not broken the wait");
            }
            int i = chosen.getAsInt();
            FileSession s = all.get(i);
            FileSchedule.State state = states.get(i);
            if (rule.inTheList() && !state.canGoOn()) {
                return stuck(interpreter, order, "--schedule entry " + (order.size() + 1) + " is " + s.name() + ", which "
                        + (state.ended ? "has ended (" + s.ended().map(e -> e.outcome().id()).orElse("") + ")"
                                : "is still waiting for a lock, and a session runs one statement at a time"));
            }
            Optional<FileSession.Next> next = nextOf(s);
            if (next.isEmpty()) {
                return stuck(interpreter, order, s.name() + " sent no statement and did not end within "
                        + stepTimeout.toMillis() + " ms of its last one (--step-timeout)");
            }
            if (next.get() instanceof FileSession.End e) {
                if (!e.failure().isEmpty()) {
                    return stuck(interpreter, order, e.failure());
                }
                state.ended = true;
                if (rule.inTheList()) {
                    return stuck(interpreter, order, "--schedule entry " + (order.size() + 1) + " is " + s.name()
                            + ", which has ended (" + e.outcome().id() + ")");
                }
                continue;
            }
            FileSession.Held held = (FileSession.Held) next.get();
            Step step = held.step(++number);
            ScheduleInterpreter.Sent sent = interpreter.send(step, s);
            if (sent.stopped().isPresent()) {
                return stuck(interpreter, order, sent.stopped().get());
            }
            if (sent.timedOut() != null) {
                sessions.get(sent.timedOut().session()).cancel();
                return stuck(interpreter, order, interpreter.timedOutMessage(sent.timedOut()));
            }
            order.add(i + 1);
            state.sent(held.sql);
            rule.sent();
        }
    }

    /** The session's next statement or end; polls the stop signal while its client code runs. */
    private Optional<FileSession.Next> nextOf(FileSession s) throws InterruptedException {
        long deadline = System.nanoTime() + stepTimeout.toNanos();
        while (!stop.isRequested()) {
            Optional<FileSession.Next> n = s.next(ScheduleInterpreter.POLL_MILLIS);
            if (n.isPresent() || System.nanoTime() > deadline) {
                return n;
            }
        }
        return Optional.empty();
    }

    private static Ran stuck(ScheduleInterpreter interpreter, List<Integer> order, String why) {
        return new Ran(interpreter.outcome(Optional.of(why)), order);
    }

    private void stopAll(List<FileSession> sessions) throws InterruptedException {
        for (FileSession f : sessions) {
            f.stop(stepTimeout.multipliedBy(3).toMillis());
        }
    }

    private static String lesson(FileStrategy file) {
        String described = file.file().description().isEmpty() ? "" : " (" + file.file().description() + ")";
        return "the strategy in " + file.file().source() + described + ", run by T1 and T2 on the same key, one "
                + "statement at a time; each statement is the one the file sends after the results before it.";
    }

    /** The schedule in words, and as the {@code --schedule} that repeats it. */
    private static String explanation(FileSchedule rule, List<Integer> order) {
        StringBuilder b = new StringBuilder();
        if (rule.isExplicit()) {
            b.append("The schedule given with --schedule");
        } else {
            b.append("The default schedule: T1 runs up to its first statement on the key's row, then T2 does; then T1 "
                    + "up to its first INSERT, then T2 up to its first INSERT; then T1 to its end, then T2 to its end. "
                    + "A session that waits for a lock gives the turn to the other");
        }
        List<String> numbers = order.stream().map(String::valueOf).toList();
        return b.append(". As --schedule: ").append(numbers.isEmpty() ? "(no statement sent)" : String.join(",", numbers))
                .append('.').toString();
    }
}
