package org.lockdemo.cli;

import java.io.PrintWriter;
import java.time.Duration;
import java.util.ArrayList;
import java.nio.file.Path;
import java.util.List;
import org.lockdemo.db.DatabaseTarget;
import org.lockdemo.model.Isolation;
import org.lockdemo.model.KeyOrder;
import org.lockdemo.race.RaceSpec;
import org.lockdemo.race.WorkerThreads;
import org.lockdemo.strategy.RaceStrategy;
import org.lockdemo.strategy.StrategyKind;
import org.lockdemo.strategy.classes.ClassStrategy;
import org.lockdemo.strategy.classes.StrategyClasses;
import org.lockdemo.strategy.classes.StrategyClassException;
import org.lockdemo.strategy.file.FileStrategy;
import org.lockdemo.strategy.file.StrategyFileException;
import picocli.CommandLine.ArgGroup;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.Spec;

/**
 * What {@code lockdemo race} runs and for how long: the options that become the run's
 * {@link RaceSpec}, validated once (by {@code RaceSpec}, whose messages name these options), and
 * the timeouts and deadline around it. Used by one command thread.
 */
public final class RaceOptions {
    @Spec(Spec.Target.MIXEE)
    CommandSpec spec;

    @Option(names = {"--strategy", "-s"}, split = ",", paramLabel = "NAME", converter = StrategyChoice.Converter.class,
            completionCandidates = CompletionCandidates.StrategiesOrAll.class,
            description = "A strategy above, a framework's group of them (e.g. rails), or all; several may be given, "
                    + "comma-separated (default: all).")
    List<StrategyChoice> strategies = new ArrayList<>(List.of(StrategyChoice.ALL));

    @Option(names = "--strategy-file", paramLabel = "FILE",
            description = "Also race the strategy written in FILE (YAML or JSON, docs/strategy-files.md); may be given "
                    + "more than once. With --strategy-file and no --strategy, only the files are raced.")
    List<Path> strategyFiles = new ArrayList<>();

    @Option(names = "--strategy-class", paramLabel = "CLASS",
            description = "Also race your own Java: CLASS implements org.lockdemo.spi.v1.GetOrCreateStrategy "
                    + "(docs/strategy-classes.md), loaded from --classpath; may be given more than once. With "
                    + "--strategy-class and no --strategy, only the classes and files are raced.")
    List<String> strategyClasses = new ArrayList<>();

    @Option(names = "--classpath", paramLabel = "PATH",
            description = "Where --strategy-class is: jars and directories, separated by '${sys:path.separator}'.")
    String classpath;

    @Option(names = {"--threads", "-t"}, paramLabel = "N", description = "Client threads, 1..4096 (default: ${DEFAULT-VALUE}).")
    int threads = 8;

    /** How long each strategy runs: a number of rounds or a time, not both. */
    static final class Length {
        @Option(names = {"--rounds", "-r"}, paramLabel = "N",
                description = "Attempts per thread; with the hot key, rounds of all threads on one fresh key (default: 20).")
        Integer rounds;

        @Option(names = {"--duration", "-d"}, paramLabel = "TIME", converter = DurationConverter.class,
                description = "Run each strategy for this long instead of a number of rounds, e.g. 10s, 2m.")
        Duration duration;
    }

    @ArgGroup(exclusive = true, multiplicity = "0..1")
    Length length;

    @Option(defaultValue = "0s", names = "--warmup", paramLabel = "TIME", converter = DurationConverter.class,
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

    @Option(names = "--keys-per-attempt", paramLabel = "N",
            description = "Get or create N keys in each attempt's one transaction, 1..1000 (default: ${DEFAULT-VALUE}): "
                    + "the batch whose lock order decides whether two transactions deadlock (docs/several-keys.md). "
                    + "Hot key: every round's N fresh keys; --keys K: N keys in a row from a random one of the K. "
                    + "For strategies whose attempt is one transaction (savepoint, upsert, upsert-multirow, ...); "
                    + "named others are refused, others of a group or all are left out.")
    int keysPerAttempt = 1;

    @Option(names = "--key-order", paramLabel = "ORDER", converter = KeyOrderConverter.class,
            completionCandidates = KeyOrderConverter.class,
            description = "With --keys-per-attempt: arrival (a different order per attempt, shuffled from --seed and "
                    + "the thread, as events reach an application) or sorted (by the key: one lock order for "
                    + "every transaction, the fix) (default: arrival).")
    KeyOrder keyOrder = KeyOrder.ARRIVAL;

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
            completionCandidates = CompletionCandidates.Isolations.class,
            description = "read-committed, repeatable-read or serializable (default: the server's).")
    Isolation isolation = Isolation.DEFAULT;

