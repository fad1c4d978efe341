package org.lockdemo.it;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.lockdemo.it.LockdemoRun.outcome;
import static org.lockdemo.it.LockdemoRun.strategy;
import static org.lockdemo.it.LockdemoRun.sumOfOutcomes;

import com.fasterxml.jackson.databind.JsonNode;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.lockdemo.db.Dialects;

/**
 * The race across the nodes of a real MariaDB Galera cluster, from {@code LOCKDEMO_TEST_GALERA_URLS}
 * (.ci/run starts a 3-node cluster with scripts/galera.sh and sets it); skipped when it is unset.
 * Each race is 6 threads spread over the nodes, all on one fresh key per round (the barrier puts
 * them on the start line together), 20 rounds: with sessions on two or more nodes inserting and
 * updating the same row every round, write-set conflicts are near-certain, not a matter of timing.
 */
@RequiresDatabase(TestDatabase.GALERA_CLUSTER)
class GaleraRaceIT {
    private static final List<String> NODES = TestDatabases.galeraUrls();
    private static final String USER = "root";

    @TempDir
    Path tmp;

    @Test
    void savepointAcrossNodesLosesAtCertificationWithoutDuplicatesAndAllNodesAgree() throws Exception {
        JsonNode run = race(0, "savepoint");
        JsonNode savepoint = strategy(run, "savepoint");
        // with server-side prepared statements a brute-force abort's error can be lost (MySqlDialect)
        assertEquals("false", run.path("database").path("settings").path("connectorj.useServerPrepStmts").asText(),
                run.path("database").toString());
        assertCountsAddUp(savepoint);
        assertTrue(outcome(savepoint, "certification_failure") > 0,
                "sessions on different nodes both lock the row; the losers must fail certification: "
                        + savepoint.path("outcomes"));
        assertEquals(0, outcome(savepoint, "unique_violation"), savepoint.path("outcomes").toString());
        assertTrue(savepoint.path("expected_safe").asBoolean());
        assertTrue(check(savepoint, "one_row_per_key").path("passed").asBoolean(), savepoint.path("checks").toString());
        assertTrue(check(savepoint, "no_lost_update").path("passed").asBoolean(), savepoint.path("checks").toString());
        JsonNode agree = check(savepoint, "nodes_agree");
        assertTrue(agree.path("passed").asBoolean() && agree.path("enforced").asBoolean(), agree.toString());
        for (JsonNode e : savepoint.path("errors")) {
            if (e.path("outcome").asText().equals("certification_failure")) {
                assertEquals(1213, e.path("vendor_code").asInt(), e.toString());
                assertEquals("40001", e.path("sqlstate").asText(), e.toString());
            }
        }
        assertTrue(savepoint.path("invariants_ok").asBoolean(), savepoint.path("checks").toString());
    }

    @Test
    void advisoryGetLockIsNodeLocalAndSerializesNothingAcrossNodes() throws Exception {
        JsonNode run = race(0, "advisory");
        JsonNode advisory = strategy(run, "advisory");
        assertCountsAddUp(advisory);
        // On one server GET_LOCK makes every attempt of a round wait for the holder: no conflict can
        // reach the database. Across nodes two sessions hold "the" lock at once; each conflict shows
        // as a write set that lost certification or as the other node's row hitting an INSERT.
        long conflicts = outcome(advisory, "certification_failure") + outcome(advisory, "unique_violation")
                + outcome(advisory, "deadlock");
        assertTrue(conflicts > 0, "GET_LOCK serialized the nodes after all: " + advisory.path("outcomes"));
        assertFalse(advisory.path("expected_safe").asBoolean(), "advisory is not claimed safe across nodes");
        assertTrue(check(advisory, "nodes_agree").path("passed").asBoolean(), advisory.path("checks").toString());
        assertTrue(check(advisory, "one_row_per_key").path("passed").asBoolean(), advisory.path("checks").toString());
    }

    @Test
    void theDatabaseSectionListsEveryNodeWithItsWsrepState() throws Exception {
        JsonNode run = race(1, "nowait");
        JsonNode nodes = run.path("database").path("nodes");
        assertEquals(NODES.size(), nodes.size(), nodes.toString());
        Set<String> names = new HashSet<>();
        for (JsonNode n : nodes) {
            JsonNode w = n.path("wsrep");
            assertEquals("Synced", w.path("wsrep_local_state_comment").asText(), n.toString());
            assertEquals(NODES.size(), w.path("wsrep_cluster_size").asInt(), n.toString());
            assertEquals(nodes.get(0).path("wsrep").path("wsrep_cluster_state_uuid").asText(),
                    w.path("wsrep_cluster_state_uuid").asText());
            assertTrue(names.add(w.path("wsrep_node_name").asText()), "node names differ: " + nodes);
            assertTrue(n.path("url").asText().startsWith("jdbc:"), n.toString());
        }
        assertCountsAddUp(strategy(run, "nowait"));
    }

