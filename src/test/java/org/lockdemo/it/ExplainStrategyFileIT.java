package org.lockdemo.it;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTimeout;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.lockdemo.explain.ExplainGolden;

/**
 * {@code lockdemo explain --strategy-file}, in-process: the shipped strategy files as T1 and T2 on
 * the embedded PostgreSQL and on MariaDB ({@code LOCKDEMO_TEST_MYSQL_URL}), each run twice to show
 * the timeline is the same, compared with {@code expected/file-<name>-<dialect>.out} (the events as
 * {@link ExplainIT} writes them, then each session's outcome; {@code -Dlockdemo.regenerate=true}
 * rewrites them, see {@link ExplainGolden}), and the outcome of each session asserted. Then
 * {@code --schedule}, a schedule that cannot go on (its table dropped), and the version gate.
 */
class ExplainStrategyFileIT {
    private static final String MYSQL_URL = System.getenv("LOCKDEMO_TEST_MYSQL_URL");
    private static final String MYSQL_USER = System.getenv().getOrDefault("LOCKDEMO_TEST_MYSQL_USER", "root");
    private static final String SAVEPOINT = "strategies/savepoint.yaml";
    private static final String NAIVE = "strategies/naive.yaml";
    private static final String UPSERT_THEN_LOCK = "examples/strategies/upsert-then-lock.yaml";

    /** T2's INSERT waits for T1's, fails when T1 commits, rolls back to the savepoint and locks T1's row. */
    @Test
    void savepointOnPostgres() throws Exception {
        JsonNode t = pg(SAVEPOINT, "file-savepoint-postgresql");
        assertEquals(List.of("T1 created", "T2 found_after_conflict"), outcomes(t));
        List<String> e = ExplainIT.events(t);
        assertTrue(e.contains("6 T2: BLOCKED by [T1]"), e.toString());
        assertTrue(e.contains("6 T2 finishes at 9: unique_violation 23505"), e.toString());
        assertEquals("[{\"jahr\":2016,\"monat\":5,\"some_value\":2}]", t.path("final_rows").toString());
        assertTrue(t.path("explanation").asText().endsWith("As --schedule: 1,2,1,1,2,2,1,1,1,2,2,2,2,2."),
                t.path("explanation").asText());
    }

    /**
     * MariaDB's default REPEATABLE READ: both misses are FOR UPDATE reads that take the gap, so T1's
     * INSERT waits for T2's gap lock and T2's INSERT closes the cycle: T2 is the deadlock victim
     * (1213, which savepoint.yaml does not handle), and T1's INSERT goes through.
     */
    @Test
    void savepointOnMariaDbDeadlocksOnTheGap() throws Exception {
        JsonNode t = mysql(SAVEPOINT, "file-savepoint-mysql");
        assertEquals("REPEATABLE-READ", t.path("database").path("isolation").asText());
        assertEquals(List.of("T1 created", "T2 deadlock"), outcomes(t));
        List<String> e = ExplainIT.events(t);
        assertTrue(e.contains("4 T1: BLOCKED by [T2]"), e.toString());
        assertTrue(e.contains("6 T2: deadlock 1213"), e.toString());
    }

    /** The same under READ COMMITTED (no gap locks): as on PostgreSQL, T2 waits for T1's INSERT and finds its row. */
    @Test
    void savepointOnMariaDbReadCommitted() throws Exception {
        JsonNode t = mysql(SAVEPOINT, "file-savepoint-mysql.read-committed", "--isolation", "read-committed");
        assertEquals(List.of("T1 created", "T2 found_after_conflict"), outcomes(t));
        assertTrue(ExplainIT.events(t).contains("6 T2 finishes at 9: unique_violation 1062"), ExplainIT.events(t).toString());
    }

    /** The naive race: both miss, T2's INSERT waits for T1's and its unique violation reaches the application. */
    @Test
    void naiveOnPostgres() throws Exception {
        JsonNode t = pg(NAIVE, "file-naive-postgresql");
        assertEquals(List.of("T1 created", "T2 unique_violation"), outcomes(t));
        assertTrue(ExplainIT.events(t).contains("6 T2 finishes at 7: unique_violation 23505"), ExplainIT.events(t).toString());
    }

    /** On InnoDB T2 keeps the shared lock its failed INSERT took: T1's FOR UPDATE waits until T2 rolls back. */
    @Test
    void naiveOnMariaDb() throws Exception {
        JsonNode t = mysql(NAIVE, "file-naive-mysql");
        assertEquals(List.of("T1 created", "T2 unique_violation"), outcomes(t));
        List<String> e = ExplainIT.events(t);
        assertTrue(e.contains("8 T1: BLOCKED by [T2]"), e.toString());
        assertTrue(e.contains("8 T1 finishes at 9: 1 row: id = 1, jahr = 2016, monat = 5, some_value = 0"), e.toString());
    }