    @Option(names = "--seed", paramLabel = "N", description = "Seed for the key schedule with --keys (default: random, printed).")
    Long seed;

    @Option(defaultValue = "30s", names = "--lock-timeout", paramLabel = "TIME", converter = DurationConverter.class,
            description = "Bound on each lock wait, counted as lock_timeout; 0 waits forever (default: ${DEFAULT-VALUE}).")
    Duration lockTimeout = Duration.ofSeconds(30);

    @Option(names = "--worker-threads", paramLabel = "KIND", converter = WorkerThreadsConverter.class,
            completionCandidates = WorkerThreadsConverter.class,
            description = "platform: a kernel thread per worker (default); virtual: virtual threads, which need "
                    + "Java 21 or newer (see docs/performance.md for what each costs).")
    WorkerThreads workerThreads = WorkerThreads.PLATFORM;

    @Option(names = "--answer-timeout", paramLabel = "TIME", converter = DurationConverter.class,
            description = "A statement without the server's answer for this long has its connection aborted and "
                    + "ends as connection_lost: a server gone without closing its connections. Longer than "
                    + "--lock-timeout; 0: wait forever (default: --lock-timeout + 30s; 0 with --lock-timeout 0).")
    Duration answerTimeout;

    @Option(defaultValue = "10s", names = "--connect-timeout", paramLabel = "TIME", converter = DurationConverter.class,
            description = "How long to wait for a connection; a run that cannot get one this long ends as "
                    + "\"database lost\" (exit 6) (default: ${DEFAULT-VALUE}).")
    Duration connectTimeout = DatabaseTarget.DEFAULT_CONNECT_TIMEOUT;

    @Option(names = "--max-run-time", paramLabel = "TIME", converter = DurationConverter.class,
            description = "Deadline for the whole run: when reached, the workers stop, the partial results are "
                    + "printed and written, and lockdemo exits 7 (default: none).")
    Duration maxRunTime;

    @Option(defaultValue = "1ms", names = "--lock-view-interval", paramLabel = "TIME", converter = DurationConverter.class,
            description = "Pause between polls of the server's lock view for blocked waits (default: ${DEFAULT-VALUE}).")
    Duration lockViewInterval = Duration.ofMillis(1);

    @Option(names = "--max-retries", paramLabel = "N",
            description = "serializable: retries of a transaction after a serialization failure or deadlock; "
                    + "an attempt that runs out ends with that failure (default: ${DEFAULT-VALUE}).")
    int maxRetries = 10;

    @Option(names = "--keep", description = "Keep lockdemo's tables after the run (default: drop them).")
    boolean keep;

    /** Without --rounds or --duration: this many rounds. */
    private static final int DEFAULT_ROUNDS = 20;

    /** As given, for checks that come before the spec (one thread per cluster node). */
    int threads() {
        return threads;
    }