    @Test
    @RequiresDatabase(TestDatabase.MYSQL)
    void aNodeOfNoClusterIsRefusedBeforeTheRun() {
        String machine = System.getenv("LOCKDEMO_TEST_MYSQL_URL");
        LockdemoRun r = LockdemoRun.run("race", "--url", NODES.get(0), "--url", machine, "--user", USER, "-q",
                "--rounds", "1", "-s", "savepoint");
        assertEquals(3, r.exitCode(), r.toString());
        assertOneLine(r, "without Galera (wsrep_on is OFF or unknown)");
    }

    @Test
    void aNodeThatIsDownIsRefusedBeforeTheRun() {
        // a port nothing listens on
        LockdemoRun r = LockdemoRun.run("race", "--url", NODES.get(0), "--url", "jdbc:mariadb://127.0.0.1:9/test",
                "--user", USER, "-q", "--rounds", "1", "-s", "savepoint", "--connect-timeout", "2s");
        assertEquals(3, r.exitCode(), r.toString());
        assertOneLine(r, "connecting to node 2 (jdbc:mysql://127.0.0.1:9/test)");
        assertTrue(r.err().contains("Connection refused"), r.toString());
    }

    @Test
    void theSameNodeUnderAnotherHostNameIsRefused() {
        String other = NODES.get(0).replace("127.0.0.1", "localhost");
        Assumptions.assumeFalse(other.equals(NODES.get(0)), "the first node's URL has no 127.0.0.1 to swap");
        LockdemoRun r = LockdemoRun.run("race", "--url", NODES.get(0), "--url", other, "--user", USER, "-q",
                "--rounds", "1", "-s", "savepoint");
        assertEquals(3, r.exitCode(), r.toString());
        assertOneLine(r, "is the same node as");
    }

    @Test
    void mixedDatabaseKindsAreAUsageError() {
        LockdemoRun r = LockdemoRun.run("race", "--url", "jdbc:postgresql://127.0.0.1:5432/test", "--url",
                NODES.get(0), "--user", USER, "-q", "--rounds", "1", "-s", "savepoint");
        assertEquals(2, r.exitCode(), r.toString());
        assertTrue(r.err().startsWith("lockdemo: --url "), r.toString());
        assertTrue(r.err().contains("several --url must be nodes of one cluster, all of one kind"), r.toString());
        assertFalse(r.err().contains("Exception"), r.toString());
    }

    /** Runs the race over every node, checks it exited 0 and left no table behind; returns the JSON. */
    private JsonNode race(int keys, String strategy) throws Exception {
        Path json = tmp.resolve(strategy + ".json");
        List<String> args = new ArrayList<>(List.of("race", "--user", USER, "--threads", "6", "--rounds", "20",
                "--keys", Integer.toString(keys), "--strategy", strategy, "--lock-timeout", "10s", "-q",
                "--json", json.toString()));
        for (String node : NODES) {
            args.add("--url");
            args.add(node);
        }
        LockdemoRun r = LockdemoRun.run(args.toArray(String[]::new));
        assertEquals(0, r.exitCode(), r.toString());
        JsonNode run = LockdemoRun.json(json);
        String runId = run.path("run_id").asText();
        for (String node : NODES) {
            assertEquals(List.of(), TestDatabases.lockdemoTables(Dialects.normalizeUrl(node), USER, runId),
                    "table left behind on " + node);
        }
        return run;
    }

    /** attempts = sum of outcomes, in total and on each node, and the nodes' attempts add up to the total. */
    private static void assertCountsAddUp(JsonNode strategy) {
        long attempts = strategy.path("attempts").asLong();
        assertEquals(6 * 20, attempts, "6 threads x 20 rounds");
        assertEquals(attempts, sumOfOutcomes(strategy), strategy.path("outcomes").toString());
        JsonNode nodes = strategy.path("nodes");
        assertEquals(NODES.size(), nodes.size(), strategy.toString());
        long perNode = 0;
        for (JsonNode n : nodes) {
            assertEquals(n.path("attempts").asLong(), sumOfOutcomes(n), n.toString());
            assertEquals(20L * (6 / NODES.size()), n.path("attempts").asLong(), "threads spread round-robin: " + n);
            assertTrue(n.path("counter_deltas").has("wsrep_local_cert_failures"), n.toString());
            assertTrue(n.path("counter_deltas").has("wsrep_local_bf_aborts"), n.toString());
            perNode += n.path("attempts").asLong();
        }
        assertEquals(attempts, perNode);
        for (String o : List.of("created", "found", "certification_failure", "deadlock", "unique_violation")) {
            long sum = 0;
            for (JsonNode n : nodes) {
                sum += n.path("outcomes").path(o).asLong();
            }
            assertEquals(strategy.path("outcomes").path(o).asLong(), sum, o + " per node adds up to the total");
        }
    }

    private static JsonNode check(JsonNode strategy, String name) {
        for (JsonNode c : strategy.path("checks")) {
            if (c.path("name").asText().equals(name)) {
                return c;
            }
        }
        throw new AssertionError("no check " + name + " in " + strategy.path("checks"));
    }

    private static void assertOneLine(LockdemoRun r, String fragment) {
        String err = r.err().strip();
        assertFalse(err.contains("\n"), "one line: " + r);
        assertTrue(err.startsWith("lockdemo: "), r.toString());
        assertTrue(err.contains(fragment), r.toString());
        assertFalse(err.contains("\tat "), "no stack trace: " + r);
    }
}
