package org.lockdemo.cli;

import java.io.IOException;
import java.io.InputStream;
import java.io.PrintWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.Callable;
import org.lockdemo.db.DatabaseSetupException;
import org.lockdemo.explain.ExplainRunner;
import org.lockdemo.explain.LiveSessions;
import org.lockdemo.explain.ScenarioException;
import org.lockdemo.model.Isolation;
import org.lockdemo.race.StopSignal;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.Spec;

/**
 * {@code lockdemo sessions}: two or three live sessions on a new lockdemo table, typed into one
 * statement at a time, as in Hermitage's two psql windows, with explain's lock detection. The
 * command's thread runs the loop: it takes each line from the {@link InputPump}, sends statements
 * through {@link LiveSessions} and prints what they did; on {@code \q}, the end of input or a stop
 * it rolls every session back and drops the table.
 */
@Command(name = "sessions", sortOptions = false, mixinStandardHelpOptions = true,
        versionProvider = VersionProvider.class,
        description = {
            "Opens two or three live sessions (T1, T2, T3) on a new lockdemo table, autocommit off, and reads "
                    + "statements for them: type SQL ending with ; into the current session (T1> ), or T2: SQL; "
                    + "for another. Each statement runs on its own session's connection and thread; one that "
                    + "waits for a lock shows as BLOCKED (waits for T1), from the server's lock view, and the "
                    + "prompt stays usable for the other sessions; when a later statement releases it, its result "
                    + "is printed (T2: step 2 finished at step 3 -> ERROR unique_violation ...). A failed "
                    + "statement shows its SQLState, vendor code and lockdemo's condition, and the session goes on.",
            "Commands: \\locks (the key's locks, held and waited for, as explain --locks shows them), "
                    + "\\schedule (the columns so far, as explain prints them), "
                    + "\\save FILE (the typed schedule as a scenario file for explain --scenario), \\1 \\2 \\3 "
                    + "(switch), \\help, \\q. Ctrl-D is \\q; Ctrl-C at the prompt clears the line. On the way "
                    + "out every session is rolled back and the table dropped. On a terminal it reads through "
                    + "JLine (line editing, history); from a pipe, line by line, echoing each with its prompt.",
            ""
        },
        footerHeading = "%nExamples:%n",
        footer = {
            "  lockdemo sessions",
            "      T1 and T2 on an embedded PostgreSQL; then, for example:",
            "      T1> insert into lockdemo_explain (jahr, monat, some_value)",
            "      T1->   values (2016, 5, 0);",
            "      T1: step 1 -> created (1 row)",
            "      T1> T2: insert into lockdemo_explain (jahr, monat, some_value)",
            "      T2->   values (2016, 5, 0);",
            "      T2: step 2 BLOCKED (waits for T1)",
            "      T2> T1: commit;",
            "      T1: step 3 -> committed",
            "      T2: step 2 finished at step 3 -> ERROR unique_violation (SQLState 23505)",
            "  lockdemo sessions --url jdbc:mariadb://127.0.0.1:3306/test --user root",
            "      the same on MariaDB: ER_DUP_ENTRY (vendor code 1062, SQLState 23000)",
            "  lockdemo sessions --sessions 3 --isolation serializable",
            "      three sessions, each at SERIALIZABLE",
            "  lockdemo sessions < race.sql > transcript.txt",
            "      from a file: each line echoed with its prompt, then what it did",
            "  lockdemo sessions --user root \\",
            "      --url jdbc:mariadb://127.0.0.1:3311/test \\",
            "      --url jdbc:mariadb://127.0.0.1:3312/test",
            "      on a Galera cluster: T1 on the first node, T2 on the second",
            "      (--node T2=1 puts T2 on the first node too)"
        })
public final class SessionsCommand implements Callable<Integer> {
    /** What each exit code means for sessions; listed by --help. */
    static final List<ExitCode.Use> EXIT_CODES = List.of(
            ExitCode.Use.as(ExitCode.OK, "\\q or the end of input: every session rolled back, the table dropped"),
            ExitCode.Use.of(ExitCode.INTERNAL_ERROR),
            ExitCode.Use.also(ExitCode.USAGE, "--sessions outside 2..3, a --node for an unknown session or node, "
                    + "a --url without a session on it"),
            ExitCode.Use.also(ExitCode.DATABASE_UNAVAILABLE, "the lock view could not be read; several --url that "
                    + "are not Synced Galera nodes of one cluster"),
            ExitCode.Use.as(ExitCode.INTERRUPTED, "interrupted (SIGTERM, or Ctrl-C while no prompt is shown): every "
                    + "session rolled back, the table dropped"));

    /** How often the loop looks for a stop or a statement that finished meanwhile while waiting for a line. */
    private static final long POLL_MILLIS = 50;
    private static final int MIN_SESSIONS = 2;
    private static final int MAX_SESSIONS = 3;

