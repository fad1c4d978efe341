package org.lockdemo.db;

import com.zaxxer.hikari.HikariDataSource;
import com.zaxxer.hikari.pool.HikariPool;
import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.lockdemo.model.Isolation;
import org.lockdemo.model.Outcome;
import org.lockdemo.model.SqlStep;

/**
 * The database servers of one run, one or the nodes of a multi-primary cluster, with lockdemo's
 * sessions on each: an admin session, a lock-view sampler session and a pool for the workers.
 * {@link #open} connects to every node, checks they form one cluster and can take the
 * connections, and fills the pools; afterwards it reads the cluster's counters and makes reads
 * wait for the cluster's latest commits.
 *
 * <p>Not thread-safe: one thread (the runner's) opens, uses and closes it; the workers only
 * borrow connections from {@link #pools()}.
 */
public final class Cluster implements AutoCloseable {
    /** Sessions on a node besides one per worker thread: the admin session and the lock-view sampler. */
    private static final int SESSIONS_BESIDE_WORKERS = 2;
    /** Pools of one node filled at the same time (each on HikariCP's own threads too). */
    private static final int MAX_POOLS_FILLED_AT_ONCE = 8;

    private final List<ClusterNode> nodes;
    /** The URL's dialect, replaced by {@link Dialect#onServer} once the first node answered. */
    private Dialect dialect;

    private Cluster(List<ClusterNode> nodes, Dialect dialect) {
        this.nodes = nodes;
        this.dialect = dialect;
    }

    /** The connections a server must have free for {@code threads} workers on it. */
    public static int connectionsNeeded(int threads) {
        return connectionsNeeded(threads, 1);
    }

    /**
     * The same for workers that each keep {@code connectionsPerThread} connections (a strategy that
     * uses a second connection, {@code GetOrCreate.connectionsPerAttempt()}).
     */
    public static int connectionsNeeded(int threads, int connectionsPerThread) {
        return threads * connectionsPerThread + SESSIONS_BESIDE_WORKERS;
    }

    /**
     * Connects to every node, checks them, and fills a pool per node sized to its threads.
     *
     * @param targets  the nodes, in the order threads are spread over them (thread i on node i % n)
     * @param poolName the pools' name prefix (threads are named after it)
     * @throws DatabaseSetupException naming the node and what failed ({@link ConnectionLimitException}
     *                                when a server has too few free connections); nothing is left open then
     */
    public static Cluster open(List<DatabaseTarget> targets, Dialect dialect, int threads, Isolation isolation,
            Duration lockTimeout, String poolName) throws DatabaseSetupException {
        return open(targets, dialect, threads, 1, isolation, lockTimeout, poolName);
    }

    /**
     * The same with {@code connectionsPerThread} pooled connections per worker thread (each node's
     * pool holds its threads times that many).
     */
    public static Cluster open(List<DatabaseTarget> targets, Dialect dialect, int threads, int connectionsPerThread,
            Isolation isolation, Duration lockTimeout, String poolName) throws DatabaseSetupException {
        if (connectionsPerThread < 1) {
            throw new IllegalArgumentException(connectionsPerThread + " connections per thread");
        }
        if (targets.isEmpty()) {
            throw new IllegalArgumentException("no database");
        }
        if (threads < targets.size()) {
            throw new IllegalArgumentException(threads + " threads for " + targets.size() + " nodes");
        }
        List<ClusterNode> nodes = new ArrayList<>();
        for (int i = 0; i < targets.size(); i++) {
            DatabaseTarget t = targets.get(i);
            int onNode = threads / targets.size() + (i < threads % targets.size() ? 1 : 0);
            // the admin session bounds its own lock waits too: dropping a table a foreign session
            // holds a lock on must fail after --lock-timeout, not hang the end of the run
            nodes.add(new ClusterNode(i, t, onNode, connectionsPerThread, new ReopeningConnection(t, dialect,
                    dialect.sessionInitSql(lockTimeout)), new ReopeningConnection(t, dialect, "")));
        }
        Cluster cluster = new Cluster(List.copyOf(nodes), dialect);
        try {
            cluster.setUp(isolation, lockTimeout, poolName);
            return cluster;
        } catch (DatabaseSetupException | RuntimeException e) {
            cluster.close();
            throw e;
        }
    }

