package org.lockdemo;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * {@code lockdemo explain}'s cluster scenarios on a real MariaDB Galera cluster
 * ({@code LOCKDEMO_TEST_GALERA_URLS}, which .ci/run sets): T1 on node 1 and T2 on node 2 lock the
 * same row without waiting, and T2 learns it lost only at COMMIT, with 1213 / 40001. Each scenario
 * runs twice and must print the same timeline; afterwards no lockdemo_explain table is left on any
 * node. Then the input that does not fit a cluster scenario.
 */
class GaleraExplainIT {
    private static final String USER = "root";
    private static final String MYSQL_URL = System.getenv("LOCKDEMO_TEST_MYSQL_URL");
    private static final String LOCK = "SELECT id, jahr, monat, some_value FROM lockdemo_explain WHERE (jahr = ? AND monat = ?)"
            + " LIMIT 21 FOR UPDATE";
    private static final String SAVE = "UPDATE lockdemo_explain SET some_value = ? WHERE id = ?  -- ? = some_value + 1 = ";

    private static List<String> nodes() {
        List<String> nodes = TestDatabases.galeraUrls();
        TestDatabase.GALERA_CLUSTER.assumeConfigured();
        return nodes;
    }

    @Test
    void bothLockTheRowAndTheSecondCommitFailsWith1213() throws Exception {
        JsonNode t = twice("galera-savepoint");
        long id = firstId(0);
        String row = "1 row: id = " + id + ", jahr = 2016, monat = 5, some_value = ";
        assertEquals(List.of(
                "1 T1: 1 row: id = " + id, "2 T1: committed", "3 T1: " + row + "0",
                "4 T2: " + row + "0", // not BLOCKED: T1's lock is on node 1 only
                "5 T1: 1 row updated", "6 T2: 1 row updated", "7 T1: committed",
                "8 T2: ERROR 1213 40001", "9 T2: committed"), events(t));
        assertEquals(SAVE + "1, id = " + id, t.path("timeline").get(5).path("sql").asText(), "T2 saves 0 + 1 too");
        assertEquals("COMMIT", t.path("timeline").get(7).path("sql").asText());
        assertEquals(1, t.path("nodes").path("T1").asInt());
        assertEquals(2, t.path("nodes").path("T2").asInt());
        // T2's update is not there: its OK COMMIT at step 9 did nothing
        assertEquals("[{\"jahr\":2016,\"monat\":5,\"some_value\":1}]", t.path("final_rows").toString());
        assertNoTableLeftOnAnyNode();
    }

    @Test
    void bothCreateTheRowAndTheRetryFindsIt() throws Exception {
        JsonNode t = twice("galera-create");
        long t1Id = firstId(0);
        long t2Id = firstId(1); // another id than T1's: node 2 has its own auto_increment_offset
        assertEquals(List.of(
                "1 T1: 0 rows", "2 T2: 0 rows", "3 T1: ok", "4 T1: 1 row: id = " + t1Id, "5 T1: ok",
                "6 T2: ok", "7 T2: 1 row: id = " + t2Id, // not BLOCKED and no duplicate key: T1's row is on node 1 only
                "8 T2: ok", "9 T1: 1 row updated", "10 T2: 1 row updated", "11 T1: committed",
                "12 T2: ERROR 1213 40001", "13 T2: 1 row: id = " + t1Id + ", jahr = 2016, monat = 5, some_value = 1",
                "14 T2: 1 row updated", "15 T2: committed"),
                events(t));
        assertEquals(SAVE + "1, id = " + t2Id, t.path("timeline").get(9).path("sql").asText(), "T2 saves its own row");
        assertEquals(LOCK, t.path("timeline").get(12).path("sql").asText());
        assertEquals(SAVE + "2, id = " + t1Id, t.path("timeline").get(13).path("sql").asText(), "the retry saves T1's row");
        assertEquals("[{\"jahr\":2016,\"monat\":5,\"some_value\":2}]", t.path("final_rows").toString());
        assertNoTableLeftOnAnyNode();
    }

    @Test
    void aClusterScenarioNeedsOneUrlPerNode() {
        List<String> nodes = nodes();
        LockdemoRun r = LockdemoRun.run("explain", "galera-savepoint", "--user", USER, "--url", nodes.get(0));
        assertEquals(2, r.exitCode(), r.toString());
        assertEquals("lockdemo: scenario galera-savepoint runs its sessions on 2 MariaDB Galera nodes of one cluster "
                + "(T1 on node 1, T2 on node 2); give one --url per node, got 1\n", r.err());
    }

    @Test
    void aClusterScenarioDoesNotRunOnPostgresql() {
        LockdemoRun r = LockdemoRun.run("explain", "galera-create", "--url", "jdbc:postgresql://127.0.0.1:5432/test",
                "--url", "jdbc:postgresql://127.0.0.1:5433/test");
        assertEquals(2, r.exitCode(), r.toString());
        assertEquals("lockdemo: scenario galera-create runs its sessions on 2 MariaDB Galera nodes of one cluster "
                + "(T1 on node 1, T2 on node 2); jdbc:postgresql://127.0.0.1:5432/test is postgresql\n", r.err());
    }