    @Spec
    CommandSpec spec;

    @Mixin
    DatabaseOptions db;

    @Option(names = "--sessions", paramLabel = "N",
            description = "How many sessions: 2 (T1, T2) or 3 (T1..T3) (default: ${DEFAULT-VALUE}).")
    int sessions = 2;

    @Option(names = "--node", paramLabel = "SESSION=N", description = "With several --url (the nodes of one MariaDB "
            + "Galera cluster): the node SESSION runs on, 1 for the first --url. Default: T1 on node 1, T2 on node 2, "
            + "..., round the nodes again when there are more sessions than nodes.")
    Map<String, Integer> nodes = new LinkedHashMap<>();

    @Option(names = "--isolation", paramLabel = "LEVEL", converter = IsolationConverter.class,
            completionCandidates = CompletionCandidates.Isolations.class,
            description = "read-committed, repeatable-read or serializable (default: the server's).")
    Isolation isolation = Isolation.DEFAULT;

    @Option(defaultValue = "10s", names = "--step-timeout", paramLabel = "TIME", converter = DurationConverter.class,
            description = "How long a statement may neither finish nor show as waiting for a lock before it is "
                    + "cancelled (default: ${DEFAULT-VALUE}).")
    Duration stepTimeout = Duration.ofSeconds(10);

    @Option(defaultValue = "10m", names = "--lock-timeout", paramLabel = "TIME", converter = DurationConverter.class,
            description = "The server's bound on one lock wait (PostgreSQL lock_timeout, InnoDB "
                    + "innodb_lock_wait_timeout): long enough to talk over a BLOCKED statement (default: ${DEFAULT-VALUE}).")
    Duration lockTimeout = Duration.ofMinutes(10);

    @Option(names = {"--verbose", "-v"}, description = "Stack traces on failure.")
    boolean verbose;

    private final Map<String, String> env;
    private final ShutdownGuard guard;
    private final Terminals terminals;
    private final InputStream in;

    /** @param in what is read when standard input is no terminal */
    public SessionsCommand(Map<String, String> env, ShutdownGuard guard, Terminals terminals, InputStream in) {
        this.env = env;
        this.guard = guard;
        this.terminals = terminals;
        this.in = in;
    }

    @Override
    public Integer call() throws Exception {
        try {
            return sessions();
        } finally {
            guard.finished();
        }
    }

    private int sessions() throws Exception {
        PrintWriter err = spec.commandLine().getErr();
        if (sessions < MIN_SESSIONS || sessions > MAX_SESSIONS) {
            throw usage("--sessions must be 2 or 3, got " + sessions);
        }
        if (stepTimeout.isZero() || stepTimeout.isNegative() || lockTimeout.isZero() || lockTimeout.isNegative()) {
            throw usage("--step-timeout and --lock-timeout must be positive");
        }
        List<String> names = new ArrayList<>();
        for (int i = 1; i <= sessions; i++) {
            names.add("T" + i);
        }
        List<String> urls = db.urls();
        Map<String, Integer> placement = placement(names, Math.max(1, urls.size()));
        DatabaseOptions.Embedded embedded = new DatabaseOptions.Embedded(guard, sessions + 2, () -> {
            err.println(db.embeddedServerNotice("run"));
            err.flush();
        }, () -> { });
        db.requireServer();
        try (Databases databases = db.resolve(env, embedded)) {
            LiveSessions live = LiveSessions.open(databases.targets(), databases.dialect(), names, placement, isolation,
                    stepTimeout, lockTimeout, guard.stopSignal());
            return repl(live, urls.size() > 1);
        } catch (ScenarioException e) {
            err.println("lockdemo: " + e.getMessage());
            err.flush();
            return ExitCode.USAGE.code();
        } catch (DatabaseSetupException e) {
            err.println("lockdemo: " + e.getMessage());
            if (verbose) {
                e.printStackTrace(err);
            }
            err.flush();
            return ExitCode.DATABASE_UNAVAILABLE.code();
        }
    }

    /**
     * The node of each session: {@code --node}, else T1 on node 1, T2 on node 2, ... round the
     * nodes; every node must have a session (each --url is a node to watch).
     */
    private Map<String, Integer> placement(List<String> names, int nodeCount) {
        Map<String, Integer> placed = new LinkedHashMap<>();
        for (Map.Entry<String, Integer> e : nodes.entrySet()) {
            String name = names.stream().filter(n -> n.equalsIgnoreCase(e.getKey())).findFirst()
                    .orElseThrow(() -> usage("--node " + e.getKey() + "=" + e.getValue() + ": no session " + e.getKey()
                            + "; the sessions are " + String.join(", ", names)));
            if (e.getValue() < 1 || e.getValue() > nodeCount) {
                throw usage("--node " + e.getKey() + "=" + e.getValue() + ": the nodes are 1.." + nodeCount
                        + ", one per --url");
            }
            placed.put(name, e.getValue());
        }
        for (int i = 0; i < names.size(); i++) {
            placed.putIfAbsent(names.get(i), i % nodeCount + 1);
        }
        for (int node = 1; node <= nodeCount; node++) {
            if (!placed.containsValue(node)) {
                throw usage("--url number " + node + " has no session on it; give --node SESSION=" + node
                        + " or one --url fewer");
            }
        }
        return placed;
    }

