package org.lockdemo.cli;

import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.PrintWriter;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.Callable;
import org.lockdemo.db.DatabaseSetupException;
import org.lockdemo.db.DatabaseTarget;
import org.lockdemo.db.Dialect;
import org.lockdemo.db.Dialects;
import org.lockdemo.db.EmbeddedPostgresServer;
import org.lockdemo.model.Isolation;
import org.lockdemo.race.RaceResult;
import org.lockdemo.race.RaceRunner;
import org.lockdemo.race.RaceSpec;
import org.lockdemo.race.StopSignal;
import org.lockdemo.report.ConsoleReport;
import org.lockdemo.report.JsonReport;
import org.lockdemo.report.Provenance;
import org.lockdemo.report.TimelineCsv;
import org.lockdemo.strategy.SqlWarmUp;
import org.lockdemo.strategy.StrategyKind;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.Spec;

/** {@code lockdemo race}: run strategies against each other on one database and check the result. */
@Command(name = "race", sortOptions = false, mixinStandardHelpOptions = true,
        versionProvider = VersionProvider.class,
        description = {
            "Races threads through get-or-create-and-lock with each strategy, counts every outcome, "
                    + "measures latency and lock waits, and checks the table afterwards.",
            "",
            "Strategies (--strategy, in the order 'all' runs them):",
            "  naive            The thread's first code, as Django runs it: SELECT; if absent INSERT, then",
            "                   SELECT ... FOR UPDATE and save(). Two threads both miss, both insert: one gets",
            "                   a unique violation (the lesson). A row that exists is only read.",
            "  getorcreate      Django's get_or_create() without select_for_update(): no row lock at all;",
            "                   updates get lost, and on InnoDB REPEATABLE READ the re-read finds nothing.",
            "  create-first     Rails' create_or_find_by: INSERT in a savepoint first; on a duplicate roll",
            "                   back and SELECT ... FOR UPDATE.",
            "  savepoint        The thread's answer, select_for_update().get_or_create() in atomic():",
            "                   SELECT ... FOR UPDATE; if absent SAVEPOINT, INSERT; on a duplicate ROLLBACK TO",
            "                   and RELEASE SAVEPOINT, SELECT ... FOR UPDATE again (waits). Django's SQL, as",
            "                   captured from Django (docs/transcripts.md); so are naive, getorcreate, nowait.",
            "  nowait           As savepoint with FOR UPDATE NOWAIT: a locked row fails fast.",
            "  upsert           INSERT ... ON CONFLICT DO NOTHING (MySQL: ON DUPLICATE KEY UPDATE), then lock.",
            "  upsert-returning PostgreSQL only: INSERT ... ON CONFLICT DO UPDATE ... RETURNING, one statement.",
            "  advisory         pg_advisory_xact_lock (MySQL: GET_LOCK, session-scoped), then the naive steps.",
            "  serializable     SERIALIZABLE with the naive steps, retrying 40001/deadlocks (--max-retries).",
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
            "  lockdemo race --user root --threads 6 --strategy savepoint,advisory \\",
            "                --url jdbc:mariadb://127.0.0.1:3311/test --url jdbc:mariadb://127.0.0.1:3312/test",
            "      across two nodes of a MariaDB Galera cluster: threads spread over the nodes, results per node,",
            "      the losers aborted by the cluster counted as certification_failure",
            "  lockdemo race --keys 1000 --rounds 200 --hold-ms 2 --json results/run.json",
            "      a realistic mix over 1000 keys, holding each lock 2 ms, results as JSON",
            "  lockdemo race --keys 64 --rate 500 --duration 30s --strategy savepoint,upsert",
            "      an open loop: 500 attempts/s on a fixed timetable, latency from each intended start",
            "  lockdemo race --strategy naive,savepoint --expect 'savepoint.unique_violation == 0' \\",
            "                --expect 'naive.unique_violation > 0' --json result.json --csv result.csv",
            "      for CI: exit 5 if an expectation does not hold for the measured result",
            "",
            "Passwords are never taken as plain arguments: use --password (prompt), --password-env VAR,",
            "or LOCKDEMO_PASSWORD / PGPASSWORD / MYSQL_PWD.",
            "",
            "Exit codes:",
            "  0    success: the run completed and every enforced check passed",
            "  1    an unexpected internal error (a bug; run with --verbose and report it)",
            "  2    usage error: an unknown option or value, or options that do not fit together",
            "       (also several --url of different kinds, of PostgreSQL, or the same URL twice)",
            "  3    could not reach or prepare the database (also: a node that is down, not a Synced",
            "       Galera node, or of another cluster)",
            "  4    a strategy that should be safe failed a check",
            "  5    an --expect expression did not hold",
            "  6    the database went away during the run (partial results printed)",
            "  7    --max-run-time was reached (partial results printed)",
            "  130  interrupted (Ctrl-C or SIGTERM); partial results were printed and written"
        })