    /**
     * The run on a database of {@code dialectId}, validated. A strategy {@code all} leaves out
     * because it cannot run there is named on {@code notes} (stdout, with the results; stderr stays
     * one line when the run then fails).
     *
     * @throws ParameterException naming the first option that is out of range
     */
    RaceSpec raceSpec(String dialectId, PrintWriter notes) {
        if (warmup.isNegative() || warmup.compareTo(Duration.ofHours(1)) > 0) {
            throw usage("--warmup must be between 0 and 1h, got " + warmup.toMillis() + "ms");
        }
        if (connectTimeout.compareTo(Duration.ofMillis(250)) < 0 || connectTimeout.compareTo(Duration.ofHours(1)) > 0) {
            throw usage("--connect-timeout must be between 250ms and 1h, got " + connectTimeout.toMillis() + "ms");
        }
        if (maxRunTime != null && (maxRunTime.isZero() || maxRunTime.isNegative())) {
            throw usage("--max-run-time must be positive");
        }
        if (rate != null && rate == 0) {
            throw usage(RaceSpec.rateNotPositive(rate)); // 0 in the spec is the closed loop
        }
        if ("sqlite".equals(dialectId)) {
            sqliteFits();
        }
        Integer rounds = length == null ? null : length.rounds;
        Duration duration = length == null ? null : length.duration;
        List<String> notRun = new ArrayList<>();
        RaceSpec raceSpec;
        List<RaceStrategy> chosen = new ArrayList<>();
        if (strategyFiles.isEmpty() && strategyClasses.isEmpty()
                || spec.commandLine().getParseResult().hasMatchedOption("--strategy")) {
            chosen.addAll(StrategyChoice.resolve(strategies, dialectId, this::usage, notRun::add));
        }
        chosen.addAll(fileStrategies(dialectId, chosen));
        chosen.addAll(classStrategies(chosen));
        if (keysPerAttempt > 1) {
            chosen = severalKeys(chosen, notRun);
        } else if (spec.commandLine().getParseResult().hasMatchedOption("--key-order")) {
            throw usage("--key-order needs --keys-per-attempt N with N > 1: an attempt of one key has no order");
        }
        try {
            raceSpec = new RaceSpec(chosen, threads,
                    duration != null ? 0 : rounds != null ? rounds : DEFAULT_ROUNDS, duration, keys, holdMillis,
                    isolation, seed != null ? seed : System.nanoTime(), lockTimeout, lockViewInterval, keep,
                    maxRetries, rate == null ? 0 : rate, statementDelay, keysPerAttempt, keyOrder, answerTimeout(),
                    workerThreads);
        } catch (IllegalArgumentException e) {
            throw usage(e.getMessage());
        }
        notRun.forEach(notes::println);
        return raceSpec;
    }

    /**
     * What has no meaning on SQLite, refused in one line (exit 2): an isolation level (every SQLite
     * transaction is serializable; {@code --sqlite-begin} says when it takes the lock), and strategy
     * files and classes, whose SQL is written for the servers.
     */
    private void sqliteFits() {
        if (isolation != Isolation.DEFAULT && isolation != Isolation.SERIALIZABLE) {
            throw usage("--isolation " + isolation.cliName() + " does not exist on SQLite: every transaction is serializable; "
                    + "--sqlite-begin deferred|immediate|exclusive chooses when it takes the database's lock");
        }
        if (!strategyFiles.isEmpty() || !strategyClasses.isEmpty()) {
            throw usage((strategyFiles.isEmpty() ? "--strategy-class" : "--strategy-file") + " does not run on SQLite: "
                    + "a strategy file or class is written for PostgreSQL and MySQL/MariaDB; race the built-in strategies");
        }
    }

    /**
     * Which strategies run once the server has said its version: one named by its id that the
     * server cannot run is a usage error (exit 2); one from a group or {@code all} is left out with
     * a note on {@code notes} (with the results, as for a strategy the dialect cannot run); none left
     * is a usage error too.
     */
    org.lockdemo.race.StrategyGate strategyGate(PrintWriter notes) {
        // a --strategy-file is named as much as a --strategy NAME: refused, not left out, on a server it cannot run on
        return (chosen, server) -> StrategyChoice.admit(chosen, named(chosen), server,
                this::usage, note -> {
                    notes.println(note);
                    notes.flush();
                });
    }

    /**
     * The strategies of {@code chosen} that can take several keys per attempt: one named that cannot
     * is a usage error, one of a group or {@code all} is left out with a note; none left is a usage
     * error too.
     */
    private List<RaceStrategy> severalKeys(List<RaceStrategy> chosen, List<String> notRun) {
        java.util.Set<RaceStrategy> named = named(chosen);
        List<RaceStrategy> kept = new ArrayList<>();
        List<String> leftOut = new ArrayList<>();
        for (RaceStrategy k : chosen) {
            java.util.Optional<String> why = org.lockdemo.strategy.SeveralKeys.whyNot(k);
            if (why.isEmpty()) {
                kept.add(k);
            } else if (named.contains(k)) {
                throw usage("--keys-per-attempt " + keysPerAttempt + ": " + why.get());
            } else {
                leftOut.add(k.id());
            }
        }
        if (kept.isEmpty()) {
            throw usage("--keys-per-attempt " + keysPerAttempt + ": none of the chosen strategies can get or create "
                    + "several keys in one transaction");
        }
        if (!leftOut.isEmpty()) {
            notRun.add("not run with --keys-per-attempt " + keysPerAttempt + " (each commits between statements or "
                    + "is not one transaction with a part per key): " + String.join(", ", leftOut));
        }
        return kept;
    }

