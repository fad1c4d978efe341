package org.lockdemo.it;

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
import org.lockdemo.explain.ExplainGolden;

/**
 * {@code lockdemo explain}'s cluster scenarios on a real MariaDB Galera cluster
 * ({@code LOCKDEMO_TEST_GALERA_URLS}, which .ci/run sets): T1 on node 1 and T2 on node 2 lock the
 * same row without waiting, and T2 learns it lost only at COMMIT, with 1213 / 40001. Each scenario
 * runs twice and must print the same timeline; afterwards no lockdemo_explain table is left on any
 * node. The expected timelines are golden files, {@code expected/galera-*.out} (see
 * {@link ExplainGolden}). Then the input that does not fit a cluster scenario.
 */
class GaleraExplainIT {
    private static final String USER = "root";
    private static final String MYSQL_URL = System.getenv("LOCKDEMO_TEST_MYSQL_URL");

    private static List<String> nodes() {
        List<String> nodes = TestDatabases.galeraUrls();
        TestDatabase.GALERA_CLUSTER.assumeConfigured();
        return nodes;
    }

    /**
     * galera-savepoint: both lock the same row with FOR UPDATE, neither waits (T1's lock is on node 1
     * only), both save 0 + 1; T2's COMMIT fails with 1213 / 40001, its next COMMIT answers OK and
     * does nothing, so the final value is T1's alone. Expected: {@code expected/galera-savepoint.out}.
     */
    @Test
    void bothLockTheRowAndTheSecondCommitFailsWith1213() throws Exception {
        assertGolden(twice("galera-savepoint"), "galera-savepoint");
        assertNoTableLeftOnAnyNode();
    }

    /**
     * galera-create: both miss and both INSERT the key without waiting or a duplicate key (T1's row
     * is on node 1 only), T2's row with node 2's own id; T2's COMMIT fails with 1213 / 40001, and
     * its retry finds T1's row and saves 1 + 1 by T1's id. Expected: {@code expected/galera-create.out}.
     */
    @Test
    void bothCreateTheRowAndTheRetryFindsIt() throws Exception {
        assertGolden(twice("galera-create"), "galera-create");
        assertNoTableLeftOnAnyNode();
    }

    /**
     * The run as its golden file holds it: each event as {@link #events} writes it with the SQL as
     * shown below it, the node of each session, the final rows. The ids a node hands out depend on
     * its auto_increment_offset ({@link #firstId}), so the file writes {@code {node 1 id}} and
     * {@code {node 2 id}} for them.
     */
    private static void assertGolden(JsonNode t, String name) throws Exception {
        StringBuilder b = new StringBuilder();
        List<String> events = events(t);
        for (int i = 0; i < events.size(); i++) {
            b.append(events.get(i)).append("\n    ").append(t.path("timeline").get(i).path("sql").asText()).append('\n');
        }
        b.append("nodes: ").append(t.path("nodes")).append("\nfinal rows: ").append(t.path("final_rows")).append('\n');
        String node1 = "id = " + firstId(0);
        String node2 = "id = " + firstId(1);
        ExplainGolden.assertMatches(name, List.of("lockdemo explain " + name + " on two Galera nodes: the timeline "
                + "GaleraExplainIT expects, each event then its SQL; {node N id} is", "the first id node N hands out (its "
                + "auto_increment_offset); see ExplainGolden to regenerate"), b.toString(),
                expected -> expected.replace("id = {node 1 id}", node1).replace("id = {node 2 id}", node2),
                actual -> actual.replaceAll("\\b" + node1 + "\\b", "id = {node 1 id}")
                        .replaceAll("\\b" + node2 + "\\b", "id = {node 2 id}"));
    }