    private int repl(LiveSessions live, boolean clustered) throws Exception {
        PrintWriter out = spec.commandLine().getOut();
        StopSignal stop = guard.stopSignal();
        SessionsInput input = new SessionsInput(live.sessions());
        int code = ExitCode.OK.code();
        Throwable failure = null;
        try (Console console = Console.open(terminals, false, in, out)) {
            console.println("lockdemo sessions: " + String.join(", ", placesOf(live, clustered)) + " on " + live.server()
                    + "; table " + ExplainRunner.DISPLAY_TABLE + " (" + live.tableName() + "), key (2016, 5)");
            console.println("autocommit is off: a transaction runs until COMMIT; or ROLLBACK;  \\help for the "
                    + "commands, \\q or Ctrl-D to quit");
            InputPump pump = new InputPump(console);
            pump.request(input.prompt());
            while (true) {
                Optional<InputPump.Read> read = pump.poll(POLL_MILLIS);
                live.finishedMeanwhile().forEach(console::println);
                if (stop.isRequested()) {
                    console.println("lockdemo: " + stop.reason());
                    code = ExitCode.INTERRUPTED.code();
                    break;
                }
                if (read.isEmpty()) {
                    continue;
                }
                if (read.get().failure() != null) {
                    throw read.get().failure();
                }
                String line = read.get().line();
                if (line == null) {
                    break; // Ctrl-D, or the end of the pipe: as \q
                }
                if (!console.interactive()) {
                    console.println(input.prompt() + line); // the transcript shows what was typed where
                }
                if (!run(input.feed(line), live, console)) {
                    break;
                }
                pump.request(input.prompt());
            }
        } catch (Throwable e) {
            failure = e;
            throw e;
        } finally {
            close(live, out, failure);
        }
        return code;
    }

    /**
     * Carries out one command; false to leave the loop. (Java 17 has no switch over a sealed
     * type's records: the instanceof patterns below cover every kind of {@link SessionsInput.Command}.)
     */
    private boolean run(SessionsInput.Command c, LiveSessions live, Console console) throws Exception {
        if (c instanceof SessionsInput.Statement s) {
            live.send(s.session(), s.sql(), width(console)).forEach(console::println);
        } else if (c instanceof SessionsInput.Locks) {
            live.locks("  ", width(console)).forEach(console::println);
        } else if (c instanceof SessionsInput.Schedule) {
            live.schedule(width(console)).forEach(console::println);
        } else if (c instanceof SessionsInput.Save s) {
            save(s, live, console);
        } else if (c instanceof SessionsInput.Help) {
            SessionsInput.HELP.forEach(console::println);
        } else if (c instanceof SessionsInput.Quit) {
            return false;
        } else if (c instanceof SessionsInput.Nothing n && !n.note().isEmpty()) {
            console.println(n.note());
        } else if (c instanceof SessionsInput.Invalid i) {
            console.println(i.message());
        }
        return true; // Switch and Pending: the next prompt shows them
    }

    private void save(SessionsInput.Save s, LiveSessions live, Console console) {
        try {
            Files.writeString(s.file(), live.scenarioJson(), StandardCharsets.UTF_8);
            console.println("saved " + live.steps() + " steps to " + s.file() + "; replay with: lockdemo explain --scenario "
                    + s.file());
        } catch (ScenarioException e) {
            console.println("not saved: " + e.getMessage());
        } catch (IOException e) {
            console.println("not saved: cannot write " + s.file() + " (" + e.getClass().getSimpleName() + ": "
                    + e.getMessage() + ")");
        }
    }

    private int width(Console console) {
        return console.columns() > 0 ? console.columns() : TerminalWidth.columns(env, terminals);
    }

    private static List<String> placesOf(LiveSessions live, boolean clustered) {
        return live.sessions().stream().map(s -> clustered ? s + " on node " + live.node(s) : s).toList();
    }

    /** Rolls back and drops the table; a failure here is reported unless one before it is. */
    private void close(LiveSessions live, PrintWriter out, Throwable earlier)
            throws DatabaseSetupException, InterruptedException {
        try {
            live.close();
            out.println("rolled back " + String.join(", ", live.sessions()) + " and dropped " + live.tableName());
            out.flush();
        } catch (DatabaseSetupException | RuntimeException e) {
            if (earlier == null) {
                throw e;
            }
            earlier.addSuppressed(e);
        }
    }

    private ParameterException usage(String message) {
        return new ParameterException(spec.commandLine(), message);
    }
}