    /** T2's upsert waits for T1's, inserts nothing when T1 commits, and T2 locks and bumps T1's row. */
    @Test
    void upsertThenLockOnPostgres() throws Exception {
        JsonNode t = pg(UPSERT_THEN_LOCK, "file-upsert-then-lock-postgresql");
        assertEquals(List.of("T1 created", "T2 found"), outcomes(t));
        assertTrue(ExplainIT.events(t).contains("4 T2 finishes at 7: 0 rows: the key exists, nothing inserted"),
                ExplainIT.events(t).toString());
        assertEquals("[{\"jahr\":2016,\"monat\":5,\"some_value\":2}]", t.path("final_rows").toString());
    }

    @Test
    void upsertThenLockOnMariaDb() throws Exception {
        JsonNode t = mysql(UPSERT_THEN_LOCK, "file-upsert-then-lock-mysql");
        assertEquals(List.of("T1 created", "T2 found"), outcomes(t));
        assertTrue(ExplainIT.events(t).contains("4 T2: BLOCKED by [T1]"), ExplainIT.events(t).toString());
        assertEquals("[{\"jahr\":2016,\"monat\":5,\"some_value\":2}]", t.path("final_rows").toString());
    }

    /** --schedule: T1 runs its six statements to its commit before T2 starts, so T2 finds the row. */
    @Test
    void aScheduleOfTheUsersOwn() throws Exception {
        JsonNode t = ExplainIT.twice("--strategy-file", SAVEPOINT, "--url", TestDatabases.embeddedUrl(), "--schedule",
                "1,1,1,1,1,1,2");
        assertEquals(List.of("T1 created", "T2 found"), outcomes(t));
        assertEquals(List.of(), ExplainIT.events(t).stream().filter(e -> e.contains("BLOCKED")).toList());
        assertTrue(t.path("explanation").asText().endsWith("As --schedule: 1,1,1,1,1,1,2,2,2."), t.path("explanation")
                .asText());
    }

    /**
     * A --schedule entry for a session that has ended: the timeline so far, exit 5, one line, and
     * the run's table dropped.
     */
    @Test
    void aScheduleEntryForASessionThatHasEnded() throws Exception {
        String url = TestDatabases.embeddedUrl();
        LockdemoRun r = assertTimeout(Duration.ofSeconds(30), () -> LockdemoRun.run("explain", "--strategy-file",
                SAVEPOINT, "--url", url, "--schedule", "2,2,2,2,2,2,2", "--format", "json"));
        assertEquals(5, r.exitCode(), r.toString());
        assertEquals("lockdemo: --strategy-file " + SAVEPOINT + ": --schedule entry 7 is T2, which has ended (created)\n",
                r.err());
        JsonNode t = new ObjectMapper().readTree(r.out());
        assertEquals(List.of("T2 created"), outcomes(t), "T1 never ran");
        assertEquals(List.of(), TestDatabases.lockdemoTables(url, "postgres", "lockdemo_explain"), "the table is dropped");
    }

    /** The file's requires, checked after connecting and before any table, with race's line. */
    @Test
    void aVersionGateTheServerFailsIsOneLineBeforeAnyTable(@TempDir Path dir) throws Exception {
        Path file = dir.resolve("needs-pg99.yaml");
        Files.writeString(file, Files.readString(Path.of(SAVEPOINT)).replace("name: savepoint-file", "name: needs-pg99")
                .replace("counter:", "requires: {postgresql: 99}\ncounter:"));
        String url = TestDatabases.embeddedUrl();
        LockdemoRun r = LockdemoRun.run("explain", "--strategy-file", file.toString(), "--url", url);
        assertEquals(2, r.exitCode(), r.toString());
        assertTrue(r.err().startsWith("lockdemo: --strategy-file " + file + ": requires postgresql >= 99; the server is "
                + "PostgreSQL 18."), r.toString());
        assertEquals(1, r.err().lines().count(), r.toString());
        assertEquals(List.of(), TestDatabases.lockdemoTables(url, "postgres", "lockdemo_explain"), "no table was created");
    }

    /** --locks: the key's locks after every step, as for a built-in scenario. */
    @Test
    void locksAfterEveryStep() throws Exception {
        LockdemoRun r = LockdemoRun.run("explain", "--strategy-file", SAVEPOINT, "--url", TestDatabases.embeddedUrl(),
                "--locks", "--format", "json");
        assertEquals(0, r.exitCode(), r.toString());
        JsonNode t = new ObjectMapper().readTree(r.out());
        assertEquals(14, t.path("locks").size(), "one snapshot per step");
        assertTrue(t.path("locks").get(5).toString().contains("\"status\":\"waiting\""), t.path("locks").get(5).toString());
    }

    /** The text forms end with the outcomes, then the final rows. */
    @Test
    void theTextEndsWithTheOutcomesAndTheFinalRows() {
        LockdemoRun r = LockdemoRun.run("explain", "--strategy-file", NAIVE, "--url", TestDatabases.embeddedUrl(),
                "--width", "100");
        assertEquals(0, r.exitCode(), r.toString());
        assertTrue(r.out().contains("\nOutcomes:\n  T1: created (row was absent; this attempt inserted it)\n"
                + "  T2: unique_violation (unique-constraint violation surfaced to the application)\n\n"
                + "Final rows of lockdemo_explain:\n  jahr  monat  some_value\n  2016      5           1\n"), r.out());
        LockdemoRun md = LockdemoRun.run("explain", "--strategy-file", NAIVE, "--url", TestDatabases.embeddedUrl(),
                "--format", "markdown");
        assertTrue(md.out().contains("Outcomes:\n\n- T1: `created` (row was absent; this attempt inserted it)\n"), md.out());
    }

