package org.lockdemo.db;

import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * Refuses a run across several nodes, before it starts, unless every node is a Synced member of
 * one and the same Galera cluster and no node is named twice. Pure; stateless.
 */
public final class ClusterMembership {
    private ClusterMembership() {
    }

    /**
     * @param nodes the nodes as the run found them, in the order of {@code --url}
     * @throws DatabaseSetupException naming the first node that does not fit, and why
     */
    public static void require(List<NodeInfo> nodes) throws DatabaseSetupException {
        if (nodes.size() < 2) {
            return;
        }
        NodeInfo first = nodes.get(0);
        Map<String, NodeInfo> byProcess = new HashMap<>();
        for (int i = 0; i < nodes.size(); i++) {
            NodeInfo n = nodes.get(i);
            String which = "--url " + n.url() + " (node " + (i + 1) + " of " + nodes.size() + ")";
            GaleraStatus g = n.galera();
            if (g == null) {
                throw new DatabaseSetupException(which + " is " + n.product() + " " + n.version()
                        + " without Galera (wsrep_on is OFF or unknown); a race across several --url needs the "
                        + "nodes of one MariaDB Galera cluster");
            }
            if (!g.synced()) {
                throw new DatabaseSetupException(which + " is not ready for writes: wsrep_local_state_comment="
                        + g.localStateComment() + ", wsrep_ready=" + (g.ready() ? "ON" : "OFF")
                        + "; wait until it is Synced (scripts/galera.sh status)");
            }
            if (!g.clusterStateUuid().equals(first.galera().clusterStateUuid())) {
                throw new DatabaseSetupException(which + " belongs to cluster " + g.clusterStateUuid() + ", but --url "
                        + first.url() + " to cluster " + first.galera().clusterStateUuid()
                        + " (wsrep_cluster_state_uuid); give nodes of one cluster");
            }
            NodeInfo twice = byProcess.putIfAbsent(g.gcommUuid(), n);
            if (twice != null) {
                throw new DatabaseSetupException(which + " is the same node as --url " + twice.url()
                        + " (wsrep_node_name=" + g.nodeName() + ", wsrep_gcomm_uuid=" + g.gcommUuid()
                        + "); give each node once");
            }
        }
    }
}
