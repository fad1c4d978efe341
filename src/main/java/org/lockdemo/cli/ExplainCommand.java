package org.lockdemo.cli;

import java.io.IOException;
import java.io.InputStream;
import java.io.PrintWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.Callable;
import org.lockdemo.db.DatabaseSetupException;
import org.lockdemo.db.Dialect;
import org.lockdemo.db.JdbcUrls;
import org.lockdemo.db.SqliteDialect;
import org.lockdemo.db.SqliteSettings;
import org.lockdemo.explain.ExplainFormat;
import org.lockdemo.explain.ExplainRunner;
import org.lockdemo.explain.Scenario;
import org.lockdemo.explain.ScenarioException;
import org.lockdemo.explain.Scenarios;
import org.lockdemo.explain.StepGate;
import org.lockdemo.explain.StrategyFileExplainer;
import org.lockdemo.explain.Timeline;
import org.lockdemo.explain.TimelineReport;
import org.lockdemo.model.Isolation;
import org.lockdemo.strategy.StrategyKind;
import org.lockdemo.strategy.file.FileStrategy;
import org.lockdemo.strategy.file.StrategyFileException;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/** {@code lockdemo explain}: one fixed interleaving of sessions, step by step, with its lesson. */
@Command(name = "explain", sortOptions = false, mixinStandardHelpOptions = true,
        versionProvider = VersionProvider.class,
        description = {
            "Runs a fixed schedule of two or three sessions against a real database (a cluster scenario: on "
                    + "the nodes of one MariaDB Galera cluster, one --url per node), one statement at a time, "
                    + "and prints the timeline, one column per session: each step's SQL and result, BLOCKED (waits for T1) when the "
                    + "server's lock view shows a step waiting for another session's lock (on SQLite, which has none: "
                    + "when the waiting session's busy handler is called), and when that step "
                    + "finishes. Then what happened and why, with the documentation or ticket, and the table's "
                    + "final rows. The same command prints the same timeline every time.",
            ""
        },
        footerHeading = "%nExamples:%n",
        footer = {
            "  lockdemo explain --list",
            "      the built-in scenarios and their lessons",
            "  lockdemo explain --strategy savepoint",
            "      the thread's answer on an embedded PostgreSQL: T2's INSERT waits",
            "      for T1, fails when T1 commits, re-reads the row locked",
            "  lockdemo explain --strategy getorcreate \\",
            "      --url jdbc:mariadb://127.0.0.1:3306/test --user root",
            "      Django #13906 on MariaDB: a duplicate key, then no row found",
            "  lockdemo explain savepoint-immediate-sqlite --url sqlite",
            "      SQLite in a new temporary file: T2 waits at BEGIN IMMEDIATE until",
            "      T1 commits (savepoint-sqlite: BEGIN DEFERRED, T2's INSERT fails",
            "      at once with SQLITE_BUSY_SNAPSHOT, 517; naive-sqlite: 2067)",
            "  lockdemo explain --strategy savepoint --width 80",
            "      one column per session, fitted to 80 columns",
            "  lockdemo explain --strategy savepoint --step",
            "      one step at a time: each is shown, Enter runs it, q quits",
            "  lockdemo explain --strategy savepoint --format list",
            "      one column of statements, each tagged with its session",
            "  lockdemo explain --strategy savepoint --locks \\",
            "      --url jdbc:mariadb://127.0.0.1:3306/test --user root",
            "      after every step, the key's locks held and waited for (S after",
            "      the 1062, X,REC_NOT_GAP, insert intention), and at the deadlock",
            "      the waits-for cycle and SHOW ENGINE INNODB STATUS's report",
            "  lockdemo explain --strategy savepoint --locks",
            "      the same from pg_locks: T2 waits for a ShareLock on T1's transaction",
            "  lockdemo explain --strategy-file strategies/savepoint.yaml",
            "      your own get-or-create (docs/strategy-files.md) as T1 and T2: both",
            "      miss, T2's INSERT waits for T1's, then each runs to its outcome",
            "  lockdemo explain --strategy-file my.yaml --schedule 1,2,2,1",
            "      the same, in your own interleaving (1 for T1, 2 for T2)",
            "  lockdemo explain --scenario my-race.json --format markdown",
            "      your own scenario (docs/explain.md: \"Writing a scenario\") as a table",
            "  lockdemo explain galera-savepoint --user root \\",
            "      --url jdbc:mariadb://127.0.0.1:3311/test \\",
            "      --url jdbc:mariadb://127.0.0.1:3312/test",
            "      a Galera cluster scenario, T1 on the first node, T2 on the second:",
            "      both lock the row without waiting, T2's COMMIT fails with 1213",
            "      (also galera-create: both INSERT the key, 1213 instead of 1062)",
            "  lockdemo explain --strategy savepoint --format html -o lesson.html",
            "      one page to step through on a projector: a lane per session,",
            "      Next/Previous/Play or the arrow keys reveal one step at a time",
            "  lockdemo explain --strategy savepoint --format svg -o savepoint.svg",
            "      the picture alone, the whole schedule",
            "  lockdemo explain --strategy savepoint --format mermaid",
            "      a sequenceDiagram to paste into a GitHub issue (```mermaid)",
            "  lockdemo explain --strategy savepoint --format json -o sp.json",
            "      then: lockdemo report race.json sp.json -o report.html",

        })