    private java.util.Set<RaceStrategy> named(List<? extends RaceStrategy> chosen) {
        java.util.Set<RaceStrategy> named = new java.util.LinkedHashSet<>(StrategyChoice.namedIn(strategies));
        chosen.stream().filter(s -> s instanceof FileStrategy || s instanceof ClassStrategy).forEach(named::add);
        return named;
    }

    /** How long each strategy first runs unmeasured; zero for no warm-up. */
    Duration warmup() {
        return warmup;
    }

    Duration connectTimeout() {
        return connectTimeout;
    }

    /** {@code --answer-timeout}, or its default from {@code --lock-timeout}. */
    Duration answerTimeout() {
        return answerTimeout != null ? answerTimeout : RaceSpec.defaultAnswerTimeout(lockTimeout);
    }

    /**
     * The driver's socket timeout of the connections outside the pool (the admin and lock-view
     * sessions): the answer timeout. The pool's connections have none (see {@code BlockingSocketFactory});
     * the race's answer watchdog bounds their statements.
     */
    Duration socketTimeout() {
        return answerTimeout();
    }

    /** The deadline of the whole run; null for none. */
    Duration maxRunTime() {
        return maxRunTime;
    }

    /**
     * The strategies of the {@code --strategy-file}s, each read and checked now, before anything
     * connects: a file that cannot be read, a name taken by a built-in or another file, or a file
     * with no statements for the dialect is a usage error naming the file.
     */
    private List<FileStrategy> fileStrategies(String dialectId, List<RaceStrategy> others) {
        List<FileStrategy> files = new ArrayList<>();
        for (Path p : strategyFiles) {
            FileStrategy f;
            try {
                f = FileStrategy.read(p);
            } catch (StrategyFileException e) {
                throw usage(e.getMessage());
            }
            if (StrategyKind.fromId(f.id()).isPresent()) {
                throw usage(p + ": name " + f.id() + " is a built-in strategy's; give the file's strategy a name of its own");
            }
            if (files.stream().anyMatch(o -> o.id().equals(f.id())) || others.stream().anyMatch(o -> o.id().equals(f.id()))) {
                throw usage(p + ": name " + f.id() + " is already taken by another --strategy-file");
            }
            f.unsupportedOn(dialectId).ifPresent(why -> {
                throw usage(why);
            });
            files.add(f);
        }
        return files;
    }

    /**
     * The strategies of the {@code --strategy-class}es, each loaded and created now, before anything
     * connects: what cannot be raced (StrategyClasses) or a name already taken is a usage error.
     */
    private List<ClassStrategy> classStrategies(List<RaceStrategy> others) {
        if (strategyClasses.isEmpty()) {
            if (classpath != null) {
                throw usage("--classpath is for --strategy-class; give the class to race");
            }
            return List.of();
        }
        if (classpath == null) {
            throw usage("--strategy-class needs --classpath, the jar or directory the class is in");
        }
        List<ClassStrategy> classes = new ArrayList<>();
        try {
            ClassLoader loader = StrategyClasses.loader(classpath);
            for (String name : strategyClasses) {
                ClassStrategy c = StrategyClasses.load(name, loader);
                if (StrategyKind.fromId(c.id()).isPresent() || others.stream().anyMatch(o -> o.id().equals(c.id()))
                        || classes.stream().anyMatch(o -> o.id().equals(c.id()))) {
                    throw usage("--strategy-class " + name + ": its name " + c.id() + " is taken by another strategy of "
                            + "the run; override name()");
                }
                classes.add(c);
            }
        } catch (StrategyClassException e) {
            throw usage(e.getMessage());
        }
        return classes;
    }

    private ParameterException usage(String message) {
        return new ParameterException(spec.commandLine(), message);
    }
}
