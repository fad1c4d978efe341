package org.lockdemo.cli;

import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import org.lockdemo.db.DatabaseSetupException;
import org.lockdemo.db.DatabaseTarget;
import org.lockdemo.db.Dialect;
import org.lockdemo.race.RaceResult;
import org.lockdemo.race.RaceRunner;
import org.lockdemo.race.RaceSpec;
import org.lockdemo.race.StopSignal;
import org.lockdemo.report.Format;
import org.lockdemo.report.Paint;
import org.lockdemo.results.Provenance;
import org.lockdemo.results.RunResult;
import org.lockdemo.results.RunResults;
import org.lockdemo.strategy.SqlWarmUp;
import org.lockdemo.strategy.RaceStrategy;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/** {@code lockdemo race}: run strategies against each other on one database and check the result. */
@Command(name = "race", sortOptions = false, mixinStandardHelpOptions = true,
        versionProvider = VersionProvider.class,
        description = {
            "Races threads through get-or-create-and-lock with each strategy, counts every outcome, "
                    + "measures latency and lock waits, and checks the table afterwards.",
            "",
            "Databases: PostgreSQL (default: an embedded one), MySQL 8 and MariaDB (jdbc:mysql:// or jdbc:mariadb://).",
            "Several --url (or a comma list): the nodes of one MariaDB Galera cluster; thread i runs on node i %% N.",
            ""
        },
        footerHeading = "%nExamples:%n",
        footer = {
            "  lockdemo race --threads 64 --strategy all",
            "      the thread's race on an embedded PostgreSQL, every strategy, 64 threads on one hot key",
            "  lockdemo race --threads 64 --strategy naive,savepoint --statement-delay 1ms",
            "      the race as over a network with a 1 ms round trip: nearly every thread races (racers/round)",
            "  lockdemo race --url jdbc:postgresql://127.0.0.1:5432/test --user postgres --strategy savepoint --duration 10s",
            "      ten seconds of the savepoint strategy against a PostgreSQL server of yours",
            "  MYSQL_PWD=... lockdemo race --url jdbc:mariadb://127.0.0.1:3306/test --user root --isolation read-committed",
            "      the same race on MariaDB (or jdbc:mysql:// for MySQL 8), where InnoDB's locks change the lesson",
            "  lockdemo race --url sqlite --threads 16 --strategy savepoint,naive --sqlite-begin immediate",
            "      on SQLite, a new file removed afterwards: no row locks, the BEGIN mode is the lock",
            "      (deferred: the losers' writes are refused; immediate: they wait at BEGIN; docs/databases.md)",
            "  lockdemo race --user root --threads 6 --strategy savepoint,advisory \\",
            "                --url jdbc:mariadb://127.0.0.1:3311/test --url jdbc:mariadb://127.0.0.1:3312/test",
            "      across two nodes of a MariaDB Galera cluster: threads spread over the nodes, results per node,",
            "      the losers aborted by the cluster counted as certification_failure",
            "  lockdemo race --keys 1000 --rounds 200 --hold-ms 2 --json results/run.json",
            "      a realistic mix over 1000 keys, holding each lock 2 ms, results as JSON",
            "  lockdemo race --keys 64 --rate 500 --duration 30s --strategy savepoint,upsert",
            "      an open loop: 500 attempts/s on a fixed timetable, latency from each intended start",
            "  lockdemo race --strategy upsert-multirow,upsert --keys-per-attempt 3 --key-order arrival",
            "      batches of 3 keys per transaction, each thread in its own order: deadlocks;",
            "      --key-order sorted takes them in one order (docs/several-keys.md)",
            "  lockdemo race --strategy naive,savepoint --expect 'savepoint.unique_violation == 0' \\",
            "                --expect 'naive.unique_violation > 0' --json result.json --junit result.xml",
            "      for CI: exit 5 if an expectation does not hold; result.xml for the CI's test report (docs/ci.md)",
            "  lockdemo race --strategy savepoint --quiet --json - | jq '.strategies[0].outcomes'",
            "      the JSON to stdout and nothing else there (the table goes to stderr)",
            "",
            "Passwords are never taken as plain arguments: use --password (prompt), --password-env VAR,",
            "or LOCKDEMO_PASSWORD / PGPASSWORD / MYSQL_PWD."
        })