public final class ExplainCommand implements Callable<Integer> {
    /** What each exit code means for explain; listed by --help. */
    static final List<ExitCode.Use> EXIT_CODES = List.of(
            ExitCode.Use.as(ExitCode.OK, "the schedule ran to its end"),
            ExitCode.Use.of(ExitCode.INTERNAL_ERROR),
            ExitCode.Use.also(ExitCode.USAGE, "a bad scenario file (syntax, unknown session, written for another "
                    + "database); a cluster scenario without one --url per node, or on nodes that are not MariaDB "
                    + "Galera nodes of one cluster; several --url for a scenario on one database; -o not writable"),
            ExitCode.Use.also(ExitCode.DATABASE_UNAVAILABLE, "a node that is not Synced; --locks where the lock view "
                    + "cannot be read (MariaDB: SHOW ENGINE INNODB STATUS needs PROCESS, and turning on "
                    + "innodb_status_output_locks needs SUPER)"),
            ExitCode.Use.as(ExitCode.EXPECTATION_FAILED, "the schedule could not run to its end: a step waits for a "
                    + "lock that no later step releases, or neither finished nor showed as waiting within "
                    + "--step-timeout, or binds \"id\" of a row its session has not got (a read found none); the "
                    + "timeline so far is printed"),
            ExitCode.Use.as(ExitCode.INTERRUPTED, "interrupted (Ctrl-C/SIGINT or SIGTERM), or q at the --step prompt; "
                    + "the timeline so far is printed"));

    @Spec
    CommandSpec spec;

    @Mixin
    DatabaseOptions db;

    @Option(names = "--list", description = "List the built-in scenarios with their lessons, and exit.")
    boolean list;

    @Parameters(index = "0", arity = "0..1", paramLabel = "NAME",
            description = "Run the built-in scenario NAME (as --list shows it), e.g. galera-savepoint.")
    String name;

    @Option(names = {"--strategy", "-s"}, paramLabel = "NAME", converter = StrategyChoice.KindConverter.class,
            completionCandidates = CompletionCandidates.Strategies.class,
            description = "Run the built-in scenario for this strategy on the database at --url.")
    StrategyKind strategy;

    @Option(names = "--scenario", paramLabel = "FILE", description = "Run the scenario in FILE (JSON; see docs/explain.md, \"Writing a scenario\").")
    Path scenarioFile;

    @Option(names = "--strategy-file", paramLabel = "FILE", description = "Run the strategy written in FILE (YAML or "
            + "JSON, docs/strategy-files.md) as two sessions, T1 and T2, on one key, one statement at a time; each "
            + "statement is the one the file sends after the real results before it. Ends with each session's outcome.")
    Path strategyFile;

    @Option(names = "--schedule", paramLabel = "N,N,...", description = "With --strategy-file: which session sends each "
            + "statement, in order, 1 for T1 and 2 for T2 (e.g. 1,2,1,1,2); after the list, the first session that can go "
            + "on goes on. Default: both up to their first statement on the row, then T1 up to its first INSERT, T2 up "
            + "to its first INSERT, then T1 to its end, then T2; the timeline prints the --schedule it ran.")
    String schedule;

    @Option(names = "--isolation", paramLabel = "LEVEL", converter = IsolationConverter.class,
            completionCandidates = CompletionCandidates.Isolations.class,
            description = "read-committed, repeatable-read or serializable (default: the scenario's).")
    Isolation isolation;

