package org.lockdemo.it;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Faults from outside a running race, on an embedded PostgreSQL this class owns: backends
 * terminated mid-run, the server stopped for good, the server restarted, a foreign session holding
 * the row lock. Each asserts the exit code, that the counts add up, and what the checks said.
 */
class PostgresFaultsIT {
    private static final Duration WAIT = Duration.ofSeconds(60);
    private static RestartablePostgres pg;

    @BeforeAll
    static void startOwnServer() throws Exception {
        pg = RestartablePostgres.start(100);
    }

    @AfterAll
    static void stopOwnServer() throws Exception {
        if (pg != null) {
            pg.close();
        }
    }

    private static Connection connect() throws SQLException {
        return DriverManager.getConnection(pg.url(), "postgres", null);
    }

    private static long query(Connection c, String sql) throws SQLException {
        try (Statement s = c.createStatement(); ResultSet rs = s.executeQuery(sql)) {
            return rs.next() ? rs.getLong(1) : 0;
        }
    }

    /** The run's table, once it exists and holds at least {@code rows} committed rows. */
    private static String awaitTableWithRows(Future<LockdemoRun> run, String strategy, long rows) throws Exception {
        String[] table = new String[1];
        try (Connection c = connect()) {
            Poll.until(WAIT, "a " + strategy + " table with " + rows + " rows", () -> {
                if (run.isDone()) {
                    throw new AssertionError("the run ended early: " + run.get());
                }
                try (Statement s = c.createStatement(); ResultSet rs = s.executeQuery("SELECT relname FROM pg_class"
                        + " WHERE relkind = 'r' AND relname LIKE 'lockdemo\\_%\\_" + strategy + "'")) {
                    table[0] = rs.next() ? rs.getString(1) : null;
                }
                return table[0] != null && query(c, "SELECT count(*) FROM " + table[0]) >= rows;
            });
        }
        return table[0];
    }

    /** A savepoint race on this class's server over {@code keys} keys, with JSON, plus {@code more} options. */
    private static Future<LockdemoRun> startSavepointRun(Path json, int threads, int keys, String... more) {
        List<String> args = new ArrayList<>(List.of("race", "--url", pg.url(), "--user", "postgres", "--threads",
                Integer.toString(threads), "--keys", Integer.toString(keys), "--strategy", "savepoint", "--quiet",
                "--json", json.toString()));
        args.addAll(List.of(more));
        return LockdemoRun.start(args.toArray(String[]::new));
    }

    private static long counterSum(Connection c, String table) throws SQLException {
        return query(c, "SELECT coalesce(sum(some_value), 0) FROM " + table);
    }

    private static void assertCountsAddUp(JsonNode s) {
        assertTrue(s.get("attempts").asLong() > 0, s.toString());
        assertEquals(s.get("attempts").asLong(), LockdemoRun.sumOfOutcomes(s), "attempts = sum of outcomes: " + s);
        long inTimeline = 0;
        for (JsonNode n : s.get("timeline").get("attempts")) {
            inTimeline += n.asLong();
        }
        assertEquals(s.get("attempts").asLong(), inTimeline, "attempts = sum of the timeline: " + s.get("timeline"));
    }

    /** The savepoint entry of the result file, after asserting its status, counts and one outcome seen. */
    private static JsonNode assertSavepointResult(Path json, String status, String outcomeSeen) throws Exception {
        JsonNode result = LockdemoRun.json(json);
        assertEquals(status, result.get("status").asText(), result.toString());
        JsonNode s = LockdemoRun.strategy(result, "savepoint");
        assertCountsAddUp(s);
        assertTrue(LockdemoRun.outcome(s, outcomeSeen) >= 1, s.get("outcomes").toString());
        return s;
    }

    private static void assertEveryCheckPassed(JsonNode s) {
        for (JsonNode check : s.get("checks")) {
            assertTrue(check.get("passed").asBoolean(), check.toString());
        }
    }

