package org.lockdemo.explain;

import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.List;
import java.util.Optional;
import org.lockdemo.db.DatabaseSetupException;
import org.lockdemo.db.GaleraStatus;

/**
 * The checks and reads a cluster scenario needs on the nodes of a MariaDB Galera cluster: that the
 * connections reach distinct, Synced nodes of one cluster (from each node's {@link GaleraStatus},
 * read by the dialect as for a race), and reads that wait until a node has
 * applied everything the cluster committed before them ({@code wsrep_sync_wait}). Stateless; the
 * caller owns the connections and calls from one thread.
 */
final class GaleraNodes {
    /**
     * {@code wsrep_sync_wait} bit 1: a SELECT (also SELECT ... FOR UPDATE), SHOW or BEGIN first
     * waits until the node has applied every write set the cluster ordered before it (a causal
     * read). MariaDB KB "Galera Cluster System Variables", wsrep_sync_wait.
     */
    static final int SYNC_WAIT_READS = 1;
    static final String SYNC_READS_SQL = "SET SESSION wsrep_sync_wait = " + SYNC_WAIT_READS;
    private static final String NO_SYNC_SQL = "SET SESSION wsrep_sync_wait = 0";

    private GaleraNodes() {
    }

    /**
     * Refuses nodes that are not Galera nodes of one cluster (a {@link ScenarioException}: the
     * input does not fit the scenario) or a node that is not Synced (a
     * {@link DatabaseSetupException}: the cluster is not ready). {@code where} names each node for
     * messages, e.g. {@code node 2 (jdbc:mariadb://127.0.0.1:3312/test)}.
     */
    static void check(String scenario, int needed, List<Optional<GaleraStatus>> nodes, List<String> where)
            throws ScenarioException, DatabaseSetupException {
        String needs = scenario + " needs " + needed + " MariaDB Galera nodes of one cluster, one --url each: ";
        for (int i = 0; i < nodes.size(); i++) {
            if (nodes.get(i).isEmpty()) {
                throw new ScenarioException(needs + where.get(i) + " is not a Galera node (wsrep_on is OFF or missing)");
            }
            GaleraStatus n = nodes.get(i).get();
            GaleraStatus first = nodes.get(0).orElseThrow(); // checked at i = 0
            if (i > 0 && !n.clusterStateUuid().equals(first.clusterStateUuid())) {
                throw new ScenarioException(needs + where.get(i) + " is in cluster " + n.clusterStateUuid() + ", "
                        + where.get(0) + " in " + first.clusterStateUuid() + " (wsrep_cluster_state_uuid)");
            }
            for (int j = 0; j < i; j++) {
                if (n.gcommUuid().equals(nodes.get(j).orElseThrow().gcommUuid())) {
                    throw new ScenarioException(needs + where.get(i) + " is the same node as " + where.get(j)
                            + " (wsrep_gcomm_uuid " + n.gcommUuid() + "); give a different node for each");
                }
            }
            if (!n.localStateComment().equals(GaleraStatus.SYNCED)) {
                throw new DatabaseSetupException(where.get(i) + " is " + n.localStateComment()
                        + ", not Synced (wsrep_local_state_comment); wait until it has joined the cluster");
            }
        }
    }

    /**
     * Runs {@code read} on {@code c} as a causal read: the node first applies every write set the
     * cluster ordered before it, so a table created or dropped on another node is there (or gone).
     */
    static <T> T syncedRead(Connection c, SqlRead<T> read) throws SQLException {
        try (Statement s = c.createStatement()) {
            s.execute(SYNC_READS_SQL);
            try {
                return read.apply(c);
            } finally {
                s.execute(NO_SYNC_SQL);
            }
        }
    }

    /** A read on a connection. */
    @FunctionalInterface
    interface SqlRead<T> {
        T apply(Connection c) throws SQLException;
    }

    /** Whether {@code table} exists on the node, as a causal read. */
    static boolean tableExists(Connection c, String table) throws SQLException {
        return syncedRead(c, conn -> {
            try (var ps = conn.prepareStatement("SELECT count(*) FROM information_schema.tables"
                    + " WHERE table_schema = DATABASE() AND table_name = ?")) {
                ps.setString(1, table);
                try (ResultSet rs = ps.executeQuery()) {
                    rs.next();
                    return rs.getLong(1) == 1;
                }
            }
        });
    }
}
