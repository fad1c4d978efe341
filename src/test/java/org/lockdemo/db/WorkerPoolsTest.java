package org.lockdemo.db;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertSame;

import com.zaxxer.hikari.HikariDataSource;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** Each worker's pool: every pool gets exactly the workers it was sized for, on its own node. */
class WorkerPoolsTest {

    @ParameterizedTest(name = "{0} threads on {1} node(s)")
    @CsvSource({"1, 1", "8, 1", "9, 1", "64, 1", "100, 1", "4096, 1", "3, 3", "64, 3", "200, 2"})
    void everyPoolGetsTheWorkersItWasSizedFor(int threads, int nodes) {
        List<List<HikariDataSource>> perNode = new ArrayList<>();
        Map<HikariDataSource, Integer> sizedFor = new HashMap<>();
        Map<HikariDataSource, Integer> nodeOf = new HashMap<>();
        for (int n = 0; n < nodes; n++) {
            int onNode = threads / nodes + (n < threads % nodes ? 1 : 0); // as Cluster.open spreads them
            int shards = WorkerPools.shards(onNode);
            List<HikariDataSource> pools = new ArrayList<>();
            int sum = 0;
            for (int s = 0; s < shards; s++) {
                HikariDataSource p = new HikariDataSource(); // never started: nothing connects
                pools.add(p);
                sizedFor.put(p, WorkerPools.threadsOf(onNode, shards, s));
                nodeOf.put(p, n);
                sum += WorkerPools.threadsOf(onNode, shards, s);
            }
            assertEquals(onNode, sum, "the pools of node " + n + " hold its threads");
            perNode.add(pools);
        }
        WorkerPools pools = new WorkerPools(perNode);
        Map<HikariDataSource, Integer> got = new HashMap<>();
        for (int i = 0; i < threads; i++) {
            HikariDataSource p = pools.forWorker(i);
            assertEquals(i % nodes, nodeOf.get(p), "worker " + i + "'s node");
            got.merge(p, 1, Integer::sum);
        }
        for (Map.Entry<HikariDataSource, Integer> e : sizedFor.entrySet()) {
            assertEquals(e.getValue(), got.getOrDefault(e.getKey(), 0));
        }
    }

    @ParameterizedTest(name = "{0} threads: {1} pools")
    @CsvSource({"1, 1", "8, 1", "9, 2", "64, 8", "65, 9", "128, 16", "4096, 16"})
    void aPoolPerEightWorkersAtMostSixteen(int threads, int shards) {
        assertEquals(shards, WorkerPools.shards(threads));
    }

    @ParameterizedTest(name = "one pool for {0} threads")
    @CsvSource({"1", "5"})
    void fewThreadsKeepOnePool(int threads) {
        HikariDataSource only = new HikariDataSource();
        assertSame(only, new WorkerPools(List.of(List.of(only))).forWorker(threads - 1));
    }
}
