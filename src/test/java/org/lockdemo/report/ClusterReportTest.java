package org.lockdemo.report;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.IOException;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.io.UncheckedIOException;
import java.sql.SQLException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.lockdemo.check.Checker;
import org.lockdemo.check.KeyRow;
import org.lockdemo.check.NodeTable;
import org.lockdemo.check.RunFacts;
import org.lockdemo.db.DatabaseInfo;
import org.lockdemo.db.GaleraStatus;
import org.lockdemo.db.MySqlErrorClassifier;
import org.lockdemo.db.NodeInfo;
import org.lockdemo.metrics.Measurement;
import org.lockdemo.metrics.WorkerStats;
import org.lockdemo.model.Outcome;
import org.lockdemo.model.RowKey;
import org.lockdemo.model.SqlStep;
import org.lockdemo.race.NodeResult;
import org.lockdemo.race.RaceResult;
import org.lockdemo.race.StrategyResult;
import org.lockdemo.results.RunResults;
import org.lockdemo.strategy.StrategyKind;

/** The reports of a run across two Galera nodes, from hand-made stats: one worker per node. */
class ClusterReportTest {
    private static final long MS = 1_000_000L;
    private static final String UUID = "b840371f-e926-11f1-9bfd-fe05497ef029";

    /** node 1: created, found; node 2: certification_failure (1213 at COMMIT), found. */
    private static List<WorkerStats> workers() {
        MySqlErrorClassifier galera = new MySqlErrorClassifier(true);
        WorkerStats n1 = new WorkerStats();
        WorkerStats n2 = new WorkerStats();
        ended(n1, Outcome.CREATED, 0);
        ended(n1, Outcome.FOUND, 0);
        n2.attemptStarted();
        n2.errorSeen(Outcome.CERTIFICATION_FAILURE, SqlStep.COMMIT, new SQLException(
                "Deadlock found when trying to get lock; try restarting transaction", "40001", 1213), galera);
        n2.attemptEnded(Outcome.CERTIFICATION_FAILURE, 2 * MS, MS, MS, false, false, 0);
        ended(n2, Outcome.FOUND, 0);
        return List.of(n1, n2);
    }

    private static void ended(WorkerStats w, Outcome o, long key) {
        w.attemptStarted();
        w.attemptEnded(o, MS, MS, MS, o == Outcome.CREATED, o.isSuccess(), key);
    }

    private static Map<String, Long> deltas(long cert, long bf, long deadlocks) {
        Map<String, Long> m = new LinkedHashMap<>();
        m.put("wsrep_local_cert_failures", cert);
        m.put("wsrep_local_bf_aborts", bf);
        m.put("innodb_deadlocks", deadlocks);
        return m;
    }

    private static RaceResult result(StrategyKind kind) {
        List<WorkerStats> w = workers();
        Measurement total = Measurement.merge(w, 10 * MS, 0);
        List<NodeResult> nodes = List.of(
                new NodeResult("node1", "jdbc:mysql://127.0.0.1:3311/test", Measurement.merge(List.of(w.get(0)), 10 * MS, 0),
                        deltas(0, 1, 0)),
                new NodeResult("node2", "jdbc:mysql://127.0.0.1:3312/test", Measurement.merge(List.of(w.get(1)), 10 * MS, 0),
                        deltas(1, 0, 0)));
        List<KeyRow> table = List.of(new KeyRow(RowKey.ofIndex(0), 1, 3));
        RunFacts facts = new RunFacts(kind.expectedSafeAcrossNodes(), total.attempts(), total.outcomes(),
                total.insertsCommitted(), total.incrementsPerKey());
        StrategyResult r = new StrategyResult(kind, total, Checker.checkAcrossNodes(facts,
                List.of(new NodeTable("node1", table), new NodeTable("node2", table))), "lockdemo_x_" + kind.id().replace('-', '_'),
                "node 1: lock view polled 3 times; node 2: lock view polled 3 times", nodes);
        List<NodeInfo> infos = new ArrayList<>();
        for (int i = 1; i <= 2; i++) {
            infos.add(new NodeInfo("jdbc:mysql://127.0.0.1:331" + i + "/test", "MariaDB", "10.11.19-MariaDB",
                    new GaleraStatus("node" + i, UUID, 3, "Synced", true, "gcomm-" + i)));
        }
        DatabaseInfo db = new DatabaseInfo("mysql", "MariaDB", "10.11.19-MariaDB", "jdbc:mysql://127.0.0.1:3311/test",
                "REPEATABLE-READ", false, Map.of("innodb_lock_wait_timeout", "30"), infos);
        return new RaceResult("r1", db, ReportFixture.spec(), List.of(r), Instant.parse("2026-11-25T23:00:00Z"),
                Instant.parse("2026-11-25T23:00:01Z"), null, "test");
    }