    private void setUp(Isolation isolation, Duration lockTimeout, String poolName) throws DatabaseSetupException {
        ClusterNode current = nodes.get(0);
        try {
            dialect = dialect.onServer(connected(current.admin, current));
            for (ClusterNode n : nodes) {
                current = n;
                Connection admin = connected(n.admin, n);
                String[] pv = dialect.productAndVersion(admin);
                n.info = new NodeInfo(n.target.redactedUrl(), pv[0], pv[1], dialect.onServer(admin)
                        .clusterStatus(admin).orElse(null));
            }
            ClusterMembership.require(nodes.stream().map(n -> n.info).toList());
            for (ClusterNode n : nodes) {
                current = n;
                checkConnectionLimit(n, connected(n.admin, n));
            }
            for (ClusterNode n : nodes) {
                current = n;
                n.pools = createPools(n, isolation, lockTimeout, poolName + (nodes.size() == 1 ? "" : "-n" + (n.index + 1)));
                connected(n.sampler, n);
            }
        } catch (SQLException e) {
            throw new DatabaseSetupException(dialect.explainSetupFailure(e, current.target, "setting up the run"
                    + current.where(nodes.size())), e);
        }
    }

    /** The dialect as the first node answered it (e.g. MariaDB rather than MySQL). */
    public Dialect dialect() {
        return dialect;
    }

    public int size() {
        return nodes.size();
    }

    /** The workers' pools: per node, in node order, sized to the threads that run on it. */
    public WorkerPools pools() {
        return new WorkerPools(nodes.stream().map(n -> n.pools).toList());
    }

    /** One lock-view connection per node, in node order, reopened if one died. */
    public List<Connection> samplerConnections() throws SQLException {
        List<Connection> cs = new ArrayList<>();
        for (ClusterNode n : nodes) {
            cs.add(n.sampler.get());
        }
        return cs;
    }

    /** Each node as the run found it, in node order. */
    public List<NodeInfo> nodes() {
        return nodes.stream().map(n -> n.info).toList();
    }

    /** True for a run across nodes or on a cluster node, whose results are also given per node. */
    public boolean reportsPerNode() {
        return nodes.size() > 1 || nodes.get(0).isClusterNode();
    }

    /** For messages: "" for a run on one server, else " on node i (url)". */
    public String where(int node) {
        return nodes.get(node).where(nodes.size());
    }

    /** What the run races on, from the first node and one pooled session (its isolation level). */
    public DatabaseInfo describe() throws SQLException {
        ClusterNode first = nodes.get(0);
        try (Connection c = first.pools.get(0).getConnection()) {
            // the pool's connections read without a socket timeout (the workers' answer watchdog
            // bounds theirs); these reads are bounded here, and the pool resets it on close
            long bound = first.target.socketTimeout().toMillis();
            if (bound > 0) {
                c.setNetworkTimeout(Runnable::run, (int) Math.min(Integer.MAX_VALUE, bound));
            }
            DatabaseInfo info = new DatabaseInfo(dialect.id(), first.info.product(), first.info.version(),
                    first.target.redactedUrl(), dialect.effectiveIsolation(c), first.target.isEmbedded(),
                    dialect.outcomeSettings(c), reportsPerNode() ? nodes() : List.of());
            c.rollback();
            return info;
        }
    }

    /** Each node's counters of aborted transactions, in node order (empty maps when not cluster nodes). */
    public List<Map<String, Long>> counters() throws SQLException {
        List<Map<String, Long>> all = new ArrayList<>();
        for (ClusterNode n : nodes) {
            all.add(n.isClusterNode() ? dialect.clusterCounters(n.admin.get()) : Map.of());
        }
        return all;
    }

