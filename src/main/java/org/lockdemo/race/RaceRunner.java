package org.lockdemo.race;

import com.zaxxer.hikari.HikariDataSource;
import com.zaxxer.hikari.pool.HikariPool;
import java.security.SecureRandom;
import java.sql.Connection;
import java.sql.SQLException;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.Locale;
import java.util.LinkedHashMap;
import java.util.Map;
import org.lockdemo.check.Checker;
import org.lockdemo.check.KeyRow;
import org.lockdemo.check.NodeTable;
import org.lockdemo.check.RunFacts;
import org.lockdemo.check.Verdict;
import org.lockdemo.db.ConnectionPools;
import org.lockdemo.db.ClusterMembership;
import org.lockdemo.db.DatabaseInfo;
import org.lockdemo.db.DatabaseSetupException;
import org.lockdemo.db.DatabaseTarget;
import org.lockdemo.db.Dialect;
import org.lockdemo.db.GaleraStatus;
import org.lockdemo.db.NodeInfo;
import org.lockdemo.db.RaceTable;
import org.lockdemo.db.ReopeningConnection;
import org.lockdemo.metrics.ErrorMessages;
import org.lockdemo.model.Outcome;
import org.lockdemo.model.SqlStep;
import org.lockdemo.metrics.Measurement;
import org.lockdemo.strategy.RaceSchema;
import org.lockdemo.strategy.StrategyKind;
import org.lockdemo.strategy.StrategyOptions;

/**
 * Runs a {@link RaceSpec} against one database, or across the nodes of a multi-primary cluster:
 * checks that each server can take the connections, fills a pool per node sized to its threads,
 * and for each strategy creates lockdemo's own table (once; DDL replicates), races, reads the
 * table back on every node, checks it and drops it (unless {@code keep}). Not thread-safe: one
 * thread calls {@link #run}; {@link StopSignal} is how other threads stop it.
 */
