package org.lockdemo.race;

import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.lockdemo.check.Verdict;
import org.lockdemo.db.Cluster;
import org.lockdemo.db.NodeInfo;
import org.lockdemo.db.StrategyTable;
import org.lockdemo.metrics.Measurement;
import org.lockdemo.strategy.RaceStrategy;

/**
 * After a strategy's race: what its workers measured, relabelled with what the servers counted
 * meanwhile ({@link ClusterAborts}), its table checked ({@link TableCheck}), and how hard it raced,
 * assembled into its {@link StrategyResult}. Stateless; called by the runner's thread.
 */
final class StrategyResults {
    private StrategyResults() {
    }

    /**
     * @param deltas per node, the server counters' change over the race ({@link Cluster#countersSince})
     * @param warmup the warm-up run before it, or null
     */
    static StrategyResult of(RaceStrategy kind, StrategyRun.Measured measured, List<Map<String, Long>> deltas,
            StrategyTable table, Cluster cluster, StopSignal stop, Warmup warmup) throws SQLException {
        Measurement total = measured.total();
        List<Measurement> perNode = new ArrayList<>();
        for (int i = 0; i < cluster.size(); i++) {
            perNode.add(cluster.size() == 1 ? total : measured.node(i)); // one node: its workers are all
        }
        ClusterAborts.Relabelled m = ClusterAborts.relabel(total, perNode,
                cluster.nodes().stream().map(n -> n.galera() != null).toList(), deltas);
        Verdict verdict = TableCheck.check(kind, m.total(), table, cluster, stop);
        RaceIntensity intensity = new RaceIntensity(m.total().raced(), m.total().attempts(),
                measured.racersPerRound(), measured.startSpreadNanos(),
                kind.racedLowerBound(cluster.dialect().id()).orElse(null));
        return new StrategyResult(kind, m.total(), verdict, table.name(), measured.lockViewNote(),
                nodeResults(m.perNode(), deltas, cluster), measured.clientCpuNanos(), warmup, intensity);
    }

    /** Per node, for a run across nodes or on a cluster node; empty for one plain server. */
    private static List<NodeResult> nodeResults(List<Measurement> perNode, List<Map<String, Long>> deltas,
            Cluster cluster) {
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
}
