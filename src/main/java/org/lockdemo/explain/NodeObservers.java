package org.lockdemo.explain;

import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.lockdemo.db.Connections;
import org.lockdemo.db.DatabaseSetupException;
import org.lockdemo.db.DatabaseTarget;
import org.lockdemo.db.Dialect;
import org.lockdemo.db.GaleraStatus;

/**
 * One observer connection per node a scenario runs on, for what is read beside the sessions: the
 * cluster checks, the replicated table, the lock view ({@link #lockView}) and the final rows. A
 * lock exists only on its node, so each node is read on its own connection. Not thread-safe: one
 * instance per run, used from the runner's thread.
 */
final class NodeObservers implements AutoCloseable {
    private final Dialect dialect;
    private final List<DatabaseTarget> nodes;
    private final List<Connection> observers;

    private NodeObservers(Dialect dialect, List<DatabaseTarget> nodes, List<Connection> observers) {
        this.dialect = dialect;
        this.nodes = nodes;
        this.observers = observers;
    }

    /**
     * Connects to every node, in node order.
     *
     * @throws DatabaseSetupException when a node cannot be reached (the others are closed again)
     */
    static NodeObservers open(List<DatabaseTarget> nodes, Dialect dialect) throws DatabaseSetupException {
        NodeObservers o = new NodeObservers(dialect, List.copyOf(nodes), new ArrayList<>());
        try {
            for (DatabaseTarget node : nodes) {
                try {
                    o.observers.add(Connections.open(node, dialect));
                } catch (SQLException e) {
                    throw new DatabaseSetupException(dialect.explainSetupFailure(e, node, "connect"), e);
                }
            }
        } catch (DatabaseSetupException | RuntimeException e) {
            o.close(e);
            throw e;
        }
        return o;
    }

    /** Node 1's connection, where the table is created and dropped. */
    Connection first() {
        return observers.get(0);
    }

    /** The server's lock view on every node, in the names of {@code sessions}. */
    SessionLockView lockView(Iterable<Session> sessions) {
        return new ServerLockView(dialect, nodes, observers, sessions);
    }

    /**
     * The reader of the key's locks on every node ({@code --locks}); the caller closes it before
     * these observers, to put back what it changed on the servers.
     */
    KeyLockReader keyLocks(java.util.Collection<Session> sessions, Scenario scenario, String table, SessionLockView waits)
            throws DatabaseSetupException {
        return KeyLockReaders.open(dialect, nodes, observers, sessions, scenario.sessions(), table, scenario.key(), waits);
    }

    @Override
    public void close() throws DatabaseSetupException {
        close(null);
    }

    /** Closes the observers; a failure to close is reported unless {@code earlier}, a failure before it, is. */
    void close(Throwable earlier) throws DatabaseSetupException {
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

    /**
     * Refuses nodes that are not Galera nodes of one cluster, or a node that is not Synced (see
     * {@link GaleraNodes#check}).
     */
    void checkCluster(Scenario scenario)
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

    /**
     * On a cluster, waits until every other node has applied the CREATE (or DROP) that node 1 ran:
     * a DDL statement replicates in total order, but another node applies it a moment later. A
     * causal read returns only after that, so no step on node 2 can miss the table, and no table
     * is left behind on any node.
     */
    void awaitOnEveryNode(String table, boolean exists)
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

    /**
     * The table's rows on node 1; on a cluster, read on every node with a causal read, and the
     * nodes must agree row for row.
     */
    List<Timeline.FinalRow> finalRows(Scenario scenario, String table)
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
