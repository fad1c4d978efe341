package org.lockdemo.race;

import java.security.SecureRandom;
import java.sql.SQLException;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import org.lockdemo.db.Cluster;
import org.lockdemo.db.ConnectionLimitException;
import org.lockdemo.db.DatabaseInfo;
import org.lockdemo.db.DatabaseSetupException;
import org.lockdemo.db.DatabaseTarget;
import org.lockdemo.db.Dialect;
import org.lockdemo.db.StrategyTable;
import org.lockdemo.strategy.GetOrCreate;
import org.lockdemo.strategy.ServerVersion;
import org.lockdemo.strategy.RaceStrategy;

/**
 * Runs a {@link RaceSpec} against one database, or across the nodes of a multi-primary
 * {@link Cluster}: for each strategy, an optional warm-up on a throwaway table, then the measured
 * race on a table of its own, read back on every node, checked and dropped (unless {@code keep}).
 * Not thread-safe: one thread calls {@link #run}; {@link StopSignal} is how other threads stop it.
 */
public final class RaceRunner {
    private final List<DatabaseTarget> targets;
    private final Dialect urlDialect;
    private final RaceListener listener;
    private final Duration warmup;
    private final StrategyGate gate;

    /**
     * @param targets the nodes, in the order threads are spread over them (thread i on node i % n)
     * @param warmup  how long to run each strategy on a throwaway table before its measured run
     *                (zero: no warm-up)
     * @param gate    which of the spec's strategies run once the server has said its version
     */
    public RaceRunner(List<DatabaseTarget> targets, Dialect dialect, RaceListener listener, Duration warmup,
            StrategyGate gate) {
        if (targets.isEmpty()) {
            throw new IllegalArgumentException("no database");
        }
        this.targets = List.copyOf(targets);
        this.urlDialect = dialect;
        this.listener = listener;
        this.warmup = warmup;
        this.gate = gate;
    }

    /** The connections one server must have free for a run of {@code threads} threads on it. */
    public static int connectionsNeeded(int threads) {
        return Cluster.connectionsNeeded(threads);
    }

    /** The same for a run of {@code strategies}: a strategy may keep two connections per thread. */
    public static int connectionsNeeded(int threads, List<? extends RaceStrategy> strategies, Dialect dialect) {
        return Cluster.connectionsNeeded(threads, GetOrCreate.connectionsPerThread(strategies, dialect.id()));
    }

    public RaceResult run(RaceSpec spec, StopSignal stop) throws DatabaseSetupException, InterruptedException {
        String runId = newRunId();
        Instant startedAt = Instant.now();
        List<RaceStrategy> strategies = spec.strategies();
        List<String> leftOut = new ArrayList<>();
        Cluster opened;
        try {
            opened = Cluster.open(targets, urlDialect, spec.threads(),
                    GetOrCreate.connectionsPerThread(strategies, urlDialect.id()), spec.isolation(),
                    spec.lockTimeout(), "lockdemo-" + runId);
        } catch (ConnectionLimitException e) {
            // a strategy that keeps two connections per thread does not fit: the others run, it is left out
            List<RaceStrategy> onOne = strategies.stream()
                    .filter(k -> GetOrCreate.connectionsPerThread(List.of(k), urlDialect.id()) == 1).toList();
            if (onOne.isEmpty() || onOne.size() == strategies.size()) {
                throw e;
            }
            strategies.stream().filter(k -> !onOne.contains(k)).forEach(k -> leftOut.add(k.id()
                    + " not run: it keeps two connections per thread; " + e.getMessage()));
            strategies = onOne;
            opened = Cluster.open(targets, urlDialect, spec.threads(), 1, spec.isolation(), spec.lockTimeout(),
                    "lockdemo-" + runId);
        }
        try (Cluster cluster = opened) {
            Run run = new Run(spec, cluster, stop);
            run.warnings.addAll(leftOut);
            try {
                DatabaseInfo info = cluster.describe();
                List<RaceStrategy> admitted = gate.admit(strategies,
                        new ServerVersion(cluster.dialect().id(), info.product(), info.version()));
                List<StrategyResult> results = new ArrayList<>();
                for (RaceStrategy kind : admitted) {
                    if (stop.isRequested()) {
                        break;
                    }
                    StrategyResult r = run.strategy(kind, runId);
                    if (r != null) {
                        results.add(r);
                    }
                }
                return new RaceResult(runId, info, spec, results, startedAt, Instant.now(), stop.reason(),
                        cluster.dialect().lockView().method(), run.warnings, run.firstAttemptNanos);
            } catch (SQLException e) {
                throw cluster.setupFailure(e, 0, "setting up the run" + cluster.where(0)).withWarnings(run.warnings);
            } catch (DatabaseSetupException e) {
                throw e.withWarnings(run.warnings); // e.g. a table of an earlier strategy left behind
            }
        }
    }

