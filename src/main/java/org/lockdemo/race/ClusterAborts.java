package org.lockdemo.race;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.lockdemo.db.GaleraStatus;
import org.lockdemo.metrics.Measurement;
import org.lockdemo.model.Outcome;

/**
 * Tells the cluster's aborts from InnoDB deadlocks by the nodes' counters. On a cluster node, a
 * 1213 on a statement before COMMIT is an InnoDB deadlock or a brute-force abort by the cluster,
 * and the error does not say which (see MySqlErrorClassifier). When the node's InnoDB counted no
 * deadlock at all while the strategy ran, none of them can have been a deadlock: they are all
 * certification failures, and are counted so. Otherwise they stay deadlocks (the counters are
 * server-wide, so they cannot be shared out between attempts). Pure; stateless.
 */
final class ClusterAborts {
    private ClusterAborts() {
    }

    /**
     * One strategy's measurements after relabelling.
     *
     * @param total   every node's workers together
     * @param perNode each node's workers, in node order
     */
    record Relabelled(Measurement total, List<Measurement> perNode) {
        Relabelled {
            perNode = List.copyOf(perNode);
        }
    }

    /**
     * @param total         every node's workers together
     * @param perNode       each node's workers, in node order
     * @param clusterNode   per node, whether it is a Galera node
     * @param counterDeltas per node, its counters after minus before the strategy ({@link GaleraStatus#COUNTERS})
     */
    static Relabelled relabel(Measurement total, List<Measurement> perNode, List<Boolean> clusterNode,
            List<Map<String, Long>> counterDeltas) {
        Measurement t = total;
        List<Measurement> nodes = new ArrayList<>();
        for (int i = 0; i < perNode.size(); i++) {
            Measurement n = perNode.get(i);
            if (clusterNode.get(i) && GaleraStatus.noLocalDeadlocks(counterDeltas.get(i))) {
                t = t.relabel(Outcome.DEADLOCK, Outcome.CERTIFICATION_FAILURE, n);
                n = n.relabel(Outcome.DEADLOCK, Outcome.CERTIFICATION_FAILURE, n);
            }
            nodes.add(n);
        }
        return new Relabelled(t, nodes);
    }
}
