package org.lockdemo.it;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.lockdemo.db.Dialects;

/**
 * {@code scripts/galera.sh} on this machine: a 3-node Galera cluster starts, replicates, stops,
 * and starts again from the node Galera marked safe to bootstrap, with its data; and the
 * machine's own MariaDB keeps running, the same process, throughout. Runs only with
 * {@code LOCKDEMO_TEST_GALERA=1} (.ci/run sets it) and {@code LOCKDEMO_TEST_MYSQL_URL}.
 *
 * <p>The cluster gets its own folder and ports, so it cannot collide with a cluster a developer
 * or CI started with the script's defaults.
 */
@RequiresDatabase({TestDatabase.GALERA_SCRIPT, TestDatabase.MYSQL})
class GaleraScriptIT {
    private static final Path SCRIPT = Path.of("scripts", "galera.sh");
    private static final Path DIR = Path.of("target", "galera-it").toAbsolutePath();
    private static final int SQL_PORT = 3321;
    private static final Map<String, String> ENV = Map.of("LOCKDEMO_GALERA_DIR", DIR.toString(),
            "LOCKDEMO_GALERA_PORT", String.valueOf(SQL_PORT), "LOCKDEMO_GALERA_GMCAST_PORT", "4671",
            "LOCKDEMO_GALERA_IST_PORT", "4681", "LOCKDEMO_GALERA_SST_PORT", "4691");
    /** One status line: node, port, pid, cluster size, local state, cluster state UUID. */
    private static final Pattern STATUS_LINE = Pattern.compile(
            "(?m)^(\\d)\\s+(\\d+)\\s+(\\S+)\\s+(\\S+)\\s+(\\S+)\\s+(\\S+)$");

    private static String machineUrl;
    private static long machinePid;

    record Script(int exitCode, String out, String err) {
    }

    record NodeStatus(int node, int port, String pid, String size, String state, String uuid) {
    }

    @BeforeAll
    static void needsGaleraAndTheMachinesMariaDb() throws Exception {
        machineUrl = System.getenv("LOCKDEMO_TEST_MYSQL_URL");
        machinePid = machineMariaDbPid();
        // a cluster left over from an aborted run: stop it and start from nothing
        script("stop");
        deleteTree(DIR);
    }

    @AfterAll
    static void stopTheCluster() throws Exception {
        if (machineUrl != null) {
            script("stop");
        }
    }

    /** The machine's MariaDB answers and is still the process it was when the test began. */
    private static long machineMariaDbPid() throws Exception {
        try (Connection c = DriverManager.getConnection(Dialects.normalizeUrl(machineUrl), "root", "");
                Statement s = c.createStatement();
                ResultSet rs = s.executeQuery("SELECT @@pid_file, @@port")) {
            assertTrue(rs.next());
            assertEquals(3306, rs.getInt(2), "LOCKDEMO_TEST_MYSQL_URL should be the machine's MariaDB on 3306");
            long pid = Long.parseLong(Files.readString(Path.of(rs.getString(1))).strip());
            assertTrue(ProcessHandle.of(pid).map(ProcessHandle::isAlive).orElse(false), "pid file names no process");
            return pid;
        }
    }

    private static void assertMachineMariaDbUntouched() throws Exception {
        assertEquals(machinePid, machineMariaDbPid(), "the machine's MariaDB was restarted or replaced");
    }

    private static Script script(String... args) throws Exception {
        List<String> cmd = new ArrayList<>(List.of("bash", SCRIPT.toString()));
        cmd.addAll(List.of(args));
        Path out = Files.createTempFile("galera-out", ".txt");
        Path err = Files.createTempFile("galera-err", ".txt");
        ProcessBuilder pb = new ProcessBuilder(cmd).redirectOutput(out.toFile()).redirectError(err.toFile());
        pb.environment().putAll(ENV);
        Process p = pb.start();
        if (!p.waitFor(240, TimeUnit.SECONDS)) {
            p.destroyForcibly();
            throw new AssertionError("galera.sh " + String.join(" ", args) + " did not finish");
        }
        Script result = new Script(p.exitValue(), Files.readString(out), Files.readString(err));
        Files.delete(out);
        Files.delete(err);
        return result;
    }

    private static List<NodeStatus> status() throws Exception {
        Script run = script("status");
        List<NodeStatus> nodes = new ArrayList<>();
        Matcher m = STATUS_LINE.matcher(run.out());
        while (m.find()) {
            nodes.add(new NodeStatus(Integer.parseInt(m.group(1)), Integer.parseInt(m.group(2)), m.group(3),
                    m.group(4), m.group(5), m.group(6)));
        }
        assertEquals(3, nodes.size(), run.toString());
        return nodes;
    }

