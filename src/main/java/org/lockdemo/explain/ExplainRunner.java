package org.lockdemo.explain;

import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ThreadLocalRandom;
import org.lockdemo.db.Connections;
import org.lockdemo.db.DatabaseSetupException;
import org.lockdemo.db.GaleraStatus;
import org.lockdemo.db.DatabaseTarget;
import org.lockdemo.db.Dialect;
import org.lockdemo.db.RaceTable;
import org.lockdemo.model.Isolation;
import org.lockdemo.race.StopSignal;

/**
 * Runs a {@link Scenario} on real sessions: opens one connection and thread per session
 * ({@link Session}) on a new table, has the {@link ScheduleInterpreter} send the steps in order
 * while the server's lock view ({@link ServerLockView}) tells which step waits for whom, then reads
 * the final rows and drops the table. What it records contains no timings, so the same scenario
 * on the same server gives the same timeline.
 *
 * <p>A cluster scenario ({@link Scenario#clustered()}) opens each session on its node, with one
 * observer per node for the checks, the lock view (a lock exists only on its node) and the final
 * rows; the table is created and dropped on node 1, and replicated to the others before the first
 * step and before the run ends.
 *
 * <p>Not thread-safe: one runner per run, called from one thread.
 */
public final class ExplainRunner {
    /** The name lockdemo's table is shown under, so the output does not depend on its random suffix. */
    public static final String DISPLAY_TABLE = "lockdemo_explain";

    private final List<DatabaseTarget> nodes;
    private final Dialect dialect;
    private final Duration stepTimeout;
    private final StopSignal stop;

    /**
     * @param stepTimeout how long a step may neither finish nor show as waiting for a lock before the
     *                    run is stopped; also the server-side bound on each lock wait, times three
     * @param stop        polled between steps and while waiting (Ctrl-C)
     */
    public ExplainRunner(DatabaseTarget target, Dialect dialect, Duration stepTimeout, StopSignal stop) {
        this(List.of(target), dialect, stepTimeout, stop);
    }

    /**
     * @param nodes one target per node the scenario uses, in node order (one for a scenario that is
     *              not a cluster's); a cluster scenario's are the nodes of one MariaDB Galera cluster
     */
    public ExplainRunner(List<DatabaseTarget> nodes, Dialect dialect, Duration stepTimeout, StopSignal stop) {
        if (nodes.isEmpty()) {
            throw new IllegalArgumentException("no database to run on");
        }
        this.nodes = List.copyOf(nodes);
        this.dialect = dialect;
        this.stepTimeout = stepTimeout;
        this.stop = stop;
    }

    /**
     * @param isolation the level every session runs at ({@link Isolation#DEFAULT}: the server's)
     * @throws DatabaseSetupException when a database cannot be reached or the table not created,
     *                                or a cluster's node is not Synced
     * @throws ScenarioException      when a cluster scenario's nodes are not Galera nodes of one cluster
     */
    public Timeline run(Scenario scenario, Isolation isolation)
            throws DatabaseSetupException, ScenarioException, InterruptedException {
        if (nodes.size() != scenario.nodeCount()) {
            throw new IllegalArgumentException(scenario.name() + " runs on " + scenario.nodeCount() + " node(s), given "
                    + nodes.size());
        }
        List<Connection> observers = new ArrayList<>();
        try {
            for (DatabaseTarget node : nodes) {
                try {
                    observers.add(Connections.open(node, dialect));
                } catch (SQLException e) {
                    throw new DatabaseSetupException(dialect.explainSetupFailure(e, node, "connect"), e);
                }
            }
            if (scenario.clustered()) {
                checkCluster(scenario, observers);
            }
            Timeline timeline = runOnNewTable(scenario, isolation, observers);
            closeAll(observers, null);
            return timeline;
        } catch (Throwable e) {
            closeAll(observers, e);
            throw e;
        }
    }