public final class RaceCommand implements Callable<Integer> {
    @Spec
    CommandSpec spec;

    @Mixin
    DatabaseOptions db;

    @Mixin
    ResultOptions results;

    @Option(names = {"--strategy", "-s"}, split = ",", paramLabel = "NAME",
            description = "A strategy above, or all; several may be given, comma-separated (default: all).")
    List<String> strategies = new ArrayList<>(List.of("all"));

    @Option(names = {"--threads", "-t"}, paramLabel = "N", description = "Client threads, 1..4096 (default: ${DEFAULT-VALUE}).")
    int threads = 8;

    @Option(names = {"--rounds", "-r"}, paramLabel = "N",
            description = "Attempts per thread; with the hot key, rounds of all threads on one fresh key (default: 20).")
    Integer rounds;

    @Option(names = {"--duration", "-d"}, paramLabel = "TIME", converter = DurationConverter.class,
            description = "Run each strategy for this long instead of a number of rounds, e.g. 10s, 2m.")
    Duration duration;

    @Option(names = "--warmup", paramLabel = "TIME", converter = DurationConverter.class,
            description = "Before each strategy's measured run, run it this long with the same threads and keys on a "
                    + "throwaway table, not counted (lets the JIT and the connections settle), e.g. 5s; "
                    + "0 for none (default: ${DEFAULT-VALUE}).")
    Duration warmup = Duration.ZERO;

    @Option(names = {"--keys", "-k"}, paramLabel = "K",
            description = "0: every round puts all threads on one fresh key at a barrier (the thread's race); "
                    + "K > 0: each attempt picks one of K keys at random (default: ${DEFAULT-VALUE}).")
    int keys = 0;

    @Option(names = "--rate", paramLabel = "R",
            description = "Open loop: R attempts per second over all threads, on a fixed timetable (each thread "
                    + "R/threads, phase-shifted); latency counts from each attempt's intended start, so a stall "
                    + "shows in the tail. Needs --keys K. With --rounds N each thread runs N attempts on the timetable; "
                    + "with --duration, attempts meant to start before its end that a thread was too late for are "
                    + "counted as unstarted. Default: closed loop (each thread starts its next attempt when the "
                    + "previous one ended).")
    Double rate;

    @Option(names = "--statement-delay", paramLabel = "TIME", converter = DurationConverter.class,
            description = "Wait this long before every statement of an attempt (default: 0): the round trip to a "
                    + "database on another host (0.3-1ms in one data centre) or an ORM's time between statements. "
                    + "Widens the race window as production has it; in the latency, not in the lock time. "
                    + "At most --lock-timeout, e.g. 0.5ms or 1ms.")
    Duration statementDelay = Duration.ZERO;

    @Option(names = "--hold-ms", paramLabel = "MS",
            description = "Milliseconds of \"long computation\" while holding the row lock (default: ${DEFAULT-VALUE}).")
    long holdMillis = 0;

    @Option(names = "--isolation", paramLabel = "LEVEL", converter = IsolationConverter.class,
            description = "read-committed, repeatable-read or serializable (default: the server's).")
    Isolation isolation = Isolation.DEFAULT;