    @Test
    void jsonListsEveryNodeWithItsWsrepStateAndEachStrategysCountsPerNode() {
        JsonNode root = TestResults.tree(result(StrategyKind.SAVEPOINT), "test");
        JsonNode nodes = root.path("database").path("nodes");
        assertEquals(2, nodes.size());
        JsonNode w = nodes.get(1).path("wsrep");
        assertEquals("node2", w.path("wsrep_node_name").asText());
        assertEquals(3, w.path("wsrep_cluster_size").asInt());
        assertEquals("Synced", w.path("wsrep_local_state_comment").asText());
        assertEquals(UUID, w.path("wsrep_cluster_state_uuid").asText());
        assertEquals("jdbc:mysql://127.0.0.1:3312/test", nodes.get(1).path("url").asText());

        JsonNode s = root.path("strategies").get(0);
        assertEquals(4, s.path("attempts").asLong());
        assertEquals(1, s.path("outcomes").path("certification_failure").asLong());
        JsonNode perNode = s.path("nodes");
        assertEquals(2, perNode.size());
        long sum = 0;
        for (JsonNode n : perNode) {
            assertEquals(Outcome.count(), n.path("outcomes").size(), "every outcome present: " + n);
            sum += n.path("attempts").asLong();
        }
        assertEquals(4, sum);
        assertEquals(1, perNode.get(1).path("outcomes").path("certification_failure").asLong());
        assertEquals(List.of("wsrep_local_cert_failures", "wsrep_local_bf_aborts", "innodb_deadlocks"),
                fieldNames(perNode.get(1).path("counter_deltas")));
        assertEquals(1, perNode.get(1).path("counter_deltas").path("wsrep_local_cert_failures").asLong());
        assertTrue(s.path("expected_safe").asBoolean());
        assertEquals("nodes_agree", s.path("checks").get(s.path("checks").size() - 1).path("name").asText());
    }

    @Test
    void aRunOnOnePlainServerHasNoNodes() {
        JsonNode root = TestResults.tree(ReportFixture.result(), "test");
        assertFalse(root.path("database").has("nodes"));
        for (JsonNode s : root.path("strategies")) {
            assertFalse(s.has("nodes"), s.path("strategy").asText());
        }
    }

    @Test
    void advisoryIsNotExpectedSafeAcrossNodes() {
        RaceResult r = result(StrategyKind.ADVISORY);
        assertFalse(TestResults.tree(r, "test").path("strategies").get(0).path("expected_safe").asBoolean());
        assertTrue(Explanations.explain(r.strategies().get(0), "mysql").startsWith(
                "GET_LOCK is a lock of one server: sessions on different nodes held it at the same time"));
        assertTrue(StrategyKind.ADVISORY.expectedSafe());
        assertTrue(StrategyKind.SAVEPOINT.expectedSafeAcrossNodes());
        assertFalse(StrategyKind.NAIVE.expectedSafeAcrossNodes());
    }

    @Test
    void consolePrintsOneLinePerNodeUnderTheStrategy() {
        StringWriter text = new StringWriter();
        try { // a StringWriter: never fails
            Format.console(false, ConsoleView.WIDE).write(RunResults.of(result(StrategyKind.SAVEPOINT), "test"),
                    new PrintWriter(text));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        String out = text.toString();
        assertTrue(out.startsWith("lockdemo race: MariaDB 10.11.19-MariaDB across 2 nodes of a cluster, "), out);
        assertTrue(out.contains("\n  node1 (jdbc:mysql://127.0.0.1:3311/test): 2 attempts: created 1, found 1; server "
                + "counters wsrep_local_cert_failures +0, wsrep_local_bf_aborts +1, innodb_deadlocks +0\n"), out);
        assertTrue(out.contains("\n  node2 (jdbc:mysql://127.0.0.1:3312/test): 2 attempts: found 1, "
                + "certification_failure 1; server counters wsrep_local_cert_failures +1, wsrep_local_bf_aborts +0, "
                + "innodb_deadlocks +0\n"), out);
        assertTrue(out.contains("certification_failure"), out);
    }

    /** Fitted to 80 columns the per-node lines wrap under their node, and nothing is wider than 80. */
    @Test
    void fittedToEightyColumnsTheNodeLinesWrapUnderTheirNode() throws IOException {
        StringWriter text = new StringWriter();
        Format.console(true, ConsoleView.fitted(80)).write(RunResults.of(result(StrategyKind.SAVEPOINT), "test"), text);
        String out = text.toString().replace(System.lineSeparator(), "\n");
        assertTrue(out.contains("\n  node2 (jdbc:mysql://127.0.0.1:3312/test): 2 attempts: found 1,\n"
                + "    certification_failure 1; server counters wsrep_local_cert_failures +1,\n"
                + "    wsrep_local_bf_aborts +0, innodb_deadlocks +0\n"), out);
        assertTrue(out.contains("\nstrategy   attempts  created  found  cert  blocked  p50/p99 ms"), out);
        assertTrue(out.contains("cert = certification_failure"), out);
        out.lines().forEach(l -> assertTrue(l.length() <= 80, l));
    }

    private static List<String> fieldNames(JsonNode n) {
        List<String> names = new ArrayList<>();
        n.fieldNames().forEachRemaining(names::add);
        return names;
    }
}