    @Test
    void terminatedBackendsEndAsConnectionLostAndTheRunGoesOn(@TempDir Path tmp) throws Exception {
        Path json = tmp.resolve("r.json");
        Future<LockdemoRun> run = startSavepointRun(json, 6, 10, "--duration", "6s");
        String table = awaitTableWithRows(run, "savepoint", 10);
        long killed = 0;
        try (Connection c = connect()) {
            // lockdemo's worker backends in the middle of an attempt on this run's table
            String inFlight = "SELECT pg_terminate_backend(pid) FROM pg_stat_activity WHERE application_name = 'lockdemo'"
                    + " AND state <> 'idle' AND query LIKE '%" + table + "%' LIMIT 2";
            while (killed < 6) {
                long[] n = new long[1];
                Poll.until(WAIT, "lockdemo backends in flight", () -> {
                    try (Statement s = c.createStatement(); ResultSet rs = s.executeQuery(inFlight)) {
                        while (rs.next()) {
                            n[0] += rs.getBoolean(1) ? 1 : 0;
                        }
                    }
                    return n[0] > 0;
                });
                killed += n[0];
            }
            // the pool replaced them: committed updates keep coming
            long atLastKill = counterSum(c, table);
            Poll.until(WAIT, "updates committed after the kills", () -> counterSum(c, table) > atLastKill + 20);
        }
        LockdemoRun r = run.get(60, TimeUnit.SECONDS);
        assertEquals(0, r.exitCode(), r.toString());
        JsonNode s = LockdemoRun.strategy(LockdemoRun.json(json), "savepoint");
        assertCountsAddUp(s);
        long lost = LockdemoRun.outcome(s, "connection_lost");
        assertTrue(lost >= 1 && lost <= killed, "each terminated backend ends at most one attempt: lost " + lost
                + " of " + killed + " killed; " + s.get("outcomes"));
        assertEquals(0, LockdemoRun.outcome(s, "other_error"), s.toString());
        assertEveryCheckPassed(s);
    }

    @Test
    void serverRestartedWithinTheRunAndTheRunContinues(@TempDir Path tmp) throws Exception {
        Path json = tmp.resolve("r.json");
        Future<LockdemoRun> run = startSavepointRun(json, 4, 10, "--duration", "8s", "--connect-timeout", "30s");
        String table = awaitTableWithRows(run, "savepoint", 10);
        pg.stop();
        pg.startAgain();
        try (Connection c = connect()) {
            long afterRestart = counterSum(c, table);
            Poll.until(WAIT, "updates committed after the restart", () -> counterSum(c, table) > afterRestart + 20);
        }
        LockdemoRun r = run.get(60, TimeUnit.SECONDS);
        assertEquals(0, r.exitCode(), r.toString());
        assertEveryCheckPassed(assertSavepointResult(json, "complete", "connection_lost"));
        try (Connection c = connect()) {
            assertEquals(0, query(c, "SELECT count(*) FROM pg_class WHERE relname = '" + table + "'"), "table dropped");
        }
    }

    @Test
    void serverStoppedForGoodEndsTheRunWithDatabaseLostAndPartialResults(@TempDir Path tmp) throws Exception {
        Path json = tmp.resolve("r.json");
        Future<LockdemoRun> run = startSavepointRun(json, 4, 10, "--duration", "120s", "--connect-timeout", "2s");
        String table = awaitTableWithRows(run, "savepoint", 10);
        long stoppedAt = System.nanoTime();
        LockdemoRun r;
        try {
            pg.stop();
            r = run.get(60, TimeUnit.SECONDS);
        } finally {
            pg.startAgain();
        }
        long seconds = TimeUnit.NANOSECONDS.toSeconds(System.nanoTime() - stoppedAt);
        // documented bound: --connect-timeout for the workers, then up to one each for reading back
        // and dropping the table (3 x 2 s here), plus slack for a loaded CI machine; without the
        // bound the run would go on for its --duration of 120 s
        assertTrue(seconds <= 20, "lockdemo took " + seconds + " s to notice the database was gone");
        assertEquals(6, r.exitCode(), r.toString());
        String[] errLines = r.err().strip().split("\n");
        String last = errLines[errLines.length - 1];
        assertTrue(last.startsWith("lockdemo: the database went away during the run: no connection to the database"),
                r.toString());
        assertFalse(r.err().contains("\tat ") || r.err().contains("Exception"), r.toString());
        assertTrue(r.out().contains("PARTIAL RESULTS"), r.out());
        assertSavepointResult(json, "partial", "connection_lost");
        assertTrue(LockdemoRun.json(json).get("stop_reason").asText().contains("--connect-timeout"), r.toString());
        // the table could not be dropped with the server gone: said so, and cleanup removes it
        assertTrue(r.err().contains(table + " was left behind"), r.toString());
        LockdemoRun cleanup = LockdemoRun.run("cleanup", "--url", pg.url(), "--user", "postgres", "--older-than", "0s");
        assertEquals(0, cleanup.exitCode(), cleanup.toString());
        assertTrue(cleanup.out().contains("dropped  " + table), cleanup.toString());
    }

