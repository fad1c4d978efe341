package org.lockdemo.db;

import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * A MariaDB Galera node's view of its cluster, from {@code SHOW GLOBAL STATUS LIKE 'wsrep%'} and
 * {@code @@wsrep_node_name} (MariaDB KB "Galera Cluster Status Variables"). Immutable.
 *
 * @param nodeName          {@code wsrep_node_name}
 * @param clusterStateUuid  {@code wsrep_cluster_state_uuid}: equal on every node of one cluster
 * @param clusterSize       {@code wsrep_cluster_size}: nodes in the node's primary component
 * @param localStateComment {@code wsrep_local_state_comment}: {@code Synced} when the node takes writes
 * @param ready             {@code wsrep_ready}: ON when the node accepts queries
 * @param gcommUuid         {@code wsrep_gcomm_uuid}: this node process's own id, different on every node
 */
public record GaleraStatus(String nodeName, String clusterStateUuid, long clusterSize, String localStateComment,
        boolean ready, String gcommUuid) {

    /** Counters of aborted transactions, read before and after each strategy; the run reports their deltas. */
    public static final List<String> COUNTERS = List.of(
            "wsrep_local_cert_failures", // local transactions that failed certification
            "wsrep_local_bf_aborts",     // local transactions aborted by a replicated (brute-force) one
            "innodb_deadlocks");         // InnoDB deadlock victims on this node (MariaDB status variable)

    /** The state in which a node takes part in the cluster's writes. */
    public static final String SYNCED = "Synced";

    /** True when the node is ready and Synced: the only state in which lockdemo races on it. */
    public boolean synced() {
        return ready && SYNCED.equals(localStateComment);
    }

    /**
     * True when the node's InnoDB counted no deadlock in the interval these counter deltas cover:
     * then every 1213 its sessions got before COMMIT was a brute-force abort by the cluster.
     * InnoDB's deadlock detector counts every victim it picks in {@code Innodb_deadlocks}; a
     * brute-force abort does not count there (seen on MariaDB 10.11 / Galera 26.4).
     */
    public static boolean noLocalDeadlocks(Map<String, Long> counterDeltas) {
        Long d = counterDeltas.get("innodb_deadlocks");
        return d != null && d == 0;
    }

    /** Whether the server is a Galera node: {@code wsrep_on=ON} (MariaDB only; MySQL has no such variable). */
    static boolean isClusterNode(Connection c) throws SQLException {
        if (!MySqlDialect.isMariaDb(c)) {
            return false;
        }
        try (Statement s = c.createStatement(); ResultSet rs = s.executeQuery("SHOW GLOBAL VARIABLES LIKE 'wsrep_on'")) {
            return rs.next() && "ON".equalsIgnoreCase(rs.getString(2));
        }
    }

    static GaleraStatus read(Connection c) throws SQLException {
        Map<String, String> status = status(c, "SHOW GLOBAL STATUS WHERE Variable_name IN ('wsrep_cluster_state_uuid', "
                + "'wsrep_cluster_size', 'wsrep_local_state_comment', 'wsrep_ready', 'wsrep_gcomm_uuid')");
        String nodeName;
        try (Statement s = c.createStatement(); ResultSet rs = s.executeQuery("SELECT @@GLOBAL.wsrep_node_name")) {
            rs.next();
            nodeName = rs.getString(1);
        }
        return new GaleraStatus(nodeName, status.getOrDefault("wsrep_cluster_state_uuid", ""),
                Long.parseLong(status.getOrDefault("wsrep_cluster_size", "0")),
                status.getOrDefault("wsrep_local_state_comment", ""),
                "ON".equalsIgnoreCase(status.get("wsrep_ready")), status.getOrDefault("wsrep_gcomm_uuid", ""));
    }

    static Map<String, Long> counters(Connection c) throws SQLException {
        Map<String, String> status = status(c, "SHOW GLOBAL STATUS WHERE Variable_name IN ('"
                + String.join("', '", COUNTERS) + "')");
        Map<String, Long> m = new LinkedHashMap<>();
        for (String name : COUNTERS) {
            String v = status.get(name);
            if (v == null) {
                throw new SQLException("SHOW GLOBAL STATUS has no " + name + "; is this a MariaDB Galera node?");
            }
            m.put(name, Long.parseLong(v));
        }
        return m;
    }

    private static Map<String, String> status(Connection c, String sql) throws SQLException {
        Map<String, String> m = new LinkedHashMap<>();
        try (Statement s = c.createStatement(); ResultSet rs = s.executeQuery(sql)) {
            while (rs.next()) {
                m.put(rs.getString(1).toLowerCase(Locale.ROOT), rs.getString(2));
            }
        }
        return m;
    }
}
