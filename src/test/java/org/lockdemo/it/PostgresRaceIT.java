package org.lockdemo.it;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import org.lockdemo.model.Outcome;

/**
 * The thread's race at 64 threads on one hot key, on the embedded PostgreSQL and on the machine's
 * PostgreSQL: naive surfaces unique violations, savepoint surfaces none and blocks, nowait fails
 * fast; every count adds up and the checks pass against the table.
 */
class PostgresRaceIT {

    static Stream<Arguments> databases() {
        return Stream.of(Arguments.of("embedded"), Arguments.of("machine"));
    }

    static String url(String which) {
        if (which.equals("embedded")) {
            return TestDatabases.embeddedUrl();
        }
        String url = TestDatabases.machinePgUrl();
        TestDatabase.MACHINE_POSTGRESQL.assumeConfigured();
        return url;
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("databases")
    void hotKeyRaceAtSixtyFourThreads(String which, @TempDir Path dir) throws Exception {
        Path json = dir.resolve("race.json");
        LockdemoRun run = LockdemoRun.run("race", "--url", url(which), "--user", "postgres", "--threads", "64",
                "--rounds", "8", "--hold-ms", "2", "--strategy", "naive,savepoint,nowait", "--json", json.toString(),
                "--timeline-csv", dir.resolve("timeline.csv").toString(), "-q");
        assertEquals(0, run.exitCode(), run.toString());
        JsonNode result = LockdemoRun.json(json);
        assertEquals("complete", result.get("status").asText());
        for (JsonNode s : result.get("strategies")) {
            assertEquals(64 * 8, s.get("attempts").asLong(), s.get("strategy") + " attempts");
            assertEquals(s.get("attempts").asLong(), LockdemoRun.sumOfOutcomes(s), s.get("strategy") + " outcomes");
            assertTimelineAddsUp(s);
            assertEquals(0, LockdemoRun.outcome(s, "other_error"), s.toString());
            for (JsonNode check : s.get("checks")) {
                if (!check.get("name").asText().equals("no_unique_violation_surfaced")) {
                    assertTrue(check.get("passed").asBoolean(), s.get("strategy") + ": " + check);
                }
            }
            // exactly one row per round's key was created, and the database agrees (rows_match_inserts)
            assertEquals(8, LockdemoRun.outcome(s, "created"), s.toString());
        }
        assertTimelineCsvMatchesTheJson(dir.resolve("timeline.csv"), result);
        JsonNode naive = LockdemoRun.strategy(result, "naive");
        assertTrue(LockdemoRun.outcome(naive, "unique_violation") > 0, "naive must show the race: " + naive);
        assertTrue(naive.get("invariants_ok").asBoolean(), "naive's violations are the lesson, not a failure");
        assertEquals("lesson", naive.get("verdict").asText());

        JsonNode savepoint = LockdemoRun.strategy(result, "savepoint");
        assertEquals(0, LockdemoRun.outcome(savepoint, "unique_violation"), savepoint.toString());
        assertTrue(LockdemoRun.outcome(savepoint, "found_after_conflict") > 0, savepoint.toString());
        assertTrue(savepoint.get("blocked_waits").asLong() > 0, "savepoint waits on the winner: " + savepoint);
        assertTrue(savepoint.get("invariants_ok").asBoolean());
        assertEquals("pass", savepoint.get("verdict").asText());

        JsonNode nowait = LockdemoRun.strategy(result, "nowait");
        assertTrue(LockdemoRun.outcome(nowait, "lock_not_available") > 0, nowait.toString());
        assertEquals(0, LockdemoRun.outcome(nowait, "unique_violation"), nowait.toString());
        assertEquals(0, LockdemoRun.outcome(nowait, "lock_timeout"), nowait.toString());

        // the console wraps its text at 100 columns: compare it with the line breaks as spaces
        assertTrue(run.out().contains("naive") && run.out().replaceAll("\\s+", " ").contains("expected, this is the race"),
                run.out());
        // the run dropped its tables
        String runId = result.get("run_id").asText();
        assertEquals(List.of(), TestDatabases.lockdemoTables(url(which), "postgres", runId));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("databases")
    void spreadKeysWithKeepLeavesTablesThatMatchTheCounts(String which, @TempDir Path dir) throws Exception {
        Path json = dir.resolve("keys.json");
        LockdemoRun run = LockdemoRun.run("race", "--url", url(which), "--user", "postgres", "--threads", "16",
                "--rounds", "25", "--keys", "10", "--seed", "42", "--strategy", "savepoint", "--keep",
                "--json", json.toString(), "-q");
        assertEquals(0, run.exitCode(), run.toString());
        JsonNode s = LockdemoRun.strategy(LockdemoRun.json(json), "savepoint");
        assertEquals(16 * 25, s.get("attempts").asLong());
        assertEquals(s.get("attempts").asLong(), LockdemoRun.sumOfOutcomes(s));
        String table = s.get("table").asText();
        try (var c = java.sql.DriverManager.getConnection(url(which), "postgres", null);
                var st = c.createStatement();
                var rs = st.executeQuery("SELECT count(*), sum(some_value) FROM " + table)) {
            rs.next();
            long successes = 0;
            for (Outcome o : Outcome.values()) {
                if (o.isSuccess()) {
                    successes += LockdemoRun.outcome(s, o.id());
                }
            }
            assertTrue(rs.getLong(1) <= 10, "at most one row per key");
            assertEquals(LockdemoRun.outcome(s, "created"), rs.getLong(1), "created == rows in the table");
            assertEquals(successes, rs.getLong(2), "every success incremented its row once");
            st.execute("DROP TABLE " + table);
        }
        assertFalse(s.get("invariants_ok").isNull());
    }

    /**
     * A row that no attempt created (another session writing into lockdemo's table) is caught by
     * the checks against the database: the safe strategy's verdict fails and the exit code is 4.
     */
    @Test
    void aForeignRowFailsTheChecksAndTheExitCode(@TempDir Path dir) throws Exception {
        String url = TestDatabases.embeddedUrl();
        Path json = dir.resolve("foreign.json");
        java.util.Set<String> before = new java.util.HashSet<>(TestDatabases.lockdemoTables(url, "postgres", "_savepoint"));
        java.util.concurrent.CompletableFuture<LockdemoRun> run = java.util.concurrent.CompletableFuture.supplyAsync(
                () -> LockdemoRun.run("race", "--url", url, "--user", "postgres", "--threads", "4", "--duration", "3s",
                        "--keys", "5", "--strategy", "savepoint", "--json", json.toString(), "-q"));
        String table = null;
        long deadline = System.nanoTime() + java.util.concurrent.TimeUnit.SECONDS.toNanos(30);
        while (table == null && System.nanoTime() < deadline && !run.isDone()) {
            for (String t : TestDatabases.lockdemoTables(url, "postgres", "_savepoint")) {
                if (!before.contains(t)) {
                    table = t;
                }
            }
            Thread.onSpinWait();
        }
        assertTrue(table != null, "the run's table never appeared");
        try (var c = java.sql.DriverManager.getConnection(url, "postgres", null); var st = c.createStatement()) {
            st.execute("INSERT INTO " + table + " (jahr, monat, some_value) VALUES (100000, 1, 0)");
        }
        LockdemoRun result = run.get(60, java.util.concurrent.TimeUnit.SECONDS);
        assertEquals(4, result.exitCode(), result.toString());
        assertTrue(result.out().contains("FAILED rows_match_inserts"), result.out());
        JsonNode s = LockdemoRun.strategy(LockdemoRun.json(json), "savepoint");
        assertFalse(s.get("invariants_ok").asBoolean());
        assertEquals("fail", s.get("verdict").asText());
        assertEquals(s.get("attempts").asLong(), LockdemoRun.sumOfOutcomes(s));
    }

    @Test
    void isolationOptionIsAppliedAndReported(@TempDir Path dir) throws Exception {
        Path json = dir.resolve("rr.json");
        LockdemoRun run = LockdemoRun.run("race", "--url", TestDatabases.embeddedUrl(), "--user", "postgres",
                "--threads", "8", "--rounds", "3", "--strategy", "naive", "--isolation", "serializable",
                "--json", json.toString(), "-q");
        assertEquals(0, run.exitCode(), run.toString());
        JsonNode result = LockdemoRun.json(json);
        assertEquals("serializable", result.get("database").get("isolation").asText());
        assertEquals("serializable", result.get("config").get("isolation").asText());
        assertEquals("30s", result.get("database").get("settings").get("lock_timeout").asText());
    }

    /**
     * On PostgreSQL under REPEATABLE READ the loser's re-read after the duplicate-key error uses its
     * old snapshot and cannot see the winner's row: the "safe" strategy surfaces errors, the checks
     * say so, and the exit code is 4.
     */
    @Test
    void savepointUnderRepeatableReadFailsItsChecks(@TempDir Path dir) throws Exception {
        Path json = dir.resolve("rr.json");
        LockdemoRun run = LockdemoRun.run("race", "--url", TestDatabases.embeddedUrl(), "--user", "postgres",
                "--threads", "16", "--rounds", "5", "--hold-ms", "5", "--strategy", "savepoint",
                "--isolation", "repeatable-read", "--json", json.toString(), "-q");
        assertEquals(4, run.exitCode(), run.toString());
        JsonNode s = LockdemoRun.strategy(LockdemoRun.json(json), "savepoint");
        assertTrue(LockdemoRun.outcome(s, "missing_after_conflict") > 0, s.get("outcomes").toString());
        assertEquals(0, LockdemoRun.outcome(s, "unique_violation"));
        assertEquals(s.get("attempts").asLong(), LockdemoRun.sumOfOutcomes(s));
        assertFalse(s.get("invariants_ok").asBoolean());
        assertTrue(run.out().contains("FAILED no_unique_violation_surfaced") && run.out().contains("#13906"), run.out());
    }

    /** Every attempt is counted in exactly one second of the timeline, and so is every success. */
    static void assertTimelineAddsUp(JsonNode s) {
        JsonNode t = s.get("timeline");
        assertEquals(1000, t.get("interval_ms").asInt(), t.toString());
        assertEquals(t.get("attempts").size(), t.get("successes").size(), t.toString());
        assertTrue(t.get("attempts").size() >= 1, t.toString());
        assertEquals(s.get("attempts").asLong(), LockdemoRun.sum(t.get("attempts")), s.get("strategy") + " timeline");
        long successes = LockdemoRun.outcome(s, "created") + LockdemoRun.outcome(s, "found")
                + LockdemoRun.outcome(s, "found_after_conflict");
        assertEquals(successes, LockdemoRun.sum(t.get("successes")), s.get("strategy") + " timeline successes");
    }

    /** The CSV has the JSON's timeline, row by row: strategy, second, attempts, successes, failures. */
    static void assertTimelineCsvMatchesTheJson(Path csv, JsonNode result) throws java.io.IOException {
        StringBuilder expected = new StringBuilder("strategy,second,attempts,successes,failures\n");
        for (JsonNode s : result.get("strategies")) {
            JsonNode t = s.get("timeline");
            for (int i = 0; i < t.get("attempts").size(); i++) {
                long a = t.get("attempts").get(i).asLong();
                long ok = t.get("successes").get(i).asLong();
                expected.append(s.get("strategy").asText()).append(',').append(i).append(',').append(a).append(',')
                        .append(ok).append(',').append(a - ok).append('\n');
            }
        }
        assertEquals(expected.toString(), java.nio.file.Files.readString(csv));
    }
}