    @Option(names = "--seed", paramLabel = "N", description = "Seed for the key schedule with --keys (default: random, printed).")
    Long seed;

    @Option(names = "--lock-timeout", paramLabel = "TIME", converter = DurationConverter.class,
            description = "Bound on each lock wait, counted as lock_timeout; 0 waits forever (default: ${DEFAULT-VALUE}).")
    Duration lockTimeout = Duration.ofSeconds(30);

    @Option(names = "--connect-timeout", paramLabel = "TIME", converter = DurationConverter.class,
            description = "How long to wait for a connection; a run that cannot get one this long ends as "
                    + "\"database lost\" (exit 6) (default: ${DEFAULT-VALUE}).")
    Duration connectTimeout = DatabaseTarget.DEFAULT_CONNECT_TIMEOUT;

    @Option(names = "--max-run-time", paramLabel = "TIME", converter = DurationConverter.class,
            description = "Deadline for the whole run: when reached, the workers stop, the partial results are "
                    + "printed and written, and lockdemo exits 7 (default: none).")
    Duration maxRunTime;

    @Option(names = "--lock-view-interval", paramLabel = "TIME", converter = DurationConverter.class,
            description = "Pause between polls of the server's lock view for blocked waits (default: ${DEFAULT-VALUE}).")
    Duration lockViewInterval = Duration.ofMillis(1);

    @Option(names = "--max-retries", paramLabel = "N",
            description = "serializable: retries of a transaction after a serialization failure or deadlock; "
                    + "an attempt that runs out ends with that failure (default: ${DEFAULT-VALUE}).")
    int maxRetries = 10;

    @Option(names = "--json", paramLabel = "FILE", description = "Also write the results as JSON to FILE.")
    Path json;

    @Option(names = "--timeline-csv", paramLabel = "FILE",
            description = "Also write attempts and successes per second of each strategy as CSV to FILE.")
    Path timelineCsv;

    @Option(names = "--keep", description = "Keep lockdemo's tables after the run (default: drop them).")
    boolean keep;

    @Option(names = {"--quiet", "-q"}, description = "No progress line.")
    boolean quiet;

    @Option(names = {"--verbose", "-v"}, description = "Show every check, error samples, the client's CPU, and stack traces on failure.")
    boolean verbose;

    /**
     * The open loop's ceiling per thread: one attempt every 100 us. An attempt is several round trips,
     * which take longer than that on any database, so a higher rate only measures the backlog.
     */
    static final int MAX_RATE_PER_THREAD = 10_000;

    /** The kind of URL the embedded server has, to choose its dialect before it runs. */
    private static final String EMBEDDED_URL_SHAPE = "jdbc:postgresql://localhost/postgres";

    /** Added to --lock-timeout for the driver's socket timeout; see {@link #socketTimeout()}. */
    private static final Duration SOCKET_TIMEOUT_MARGIN = Duration.ofSeconds(30);

    private final Map<String, String> env;
    private final ShutdownGuard guard;