    /** Closes the observers; a failure to close is reported unless an earlier failure is. */
    private void closeAll(List<Connection> observers, Throwable earlier) throws DatabaseSetupException {
        DatabaseSetupException first = null;
        for (int i = 0; i < observers.size(); i++) {
            try {
                observers.get(i).close();
            } catch (SQLException e) {
                if (earlier != null) {
                    earlier.addSuppressed(e);
                } else if (first == null) {
                    first = new DatabaseSetupException(dialect.explainSetupFailure(e, nodes.get(i), "close"), e);
                }
            }
        }
        observers.clear();
        if (first != null) {
            throw first;
        }
    }

    private void checkCluster(Scenario scenario, List<Connection> observers)
            throws ScenarioException, DatabaseSetupException {
        List<Optional<GaleraStatus>> states = new ArrayList<>();
        List<String> where = new ArrayList<>();
        for (int i = 0; i < observers.size(); i++) {
            where.add("node " + (i + 1) + " (" + nodes.get(i).redactedUrl() + ")");
            try {
                Connection c = observers.get(i);
                states.add(dialect.onServer(c).clusterStatus(c));
            } catch (SQLException e) {
                throw new DatabaseSetupException(dialect.explainSetupFailure(e, nodes.get(i), "read the wsrep state"), e);
            }
        }
        GaleraNodes.check(scenario.name(), scenario.nodeCount(), states, where);
    }

    /** Creates the table on node 1 (DDL replicates to the others), runs, drops it on node 1. */
    private Timeline runOnNewTable(Scenario scenario, Isolation isolation, List<Connection> observers)
            throws DatabaseSetupException, InterruptedException {
        Connection first = observers.get(0);
        String suffix = Long.toString(ThreadLocalRandom.current().nextLong(1L << 40), 36);
        RaceTable table = new RaceTable(DISPLAY_TABLE + "_" + suffix, dialect);
        String[] product;
        try {
            product = dialect.productAndVersion(first);
            table.create(first);
        } catch (SQLException e) {
            throw new DatabaseSetupException(dialect.explainSetupFailure(e, nodes.get(0), "create the table"), e);
        }
        Timeline timeline;
        try {
            awaitOnEveryNode(observers, table.name(), true);
            timeline = runOnTable(scenario, isolation, observers, table, product);
        } catch (Throwable e) {
            try {
                table.drop(first);
            } catch (SQLException dropFailed) {
                e.addSuppressed(dropFailed); // the first failure is the one to report
            }
            throw e;
        }
        try {
            table.drop(first);
        } catch (SQLException e) {
            throw new DatabaseSetupException(dialect.explainSetupFailure(e, nodes.get(0), "drop " + table.name()), e);
        }
        awaitOnEveryNode(observers, table.name(), false);
        return timeline;
    }

    /**
     * On a cluster, waits until every other node has applied the CREATE (or DROP) that node 1 ran:
     * a DDL statement replicates in total order, but another node applies it a moment later. A
     * causal read returns only after that, so no step on node 2 can miss the table, and no table
     * is left behind on any node.
     */
    private void awaitOnEveryNode(List<Connection> observers, String table, boolean exists)
            throws DatabaseSetupException {
        for (int i = 1; i < observers.size(); i++) {
            try {
                boolean there = GaleraNodes.tableExists(observers.get(i), table);
                if (there != exists) {
                    throw new DatabaseSetupException("node " + (i + 1) + " (" + nodes.get(i).redactedUrl() + ") "
                            + (exists ? "does not have " : "still has ") + "table " + table + " after a causal read "
                            + "(wsrep_sync_wait = " + GaleraNodes.SYNC_WAIT_READS + "); is it a node of the same cluster?");
                }
            } catch (SQLException e) {
                throw new DatabaseSetupException(dialect.explainSetupFailure(e, nodes.get(i),
                        (exists ? "see the new table " : "see the dropped table ") + table + " replicated"), e);
            }
        }
    }

