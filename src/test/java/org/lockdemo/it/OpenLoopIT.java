package org.lockdemo.it;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;
import java.nio.ByteBuffer;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.util.Base64;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.LockSupport;
import org.HdrHistogram.Histogram;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code race --rate}: the open loop runs exactly the attempts of its timetable, and a stall shows in
 * the latency tail because latency counts from the intended start. On an embedded PostgreSQL this
 * class owns. Counts are asserted exactly; the one time-based quantity, the stall, is measured by
 * the test and the assertions are derived from the measured value.
 */
class OpenLoopIT {
    private static final Duration WAIT = Duration.ofSeconds(30);
    private static EmbeddedPostgres pg;

    @BeforeAll
    static void startOwnServer() throws Exception {
        pg = EmbeddedPostgres.builder().start();
    }

    @AfterAll
    static void stopOwnServer() throws Exception {
        if (pg != null) {
            pg.close();
        }
    }

    private static String url() {
        return "jdbc:postgresql://127.0.0.1:" + pg.getPort() + "/postgres";
    }

    private static long sum(JsonNode array) {
        long n = 0;
        for (JsonNode v : array) {
            n += v.asLong();
        }
        return n;
    }

    @Test
    void withADurationTheAttemptsAreExactlyTheTimetablesStartsBeforeTheEnd(@TempDir Path tmp) throws Exception {
        Path json = tmp.resolve("r.json");
        LockdemoRun run = LockdemoRun.run("race", "--url", url(), "--user", "postgres", "--threads", "4", "--keys", "20",
                "--rate", "200", "--duration", "2s", "--strategy", "savepoint", "--quiet", "--json", json.toString());
        assertEquals(0, run.exitCode(), run.toString());
        assertTrue(run.out().contains("open loop at 200 attempts/s (50/s per thread)"), run.out());
        JsonNode result = LockdemoRun.json(json);
        assertEquals("open", result.get("config").get("mode").asText());
        assertEquals(200.0, result.get("config").get("rate_per_s").asDouble());
        JsonNode s = LockdemoRun.strategy(result, "savepoint");
        long attempts = s.get("attempts").asLong();
        // intended starts at 0, 5, 10, ... 1995 ms: 400 before the end of 2 s, each either run or unstarted
        assertEquals(400, attempts + s.get("unstarted").asLong(), s.toString());
        assertEquals(attempts, LockdemoRun.sumOfOutcomes(s), "attempts = sum of outcomes");
        assertEquals(attempts, sum(s.get("timeline").get("attempts")), "attempts = sum of the timeline");
        assertEquals(attempts, s.get("schedule_lag_us").get("count").asLong(), "one lag per attempt");
        assertTrue(s.get("invariants_ok").asBoolean(), s.get("checks").toString());
    }

    @Test
    void withRoundsEveryThreadRunsThemAll(@TempDir Path tmp) throws Exception {
        Path json = tmp.resolve("r.json");
        LockdemoRun run = LockdemoRun.run("race", "--url", url(), "--user", "postgres", "--threads", "3", "--keys", "5",
                "--rate", "300", "--rounds", "40", "--strategy", "upsert", "--quiet", "--json", json.toString());
        assertEquals(0, run.exitCode(), run.toString());
        JsonNode s = LockdemoRun.strategy(LockdemoRun.json(json), "upsert");
        assertEquals(120, s.get("attempts").asLong());
        assertEquals(0, s.get("unstarted").asLong());
    }

    /**
     * A foreign session locks the table while one worker runs at 100 attempts/s, and lets go after a
     * stall it measures itself (S, from seeing the worker wait to releasing). Every attempt meant to
     * start in the first half of the stall can start only after it: latency from the intended start
     * is then at least S/2 for all of them, about S/2 x 100/s attempts. A closed loop would show one.
     */
    @Test
    void aStallShowsInTheTailOfTheOpenLoop(@TempDir Path tmp) throws Exception {
        Path json = tmp.resolve("r.json");
        double ratePerSecond = 100;
        long periodNanos = (long) (1e9 / ratePerSecond);
        Future<LockdemoRun> running = LockdemoRun.start("race", "--url", url(), "--user", "postgres", "--threads", "1",
                "--keys", "1", "--rate", "100", "--rounds", "400", "--strategy", "savepoint", "--quiet", "--json",
                json.toString());
        long stallNanos;
        try (Connection foreign = pg.getPostgresDatabase().getConnection(); Statement s = foreign.createStatement()) {
            String table = awaitTable(running, s);
            foreign.setAutoCommit(false);
            // blocks the worker's SELECT ... FOR UPDATE and INSERT; plain reads (the checks) still pass
            s.execute("LOCK TABLE " + table + " IN EXCLUSIVE MODE");
            Poll.until(WAIT, "the worker waiting for the table lock", () -> waiters(s, table) > 0);
            long blockedSeen = System.nanoTime();
            // the stall: hold the lock for a while; its length is measured, not assumed
            long holdUntil = blockedSeen + TimeUnit.MILLISECONDS.toNanos(400);
            while (System.nanoTime() - holdUntil < 0) {
                LockSupport.parkNanos(holdUntil - System.nanoTime());
            }
            stallNanos = System.nanoTime() - blockedSeen; // the worker is still waiting: released only below
            foreign.commit();
        }
        LockdemoRun run = running.get(60, TimeUnit.SECONDS);
        assertEquals(0, run.exitCode(), run.toString());
        JsonNode s = LockdemoRun.strategy(LockdemoRun.json(json), "savepoint");
        assertEquals(400, s.get("attempts").asLong());
        Histogram latency = decode(s.get("histograms").get("latency_ns").asText());
        long half = stallNanos / 2;
        long slow = latency.getCountBetweenValues(latency.lowestEquivalentValue(half), Long.MAX_VALUE);
        long expected = half / periodNanos + 1; // those meant to start in the first half, and the one that waited
        assertTrue(slow >= expected, "stall of " + stallNanos / 1_000_000 + " ms: " + slow
                + " attempts took >= half of it, expected >= " + expected + "; latency " + s.get("latency_us"));
        // the first attempt meant to start after the worker was seen waiting started after the release
        double lagMaxMicros = s.get("schedule_lag_us").get("max").asDouble();
        assertTrue(lagMaxMicros * 1000 >= (stallNanos - periodNanos) * 0.99,
                "schedule lag max " + lagMaxMicros + " us after a stall of " + stallNanos / 1000 + " us");
    }

    private static String awaitTable(Future<LockdemoRun> running, Statement s) throws Exception {
        String[] table = new String[1];
        Poll.until(WAIT, "the run's savepoint table", () -> {
            if (running.isDone()) {
                throw new AssertionError("the run ended early: " + running.get());
            }
            try (ResultSet rs = s.executeQuery("SELECT relname FROM pg_class WHERE relkind = 'r'"
                    + " AND relname LIKE 'lockdemo\\_%\\_savepoint'")) {
                table[0] = rs.next() ? rs.getString(1) : null;
            }
            return table[0] != null;
        });
        return table[0];
    }

    private static long waiters(Statement s, String table) throws SQLException {
        try (ResultSet rs = s.executeQuery("SELECT count(*) FROM pg_locks WHERE NOT granted AND relation = '"
                + table + "'::regclass")) {
            rs.next();
            return rs.getLong(1);
        }
    }

    private static Histogram decode(String base64) throws Exception {
        return Histogram.decodeFromCompressedByteBuffer(ByteBuffer.wrap(Base64.getDecoder().decode(base64)), 0);
    }
}