    /**
     * @param env   the environment to read passwords and PGUSER from
     * @param guard raised by the shutdown hook on Ctrl-C/SIGTERM; waits for this command's cleanup
     */
    public RaceCommand(Map<String, String> env, ShutdownGuard guard) {
        this.env = env;
        this.guard = guard;
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
        List<String> urls = nodeUrls();
        String url = urls.isEmpty() ? null : urls.get(0);
        Dialect dialect = null;
        if (url != null) {
            dialect = Dialects.forUrl(url).orElseThrow(() -> new ParameterException(spec.commandLine(),
                    "--url " + org.lockdemo.db.JdbcUrls.redact(url) + ": unsupported database; lockdemo supports "
                            + Dialects.supportedSchemes()));
            checkNodes(urls, dialect);
        }
        PrintWriter out = spec.commandLine().getOut();
        PrintWriter err = spec.commandLine().getErr();
        RaceSpec raceSpec = validate(dialect == null ? "postgresql" : dialect.id(), out);
        OutputFiles.checkWritable(spec.commandLine(), "--json", json);
        OutputFiles.checkWritable(spec.commandLine(), "--timeline-csv", timelineCsv);
        results.validate(raceSpec.strategies().stream().map(StrategyKind::id).toList());
        // load and warm jOOQ while the server starts and the pool fills (the embedded server is PostgreSQL)
        SqlWarmUp.start(raceSpec.strategies(), (dialect != null ? dialect
                : Dialects.forUrl(EMBEDDED_URL_SHAPE).orElseThrow()).jooqDialect(), raceSpec.maxRetries());
        EmbeddedPostgresServer embedded = null;
        String password = null;
        RunDeadline deadline = RunDeadline.start(maxRunTime, guard.stopSignal());
        try {
            DatabaseTarget target;
            if (url == null) {
                if (!quiet) {
                    err.println("lockdemo: starting an embedded PostgreSQL " + VersionProvider.embeddedPostgresVersion()
                            + " (use --url to race on your own server)");
                    err.flush();
                }
                startup.embeddedServerStarting();
                embedded = EmbeddedPostgresServer.start(RaceRunner.connectionsNeeded(raceSpec.threads()));
                startup.embeddedServerReady();
                guard.register(embedded);
                target = embedded.target();
                dialect = Dialects.forUrl(target.url()).orElseThrow();
            } else {
                password = db.password(env, url);
                target = new DatabaseTarget(url, db.user(env), password, false);
            }
            List<DatabaseTarget> targets = new ArrayList<>();
            targets.add(target.withTimeouts(connectTimeout, socketTimeout()));
            for (String node : urls.subList(Math.min(1, urls.size()), urls.size())) {
                targets.add(new DatabaseTarget(node, db.user(env), password, false)
                        .withTimeouts(connectTimeout, socketTimeout()));
            }
            ProgressLine progress = new ProgressLine(err, !quiet && System.console() != null);
            RaceResult result;
            RaceRunner runner = new RaceRunner(targets, dialect, progress, warmup);
            try {
                result = runner.run(raceSpec, guard.stopSignal());
            } finally {
                progress.close();
            }
            result.warnings().forEach(w -> err.println("lockdemo: warning: " + w));
            ConsoleReport.render(result, out, verbose);
            if (verbose) {
                out.println(startup.describe(result.firstAttemptNanos()));
                out.flush();
            }
            if (timelineCsv != null) {
                try (Writer w = Files.newBufferedWriter(timelineCsv, StandardCharsets.UTF_8)) {
                    TimelineCsv.write(result, w);
                }
            }
            ObjectNode tree = JsonReport.toTree(result, VersionProvider.version());
            Provenance.ofThisProcess(spec.commandLine().getParseResult().originalArgs(), VersionProvider.version(),
                    VersionProvider.gitCommit()).addTo(tree);
            startup.addTo(tree, result.firstAttemptNanos());
            int code = !result.complete() ? stoppedEarly(guard.stopSignal(), err)
                    : result.checksOk() ? ExitCode.OK.code() : ExitCode.CHECKS_FAILED.code();
            return results.finish(tree, json, code);
        } catch (DatabaseSetupException e) {
            err.println("lockdemo: " + e.getMessage());
            if (verbose) {
                err.print(Secrets.stackTrace(e, password));
            }
            return ExitCode.DATABASE_UNAVAILABLE.code();
        } finally {
            deadline.cancel();
            if (embedded != null) {
                embedded.close();
                guard.unregister(embedded);
            }
        }
    }

    /** Every --url, normalized for the driver; empty for the embedded PostgreSQL. */
    private List<String> nodeUrls() {
        return db.urls().stream().map(Dialects::normalizeUrl).toList();
    }