    @Option(names = "--format", paramLabel = "FORMAT", converter = ExplainFormatConverter.class,
            completionCandidates = CompletionCandidates.ExplainFormats.class,
            description = "text (one column per session), list (one column of statements), markdown (the columns "
                    + "as a table), json, html (a page that steps through the picture), svg (the picture alone) or "
                    + "mermaid (a sequenceDiagram for GitHub) (default: text).")
    ExplainFormat format = ExplainFormat.TEXT;

    @Option(names = {"--output", "-o"}, paramLabel = "FILE", description = "Write the timeline, in --format, to FILE "
            + "instead of standard output (- is standard output). Checked before the run.")
    Path output;

    @Option(names = "--width", paramLabel = "N", description = "The width the text columns fit (default: COLUMNS, "
            + "else the terminal's width, else 100).")
    Integer width;

    @Option(names = "--locks", description = "After every step, the locks on the key's rows and index entries as the "
            + "server shows them (PostgreSQL: pg_locks, and pgrowlocks if installed; MariaDB: SHOW ENGINE INNODB STATUS "
            + "with innodb_status_output_locks, turned on for the run and put back), each in the server's terms and in "
            + "plain words; at a deadlock, the waits-for cycle and the server's own report. See docs/explain.md, "
            + "\"Lock tables (--locks)\".")
    boolean locks;

    @Option(defaultValue = "10s", names = "--step-timeout", paramLabel = "TIME", converter = DurationConverter.class,
            description = "How long a step may neither finish nor show as waiting for a lock (default: ${DEFAULT-VALUE}).")
    Duration stepTimeout = Duration.ofSeconds(10);

    @Option(names = "--step", description = "Before each step, print it on standard error (next: step 5 of 12, T2: "
            + "INSERT ...) and wait for Enter; q (or Ctrl-C, or the end of input) stops there as Ctrl-C does: the "
            + "timeline so far, the sessions rolled back, the table dropped, exit 130. Reads the terminal, or "
            + "standard input when it is a pipe.")
    boolean step;

    @Option(names = {"--verbose", "-v"}, description = "Stack traces on failure.")
    boolean verbose;

    private final Map<String, String> env;
    private final ShutdownGuard guard;
    private final Terminals terminals;
    private final InputStream in;

    public ExplainCommand(Map<String, String> env, ShutdownGuard guard, Terminals terminals) {
        this(env, guard, terminals, System.in);
    }

    /** @param in what {@code --step} reads when standard input is no terminal */
    public ExplainCommand(Map<String, String> env, ShutdownGuard guard, Terminals terminals, InputStream in) {
        this.env = env;
        this.guard = guard;
        this.terminals = terminals;
        this.in = in;
    }

    @Override
    public Integer call() throws Exception {
        try {
            return explain();
        } finally {
            guard.finished();
        }
    }