    private Timeline runOnTable(Scenario scenario, Isolation isolation, List<Connection> observers, RaceTable table,
            String[] product) throws DatabaseSetupException, InterruptedException {
        Map<String, Session> sessions = new LinkedHashMap<>();
        String effectiveIsolation;
        ScheduleInterpreter.Outcome outcome;
        try {
            try {
                for (String name : scenario.sessions()) {
                    sessions.put(name, open(name, isolation, table.name(), scenario));
                }
                Connection first = sessions.values().iterator().next().connection();
                effectiveIsolation = dialect.effectiveIsolation(first);
                first.commit(); // the query above must not leave a transaction (and a snapshot) open
            } catch (SQLException e) {
                throw new DatabaseSetupException(dialect.explainSetupFailure(e, nodes.get(0), "open the sessions"), e);
            }
            SessionLockView locks = new ServerLockView(dialect, nodes, observers, sessions.values());
            outcome = new ScheduleInterpreter(locks, stepTimeout, stop).run(scenario.steps(), sessions);
        } finally {
            for (Session s : sessions.values()) {
                s.cancel();
            }
            for (Session s : sessions.values()) {
                s.close(stepTimeout.toMillis());
            }
        }
        return new Timeline(scenario, product[0], product[1], effectiveIsolation, DISPLAY_TABLE, outcome.events(),
                finalRows(scenario, observers, table.name()), outcome.stuck());
    }

    private Session open(String name, Isolation isolation, String table, Scenario scenario) throws SQLException {
        int node = scenario.node(name);
        Connection c = Connections.open(nodes.get(node - 1), dialect);
        try {
            String init = dialect.sessionInitSql(stepTimeout.multipliedBy(3));
            try (Statement s = c.createStatement()) {
                if (!init.isEmpty()) {
                    s.execute(init);
                }
                if (scenario.clustered()) {
                    // causal reads: a step's read sees every transaction committed on any node before
                    // it, so what a session reads does not depend on how far replication has got
                    s.execute(GaleraNodes.SYNC_READS_SQL);
                }
            }
            c.setAutoCommit(false);
            if (isolation != Isolation.DEFAULT) {
                c.setTransactionIsolation(isolation.jdbcLevel());
            }
            // on a Galera node, the classifier that tells a certification failure from a deadlock
            Dialect server = dialect.onServer(c);
            return new Session(name, node, c, server.sessionId(c), server.classifier(), table, DISPLAY_TABLE,
                    scenario.key(), server.insertReturning(), server.insertIdWithoutReturning());
        } catch (SQLException | RuntimeException e) {
            c.close();
            throw e;
        }
    }

    /**
     * The table's rows on node 1; on a cluster, read on every node with a causal read, and the
     * nodes must agree row for row.
     */
    private List<Timeline.FinalRow> finalRows(Scenario scenario, List<Connection> observers, String table)
            throws DatabaseSetupException {
        List<Timeline.FinalRow> first = null;
        for (int i = 0; i < observers.size(); i++) {
            List<Timeline.FinalRow> rows;
            try {
                rows = scenario.clustered() ? GaleraNodes.syncedRead(observers.get(i), c -> finalRows(c, table))
                        : finalRows(observers.get(i), table);
            } catch (SQLException e) {
                throw new DatabaseSetupException(dialect.explainSetupFailure(e, nodes.get(i), "read the table"), e);
            }
            if (first == null) {
                first = rows;
            } else if (!rows.equals(first)) {
                throw new DatabaseSetupException("the nodes disagree after the schedule: node 1 ("
                        + nodes.get(0).redactedUrl() + ") has " + first + ", node " + (i + 1) + " ("
                        + nodes.get(i).redactedUrl() + ") has " + rows + " (both read with wsrep_sync_wait = "
                        + GaleraNodes.SYNC_WAIT_READS + ")");
            }
        }
        return first;
    }

    private static List<Timeline.FinalRow> finalRows(Connection c, String table) throws SQLException {
        List<Timeline.FinalRow> rows = new ArrayList<>();
        String sql = "SELECT jahr, monat, some_value FROM " + table + " ORDER BY jahr, monat";
        try (Statement s = c.createStatement(); ResultSet rs = s.executeQuery(sql)) {
            while (rs.next()) {
                rows.add(new Timeline.FinalRow(rs.getInt(1), rs.getInt(2), rs.getLong(3)));
            }
        }
        return rows;
    }
}