    /**
     * Several --url are the nodes of one multi-primary cluster: all of one kind, that kind a
     * MySQL-family server (MariaDB Galera), each node once, and at least one thread per node.
     * Whether they really form one cluster is checked once connected (exit 3).
     */
    private void checkNodes(List<String> urls, Dialect first) {
        if (urls.size() < 2) {
            return;
        }
        for (String u : urls) {
            Dialect d = Dialects.forUrl(u).orElseThrow(() -> usage("--url " + org.lockdemo.db.JdbcUrls.redact(u)
                    + ": unsupported database; lockdemo supports " + Dialects.supportedSchemes()));
            if (!d.id().equals(first.id())) {
                throw usage("--url " + org.lockdemo.db.JdbcUrls.redact(u) + " is " + d.id() + " but --url "
                        + org.lockdemo.db.JdbcUrls.redact(urls.get(0)) + " is " + first.id()
                        + "; several --url must be nodes of one cluster, all of one kind");
            }
        }
        if (!"mysql".equals(first.id())) {
            throw usage("--url was given " + urls.size() + " times for " + first.id() + "; a race across several "
                    + "nodes needs a multi-primary cluster (MariaDB Galera: jdbc:mariadb://...), give one --url");
        }
        Set<String> seen = new LinkedHashSet<>();
        for (String u : urls) {
            if (!seen.add(u.toLowerCase(java.util.Locale.ROOT))) {
                throw usage("--url " + org.lockdemo.db.JdbcUrls.redact(u) + " was given twice; give each node once");
            }
        }
        if (threads < urls.size()) {
            throw usage("--threads " + threads + " is fewer than the " + urls.size()
                    + " nodes; every node needs at least one thread");
        }
    }

    /** The exit code of a run that stopped early, with one line on stderr when it was not Ctrl-C. */
    private static int stoppedEarly(StopSignal stop, PrintWriter err) {
        switch (stop.cause()) {
            case DATABASE_LOST:
                err.println("lockdemo: the database went away during the run: " + stop.reason()
                        + "; the partial results above cover what was measured until then");
                return ExitCode.DATABASE_LOST.code();
            case DEADLINE:
                err.println("lockdemo: " + stop.reason() + "; the partial results above cover what was measured");
                return ExitCode.DEADLINE_REACHED.code();
            default:
                return ExitCode.INTERRUPTED.code();
        }
    }

    /**
     * The driver's socket timeout: longer than any legitimate statement, which is a lock wait of
     * up to --lock-timeout, plus a margin for the statement itself; none when lock waits are unbounded.
     */
    private Duration socketTimeout() {
        return lockTimeout.isZero() ? Duration.ZERO : lockTimeout.plus(SOCKET_TIMEOUT_MARGIN);
    }

    private RaceSpec validate(String dialectId, PrintWriter notes) {
        if (threads < 1 || threads > RaceSpec.MAX_THREADS) {
            throw usage("--threads must be between 1 and " + RaceSpec.MAX_THREADS + ", got " + threads);
        }
        if (rounds != null && duration != null) {
            throw usage("--rounds and --duration do not go together; give one");
        }
        if (rounds != null && rounds < 1) {
            throw usage("--rounds must be at least 1, got " + rounds);
        }
        if (duration != null && (duration.isZero() || duration.isNegative())) {
            throw usage("--duration must be positive");
        }
        if (warmup.isNegative() || warmup.compareTo(Duration.ofHours(1)) > 0) {
            throw usage("--warmup must be between 0 and 1h, got " + warmup.toMillis() + "ms");
        }
        if (keys < 0) {
            throw usage("--keys must be 0 (hot key) or a positive number of keys, got " + keys);
        }
        if (holdMillis < 0 || holdMillis > 3_600_000) {
            throw usage("--hold-ms must be between 0 and 3600000, got " + holdMillis);
        }
        if (connectTimeout.compareTo(Duration.ofMillis(250)) < 0 || connectTimeout.compareTo(Duration.ofHours(1)) > 0) {
            throw usage("--connect-timeout must be between 250ms and 1h, got " + connectTimeout.toMillis() + "ms");
        }
        if (maxRunTime != null && (maxRunTime.isZero() || maxRunTime.isNegative())) {
            throw usage("--max-run-time must be positive");
        }
        if (lockTimeout.isNegative()) {
            throw usage("--lock-timeout must not be negative");
        }
        if (maxRetries < 0 || maxRetries > 1000) {
            throw usage("--max-retries must be between 0 and 1000, got " + maxRetries);
        }
        if (lockViewInterval.isNegative()) {
            throw usage("--lock-view-interval must not be negative");
        }
        if (statementDelay.isNegative()) {
            throw usage("--statement-delay must not be negative");
        }
        if (!lockTimeout.isZero() && statementDelay.compareTo(lockTimeout) > 0) {
            throw usage("--statement-delay " + statementDelay.toNanos() / 1000 + "us is longer than --lock-timeout "
                    + lockTimeout.toMillis() + "ms");
        }
        validateRate();
        int r = duration != null ? 0 : rounds != null ? rounds : 20;
        return new RaceSpec(strategyKinds(dialectId, notes), threads, r, duration, keys, holdMillis, isolation,
                seed != null ? seed : System.nanoTime(), lockTimeout, lockViewInterval, keep, maxRetries,
                rate == null ? 0 : rate, statementDelay);
    }