    /** Per node, each counter's value now minus in {@code before} (an earlier {@link #counters()}). */
    public List<Map<String, Long>> countersSince(List<Map<String, Long>> before) throws SQLException {
        List<Map<String, Long>> after = counters();
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

    /** True when {@code e}, raised by {@code step}, means the server went away. */
    public boolean connectionLost(SQLException e, SqlStep step) {
        return dialect.classifier().classify(e, step) == Outcome.CONNECTION_LOST;
    }

    /** A setup failure on {@code node}, explained for the user. */
    public DatabaseSetupException setupFailure(SQLException e, int node, String whatFailed) {
        return new DatabaseSetupException(dialect.explainSetupFailure(e, nodes.get(node).target, whatFailed), e);
    }

    /** The admin session of {@code node}, reopened if it died. */
    Connection admin(int node) throws SQLException {
        return nodes.get(node).admin.get();
    }

    /** The admin session of {@code node}, after waiting until it has the cluster's latest commits. */
    Connection syncedAdmin(int node) throws SQLException {
        Connection c = admin(node);
        String sql = dialect.clusterSyncedReadsSql(); // empty off a cluster
        if (!sql.isEmpty()) {
            try (Statement s = c.createStatement()) {
                s.execute(sql);
            }
        }
        return c;
    }

    private Connection connected(ReopeningConnection c, ClusterNode n) throws DatabaseSetupException {
        try {
            return c.get();
        } catch (SQLException e) {
            throw new DatabaseSetupException(dialect.explainSetupFailure(e, n.target, "connecting"
                    + (nodes.size() == 1 ? "" : " to " + n.describe(nodes.size()))), e);
        }
    }

    /** The workers' pool and the lock-view sampler must fit; the admin session is already open. */
    private void checkConnectionLimit(ClusterNode n, Connection admin) throws DatabaseSetupException, SQLException {
        int needed = n.poolSize + SESSIONS_BESIDE_WORKERS - 1;
        int available = dialect.availableConnections(admin);
        if (available >= 0 && needed > available) {
            String perThread = n.poolSize == n.threads ? "one per thread" : n.poolSize / n.threads + " per thread";
            throw new ConnectionLimitException(String.format(Locale.ROOT,
                    "--threads %d needs %d connections%s (%s plus the lock-view sampler), but the server "
                            + "has only %d free (%s); lower --threads or raise the server's limit",
                    n.threads, needed, n.where(nodes.size()), perThread, available,
                    dialect.connectionLimitDescription(admin)));
        }
    }

    /**
     * The node's workers' pools ({@link WorkerPools}), all filled before the start line so that no
     * attempt waits for a connection to open; filled side by side, each on a thread of its own. If
     * one cannot be opened, or the fill is interrupted, none is left open.
     */
    private List<HikariDataSource> createPools(ClusterNode n, Isolation isolation, Duration lockTimeout,
            String poolName) throws DatabaseSetupException, SQLException {
        int shards = WorkerPools.shards(n.threads);
        if (shards == 1) {
            return List.of(createPool(n, n.poolSize, isolation, lockTimeout, poolName));
        }
        PoolFill opened = new PoolFill();
        ExecutorService fill = Executors.newFixedThreadPool(Math.min(shards, MAX_POOLS_FILLED_AT_ONCE), r -> {
            Thread t = new Thread(r, poolName + "-fill");
            t.setDaemon(true);
            return t;
        });
        try {
            List<Future<HikariDataSource>> opening = new ArrayList<>();
            for (int s = 0; s < shards; s++) {
                int size = WorkerPools.threadsOf(n.threads, shards, s) * n.connectionsPerThread;
                String name = poolName + "-p" + (s + 1);
                opening.add(fill.submit(() -> opened.add(createPool(n, size, isolation, lockTimeout, name))));
            }
            List<HikariDataSource> pools = new ArrayList<>();
            for (Future<HikariDataSource> f : opening) {
                try {
                    pools.add(f.get());
                } catch (ExecutionException e) {
                    opened.abandon();
                    if (e.getCause() instanceof DatabaseSetupException d) {
                        throw d;
                    }
                    if (e.getCause() instanceof SQLException q) {
                        throw q;
                    }
                    throw new DatabaseSetupException("opening the pools" + n.where(nodes.size()) + ": " + e.getCause(),
                            e.getCause());
                }
            }
            return pools;
        } catch (InterruptedException e) {
            opened.abandon();
            Thread.currentThread().interrupt();
            throw new DatabaseSetupException("interrupted while opening the pools" + n.where(nodes.size()), e);
        } finally {
            fill.shutdownNow(); // after a failure the other fills stop early; what they open is closed
        }
    }

    /**
     * The pools a fill has opened so far; once abandoned (a failure, an interrupt) it closes those
     * and every one opened later. Thread-safe: the fill threads add, the setting-up thread abandons.
     */
    private static final class PoolFill {
        private final List<HikariDataSource> opened = new ArrayList<>();
        private boolean abandoned;

        synchronized HikariDataSource add(HikariDataSource pool) {
            if (abandoned) {
                pool.close();
            } else {
                opened.add(pool);
            }
            return pool;
        }

        synchronized void abandon() {
            abandoned = true;
            opened.forEach(HikariDataSource::close);
            opened.clear();
        }
    }

    /** A pool of {@code size} connections for the node's workers, filled before it is returned. */
    private HikariDataSource createPool(ClusterNode n, int size, Isolation isolation, Duration lockTimeout,
            String poolName) throws DatabaseSetupException, SQLException {
        String where = n.where(nodes.size());
        HikariDataSource pool;
        try {
            pool = ConnectionPools.create(n.target, dialect, size, isolation, lockTimeout, poolName);
        } catch (HikariPool.PoolInitializationException e) {
            if (e.getCause() instanceof SQLException s) {
                throw new DatabaseSetupException(dialect.explainSetupFailure(s, n.target, "opening the pool" + where), e);
            }
            throw new DatabaseSetupException("opening the pool" + where + ": " + e.getMessage(), e);
        }
        List<Connection> held = new ArrayList<>();
        try {
            for (int i = 0; i < size; i++) {
                held.add(pool.getConnection());
            }
        } catch (SQLException e) {
            pool.close();
            throw new DatabaseSetupException(dialect.explainSetupFailure(e, n.target,
                    "opening " + n.poolSize + " pooled connections" + where), e);
        } finally {
            for (Connection c : held) {
                c.close();
            }
        }
        return pool;
    }

    @Override
    public void close() {
        nodes.forEach(ClusterNode::close);
    }
}