public final class RaceCommand implements Callable<Integer> {
    /** What each exit code means for a race; listed by --help. */
    static final List<ExitCode.Use> EXIT_CODES = List.of(
            ExitCode.Use.of(ExitCode.OK),
            ExitCode.Use.of(ExitCode.INTERNAL_ERROR),
            ExitCode.Use.also(ExitCode.USAGE, "several --url of different kinds, of PostgreSQL, or the same URL twice; "
                    + "a --sqlite-* option on another engine"),
            ExitCode.Use.also(ExitCode.DATABASE_UNAVAILABLE, "a node that is down, not a Synced Galera node, or of "
                    + "another cluster; a SQLite file that cannot be opened or is not a SQLite database"),
            ExitCode.Use.of(ExitCode.CHECKS_FAILED),
            ExitCode.Use.as(ExitCode.EXPECTATION_FAILED, "an --expect expression did not hold"),
            ExitCode.Use.of(ExitCode.DATABASE_LOST),
            ExitCode.Use.of(ExitCode.DEADLINE_REACHED),
            ExitCode.Use.of(ExitCode.INTERRUPTED));

    @Spec
    CommandSpec spec;

    @Mixin
    DatabaseOptions db;

    @Mixin
    ResultOptions results;

    @Mixin
    RaceOptions options;

    @Mixin
    ConsoleOptions console;

    @Option(names = "--json", paramLabel = "FILE", description = "Also write the results as JSON to FILE; - for stdout, "
            + "which then carries the JSON alone (the table goes to stderr).")
    Path json;

    @Option(names = "--timeline-csv", paramLabel = "FILE",
            description = "Also write attempts and successes per second of each strategy as CSV to FILE (- for stdout).")
    Path timelineCsv;

    @Option(names = {"--quiet", "-q"}, description = "No progress line.")
    boolean quiet;

    @Option(names = {"--verbose", "-v"}, description = "Show every check, error samples, the client's CPU, and stack traces on failure.")
    boolean verbose;

    private final Map<String, String> env;
    private final ShutdownGuard guard;
    private final Terminals terminals;

    /**
     * @param env       the environment to read passwords and PGUSER from, and COLUMNS and NO_COLOR
     * @param guard     raised by the shutdown hook on Ctrl-C/SIGTERM; waits for this command's cleanup
     * @param terminals whether the output is a terminal, and its width: for the table's width and colour
     */
    public RaceCommand(Map<String, String> env, ShutdownGuard guard, Terminals terminals) {
        this.env = env;
        this.guard = guard;
        this.terminals = terminals;
    }

    @Override
    public Integer call() throws Exception {
        try {
            return race();
        } finally {
            guard.finished();
        }
    }