    /**
     * A server that stops answering but keeps its sockets open (every process SIGSTOPped, as a frozen
     * host or a network partition): the race's pooled connections read without a socket timeout, so
     * only the answer watchdog ends the statements in flight, after --answer-timeout; then opening a
     * new connection times out, and the run ends as database lost with what it measured.
     */
    @Test
    void serverThatStopsAnsweringIsAbortedAfterTheAnswerTimeout(@TempDir Path tmp) throws Exception {
        Path json = tmp.resolve("r.json");
        Future<LockdemoRun> run = startSavepointRun(json, 4, 10, "--duration", "120s", "--connect-timeout", "2s",
                "--lock-timeout", "1s", "--answer-timeout", "3s");
        String table = awaitTableWithRows(run, "savepoint", 10);
        long frozenAt = System.nanoTime();
        LockdemoRun r;
        try {
            pg.freeze();
            r = run.get(90, TimeUnit.SECONDS);
        } finally {
            pg.thaw();
        }
        long seconds = TimeUnit.NANOSECONDS.toSeconds(System.nanoTime() - frozenAt);
        // the bound: --answer-timeout plus the watchdog's tick (0.3 s here), then --connect-timeout
        // for a new connection, then reading and dropping the table, each up to --answer-timeout
        // (3 + 2 + 3 + 3 s), plus slack for a loaded machine; no bound at all without the watchdog
        assertTrue(seconds <= 30, "lockdemo took " + seconds + " s to notice the server stopped answering");
        assertEquals(6, r.exitCode(), r.toString());
        assertTrue(r.err().contains("connection aborted: a statement had no answer from the server for --answer-timeout (3000 ms)")
                || r.err().contains("connections aborted: a statement had no answer from the server for --answer-timeout (3000 ms)"),
                r.toString());
        assertFalse(r.err().contains("\tat ") || r.err().contains("Exception"), r.toString());
        assertSavepointResult(json, "partial", "connection_lost");
        LockdemoRun cleanup = LockdemoRun.run("cleanup", "--url", pg.url(), "--user", "postgres", "--older-than", "0s");
        assertEquals(0, cleanup.exitCode(), cleanup.toString());
        try (Connection c = connect()) {
            assertEquals(0, query(c, "SELECT count(*) FROM pg_class WHERE relname = '" + table + "'"), "table gone");
        }
    }

    @Test
    void foreignLockIsBoundedByTheLockTimeoutAndTheRunByMaxRunTime(@TempDir Path tmp) throws Exception {
        Path json = tmp.resolve("r.json");
        Future<LockdemoRun> run = startSavepointRun(json, 3, 1, "--duration", "600s", "--lock-timeout", "300ms",
                "--max-run-time", "3s");
        String table = awaitTableWithRows(run, "savepoint", 1);
        LockdemoRun r;
        List<String> left = new ArrayList<>();
        try (Connection foreign = connect()) {
            foreign.setAutoCommit(false);
            try (Statement s = foreign.createStatement()) {
                s.executeQuery("SELECT * FROM " + table + " FOR UPDATE").close(); // holds the only row's lock
            }
            r = run.get(60, TimeUnit.SECONDS);
            left.addAll(TestDatabases.lockdemoTables(pg.url(), "postgres", table));
            foreign.rollback();
        }
        assertEquals(7, r.exitCode(), r.toString());
        assertTrue(r.err().contains("lockdemo: --max-run-time 3000ms reached"), r.toString());
        assertEveryCheckPassed(assertSavepointResult(json, "partial", "lock_timeout"));
        // the foreign lock also blocked DROP TABLE, bounded by the same lock timeout: the table was
        // left behind and named, and cleanup removes it once the lock is gone
        assertEquals(List.of(table), left);
        assertTrue(r.err().contains(table + " was left behind"), r.toString());
        LockdemoRun cleanup = LockdemoRun.run("cleanup", "--url", pg.url(), "--user", "postgres", "--older-than", "0s");
        assertTrue(cleanup.out().contains("dropped  " + table), cleanup.toString());
    }
}