    private int explain() throws Exception {
        PrintWriter out = spec.commandLine().getOut();
        PrintWriter err = spec.commandLine().getErr();
        if (list) {
            for (Scenario s : Scenarios.builtIn()) {
                // a cluster scenario runs on MariaDB Galera nodes, one --url each, not on one MySQL or MariaDB
                String runsOn = s.clustered() ? "galera" : String.join(",", s.dialects());
                out.printf(java.util.Locale.US, "%-26s %-11s %-16s %s%n", s.name(), runsOn,
                        s.isolation().cliName(), s.lesson());
            }
            out.flush();
            return ExitCode.OK.code();
        }
        if (strategyFile != null) {
            return explainFile(out, err);
        }
        if (schedule != null) {
            throw usage("--schedule is for --strategy-file; a scenario's steps are in its order");
        }
        int chosen = (name == null ? 0 : 1) + (strategy == null ? 0 : 1) + (scenarioFile == null ? 0 : 1);
        if (chosen != 1) {
            throw usage("give one of NAME, --strategy NAME, --scenario FILE or --strategy-file FILE (or --list)");
        }
        if (stepTimeout.isZero() || stepTimeout.isNegative()) {
            throw usage("--step-timeout must be positive");
        }
        List<String> given = db.urls();
        Dialect dialect = db.dialect();
        String dialectId = dialect.id();
        if (dialect instanceof SqliteDialect) {
            sqliteFits();
        }
        Scenario scenario;
        try {
            scenario = scenario(dialectId);
            fitsTheDatabases(scenario, given, dialectId, scenarioFile != null);
        } catch (ScenarioException e) {
            err.println("lockdemo: scenario " + e.getMessage());
            err.flush();
            return ExitCode.USAGE.code();
        }
        if (dialect instanceof SqliteDialect sqlite) {
            fitsTheSqliteFile(scenario, sqlite.settings());
        }
        OutputFiles.checkWritable(spec.commandLine(), "-o", output);
        int minWidth = TimelineReport.minWidth(scenario);
        if (width != null && width < minWidth) {
            err.println("lockdemo: --width " + width + " is too narrow for " + scenario.sessions().size()
                    + " sessions' columns; the minimum is " + minWidth);
            err.flush();
            return ExitCode.USAGE.code();
        }
        // a narrow terminal (or COLUMNS) gets the narrowest columns there are, which overflow it a little
        int columns = width != null ? width : Math.max(minWidth, TerminalWidth.columns(env, terminals));
        DatabaseOptions.Embedded embedded = new DatabaseOptions.Embedded(guard, ExplainRunner.connectionsNeeded(scenario), () -> {
            err.println(db.embeddedServerNotice("run"));
            err.flush();
        }, () -> { });
        try (Databases databases = db.resolve(env, embedded);
                Console console = step ? Console.open(terminals, true, in, err) : null) {
            Isolation level = isolation != null ? isolation : scenario.isolation();
            Dialect runOn = forScenario(databases.dialect(), scenario);
            String beginSql = runOn instanceof SqliteDialect sqlite ? sqlite.settings().begin().sql() : "BEGIN";
            StepGate gate = step ? new StepPrompt(console, guard.stopSignal(), beginSql) : StepGate.ALWAYS;
            Timeline timeline = new ExplainRunner(databases.targets(), runOn, stepTimeout, guard.stopSignal(), locks)
                    .run(scenario, level, gate);
            return finish(timeline, "scenario " + scenario.name(), columns, out, err);
        } catch (ScenarioException e) {
            err.println("lockdemo: scenario " + e.getMessage());
            err.flush();
            return ExitCode.USAGE.code();
        } catch (DatabaseSetupException e) {
            return databaseUnavailable(e, err);
        }
    }

    /**
     * What explain cannot show on SQLite, refused in one line (exit 2) before the file is made:
     * {@code --locks} (SQLite has no lock table to read) and an isolation level (every SQLite
     * transaction is serializable; the BEGIN's mode says when it locks).
     */
    private void sqliteFits() {
        if (locks) {
            throw usage("--locks does not run on SQLite: it reads the server's lock tables (pg_locks, InnoDB's), and "
                    + "SQLite has none to read; without --locks a wait still shows, from the waiting session's busy handler");
        }
        if (isolation != null && isolation != Isolation.SERIALIZABLE && isolation != Isolation.DEFAULT) {
            throw usage("--isolation " + isolation.cliName() + " does not exist on SQLite: every transaction is "
                    + "serializable; --sqlite-begin deferred|immediate|exclusive chooses when it takes the database's lock");
        }
    }

    /** A SQLite scenario that needs a journal mode (WAL, for SQLITE_BUSY_SNAPSHOT) is refused in another one. */
    private void fitsTheSqliteFile(Scenario scenario, SqliteSettings settings) {
        scenario.sqliteJournal().filter(j -> j != settings.journal()).ifPresent(j -> {
            throw usage("--sqlite-journal " + settings.journal() + " does not go with " + scenario.name() + ": it is "
                    + "written for the " + j + " journal (SQLITE_BUSY_SNAPSHOT, 517, exists only in WAL); leave "
                    + "--sqlite-journal out or give " + j);
        });
    }

    /**
     * The dialect the scenario runs on: on SQLite, with the BEGIN mode the scenario is written for
     * ({@code "sqlite_begin"}) unless {@code --sqlite-begin} chose one; else {@code dialect}.
     */
    private Dialect forScenario(Dialect dialect, Scenario scenario) {
        if (dialect instanceof SqliteDialect sqlite && db.sqliteBegin == null && scenario.sqliteBegin().isPresent()) {
            SqliteSettings s = sqlite.settings();
            return new SqliteDialect(new SqliteSettings(scenario.sqliteBegin().get(), s.journal(), s.busyTimeout()));
        }
        return dialect;
    }