    /** {@code --rate}: positive, at most {@link #MAX_RATE_PER_THREAD} per thread, and only with {@code --keys K}. */
    private void validateRate() {
        if (rate == null) {
            return;
        }
        if (!(rate > 0) || rate.isInfinite()) {
            throw usage("--rate must be a positive number of attempts per second, got " + rate);
        }
        if (keys == 0) {
            throw usage("--rate needs --keys K: the hot-key race (--keys 0) starts all threads together at a barrier "
                    + "every round, so its pace is the slowest attempt's, not a rate");
        }
        double perThread = rate / threads;
        if (perThread > MAX_RATE_PER_THREAD) {
            throw usage(String.format(java.util.Locale.ROOT, "--rate %s asks each of the %d threads for %.0f "
                    + "attempts/s (one every %.1f us); at most %d per thread: lower --rate or raise --threads",
                    rateText(), threads, perThread, 1e6 / perThread, MAX_RATE_PER_THREAD));
        }
    }

    private String rateText() {
        return rate == Math.rint(rate) ? Long.toString(rate.longValue()) : rate.toString();
    }

    /**
     * The strategies asked for, in canonical order. One named explicitly that cannot run on this
     * database is a usage error; {@code all} leaves it out and says so on stdout, with the results
     * (stderr stays one line when the run then fails).
     */
    private List<StrategyKind> strategyKinds(String dialectId, PrintWriter notes) {
        Set<StrategyKind> kinds = new LinkedHashSet<>();
        boolean all = false;
        for (String s : strategies) {
            if (s.trim().equalsIgnoreCase("all")) {
                all = true;
            } else {
                StrategyKind k = StrategyKind.fromId(s.trim()).orElseThrow(() -> usage(
                        "--strategy '" + s + "' is not a strategy; choose from " + StrategyKind.ids() + " or all"));
                k.unsupportedOn(dialectId).ifPresent(why -> {
                    throw usage("--strategy " + k.id() + " cannot run on " + dialectId + ": " + why);
                });
                kinds.add(k);
            }
        }
        if (all) {
            for (StrategyKind k : StrategyKind.values()) {
                var why = k.unsupportedOn(dialectId);
                if (why.isEmpty()) {
                    kinds.add(k);
                } else {
                    notes.println("Not run: " + k.id() + ": " + why.get());
                }
            }
        }
        // run in the canonical order, so tables and output compare across runs
        List<StrategyKind> ordered = new ArrayList<>();
        for (StrategyKind k : StrategyKind.values()) {
            if (kinds.contains(k)) {
                ordered.add(k);
            }
        }
        return ordered;
    }

    private ParameterException usage(String message) {
        return new ParameterException(spec.commandLine(), message);
    }
}
