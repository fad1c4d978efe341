package org.lockdemo.it;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.Statement;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;
import org.lockdemo.explain.ExplainGolden;
import org.lockdemo.explain.Scenario;
import org.lockdemo.explain.Scenarios;

/**
 * {@code lockdemo explain --locks}: every built-in scenario on the machine's PostgreSQL (with the
 * pgrowlocks extension, which the test installs) and on MariaDB, a few on the embedded PostgreSQL
 * (without pgrowlocks: held row locks come from the row's xmax), each compared with its golden
 * file {@code expected/<scenario>.locks.out} ({@code .embedded.locks.out}): the default text at
 * 100 columns after its first line, with the lock table after every step. Regenerate with
 * {@code -Dlockdemo.regenerate=true} (see {@link ExplainGolden}). Then specific facts that the
 * lesson rests on, read from the JSON, and a MariaDB user without PROCESS.
 */
class ExplainLocksIT {
    private static final String MYSQL_URL = System.getenv("LOCKDEMO_TEST_MYSQL_URL");
    private static final String MYSQL_USER = System.getenv().getOrDefault("LOCKDEMO_TEST_MYSQL_USER", "root");
    /** Scenarios the machine's PostgreSQL 15 cannot run: RETURNING old is PostgreSQL 18's. */
    private static final List<String> NEEDS_PG18 = List.of("upsert-old-new-postgresql");

    static Stream<String> postgresScenarios() {
        return Scenarios.builtIn().stream().filter(s -> !s.clustered() && s.runsOn("postgresql")).map(Scenario::name)
                .filter(n -> !NEEDS_PG18.contains(n));
    }

    static Stream<String> mysqlScenarios() {
        return Scenarios.builtIn().stream().filter(s -> !s.clustered() && s.runsOn("mysql")).map(Scenario::name);
    }