    private int race() throws Exception {
        StartupClock startup = new StartupClock();
        Dialect urlDialect = db.dialect();
        db.requireOneCluster(options.threads());
        Map<String, Path> files = new LinkedHashMap<>();
        files.put("--json", json);
        files.put("--timeline-csv", timelineCsv);
        results.checkOutputs(files);
        PrintWriter out = results.humanOut(); // stderr when a result goes to stdout
        PrintWriter err = spec.commandLine().getErr();
        RaceSpec raceSpec = options.raceSpec(urlDialect.id(), out);
        results.validate(raceSpec.strategies().stream().map(RaceStrategy::id).toList());
        // load and warm jOOQ while the server starts and the pool fills
        SqlWarmUp.start(raceSpec.strategies(), urlDialect.jooqDialect(), raceSpec.maxRetries());
        RunDeadline deadline = RunDeadline.start(options.maxRunTime(), guard.stopSignal());
        DatabaseOptions.Embedded embedded = new DatabaseOptions.Embedded(guard,
                RaceRunner.connectionsNeeded(raceSpec.threads(), raceSpec.strategies(), urlDialect), () -> {
                    if (!quiet) {
                        err.println(db.embeddedServerNotice("race"));
                        err.flush();
                    }
                    startup.embeddedServerStarting();
                }, startup::embeddedServerReady, quiet);
        try (Databases databases = db.resolve(env, embedded)) {
            try {
                return run(raceSpec, databases, startup, out, err);
            } catch (DatabaseSetupException e) {
                return databaseUnavailable(e, databases.password(), err);
            }
        } catch (DatabaseSetupException e) {
            return databaseUnavailable(e, null, err);
        } finally {
            deadline.cancel();
        }
    }

    private int run(RaceSpec raceSpec, Databases databases, StartupClock startup, PrintWriter out, PrintWriter err)
            throws Exception {
        List<DatabaseTarget> targets = databases.targets().stream()
                .map(t -> t.withTimeouts(options.connectTimeout(), options.socketTimeout())).toList();
        Dialect dialect = databases.dialect();
        ProgressLine progress = new ProgressLine(err, !quiet && System.console() != null);
        RaceResult result;
        RaceRunner runner = new RaceRunner(targets, dialect, progress, options.warmup(), options.strategyGate(out));
        try {
            result = runner.run(raceSpec, guard.stopSignal());
        } finally {
            progress.close();
        }
        result.warnings().forEach(w -> err.println("lockdemo: warning: " + w));
        RunResult run = RunResults.of(result, VersionProvider.version())
                .withProvenance(Provenance.ofThisProcess(spec.commandLine().getParseResult().originalArgs(),
                        VersionProvider.version(), VersionProvider.gitCommit()))
                .withStartup(startup.figures(result.firstAttemptNanos()));
        Terminals human = results.humanOnStderr() ? terminals.withOutputOnStderr() : terminals;
        Format.console(verbose, console.view(env, human)).write(run, out);
        if (verbose) {
            out.println(startup.describe(result.firstAttemptNanos()));
            out.flush();
        }
        OutputFiles.write(timelineCsv, Format.TIMELINE_CSV, run, spec.commandLine().getOut());
        int code = ExitCode.worst(result.complete() ? ExitCode.OK
                : stoppedEarly(guard.stopSignal(), err, console.errorColour(env, terminals)),
                result.checksOk() ? ExitCode.OK : ExitCode.CHECKS_FAILED).code();
        return results.finish(run, json, code);
    }

    private int databaseUnavailable(DatabaseSetupException e, String password, PrintWriter err) {
        e.warnings().forEach(w -> err.println("lockdemo: warning: " + w));
        err.println(Paint.ERROR.on("lockdemo: " + e.getMessage(), console.errorColour(env, terminals)));
        if (verbose) {
            err.print(Secrets.stackTrace(e, password));
        }
        return ExitCode.DATABASE_UNAVAILABLE.code();
    }

    /** The exit code of a run that stopped early, with one line on stderr when it was not Ctrl-C. */
    private static ExitCode stoppedEarly(StopSignal stop, PrintWriter err, boolean colour) {
        switch (stop.cause()) {
            case DATABASE_LOST:
                err.println(Paint.ERROR.on("lockdemo: the database went away during the run: " + stop.reason()
                        + "; the partial results above cover what was measured until then", colour));
                return ExitCode.DATABASE_LOST;
            case DEADLINE:
                err.println(Paint.ERROR.on("lockdemo: " + stop.reason()
                        + "; the partial results above cover what was measured", colour));
                return ExitCode.DEADLINE_REACHED;
            default:
                return ExitCode.INTERRUPTED;
        }
    }
}