    /** Every node up, Synced, sees 3 members, in one cluster state; returns that state's UUID. */
    private static String assertSyncedCluster(List<NodeStatus> nodes) {
        String uuid = nodes.get(0).uuid();
        for (NodeStatus n : nodes) {
            assertEquals(SQL_PORT + n.node() - 1, n.port(), n.toString());
            assertTrue(n.pid().matches("\\d+"), n.toString());
            assertEquals("3", n.size(), n.toString());
            assertEquals("Synced", n.state(), n.toString());
            assertEquals(uuid, n.uuid(), "nodes in different cluster states: " + nodes);
        }
        return uuid;
    }

    private static Connection node(int k) throws SQLException {
        String url = "jdbc:mariadb://127.0.0.1:" + (SQL_PORT + k - 1) + "/test";
        return DriverManager.getConnection(Dialects.normalizeUrl(url), "root", "");
    }

    /** The value of the marker row read on node k after it has applied everything committed before. */
    private static String readMarker(int k) throws SQLException {
        try (Connection c = node(k); Statement s = c.createStatement()) {
            s.execute("SET SESSION wsrep_sync_wait = 1");
            try (ResultSet rs = s.executeQuery("SELECT v FROM galera_it WHERE id = 1")) {
                return rs.next() ? rs.getString(1) : null;
            }
        }
    }

    private static String safeToBootstrap(int k) throws IOException {
        return Files.readAllLines(DIR.resolve("node" + k).resolve("data").resolve("grastate.dat")).stream()
                .filter(l -> l.startsWith("safe_to_bootstrap:")).findFirst().orElse("none");
    }

    private static void deleteTree(Path root) throws IOException {
        if (Files.exists(root)) {
            try (Stream<Path> paths = Files.walk(root)) {
                for (Path p : paths.sorted(Comparator.reverseOrder()).toList()) {
                    Files.delete(p);
                }
            }
        }
    }

    @Test
    void startReplicateStopRestartWithoutTouchingTheMachinesMariaDb() throws Exception {
        Script start = script("start", "3");
        assertEquals(0, start.exitCode(), start.toString());
        assertTrue(start.out().contains("bootstrapping node 1 "), start.out());
        for (int k = 1; k <= 3; k++) {
            assertTrue(start.out().contains("node " + k + ": jdbc:mariadb://127.0.0.1:" + (SQL_PORT + k - 1) + "/test"),
                    start.out());
        }
        List<NodeStatus> first = status();
        String clusterUuid = assertSyncedCluster(first);
        assertMachineMariaDbUntouched();

        String marker = UUID.randomUUID().toString();
        try (Connection c = node(1); Statement s = c.createStatement()) {
            s.execute("CREATE TABLE galera_it (id INT PRIMARY KEY, v VARCHAR(64)) ENGINE=InnoDB");
            try (PreparedStatement ps = c.prepareStatement("INSERT INTO galera_it VALUES (1, ?)")) {
                ps.setString(1, marker);
                ps.executeUpdate();
            }
        }
        assertEquals(marker, readMarker(3), "a row committed on node 1 is read on node 3");

        Script stop = script("stop");
        assertEquals(0, stop.exitCode(), stop.toString());
        for (NodeStatus n : first) {
            assertFalse(ProcessHandle.of(Long.parseLong(n.pid())).map(ProcessHandle::isAlive).orElse(false),
                    "node still running after stop: " + n);
        }
        assertEquals(1, script("status").exitCode(), "status of a stopped cluster fails");
        // stopped in order 1, 2, 3: the last to leave is the only one safe to bootstrap
        assertEquals("safe_to_bootstrap: 0", safeToBootstrap(1));
        assertEquals("safe_to_bootstrap: 0", safeToBootstrap(2));
        assertEquals("safe_to_bootstrap: 1", safeToBootstrap(3));
        assertMachineMariaDbUntouched();

        Script restart = script("start", "3");
        assertEquals(0, restart.exitCode(), restart.toString());
        assertTrue(restart.out().contains("bootstrapping node 3 "), restart.out());
        assertEquals(clusterUuid, assertSyncedCluster(status()), "the restart continues the same cluster state");
        assertEquals(marker, readMarker(2), "the data survived the full stop");
        assertMachineMariaDbUntouched();

        assertEquals(0, script("stop").exitCode());
        assertMachineMariaDbUntouched();
    }
}