    /** Prints or writes the timeline; the exit code: why it stopped early, if it did, on stderr. */
    private int finish(Timeline timeline, String what, int columns, PrintWriter out, PrintWriter err) {
        if (output == null || OutputFiles.isStdout(output)) {
            TimelineReport.render(timeline, format, columns, out);
        } else if (!writeFile(timeline, columns, err)) {
            return ExitCode.USAGE.code();
        }
        if (timeline.stuck().isPresent()) {
            err.println("lockdemo: " + what + ": " + timeline.stuck().get());
            err.flush();
            return guard.stopSignal().isRequested() ? ExitCode.INTERRUPTED.code() : ExitCode.EXPECTATION_FAILED.code();
        }
        return ExitCode.OK.code();
    }

    /**
     * {@code --strategy-file}: the file read and checked as {@code race} reads it (the same one-line
     * refusals, exit 2) before anything connects, then run as two sessions.
     */
    private int explainFile(PrintWriter out, PrintWriter err) throws Exception {
        List<String> alsoGiven = new ArrayList<>();
        if (name != null) {
            alsoGiven.add("a scenario NAME (" + name + ")");
        }
        if (strategy != null) {
            alsoGiven.add("--strategy");
        }
        if (scenarioFile != null) {
            alsoGiven.add("--scenario");
        }
        if (!alsoGiven.isEmpty()) {
            throw usage("--strategy-file runs the file's own statements; it does not go with " + String.join(" or ",
                    alsoGiven));
        }
        if (step) {
            throw usage("--step does not go with --strategy-file yet: its statements are known only as they run");
        }
        if (stepTimeout.isZero() || stepTimeout.isNegative()) {
            throw usage("--step-timeout must be positive");
        }
        if (db.dialect() instanceof SqliteDialect) {
            throw usage("--strategy-file is not explained on SQLite yet: a strategy file is written for PostgreSQL "
                    + "and MySQL/MariaDB; the built-in SQLite scenarios are naive-sqlite, savepoint-sqlite and "
                    + "savepoint-immediate-sqlite (lockdemo explain --list)");
        }
        String dialectId = db.dialect().id();
        FileStrategy file;
        try {
            file = FileStrategy.read(strategyFile);
        } catch (StrategyFileException e) {
            throw usage(e.getMessage());
        }
        if (StrategyKind.fromId(file.id()).isPresent()) {
            throw usage(strategyFile + ": name " + file.id() + " is a built-in strategy's; give the file's strategy a "
                    + "name of its own");
        }
        if (file.file().table().isPresent()) {
            // the sessions run on explain's own table (jahr, monat, some_value), as the recorder's do
            throw usage(strategyFile + ": explain runs on lockdemo's own table; a file with a table: section is not "
                    + "explained yet (race it instead)");
        }
        if (file.file().usesSecondConnection()) {
            // each session is one thread on one connection
            throw usage(strategyFile + ": explain runs each session on one connection; a file with connection: 2 "
                    + "steps is not explained yet (race it instead)");
        }
        file.unsupportedOn(dialectId).ifPresent(why -> {
            throw usage(why);
        });
        List<Integer> order;
        try {
            order = schedule == null ? List.of() : StrategyFileExplainer.parseSchedule(schedule);
        } catch (IllegalArgumentException e) {
            throw usage(e.getMessage());
        }
        if (db.urls().size() > 1) {
            throw usage("--strategy-file runs its two sessions on one database, got " + db.urls().size() + " --url");
        }
        OutputFiles.checkWritable(spec.commandLine(), "-o", output);
        int minWidth = StrategyFileExplainer.minWidth();
        if (width != null && width < minWidth) {
            err.println("lockdemo: --width " + width + " is too narrow for 2 sessions' columns; the minimum is " + minWidth);
            err.flush();
            return ExitCode.USAGE.code();
        }
        int columns = width != null ? width : Math.max(minWidth, TerminalWidth.columns(env, terminals));
        DatabaseOptions.Embedded embedded = new DatabaseOptions.Embedded(guard, StrategyFileExplainer.connectionsNeeded(),
                () -> {
                    err.println(db.embeddedServerNotice("run"));
                    err.flush();
                }, () -> { });
        try (Databases databases = db.resolve(env, embedded)) {
            Timeline timeline = new StrategyFileExplainer(databases.targets().get(0), databases.dialect(), stepTimeout,
                    guard.stopSignal(), locks).run(file, StrategyFileExplainer.isolation(file, isolation), order);
            return finish(timeline, "--strategy-file " + strategyFile, columns, out, err);
        } catch (ScenarioException e) {
            err.println("lockdemo: " + e.getMessage());
            err.flush();
            return ExitCode.USAGE.code();
        } catch (DatabaseSetupException e) {
            return databaseUnavailable(e, err);
        }
    }