    private static JsonNode pg(String file, String golden) throws Exception {
        JsonNode t = ExplainIT.twice("--strategy-file", file, "--url", TestDatabases.embeddedUrl());
        assertGolden(t, golden, file, "(embedded PostgreSQL)");
        return t;
    }

    private static JsonNode mysql(String file, String golden, String... more) throws Exception {
        TestDatabase.MYSQL.assumeConfigured();
        List<String> args = new ArrayList<>(List.of("--strategy-file", file, "--url", MYSQL_URL, "--user", MYSQL_USER));
        args.addAll(List.of(more));
        JsonNode t = ExplainIT.twice(args.toArray(String[]::new));
        assertGolden(t, golden, file + (more.length == 0 ? "" : " " + String.join(" ", more)), "(MariaDB)");
        return t;
    }

    /** The events as ExplainIT's goldens hold them, then each session's outcome. */
    private static void assertGolden(JsonNode t, String name, String file, String where) throws Exception {
        ExplainGolden.assertMatches(name, List.of("lockdemo explain --strategy-file " + file + " " + where
                + ": the timeline ExplainStrategyFileIT expects, each event then its SQL, then the outcomes (see "
                + "ExplainGolden to regenerate)"), ExplainIT.golden(t) + "outcomes: " + String.join(", ", outcomes(t)) + "\n");
    }

    private static List<String> outcomes(JsonNode t) {
        List<String> out = new ArrayList<>();
        t.path("outcomes").forEach(o -> out.add(o.path("session").asText() + " " + o.path("outcome").asText()
                + (o.path("retries").asInt() == 0 ? "" : " after " + o.path("retries").asInt() + " retries")));
        return out;
    }

    /**
     * SIGTERM while a session's statement runs (the jar in its own process, as a user runs it): the
     * run stops with 143, says where, and drops its table.
     */
    @Test
    void aSignalMidStatementLeavesNoTable(@TempDir Path tmp) throws Exception {
        TestDatabase.MACHINE_POSTGRESQL.assumeConfigured();
        String url = TestDatabases.machinePgUrl();
        Path file = tmp.resolve("sleepy.yaml");
        Files.writeString(file, "lockdemo-strategy: 1\nname: sleepy\ncounter: none\nsteps:\n"
                + "  - sql: SELECT pg_sleep(60), count(*) FROM {table} WHERE jahr = :jahr AND monat = :monat\n"
                + "  - commit: found\n");
        String javaBin = Path.of(System.getProperty("java.home"), "bin", "java").toString();
        String jar = System.getenv().getOrDefault("LOCKDEMO_JAR", "target/lockdemo.jar");
        Path err = tmp.resolve("err.txt");
        Process p = new ProcessBuilder(javaBin, "-jar", jar, "explain", "--strategy-file", file.toString(),
                "--step-timeout", "90s", "--url", url, "--user", "postgres")
                .redirectOutput(tmp.resolve("out.txt").toFile()).redirectError(err.toFile()).start();
        try {
            Poll.until(Duration.ofSeconds(60), "the session's pg_sleep with the run's table there", () -> {
                if (!p.isAlive()) {
                    throw new AssertionError("lockdemo ended early: " + Files.readString(err));
                }
                return !TestDatabases.lockdemoTables(url, "postgres", "lockdemo_explain").isEmpty() && sleeping(url);
            });
            new ProcessBuilder("kill", "-TERM", Long.toString(p.pid())).start().waitFor();
            assertTrue(p.waitFor(30, java.util.concurrent.TimeUnit.SECONDS), "lockdemo did not stop within 30 s of SIGTERM");
        } finally {
            if (p.isAlive()) {
                p.destroyForcibly().waitFor(20, java.util.concurrent.TimeUnit.SECONDS);
            }
        }
        assertEquals(143, p.exitValue(), Files.readString(err));
        assertTrue(Files.readString(err).contains("stopped at step 1: interrupted by a signal"), Files.readString(err));
        assertEquals(List.of(), TestDatabases.lockdemoTables(url, "postgres", "lockdemo_explain"), "the table is dropped");
    }

    private static boolean sleeping(String url) throws java.sql.SQLException {
        try (java.sql.Connection c = java.sql.DriverManager.getConnection(url, "postgres", null);
                java.sql.Statement st = c.createStatement();
                java.sql.ResultSet rs = st.executeQuery("SELECT count(*) FROM pg_stat_activity WHERE query LIKE "
                        + "'SELECT pg_sleep(60)%' AND state = 'active'")) {
            rs.next();
            return rs.getLong(1) > 0;
        }
    }
}