    /**
     * With {@code --locks}, per node: after both FOR UPDATEs T1's X,REC_NOT_GAP locks are on node 1's
     * monitor and T2's on node 2's, both held, none waited for; the text with the lock table after
     * every step is {@code expected/galera-savepoint.locks.out}, and innodb_status_output_locks is
     * put back on both nodes.
     */
    @Test
    void galeraSavepointLocksAreEachOnTheirNode() throws Exception {
        List<String> before = statusOutputLocks();
        assertLocksGolden("galera-savepoint");
        JsonNode t = locksJson("galera-savepoint");
        List<String> afterBothLocked = new ArrayList<>();
        for (JsonNode e : t.path("locks").get(3).path("entries")) {
            afterBothLocked.add(e.path("session").asText() + " " + e.path("status").asText() + " " + e.path("mode").asText()
                    + " " + e.path("object").asText() + " " + e.path("server_terms").asText().replaceAll(":.*", ""));
        }
        assertEquals(List.of("T1 held X,REC_NOT_GAP index entry (2016, 5) INNODB STATUS on node 1",
                "T1 held X,REC_NOT_GAP row (2016, 5) INNODB STATUS on node 1",
                "T2 held X,REC_NOT_GAP index entry (2016, 5) INNODB STATUS on node 2",
                "T2 held X,REC_NOT_GAP row (2016, 5) INNODB STATUS on node 2"), afterBothLocked);
        assertEquals(0, t.path("deadlocks").size(), "a certification failure is no deadlock: " + t.path("deadlocks"));
        ExplainPictures.assertDrawn(t);
        String page = ExplainPictures.page(t);
        assertEquals(2, java.util.regex.Pattern.compile("<text class=\"lane-node\" [^>]*>node [12]</text>").matcher(page)
                .results().count(), "each lane is headed by its node");
        assertEquals(before, statusOutputLocks(), "innodb_status_output_locks is put back on every node");
        assertNoTableLeftOnAnyNode();
    }

    /** galera-create with --locks: {@code expected/galera-create.locks.out}. */
    @Test
    void galeraCreateLocks() throws Exception {
        assertLocksGolden("galera-create");
        ExplainPictures.assertDrawn(locksJson("galera-create"));
        assertNoTableLeftOnAnyNode();
    }

    private static JsonNode locksJson(String scenario) throws Exception {
        List<String> nodes = nodes();
        LockdemoRun r = LockdemoRun.run(System.getenv(), "explain", scenario, "--locks", "--format", "json", "--user", USER,
                "--url", nodes.get(0), "--url", nodes.get(1));
        assertEquals(0, r.exitCode(), r.toString());
        return new ObjectMapper().readTree(r.out());
    }

    /**
     * The list form with --locks, after its first line; node ids as in {@link #assertGolden}. The list,
     * not the columns: a column wraps its SQL where an id's width puts it, and the ids differ by node.
     */
    private static void assertLocksGolden(String scenario) throws Exception {
        List<String> nodes = nodes();
        LockdemoRun r = LockdemoRun.run(System.getenv(), "explain", scenario, "--locks", "--format", "list", "--user", USER,
                "--url", nodes.get(0), "--url", nodes.get(1));
        assertEquals(0, r.exitCode(), r.toString());
        String text = r.out().substring(r.out().indexOf('\n') + 1);
        String node1 = "id = " + firstId(0);
        String node2 = "id = " + firstId(1);
        ExplainGolden.assertMatches(scenario + ".locks", List.of("lockdemo explain " + scenario + " --locks --format list on two "
                + "Galera nodes, after the first line; {node N id} is the first id node N hands out; see ExplainGolden to "
                + "regenerate"), text,
                expected -> expected.replace("id = {node 1 id}", node1).replace("id = {node 2 id}", node2),
                actual -> actual.replaceAll("\\b" + node1 + "\\b", "id = {node 1 id}")
                        .replaceAll("\\b" + node2 + "\\b", "id = {node 2 id}"));
    }

    private static List<String> statusOutputLocks() throws Exception {
        List<String> values = new ArrayList<>();
        for (String node : nodes()) {
            try (Connection c = DriverManager.getConnection(node.replace("jdbc:mariadb:", "jdbc:mysql:"), USER, null);
                    Statement s = c.createStatement(); ResultSet rs = s.executeQuery("SELECT @@GLOBAL.innodb_status_output_locks")) {
                rs.next();
                values.add(rs.getString(1));
            }
        }
        return values;
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