    @Test
    void aScenarioOnOneDatabaseRefusesSeveralUrls() {
        List<String> nodes = nodes();
        LockdemoRun r = LockdemoRun.run("explain", "--strategy", "savepoint", "--user", USER,
                "--url", nodes.get(0) + "," + nodes.get(1));
        assertEquals(2, r.exitCode(), r.toString());
        assertEquals("lockdemo: scenario savepoint-mysql runs on one database, got 2 --url; the cluster scenarios "
                + "(galera-savepoint, galera-create) take one --url per node\n", r.err());
    }

    /** The same node twice would put T1 and T2 on one server, where T2's FOR UPDATE waits. */
    @Test
    void theNodesMustBeDistinctNodes() {
        List<String> nodes = nodes();
        LockdemoRun same = LockdemoRun.run("explain", "galera-savepoint", "--user", USER,
                "--url", nodes.get(1), "--url", nodes.get(1));
        assertEquals(2, same.exitCode(), same.toString());
        assertTrue(same.err().startsWith("lockdemo: scenario galera-savepoint needs 2 MariaDB Galera nodes of one "
                + "cluster, one --url each: node 2 (") && same.err().contains(") is the same node as node 1 ("), same.err());
        assertEquals(1, same.err().lines().count(), same.err());
    }

    /** The machine's own MariaDB, which is no Galera node, as node 2. */
    @Test
    @RequiresDatabase(TestDatabase.MYSQL)
    void aServerWithoutGaleraIsRefused() {
        List<String> nodes = nodes();
        LockdemoRun plain = LockdemoRun.run("explain", "galera-savepoint", "--user", USER,
                "--url", nodes.get(0), "--url", MYSQL_URL);
        assertEquals(2, plain.exitCode(), plain.toString());
        assertTrue(plain.err().startsWith("lockdemo: scenario galera-savepoint needs 2 MariaDB Galera nodes of one "
                + "cluster, one --url each: node 2 (") && plain.err().endsWith(
                        ") is not a Galera node (wsrep_on is OFF or missing)\n"), plain.err());
    }

    /**
     * The id the first INSERT into a new table on node {@code index} gets: with Galera's
     * wsrep_auto_increment_control each node has its own auto_increment_offset, set from its place
     * in the cluster's membership (not from its port), so it can change when the cluster restarts.
     */
    private static long firstId(int index) throws Exception {
        try (Connection c = DriverManager.getConnection(nodes().get(index).replace("jdbc:mariadb:", "jdbc:mysql:"), USER, null);
                Statement s = c.createStatement(); ResultSet rs = s.executeQuery("SELECT @@auto_increment_offset")) {
            rs.next();
            return rs.getLong(1);
        }
    }

    /** Runs the scenario on the first two nodes twice; the timelines must be identical. */
    private static JsonNode twice(String scenario) throws Exception {
        List<String> nodes = nodes();
        JsonNode[] runs = new JsonNode[2];
        for (int i = 0; i < 2; i++) {
            LockdemoRun r = LockdemoRun.run(System.getenv(), "explain", scenario, "--format", "json", "--user", USER,
                    "--url", nodes.get(0), "--url", nodes.get(1));
            assertEquals(0, r.exitCode(), r.toString());
            runs[i] = new ObjectMapper().readTree(r.out());
        }
        assertEquals(runs[0], runs[1], "the same command must print the same timeline");
        assertTrue(runs[0].path("stuck").isNull(), runs[0].toPrettyString());
        return runs[0];
    }

    /** Each event as {@code 4 T2: 1 row: some_value = 0} or {@code 8 T2: ERROR 1213 40001}. */
    private static List<String> events(JsonNode t) {
        List<String> out = new ArrayList<>();
        for (JsonNode e : t.path("timeline")) {
            assertEquals("ran", e.path("event").asText(), "nothing blocks across nodes: " + e);
            JsonNode err = e.path("error");
            out.add(e.path("step").asInt() + " " + e.path("session").asText() + ": " + (err.isNull()
                    ? e.path("result").asText()
                    : "ERROR " + err.path("vendor_code").asInt() + " " + err.path("sqlstate").asText()));
        }
        return out;
    }

    /** Read on every node after a causal wait, so a DROP replicated from node 1 has arrived. */
    private static void assertNoTableLeftOnAnyNode() throws Exception {
        for (String node : TestDatabases.galeraUrls()) {
            try (Connection c = DriverManager.getConnection(node.replace("jdbc:mariadb:", "jdbc:mysql:"), USER, null);
                    Statement s = c.createStatement()) {
                s.execute("SET SESSION wsrep_sync_wait = 1");
                try (ResultSet rs = s.executeQuery("SELECT count(*) FROM information_schema.tables"
                        + " WHERE table_schema = DATABASE() AND table_name LIKE 'lockdemo\\_explain\\_%'")) {
                    rs.next();
                    assertEquals(0, rs.getLong(1), "lockdemo_explain tables left on " + node);
                }
            }
        }
    }
}