    static Stream<String> embeddedScenarios() {
        return Stream.of("savepoint-postgresql", "rails-share-upgrade-postgresql", "upsert-old-new-postgresql",
                "nowait-postgresql");
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("postgresScenarios")
    void onTheMachinesPostgres(String name) throws Exception {
        String url = TestDatabases.machinePgUrl();
        assumeTrue(url != null, "LOCKDEMO_TEST_PG_URL is not set");
        try (Connection c = DriverManager.getConnection(url, "postgres", null); Statement s = c.createStatement()) {
            s.execute("CREATE EXTENSION IF NOT EXISTS pgrowlocks");
        }
        assertLocksGolden(name, name, "--url", url, "--user", "postgres");
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("mysqlScenarios")
    void onMariaDb(String name) throws Exception {
        TestDatabase.MYSQL.assumeConfigured();
        boolean before = statusOutputLocks();
        assertLocksGolden(name, name, "--url", MYSQL_URL, "--user", MYSQL_USER);
        assertEquals(before, statusOutputLocks(), "innodb_status_output_locks is put back as it was");
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("embeddedScenarios")
    void onTheEmbeddedPostgres(String name) throws Exception {
        assertLocksGolden(name + ".embedded", name, "--url", TestDatabases.embeddedUrl());
    }

    /** Every built-in scenario's pictures, from a real --locks run's JSON (see {@link ExplainPictures}). */
    @ParameterizedTest(name = "{0}")
    @MethodSource("postgresScenarios")
    void picturesOnTheMachinesPostgres(String name) throws Exception {
        String url = TestDatabases.machinePgUrl();
        assumeTrue(url != null, "LOCKDEMO_TEST_PG_URL is not set");
        ExplainPictures.assertDrawn(json(name, "--url", url, "--user", "postgres"));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("mysqlScenarios")
    void picturesOnMariaDb(String name) throws Exception {
        TestDatabase.MYSQL.assumeConfigured();
        ExplainPictures.assertDrawn(json(name, "--url", MYSQL_URL, "--user", MYSQL_USER));
    }

    /**
     * After T2's 1062 it holds S on the key's index entry, and so does T3; the T2/T3 cycle is drawn
     * and InnoDB's own deadlock section is there, with T3 rolled back.
     */
    @Test
    void savepointOnMariaDbShowsTheSharedLockAndTheCycle() throws Exception {
        TestDatabase.MYSQL.assumeConfigured();
        JsonNode t = json("savepoint-mysql", "--url", MYSQL_URL, "--user", MYSQL_USER);
        List<String> afterCommit = entries(t, 12);
        assertTrue(afterCommit.contains("T2 held S index entry (2016, 5)"), afterCommit.toString());
        assertTrue(afterCommit.contains("T3 held S index entry (2016, 5)"), afterCommit.toString());
        assertTrue(entries(t, 17).contains("T2 waiting X,REC_NOT_GAP index entry (2016, 5) for [T3]"),
                entries(t, 17).toString());
        JsonNode d = t.path("deadlocks").get(0);
        assertEquals(18, d.path("at_step").asInt());
        assertEquals("[\"T2\",\"T3\",\"T2\"]", d.path("cycle").toString());
        assertEquals("T3", d.path("victim").asText());
        String report = d.path("server_report").asText();
        assertTrue(report.contains("*** WE ROLL BACK TRANSACTION (1)") && report.contains("session T3")
                && report.contains("of table lockdemo_explain: T3's lock mode S"), report);
    }

    /** T2's INSERT waits for a ShareLock on T1's transaction id: the uncommitted index entry. */
    @Test
    void savepointOnPostgresWaitsForTheTransaction() throws Exception {
        JsonNode t = json("savepoint-postgresql", "--url", TestDatabases.embeddedUrl());
        assertTrue(entries(t, 7).contains("T2 waiting ShareLock T1's transaction id for [T1]"), entries(t, 7).toString());
        assertTrue(entries(t, 7).contains("T1 held ExclusiveLock T1's own transaction id"), entries(t, 7).toString());
        assertTrue(entries(t, 14).isEmpty(), "after both commits nothing is held: " + entries(t, 14));
    }

    /** PostgreSQL's DETAIL, with the backends named: the two UPDATEs wait for each other's transaction. */
    @Test
    void railsShareUpgradeOnPostgresReportsTheDetail() throws Exception {
        JsonNode t = json("rails-share-upgrade-postgresql", "--url", TestDatabases.embeddedUrl());
        JsonNode d = t.path("deadlocks").get(0);
        String victim = d.path("victim").asText();
        String other = victim.equals("T2") ? "T3" : "T2";
        assertEquals("[\"" + other + "\",\"" + victim + "\",\"" + other + "\"]", d.path("cycle").toString());
        assertTrue(d.path("server_report").asText().contains(victim + " waits for ShareLock on the transaction of "
                + other + "; blocked by " + other + "."), d.path("server_report").asText());
    }

    /**
     * A user without PROCESS cannot read SHOW ENGINE INNODB STATUS: one line naming it and the
     * privilege, exit 3, and the table it had created is dropped. The user gets a database of its
     * own, so that the check for a table left behind does not see other runs' tables on the server.
     */
    @Test
    void withoutTheProcessPrivilegeOnMariaDb() throws Exception {
        TestDatabase.MYSQL.assumeConfigured();
        String user = "lockdemo_noprocess";
        String db = "lockdemo_noprocess_db";
        try (Connection c = DriverManager.getConnection(MYSQL_URL, MYSQL_USER, System.getenv("LOCKDEMO_TEST_MYSQL_PASSWORD"));
                Statement s = c.createStatement()) {
            s.execute("DROP USER IF EXISTS '" + user + "'@'%'");
            s.execute("DROP DATABASE IF EXISTS " + db);
            s.execute("CREATE DATABASE " + db);
            s.execute("CREATE USER '" + user + "'@'%' IDENTIFIED BY 'lockdemo'");
            s.execute("GRANT ALL ON " + db + ".* TO '" + user + "'@'%'");
            try {
                Map<String, String> env = new HashMap<>(System.getenv());
                env.put("LOCKDEMO_PASSWORD", "lockdemo");
                String url = MYSQL_URL.replaceFirst("/[^/?]*(\\?|$)", "/" + db + "$1");
                LockdemoRun r = LockdemoRun.run(env, "explain", "--strategy", "savepoint", "--locks", "--url", url,
                        "--user", user);
                assertEquals(3, r.exitCode(), r.toString());
                assertEquals(1, r.err().lines().count(), "one line: " + r.err());
                assertTrue(r.err().startsWith("lockdemo: --locks reads SHOW ENGINE INNODB STATUS on node 1 ("), r.err());
                assertTrue(r.err().contains("which needs the PROCESS privilege"), r.err());
                try (ResultSet rs = s.executeQuery("SELECT count(*) FROM information_schema.tables WHERE table_schema = '"
                        + db + "'")) {
                    rs.next();
                    assertEquals(0, rs.getLong(1), "the table is dropped");
                }
            } finally {
                s.execute("DROP USER '" + user + "'@'%'");
                s.execute("DROP DATABASE " + db);
            }
        }
    }

    /**
     * Ctrl-C while a step runs: the run stops, prints the lock tables so far, exits 130, and puts
     * innodb_status_output_locks back to OFF (the jar in its own process, as a user runs it).
     */
    @Test
    void anInterruptPutsTheSettingBack(@TempDir Path tmp) throws Exception {
        TestDatabase.MYSQL.assumeConfigured();
        assumeTrue(!statusOutputLocks(), "innodb_status_output_locks is ON already: nothing to put back");
        Path scenario = tmp.resolve("nap.json");
        Files.writeString(scenario, "{\"name\": \"nap\", \"dialects\": [\"mysql\"], \"lesson\": \"l\","
                + " \"sessions\": [\"T1\"], \"steps\": {\"ins\": \"insert into {table} (jahr, monat, some_value) values"
                + " (?, ?, 0)\", \"nap\": \"SELECT SLEEP(60)\"}, \"order\": [\"T1 ins\", \"T1 nap\", \"T1 commit\"]}");
        Path out = tmp.resolve("out.txt");
        Path err = tmp.resolve("err.txt");
        String javaBin = Path.of(System.getProperty("java.home"), "bin", "java").toString();
        String jar = System.getenv().getOrDefault("LOCKDEMO_JAR", "target/lockdemo.jar");
        Process p = new ProcessBuilder(javaBin, "-jar", jar, "explain", "--scenario", scenario.toString(), "--locks",
                "--format", "list", "--step-timeout", "90s", "--url", MYSQL_URL, "--user", MYSQL_USER)
                .redirectOutput(out.toFile()).redirectError(err.toFile()).start();
        try {
            Poll.until(Duration.ofSeconds(60), "the run's SLEEP step with the setting ON", () -> {
                if (!p.isAlive()) {
                    throw new AssertionError("lockdemo ended early: " + read(err));
                }
                return statusOutputLocks() && sleeping();
            });
            new ProcessBuilder("kill", "-INT", Long.toString(p.pid())).start().waitFor();
            assertTrue(p.waitFor(20, TimeUnit.SECONDS), "lockdemo did not stop within 20 s of SIGINT");
        } finally {
            if (p.isAlive()) {
                p.destroyForcibly().waitFor(20, TimeUnit.SECONDS);
                // a killed run cannot put the setting back: do it here, so a failure leaves the server as it was
                try (Connection c = DriverManager.getConnection(MYSQL_URL, MYSQL_USER,
                        System.getenv("LOCKDEMO_TEST_MYSQL_PASSWORD")); Statement s = c.createStatement()) {
                    s.execute("SET GLOBAL innodb_status_output_locks = OFF");
                }
            }
        }
        assertEquals(130, p.exitValue(), read(out) + read(err));
        assertTrue(read(out).contains("locks after step 1:"), read(out));
        assertFalse(statusOutputLocks(), "innodb_status_output_locks is back to OFF");
    }

    private static String read(Path f) throws IOException {
        return Files.readString(f);
    }

    /** Whether a connection is in lockdemo's SELECT SLEEP(60). */
    private static boolean sleeping() throws Exception {
        try (Connection c = DriverManager.getConnection(MYSQL_URL, MYSQL_USER, System.getenv("LOCKDEMO_TEST_MYSQL_PASSWORD"));
                Statement s = c.createStatement(); ResultSet rs = s.executeQuery("SELECT count(*) FROM"
                        + " information_schema.processlist WHERE info = 'SELECT SLEEP(60)'")) {
            rs.next();
            return rs.getLong(1) > 0;
        }
    }

    /** Without --locks the JSON has no locks, as before. */
    @Test
    void withoutLocksNothingIsRead() throws Exception {
        LockdemoRun r = LockdemoRun.run(System.getenv(), "explain", "--strategy", "savepoint", "--format", "json", "--url",
                TestDatabases.embeddedUrl());
        assertEquals(0, r.exitCode(), r.toString());
        JsonNode t = new ObjectMapper().readTree(r.out());
        assertFalse(t.has("locks"), r.out());
        assertFalse(t.has("deadlocks"), r.out());
    }

    private static boolean statusOutputLocks() throws Exception {
        try (Connection c = DriverManager.getConnection(MYSQL_URL, MYSQL_USER, System.getenv("LOCKDEMO_TEST_MYSQL_PASSWORD"));
                Statement s = c.createStatement(); ResultSet rs = s.executeQuery("SELECT @@GLOBAL.innodb_status_output_locks")) {
            rs.next();
            return rs.getBoolean(1);
        }
    }

    private static JsonNode json(String name, String... target) throws Exception {
        List<String> args = new ArrayList<>(List.of("explain", name, "--locks", "--format", "json"));
        args.addAll(List.of(target));
        LockdemoRun r = LockdemoRun.run(System.getenv(), args.toArray(String[]::new));
        assertEquals(0, r.exitCode(), r.toString());
        return new ObjectMapper().readTree(r.out());
    }

    /** The snapshot after {@code step} as {@code T2 held S index entry (2016, 5)}, {@code ... for [T1]} when waiting. */
    private static List<String> entries(JsonNode t, int step) {
        List<String> out = new ArrayList<>();
        for (JsonNode s : t.path("locks")) {
            if (s.path("at_step").asInt() == step) {
                for (JsonNode e : s.path("entries")) {
                    List<String> holders = new ArrayList<>();
                    e.path("waits_for").forEach(h -> holders.add(h.asText()));
                    out.add(e.path("session").asText() + " " + e.path("status").asText() + " " + e.path("mode").asText()
                            + " " + e.path("object").asText() + (holders.isEmpty() ? "" : " for " + holders));
                }
            }
        }
        return out;
    }

    /** The default text with --locks at 100 columns, after its first line, matches {@code expected/<golden>.locks.out}. */
    private static void assertLocksGolden(String golden, String name, String... target) throws Exception {
        List<String> args = new ArrayList<>(List.of("explain", name, "--locks", "--width", "100"));
        args.addAll(List.of(target));
        LockdemoRun r = LockdemoRun.run(System.getenv(), args.toArray(String[]::new));
        assertEquals(0, r.exitCode(), r.toString());
        String text = r.out().substring(r.out().indexOf('\n') + 1);
        ExplainGolden.assertMatches(golden + ".locks", List.of("lockdemo explain " + name + " --locks --width 100 ("
                + (golden.endsWith(".embedded") ? "embedded PostgreSQL" : name.endsWith("-mysql") ? "MariaDB"
                        : "the machine's PostgreSQL, with pgrowlocks") + "): the schedule with the lock table after every "
                + "step, after the first line (see ExplainGolden to regenerate)"), text);
    }
}