public final class RaceRunner {
    private final List<DatabaseTarget> targets;
    private final RaceListener listener;
    private final Duration warmup;
    private final List<String> warnings = new ArrayList<>();
    /** The URL's dialect, replaced by {@link Dialect#onServer} once the first node answered. */
    private Dialect dialect;
    private long firstAttemptNanos;

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
        this.dialect = dialect;
        this.listener = listener;
        this.warmup = warmup;
    }

    public RaceResult run(RaceSpec spec, StopSignal stop) throws DatabaseSetupException, InterruptedException {
        if (spec.threads() < targets.size()) {
            throw new IllegalArgumentException(spec.threads() + " threads for " + targets.size() + " nodes");
        }
        String runId = newRunId();
        Instant startedAt = Instant.now();
        List<Node> nodes = new ArrayList<>();
        try {
            for (int i = 0; i < targets.size(); i++) {
                DatabaseTarget t = targets.get(i);
                int threads = spec.threads() / targets.size() + (i < spec.threads() % targets.size() ? 1 : 0);
                // the admin session bounds its own lock waits too: dropping a table a foreign session
                // holds a lock on must fail after --lock-timeout, not hang the end of the run
                nodes.add(new Node(i, t, threads, new ReopeningConnection(t, dialect,
                        dialect.sessionInitSql(spec.lockTimeout())), new ReopeningConnection(t, dialect, "")));
            }
            return run(spec, stop, runId, startedAt, nodes);
        } finally {
            nodes.forEach(Node::close);
        }
    }

    private RaceResult run(RaceSpec spec, StopSignal stop, String runId, Instant startedAt, List<Node> nodes)
            throws DatabaseSetupException, InterruptedException {
        Node current = nodes.get(0);
        try {
            dialect = dialect.onServer(connected(current, nodes.size()));
            for (Node n : nodes) {
                current = n;
                Connection admin = connected(n, nodes.size());
                String[] pv = dialect.productAndVersion(admin);
                n.info = new NodeInfo(n.target.redactedUrl(), pv[0], pv[1], dialect.onServer(admin)
                        .clusterStatus(admin).orElse(null));
            }
            ClusterMembership.require(nodes.stream().map(n -> n.info).toList());
            for (Node n : nodes) {
                current = n;
                // the workers' pool and the lock-view sampler
                checkConnectionLimit(n, nodes.size(), connected(n, nodes.size()), n.threads + 1);
            }
            for (Node n : nodes) {
                current = n;
                n.pool = createPool(n, nodes.size(), spec, runId);
                connected(n.sampler, n, nodes.size());
            }
            current = nodes.get(0);
            DatabaseInfo info = describe(nodes);
            List<StrategyResult> results = new ArrayList<>();
            for (StrategyKind kind : spec.strategies()) {
                if (stop.isRequested()) {
                    break;
                }
                StrategyResult r = runStrategy(spec, kind, runId, nodes, stop);
                if (r != null) {
                    results.add(r);
                }
            }
            return new RaceResult(runId, info, spec, results, startedAt, Instant.now(), stop.reason(),
                    dialect.lockView().method());
        } catch (SQLException e) {
            throw new DatabaseSetupException(dialect.explainSetupFailure(e, current.target, "setting up the run"
                    + (nodes.size() == 1 ? "" : " on " + current.describe(nodes.size()))), e);
        }
    }

    /** Things the user must know that did not stop the run, e.g. a table that could not be dropped. */
    public List<String> warnings() {
        return List.copyOf(warnings);
    }

    private void noteFirstAttempt(StrategyRun.Measured measured) {
        if (firstAttemptNanos == 0) {
            firstAttemptNanos = measured.startLineNanos();
        }
    }

    /**
     * {@link System#nanoTime()} when the first workers (a warm-up's, if any) left the start line; 0
     * if none did.
     */
    public long firstAttemptNanos() {
        return firstAttemptNanos;
    }

    /** One strategy's result, or null if the database was lost before it could start. */
    private StrategyResult runStrategy(RaceSpec spec, StrategyKind kind, String runId, List<Node> nodes,
            StopSignal stop) throws DatabaseSetupException, InterruptedException, SQLException {
        Node first = nodes.get(0);
        Warmup warm = null;
        if (!warmup.isZero()) {
            // its own run id, so the table has the shape 'lockdemo cleanup' recognizes if it is left behind
            warm = warmUp(spec, kind, newRunId(), nodes, stop);
            if (warm == null || stop.isRequested()) {
                return null;
            }
        }
        RaceTable table = createTable(runId, kind, nodes, stop);
        if (table == null) {
            return null;
        }
        try {
            List<Map<String, Long>> countersBefore = counters(nodes);
            StrategyRun run = strategyRun(spec, kind, table, nodes, stop);
            listener.strategyStarted(kind, run::attemptsSoFar);
            StrategyRun.Measured measured = run.run();
            noteFirstAttempt(measured);
            List<Map<String, Long>> countersAfter = counters(nodes);
            List<Map<String, Long>> deltas = deltas(countersBefore, countersAfter);
            relabelClusterAborts(nodes, measured, deltas);
            Measurement m = measured.total();
            Verdict verdict = check(kind, m, table, nodes, stop);
            RaceIntensity intensity = new RaceIntensity(m.raced(), m.attempts(), measured.racersPerRound(),
                    measured.startSpreadNanos(), kind.racedLowerBound(dialect.id()).orElse(null));
            StrategyResult result = new StrategyResult(kind, m, verdict, table.name(), measured.lockViewNote(),
                    nodeResults(nodes, measured, deltas), measured.clientCpuNanos(), warm, intensity);
            listener.strategyFinished(result);
            return result;
        } finally {
            if (!spec.keep()) {
                drop(table, first.admin);
            }
        }
    }

    /**
     * Runs the strategy for {@code --warmup} with the same threads, keys, nodes and pools on a table
     * of its own, then drops that table; nothing of it is checked or reported but its length and
     * count. Null if the database was lost before it could start.
     */
    private Warmup warmUp(RaceSpec spec, StrategyKind kind, String warmupRunId, List<Node> nodes, StopSignal stop)
            throws DatabaseSetupException, InterruptedException, SQLException {
        RaceTable table = createTable(warmupRunId, kind, nodes, stop);
        if (table == null) {
            return null;
        }
        try {
            StrategyRun run = strategyRun(spec.warmUp(kind, warmup), kind, table, nodes, stop);
            StrategyRun.Measured measured = run.run();
            noteFirstAttempt(measured);
            return new Warmup(warmup, measured.elapsedNanos(), measured.total().attempts(), table.name());
        } finally {
            if (!spec.keep()) {
                drop(table, nodes.get(0).admin);
            }
        }
    }

    /** The strategy's workers on every node's pool, racing on {@code table}. */
    private StrategyRun strategyRun(RaceSpec spec, StrategyKind kind, RaceTable table, List<Node> nodes,
            StopSignal stop) throws SQLException {
        return new StrategyRun(spec, kind, kind.create(new RaceSchema(table.name(), dialect.jooqDialect(),
                dialect.insertReturning()), new StrategyOptions(spec.maxRetries())),
                nodes.stream().map(n -> n.pool).toList(), dialect, samplerConnections(nodes), stop);
    }

    /**
     * Creates a strategy's table on the first node and waits until every other node has it; null
     * (and the run stopped as database-lost) if a server went away.
     */
    private RaceTable createTable(String runId, StrategyKind kind, List<Node> nodes, StopSignal stop)
            throws DatabaseSetupException {
        Node first = nodes.get(0);
        RaceTable table = new RaceTable("lockdemo_" + runId + "_" + kind.id().replace('-', '_'), dialect);
        try {
            table.create(first.admin.get());
            for (Node n : nodes.subList(1, nodes.size())) {
                // DDL replicates in total order; a synced read on each node waits until it has it
                syncedRead(n.admin.get());
                table.readKeys(n.admin.get());
            }
            return table;
        } catch (SQLException e) {
            if (dialect.classifier().classify(e, SqlStep.CONNECT) == Outcome.CONNECTION_LOST) {
                // the server went away between two strategies: a lost database, not a setup error
                stop.request(StopSignal.Cause.DATABASE_LOST, "creating table " + table.name() + ": "
                        + ErrorMessages.oneLine(e));
                return null;
            }
            throw new DatabaseSetupException(dialect.explainSetupFailure(e, first.target, "creating table "
                    + table.name()), e);
        }
    }

    private static List<Connection> samplerConnections(List<Node> nodes) throws SQLException {
        List<Connection> cs = new ArrayList<>();
        for (Node n : nodes) {
            cs.add(n.sampler.get());
        }
        return cs;
    }

    /** Each node's counters of aborted transactions (empty maps when not cluster nodes). */
    private List<Map<String, Long>> counters(List<Node> nodes) throws SQLException {
        List<Map<String, Long>> all = new ArrayList<>();
        for (Node n : nodes) {
            all.add(n.info.galera() == null ? Map.of() : dialect.clusterCounters(n.admin.get()));
        }
        return all;
    }

    /** Per node, each counter's value after minus before. */
    private static List<Map<String, Long>> deltas(List<Map<String, Long>> before, List<Map<String, Long>> after) {
        List<Map<String, Long>> all = new ArrayList<>();
        for (int i = 0; i < after.size(); i++) {
            Map<String, Long> d = new LinkedHashMap<>();
            for (Map.Entry<String, Long> e : after.get(i).entrySet()) {
                d.put(e.getKey(), e.getValue() - before.get(i).getOrDefault(e.getKey(), 0L));
            }
            all.add(d);
        }
        return all;
    }

    /**
     * On a cluster node, a 1213 on a statement before COMMIT is an InnoDB deadlock or a brute-force
     * abort by the cluster, and the error does not say which (see MySqlErrorClassifier). When the
     * node's InnoDB counted no deadlock at all while the strategy ran, none of them can have been a
     * deadlock: they are all certification failures, and are counted so. Otherwise they stay
     * deadlocks (the counters are server-wide, so they cannot be shared out between attempts).
     */
    private static void relabelClusterAborts(List<Node> nodes, StrategyRun.Measured measured,
            List<Map<String, Long>> deltas) {
        for (int i = 0; i < nodes.size(); i++) {
            if (nodes.get(i).info.galera() != null && GaleraStatus.noLocalDeadlocks(deltas.get(i))) {
                measured.perNode().get(i).forEach(w -> w.relabel(Outcome.DEADLOCK, Outcome.CERTIFICATION_FAILURE));
            }
        }
    }

    /** Per node, for a run across nodes or on a cluster node; empty for one plain server. */
    private static List<NodeResult> nodeResults(List<Node> nodes, StrategyRun.Measured measured,
            List<Map<String, Long>> deltas) {
        if (nodes.size() == 1 && nodes.get(0).info.galera() == null) {
            return List.of();
        }
        List<NodeResult> results = new ArrayList<>();
        for (int i = 0; i < nodes.size(); i++) {
            results.add(new NodeResult(nodes.get(i).info.name(), nodes.get(i).info.url(), measured.node(i),
                    deltas.get(i)));
        }
        return results;
    }

    /**
     * Reads the table back on every node and checks it. If a database is gone, the checks that need
     * the table cannot run: the run is stopped as database-lost and the verdict says what was not
     * checked.
     */
    private Verdict check(StrategyKind kind, Measurement m, RaceTable table, List<Node> nodes, StopSignal stop)
            throws SQLException {
        boolean expectedSafe = nodes.size() > 1 ? kind.expectedSafeAcrossNodes() : kind.expectedSafe();
        RunFacts facts = new RunFacts(expectedSafe, m.attempts(), m.outcomes(), m.insertsCommitted(),
                m.incrementsPerKey(), kind.locksRow(), m.commitsUnknown().inserts(),
                m.commitsUnknown().incrementsPerKey());
        List<NodeTable> tables = new ArrayList<>();
        for (Node n : nodes) {
            try {
                Connection c = n.admin.get();
                syncedRead(c);
                tables.add(new NodeTable(n.info.name(), table.readKeys(c)));
            } catch (SQLException e) {
                if (dialect.classifier().classify(e, SqlStep.SELECT) != Outcome.CONNECTION_LOST) {
                    throw e;
                }
                String why = "reading table " + table.name() + " back" + (nodes.size() == 1 ? ""
                        : " on " + n.describe(nodes.size())) + ": " + ErrorMessages.oneLine(e);
                stop.request(StopSignal.Cause.DATABASE_LOST, why);
                return Checker.checkWithoutTable(facts, why);
            }
        }
        return nodes.size() == 1 ? Checker.check(facts, tables.get(0).rows()) : Checker.checkAcrossNodes(facts, tables);
    }

    /** Makes the session's next reads wait for the cluster's latest commits (a no-op off a cluster). */
    private void syncedRead(Connection c) throws SQLException {
        String sql = dialect.clusterSyncedReadsSql();
        if (!sql.isEmpty()) {
            try (var s = c.createStatement()) {
                s.execute(sql);
            }
        }
    }

    /** Drops the run's table; a failure (database gone, a foreign lock) is a warning naming the table. */
    private void drop(RaceTable table, ReopeningConnection admin) {
        try {
            table.drop(admin.get());
        } catch (SQLException e) {
            warnings.add("table " + table.name() + " was left behind: dropping it failed: " + ErrorMessages.oneLine(e)
                    + "; remove it later with 'lockdemo cleanup'");
        }
    }

    private Connection connected(Node n, int nodes) throws DatabaseSetupException {
        return connected(n.admin, n, nodes);
    }

    private Connection connected(ReopeningConnection c, Node n, int nodes) throws DatabaseSetupException {
        try {
            return c.get();
        } catch (SQLException e) {
            throw new DatabaseSetupException(dialect.explainSetupFailure(e, n.target, "connecting"
                    + (nodes == 1 ? "" : " to " + n.describe(nodes))), e);
        }
    }

    private void checkConnectionLimit(Node n, int nodes, Connection admin, int needed)
            throws DatabaseSetupException, SQLException {
        int available = dialect.availableConnections(admin);
        if (available >= 0 && needed > available) {
            throw new DatabaseSetupException(String.format(Locale.ROOT,
                    "--threads %d needs %d connections%s (one per thread plus the lock-view sampler), but the server "
                            + "has only %d free (%s); lower --threads or raise the server's limit",
                    needed - 1, needed, nodes == 1 ? "" : " on " + n.describe(nodes), available,
                    dialect.connectionLimitDescription(admin)));
        }
    }

    private HikariDataSource createPool(Node n, int nodes, RaceSpec spec, String runId)
            throws DatabaseSetupException, SQLException {
        String where = nodes == 1 ? "" : " on " + n.describe(nodes);
        HikariDataSource pool;
        try {
            pool = ConnectionPools.create(n.target, dialect, n.threads, spec.isolation(), spec.lockTimeout(),
                    "lockdemo-" + runId + (nodes == 1 ? "" : "-n" + (n.index + 1)));
        } catch (HikariPool.PoolInitializationException e) {
            if (e.getCause() instanceof SQLException s) {
                throw new DatabaseSetupException(dialect.explainSetupFailure(s, n.target, "opening the pool" + where), e);
            }
            throw new DatabaseSetupException("opening the pool" + where + ": " + e.getMessage(), e);
        }
        // Fill the pool before the start line, so no attempt waits for a connection to be opened.
        List<Connection> held = new ArrayList<>();
        try {
            for (int i = 0; i < n.threads; i++) {
                held.add(pool.getConnection());
            }
        } catch (SQLException e) {
            pool.close();
            throw new DatabaseSetupException(dialect.explainSetupFailure(e, n.target,
                    "opening " + n.threads + " pooled connections" + where), e);
        } finally {
            for (Connection c : held) {
                c.close();
            }
        }
        return pool;
    }

    private DatabaseInfo describe(List<Node> nodes) throws SQLException {
        Node first = nodes.get(0);
        try (Connection c = first.pool.getConnection()) {
            DatabaseInfo info = new DatabaseInfo(dialect.id(), first.info.product(), first.info.version(),
                    first.target.redactedUrl(), dialect.effectiveIsolation(c), first.target.isEmbedded(),
                    dialect.outcomeSettings(c), nodes.size() == 1 && first.info.galera() == null ? List.of()
                            : nodes.stream().map(n -> n.info).toList());
            c.rollback();
            return info;
        }
    }

    private static String newRunId() {
        byte[] b = new byte[4];
        new SecureRandom().nextBytes(b);
        return HexFormat.of().formatHex(b);
    }
}
