package org.lockdemo.race;

import java.security.SecureRandom;
import java.sql.SQLException;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import org.lockdemo.check.Verdict;
import org.lockdemo.db.Cluster;
import org.lockdemo.db.DatabaseInfo;
import org.lockdemo.db.DatabaseSetupException;
import org.lockdemo.db.DatabaseTarget;
import org.lockdemo.db.Dialect;
import org.lockdemo.db.NodeInfo;
import org.lockdemo.db.StrategyTable;
import org.lockdemo.metrics.ErrorMessages;
import org.lockdemo.metrics.Measurement;
import org.lockdemo.model.SqlStep;
import org.lockdemo.strategy.RaceSchema;
import org.lockdemo.strategy.StrategyKind;
import org.lockdemo.strategy.StrategyOptions;

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

    /**
     * @param targets the nodes, in the order threads are spread over them (thread i on node i % n)
     * @param warmup  how long to run each strategy on a throwaway table before its measured run
     *                (zero: no warm-up)
     */
    public RaceRunner(List<DatabaseTarget> targets, Dialect dialect, RaceListener listener, Duration warmup) {
        if (targets.isEmpty()) {
            throw new IllegalArgumentException("no database");
        }
        this.targets = List.copyOf(targets);
        this.urlDialect = dialect;
        this.listener = listener;
        this.warmup = warmup;
    }

    /** The connections one server must have free for a run of {@code threads} threads on it. */
    public static int connectionsNeeded(int threads) {
        return Cluster.connectionsNeeded(threads);
    }

    public RaceResult run(RaceSpec spec, StopSignal stop) throws DatabaseSetupException, InterruptedException {
        String runId = newRunId();
        Instant startedAt = Instant.now();
        try (Cluster cluster = Cluster.open(targets, urlDialect, spec.threads(), spec.isolation(), spec.lockTimeout(),
                "lockdemo-" + runId)) {
            Run run = new Run(spec, cluster, stop);
            try {
                DatabaseInfo info = cluster.describe();
                List<StrategyResult> results = new ArrayList<>();
                for (StrategyKind kind : spec.strategies()) {
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
        private final List<String> warnings = new ArrayList<>();
        private long firstAttemptNanos;

        Run(RaceSpec spec, Cluster cluster, StopSignal stop) {
            this.spec = spec;
            this.cluster = cluster;
            this.stop = stop;
        }

        /** One strategy's result, or null if the database was lost before it could start. */
        StrategyResult strategy(StrategyKind kind, String runId)
                throws DatabaseSetupException, InterruptedException, SQLException {
            Warmup warm = null;
            if (!warmup.isZero()) {
                // its own run id, so the table has the shape 'lockdemo cleanup' recognizes if it is left behind
                warm = warmUp(kind, newRunId());
                if (warm == null || stop.isRequested()) {
                    return null;
                }
            }
            StrategyTable table = createTable(runId, kind);
            if (table == null) {
                return null;
            }
            try {
                List<Map<String, Long>> before = cluster.counters();
                StrategyRun run = strategyRun(spec, kind, table);
                listener.strategyStarted(kind, run::attemptsSoFar);
                StrategyRun.Measured measured = measured(run);
                List<Map<String, Long>> deltas = cluster.countersSince(before);
                Measurement total = measured.total();
                List<Measurement> perNode = new ArrayList<>();
                for (int i = 0; i < cluster.size(); i++) {
                    perNode.add(cluster.size() == 1 ? total : measured.node(i)); // one node: its workers are all
                }
                ClusterAborts.Relabelled m = ClusterAborts.relabel(total, perNode,
                        cluster.nodes().stream().map(n -> n.galera() != null).toList(), deltas);
                Verdict verdict = TableCheck.check(kind, m.total(), table, cluster, stop);
                Dialect dialect = cluster.dialect();
                RaceIntensity intensity = new RaceIntensity(m.total().raced(), m.total().attempts(),
                        measured.racersPerRound(), measured.startSpreadNanos(),
                        kind.racedLowerBound(dialect.id()).orElse(null));
                StrategyResult result = new StrategyResult(kind, m.total(), verdict, table.name(),
                        measured.lockViewNote(), nodeResults(m.perNode(), deltas), measured.clientCpuNanos(), warm,
                        intensity);
                listener.strategyFinished(result);
                return result;
            } finally {
                drop(table);
            }
        }

        /**
         * Runs the strategy for {@code --warmup} with the same threads, keys, nodes and pools on a
         * table of its own, then drops that table; nothing of it is checked or reported but its
         * length and count. Null if the database was lost before it could start.
         */
        private Warmup warmUp(StrategyKind kind, String warmupRunId)
                throws DatabaseSetupException, InterruptedException, SQLException {
            StrategyTable table = createTable(warmupRunId, kind);
            if (table == null) {
                return null;
            }
            try {
                StrategyRun.Measured measured = measured(strategyRun(spec.warmUp(kind, warmup), kind, table));
                return new Warmup(warmup, measured.elapsedNanos(), measured.total().attempts(), table.name());
            } finally {
                drop(table);
            }
        }

        private StrategyRun strategyRun(RaceSpec runSpec, StrategyKind kind, StrategyTable table) throws SQLException {
            Dialect dialect = cluster.dialect();
            return new StrategyRun(runSpec, kind, kind.create(new RaceSchema(table.name(), dialect.jooqDialect(),
                    dialect.insertReturning()), new StrategyOptions(runSpec.maxRetries())), cluster.pools(), dialect,
                    cluster.samplerConnections(), stop);
        }

        private StrategyRun.Measured measured(StrategyRun run) throws InterruptedException {
            StrategyRun.Measured measured = run.run();
            if (firstAttemptNanos == 0) {
                firstAttemptNanos = measured.startLineNanos();
            }
            return measured;
        }

        /** The strategy's table on every node; null (and the run stopped as database-lost) if a server went away. */
        private StrategyTable createTable(String runId, StrategyKind kind) throws DatabaseSetupException {
            String name = "lockdemo_" + runId + "_" + kind.id().replace('-', '_');
            try {
                return StrategyTable.create(cluster, name);
            } catch (SQLException e) {
                if (cluster.connectionLost(e, SqlStep.CONNECT)) {
                    // the server went away between two strategies: a lost database, not a setup error
                    stop.request(StopSignal.Cause.DATABASE_LOST, "creating table " + name + ": "
                            + ErrorMessages.oneLine(e));
                    return null;
                }
                throw cluster.setupFailure(e, 0, "creating table " + name);
            }
        }

        /** Per node, for a run across nodes or on a cluster node; empty for one plain server. */
        private List<NodeResult> nodeResults(List<Measurement> perNode, List<Map<String, Long>> deltas) {
            if (!cluster.reportsPerNode()) {
                return List.of();
            }
            List<NodeResult> results = new ArrayList<>();
            for (int i = 0; i < perNode.size(); i++) {
                NodeInfo n = cluster.nodes().get(i);
                results.add(new NodeResult(n.name(), n.url(), perNode.get(i), deltas.get(i)));
            }
            return results;
        }

        private void drop(StrategyTable table) {
            if (!spec.keep()) {
                table.drop().ifPresent(warnings::add);
            }
        }
    }

    private static String newRunId() {
        byte[] b = new byte[4];
        new SecureRandom().nextBytes(b);
        return HexFormat.of().formatHex(b);
    }
}
