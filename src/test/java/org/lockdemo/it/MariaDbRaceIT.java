package org.lockdemo.it;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * The race command, in-process, against a real MariaDB: the server from
 * {@code LOCKDEMO_TEST_MYSQL_URL} (e.g. {@code jdbc:mysql://127.0.0.1:3306/test}); skipped when it
 * is unset. The user is {@code LOCKDEMO_TEST_MYSQL_USER} or root; a password, if any, comes from
 * the environment as for a user (LOCKDEMO_PASSWORD, MYSQL_PWD). Each run is 64 threads on a hot
 * key for 10 rounds: one to two seconds of racing.
 */
@RequiresDatabase(TestDatabase.MYSQL)
class MariaDbRaceIT {
    private static final String URL = System.getenv("LOCKDEMO_TEST_MYSQL_URL");
    private static final String USER = System.getenv().getOrDefault("LOCKDEMO_TEST_MYSQL_USER", "root");

    @TempDir
    Path tmp;

    @Test
    void naiveSurfacesUniqueViolations() throws Exception {
        JsonNode run = race("naive");
        JsonNode db = run.path("database");
        assertEquals("MariaDB", db.path("product").asText());
        assertEquals("mysql", db.path("dialect").asText());
        // no --isolation: the session runs at the server's default, which InnoDB ships as REPEATABLE READ
        assertEquals(db.path("settings").path("global.tx_isolation").asText(), db.path("isolation").asText());

        JsonNode naive = strategy(run, "naive");
        assertOutcomesAddUp(naive);
        assertTrue(outcome(naive, "unique_violation") > 0,
                "64 threads on one fresh key should collide in the INSERT at least once: " + naive.path("outcomes"));
        assertTrue(errors(naive, "unique_violation").stream().allMatch(e -> e.path("vendor_code").asInt() == 1062),
                "unique violations come from 1062 ER_DUP_ENTRY: " + naive.path("errors"));
        assertTrue(naive.path("invariants_ok").asBoolean(), "one row per key and no lost update: " + naive.path("checks"));
    }

    /**
     * MariaDB answers NOWAIT with 1205, the lock-wait-timeout code; it must count as
     * lock_not_available. Under REPEATABLE READ the INSERT that follows a NOWAIT miss can still wait,
     * for an insert-intention lock against the other sessions' gap locks; those waits form cycles
     * that InnoDB's deadlock detector breaks at once (1213, counted as deadlock), so no wait runs
     * into innodb_lock_wait_timeout. On a server with innodb_deadlock_detect=OFF every such INSERT
     * waits the full timeout instead (seen: 63 of 64 per round) and this test fails on lock_timeout.
     */
    @ParameterizedTest(name = "nowait under {0}")
    @CsvSource({"repeatable-read, REPEATABLE-READ", "read-committed, READ-COMMITTED"})
    void nowaitFailsFastWithLockNotAvailableAndNeverTimesOut(String isolation, String serverName) throws Exception {
        JsonNode run = race("nowait", "--isolation", isolation, "--lock-timeout", "5s");
        assertEquals(serverName, run.path("database").path("isolation").asText());
        JsonNode nowait = strategy(run, "nowait");
        assertOutcomesAddUp(nowait);
        if (isolation.equals("read-committed")) {
            // the losers find the winner's row committed and locked
            assertTrue(outcome(nowait, "lock_not_available") > 0, "NOWAIT should find the row locked: " + nowait.path("outcomes"));
        } else {
            // under REPEATABLE READ, with every thread of a round released at once, nearly all miss
            // together: their gap locks make the INSERTs deadlock, and NOWAIT meets a committed locked
            // row only when a thread comes late (seen: 0 of 640 once the start line released them at once)
            assertTrue(outcome(nowait, "lock_not_available") + outcome(nowait, "deadlock") > 0,
                    "NOWAIT's losers fail fast or as deadlock victims: " + nowait.path("outcomes"));
        }
        for (JsonNode e : errors(nowait, "lock_not_available")) {
            assertEquals(1205, e.path("vendor_code").asInt(), "MariaDB's NOWAIT error: " + e);
            assertEquals("lock_nowait", e.path("step").asText(), e.toString());
        }
        assertEquals(0, outcome(nowait, "lock_timeout"), "no wait should reach innodb_lock_wait_timeout: "
                + nowait.path("errors") + " with " + run.path("database").path("settings"));
        assertDeadlocksAreClassified(nowait);
        assertEquals(0, outcome(nowait, "unique_violation"));
        assertTrue(nowait.path("invariants_ok").asBoolean(), nowait.path("checks").toString());
    }

    /**
     * Under contention the savepoint strategy can be a deadlock victim on InnoDB: under REPEATABLE
     * READ at the INSERT (gap locks of FOR UPDATE on the missing row), under READ COMMITTED at the
     * second FOR UPDATE (the shared lock a failed duplicate INSERT keeps after ROLLBACK TO
     * SAVEPOINT). Those are deadlock outcomes, not harness errors, and the checks still pass.
     */
    @ParameterizedTest(name = "savepoint under {0}")
    @CsvSource({"repeatable-read, REPEATABLE-READ", "read-committed, READ-COMMITTED"})
    void savepointIsSafeAndItsDeadlocksAreCountedAsSuch(String isolation, String serverName) throws Exception {
        JsonNode run = race("savepoint", "--isolation", isolation);
        assertEquals(serverName, run.path("database").path("isolation").asText());
        assertEquals(isolation, run.path("config").path("isolation").asText());
        JsonNode savepoint = strategy(run, "savepoint");
        assertOutcomesAddUp(savepoint);
        assertDeadlocksAreClassified(savepoint);
        assertEquals(0, outcome(savepoint, "unique_violation"), savepoint.path("errors").toString());
        assertEquals(0, outcome(savepoint, "other_error"), savepoint.path("errors").toString());
        assertTrue(savepoint.path("invariants_ok").asBoolean(), savepoint.path("checks").toString());
        assertTrue(run.path("checks_ok").asBoolean());
    }

    private JsonNode race(String strategy, String... extra) throws Exception {
        Path json = tmp.resolve(strategy + ".json");
        List<String> args = new ArrayList<>(List.of("race", "--url", URL, "--user", USER, "--threads", "64",
                "--rounds", "10", "--strategy", strategy, "--json", json.toString(), "-q"));
        args.addAll(List.of(extra));
        LockdemoRun run = LockdemoRun.run(System.getenv(), args.toArray(String[]::new));
        assertEquals(0, run.exitCode(), () -> "lockdemo " + String.join(" ", args) + "\n" + run);
        JsonNode result = LockdemoRun.json(json);
        assertEquals("complete", result.path("status").asText());
        return result;
    }

    private static JsonNode strategy(JsonNode run, String id) {
        return LockdemoRun.strategy(run, id);
    }

    private static long outcome(JsonNode strategy, String outcome) {
        return LockdemoRun.outcome(strategy, outcome);
    }

    private static List<JsonNode> errors(JsonNode strategy, String outcome) {
        List<JsonNode> out = new ArrayList<>();
        for (JsonNode e : strategy.path("errors")) {
            if (outcome.equals(e.path("outcome").asText())) {
                out.add(e);
            }
        }
        return out;
    }

    private static void assertOutcomesAddUp(JsonNode strategy) {
        assertEquals(64 * 10, strategy.path("attempts").asLong());
        assertEquals(strategy.path("attempts").asLong(), LockdemoRun.sumOfOutcomes(strategy),
                strategy.path("outcomes").toString());
        assertEquals(0, outcome(strategy, "other_error"), strategy.path("errors").toString());
    }

    /** Every 1213 is a deadlock outcome, and every deadlock outcome is a 1213. */
    private static void assertDeadlocksAreClassified(JsonNode strategy) {
        long fromErrors = 0;
        for (JsonNode e : strategy.path("errors")) {
            if (e.path("vendor_code").asInt() == 1213) {
                assertEquals("deadlock", e.path("outcome").asText(), e.toString());
                fromErrors += e.path("count").asLong();
            }
        }
        assertEquals(fromErrors, outcome(strategy, "deadlock"), strategy.path("errors").toString());
    }
}
