package org.lockdemo.db;

import static org.junit.jupiter.api.Assertions.assertDoesNotThrow;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.util.List;
import org.junit.jupiter.api.Test;

class ClusterMembershipTest {
    private static final String CLUSTER = "b840371f-e926-11f1-9bfd-fe05497ef029";

    private static NodeInfo node(int port, String name, String cluster, String state, boolean ready) {
        return new NodeInfo("jdbc:mysql://127.0.0.1:" + port + "/test", "MariaDB", "10.11.19-MariaDB",
                new GaleraStatus(name, cluster, 3, state, ready, "gcomm-" + name));
    }

    private static NodeInfo synced(int port, String name) {
        return node(port, name, CLUSTER, "Synced", true);
    }

    private static String refusal(NodeInfo... nodes) {
        return assertThrows(DatabaseSetupException.class, () -> ClusterMembership.require(List.of(nodes))).getMessage();
    }

    @Test
    void syncedNodesOfOneClusterAreAccepted() {
        assertDoesNotThrow(() -> ClusterMembership.require(List.of(synced(3311, "node1"), synced(3312, "node2"),
                synced(3313, "node3"))));
    }

    @Test
    void oneServerNeedsNoCluster() {
        assertDoesNotThrow(() -> ClusterMembership.require(List.of(
                new NodeInfo("jdbc:mysql://127.0.0.1:3306/test", "MariaDB", "10.11", null))));
    }

    @Test
    void aServerWithoutGaleraIsRefused() {
        assertEquals("--url jdbc:mysql://127.0.0.1:3306/test (node 2 of 2) is MariaDB 10.11 without Galera "
                + "(wsrep_on is OFF or unknown); a race across several --url needs the nodes of one MariaDB Galera "
                + "cluster", refusal(synced(3311, "node1"),
                        new NodeInfo("jdbc:mysql://127.0.0.1:3306/test", "MariaDB", "10.11", null)));
    }

    @Test
    void aNodeThatIsNotSyncedIsRefused() {
        String m = refusal(synced(3311, "node1"), node(3312, "node2", CLUSTER, "Donor/Desynced", true));
        assertEquals("--url jdbc:mysql://127.0.0.1:3312/test (node 2 of 2) is not ready for writes: "
                + "wsrep_local_state_comment=Donor/Desynced, wsrep_ready=ON; wait until it is Synced "
                + "(scripts/galera.sh status)", m);
        String notReady = refusal(synced(3311, "node1"), node(3312, "node2", CLUSTER, "Synced", false));
        assertEquals(true, notReady.contains("wsrep_ready=OFF"), notReady);
    }

    @Test
    void aNodeOfAnotherClusterIsRefused() {
        String m = refusal(synced(3311, "node1"), node(3321, "node1", "0000-other", "Synced", true));
        assertEquals("--url jdbc:mysql://127.0.0.1:3321/test (node 2 of 2) belongs to cluster 0000-other, but --url "
                + "jdbc:mysql://127.0.0.1:3311/test to cluster " + CLUSTER
                + " (wsrep_cluster_state_uuid); give nodes of one cluster", m);
    }

    @Test
    void theSameNodeUnderTwoUrlsIsRefused() {
        NodeInfo a = synced(3311, "node1");
        NodeInfo b = new NodeInfo("jdbc:mysql://localhost:3311/test", "MariaDB", "10.11", a.galera());
        String m = refusal(a, b);
        assertEquals(true, m.startsWith("--url jdbc:mysql://localhost:3311/test (node 2 of 2) is the same node as "
                + "--url jdbc:mysql://127.0.0.1:3311/test (wsrep_node_name=node1"), m);
    }

    @Test
    void onlyANodeWhoseInnoDbCountedNoDeadlockHasAll1213sCountedAsCertificationFailures() {
        assertEquals(true, GaleraStatus.noLocalDeadlocks(java.util.Map.of("innodb_deadlocks", 0L,
                "wsrep_local_bf_aborts", 12L)));
        assertEquals(false, GaleraStatus.noLocalDeadlocks(java.util.Map.of("innodb_deadlocks", 1L,
                "wsrep_local_bf_aborts", 12L)));
        assertEquals(false, GaleraStatus.noLocalDeadlocks(java.util.Map.of()), "counters unknown: no conclusion");
    }
}