    /** One run's strategies on its cluster, and what it gathers on the way. Used by the runner's thread. */
    private final class Run {
        private final RaceSpec spec;
        private final Cluster cluster;
        private final StopSignal stop;
        private final StrategyTables tables;
        private final List<String> warnings;
        private long firstAttemptNanos;

        Run(RaceSpec spec, Cluster cluster, StopSignal stop) {
            this.spec = spec;
            this.cluster = cluster;
            this.stop = stop;
            this.tables = new StrategyTables(cluster, stop, spec.keep());
            this.warnings = tables.warnings();
        }

        /** One strategy's result, or null if the database was lost before it could start. */
        StrategyResult strategy(RaceStrategy kind, String runId)
                throws DatabaseSetupException, InterruptedException, SQLException {
            Warmup warm = null;
            if (!warmup.isZero()) {
                // its own run id, so the table has the shape 'lockdemo cleanup' recognizes if it is left behind
                warm = warmUp(kind, newRunId());
                if (warm == null || stop.isRequested()) {
                    return null;
                }
            }
            StrategyTable table = tables.create(runId, kind);
            if (table == null) {
                return null;
            }
            try {
                List<Map<String, Long>> before = cluster.counters();
                StrategyRun run = StrategyRun.on(spec, kind, table, cluster, stop);
                listener.strategyStarted(kind, run::attemptsSoFar);
                StrategyRun.Measured measured = measured(run);
                if (measured.answerWarning() != null) {
                    warnings.add(measured.answerWarning());
                }
                StrategyResult result = StrategyResults.of(kind, measured, cluster.countersSince(before), table,
                        cluster, stop, warm);
                listener.strategyFinished(result);
                return result;
            } finally {
                tables.drop(table);
            }
        }

        /**
         * Runs the strategy for {@code --warmup} with the same threads, keys, nodes and pools on a
         * table of its own, then drops that table; nothing of it is checked or reported but its
         * length and count. Null if the database was lost before it could start.
         */
        private Warmup warmUp(RaceStrategy kind, String warmupRunId)
                throws DatabaseSetupException, InterruptedException, SQLException {
            StrategyTable table = tables.create(warmupRunId, kind);
            if (table == null) {
                return null;
            }
            try {
                return Warmup.of(warmup, measured(StrategyRun.on(spec.warmUp(kind, warmup), kind, table, cluster,
                        stop)), table.name());
            } finally {
                tables.drop(table);
            }
        }

        /** Runs it, keeping the first start line of the run (a warm-up's, if one ran). */
        private StrategyRun.Measured measured(StrategyRun run) throws InterruptedException {
            StrategyRun.Measured measured = run.run();
            if (firstAttemptNanos == 0) {
                firstAttemptNanos = measured.startLineNanos();
            }
            return measured;
        }
    }

    private static String newRunId() {
        byte[] b = new byte[4];
        new SecureRandom().nextBytes(b);
        return HexFormat.of().formatHex(b);
    }
}