    /** The database could not be reached or set up: one line (the trace with --verbose), exit 3. */
    private int databaseUnavailable(DatabaseSetupException e, PrintWriter err) {
        err.println("lockdemo: " + e.getMessage());
        if (verbose) {
            e.printStackTrace(err);
        }
        err.flush();
        return ExitCode.DATABASE_UNAVAILABLE.code();
    }

    /** Writes the timeline to {@code -o}; false, with one line on stderr, when that fails after all. */
    private boolean writeFile(Timeline timeline, int columns, PrintWriter err) {
        try (PrintWriter w = new PrintWriter(Files.newBufferedWriter(output, StandardCharsets.UTF_8))) {
            TimelineReport.render(timeline, format, columns, w);
            if (w.checkError()) {
                throw new IOException("the write failed");
            }
        } catch (IOException e) {
            err.println("lockdemo: -o " + output + ": cannot write there (" + e.getMessage() + ")");
            err.flush();
            return false;
        }
        err.println("lockdemo: wrote " + output + " (" + format.name().toLowerCase(java.util.Locale.ROOT) + ")");
        err.flush();
        return true;
    }

    private Scenario scenario(String dialectId) throws ScenarioException {
        if (scenarioFile != null) {
            return Scenarios.load(scenarioFile);
        }
        if (name != null) {
            return Scenarios.byName(name.trim()).orElseThrow(() -> usage("'" + name
                    + "' is not a built-in scenario; see lockdemo explain --list"));
        }
        StrategyKind kind = strategy;
        return Scenarios.forStrategy(kind, dialectId, isolation == null ? Isolation.DEFAULT : isolation,
                        Optional.ofNullable(db.sqliteBegin))
                .orElseThrow(() -> usage(kind.unsupportedOn(dialectId).orElse("no built-in scenario for " + kind.id()
                        + " on " + dialectId + "; see lockdemo explain --list")));
    }

    /**
     * One {@code --url} per node the scenario uses: a cluster scenario gets one per node, all
     * MariaDB (whether they are Galera nodes of one cluster is checked on them), any other at most one.
     */
    private static void fitsTheDatabases(Scenario s, List<String> urls, String dialectId, boolean fromFile)
            throws ScenarioException {
        if (s.clustered()) {
            List<String> placement = new ArrayList<>();
            s.nodes().forEach((session, node) -> placement.add(session + " on node " + node));
            String needs = s.name() + " runs its sessions on " + s.nodeCount() + " MariaDB Galera nodes of one cluster ("
                    + String.join(", ", placement) + "); ";
            if (urls.isEmpty() || !dialectId.equals("mysql")) {
                throw new ScenarioException(needs + (urls.isEmpty() ? "give one --url per node, e.g. --url "
                        + "jdbc:mariadb://127.0.0.1:3311/test --url jdbc:mariadb://127.0.0.1:3312/test"
                        : JdbcUrls.redact(urls.get(0)) + " is " + dialectId));
            }
            if (urls.size() != s.nodeCount()) {
                throw new ScenarioException(needs + "give one --url per node, got " + urls.size());
            }
            return;
        }
        if (urls.size() > 1) {
            throw new ScenarioException(s.name() + " runs on one database, got " + urls.size() + " --url; the cluster "
                    + "scenarios (" + String.join(", ", Scenarios.clusterScenarioNames()) + ") take one --url per node");
        }
        if (!s.runsOn(dialectId)) {
            throw new ScenarioException(s.name() + " is written for " + String.join(", ", s.dialects())
                    + ", not for " + dialectId + (fromFile ? "; add \"" + dialectId + "\" to its dialects if its SQL runs there"
                            : "; see lockdemo explain --list"));
        }
    }

    private ParameterException usage(String message) {
        return new ParameterException(spec.commandLine(), message);
    }
}
