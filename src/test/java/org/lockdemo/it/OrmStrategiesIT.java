package org.lockdemo.it;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;
import org.lockdemo.strategy.StrategyKind;

/**
 * SQLAlchemy's and Hibernate's strategies raced for real on the machine's PostgreSQL and MariaDB:
 * 8 threads leave the race's start line together onto one fresh key per round (a hot key), so each
 * round is one insert race. The counts add up exactly (every attempt one outcome, one creator and
 * one row per round), and the lesson shows where it must: merge() and persist() surface unique
 * violations, the begin_nested() recipe surfaces none under READ COMMITTED but, holding no lock,
 * loses updates, and under REPEATABLE READ its re-query cannot see the winner's row; Hibernate's
 * upsert settles every insert race on MariaDB. What these assert was seen first in real runs
 * (docs/frameworks.md).
 */
class OrmStrategiesIT {
    private static final int THREADS = 8;
    private static final int ROUNDS = 20;

    static Stream<String> databases() {
        return Stream.of("machine-postgresql", "mariadb");
    }

    static JsonNode race(Path dir, String which, String isolation, String strategies) throws Exception {
        String[] t = StrategiesIT.target(which);
        Path json = dir.resolve("race-" + System.nanoTime() + ".json");
        LockdemoRun run = LockdemoRun.run("race", "--url", t[0], "--user", t[1], "--threads", Integer.toString(THREADS),
                "--rounds", Integer.toString(ROUNDS), "--isolation", isolation, "--strategy", strategies,
                "--json", json.toString(), "-q");
        assertEquals(0, run.exitCode(), run.toString());
        JsonNode result = LockdemoRun.json(json);
        List<String> ran = new ArrayList<>();
        for (JsonNode s : result.get("strategies")) {
            String name = s.get("strategy").asText();
            ran.add(name);
            assertEquals(THREADS * ROUNDS, s.get("attempts").asLong(), name);
            assertEquals(s.get("attempts").asLong(), LockdemoRun.sumOfOutcomes(s), name + " outcomes add up");
            assertEquals(0, LockdemoRun.outcome(s, "other_error"), name + ": " + s.get("errors"));
            // the enforced checks (one row per key, rows = committed inserts, ...) hold: a lesson, never a failure
            assertTrue(s.get("invariants_ok").asBoolean(), name + ": " + s.get("checks"));
            assertFalse(StrategyKind.fromId(name).orElseThrow().expectedSafe(), name);
        }
        assertEquals(List.of(strategies.split(",")), ran);
        return result;
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("databases")
    void mergeAndPersistSurfaceUniqueViolationsUnderAHotKey(String which, @TempDir Path dir) throws Exception {
        JsonNode result = race(dir, which, "read-committed", "sqlalchemy-merge,hibernate-persist,hibernate-merge");
        for (JsonNode s : result.get("strategies")) {
            String name = s.get("strategy").asText();
            // one creator per round; the other sessions that missed the SELECT got the duplicate key
            assertEquals(ROUNDS, LockdemoRun.outcome(s, "created"), name + ": " + s.get("outcomes"));
            assertTrue(LockdemoRun.outcome(s, "unique_violation") > 0, name + ": " + s.get("outcomes"));
            assertEquals(0, LockdemoRun.outcome(s, "found_after_conflict"), name + ": no call retries");
            assertEquals("lesson", s.get("verdict").asText(), name);
        }
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("databases")
    void beginNestedSurfacesNothingUnderReadCommittedButLosesUpdates(String which, @TempDir Path dir) throws Exception {
        JsonNode s = LockdemoRun.strategy(race(dir, which, "read-committed", "sqlalchemy-begin-nested"),
                "sqlalchemy-begin-nested");
        assertEquals(0, LockdemoRun.outcome(s, "unique_violation"), s.get("outcomes").toString());
        assertEquals(0, LockdemoRun.outcome(s, "missing_after_conflict"), s.get("outcomes").toString());
        assertEquals(ROUNDS, LockdemoRun.outcome(s, "created"), s.get("outcomes").toString());
        assertTrue(LockdemoRun.outcome(s, "found_after_conflict") > 0, s.get("outcomes").toString());
        // no lock: the sessions' read-modify-writes overwrite each other (shown, not enforced)
        JsonNode lost = check(s, "no_lost_update");
        assertFalse(lost.get("enforced").asBoolean());
        assertFalse(lost.get("passed").asBoolean(), s.get("checks").toString());
        assertEquals("lesson", s.get("verdict").asText());
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("databases")
    void beginNestedsReQueryCannotSeeTheWinnerUnderRepeatableRead(String which, @TempDir Path dir) throws Exception {
        JsonNode s = LockdemoRun.strategy(race(dir, which, "repeatable-read", "sqlalchemy-begin-nested"),
                "sqlalchemy-begin-nested");
        // NoResultFound: the re-query reads the snapshot of the first query
        assertTrue(LockdemoRun.outcome(s, "missing_after_conflict") > 0, s.get("outcomes").toString());
        assertEquals(0, LockdemoRun.outcome(s, "found_after_conflict"), s.get("outcomes").toString());
        assertEquals(ROUNDS, LockdemoRun.outcome(s, "created"), s.get("outcomes").toString());
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("databases")
    void hibernatesUpsertSettlesTheInsertRaceButLosesUpdates(String which, @TempDir Path dir) throws Exception {
        JsonNode result = race(dir, which, "read-committed", "hibernate-upsert");
        boolean postgres = result.get("database").get("dialect").asText().equals("postgresql");
        JsonNode s = LockdemoRun.strategy(result, "hibernate-upsert");
        assertFalse(check(s, "no_lost_update").get("passed").asBoolean(), s.get("checks").toString());
        assertTrue(check(s, "rows_match_inserts").get("passed").asBoolean(), s.get("checks").toString());
        if (!postgres) {
            // ON DUPLICATE KEY UPDATE matches any unique key; the affected rows tell the creator apart
            assertEquals(0, LockdemoRun.outcome(s, "unique_violation"), s.get("outcomes").toString());
            assertEquals(ROUNDS, LockdemoRun.outcome(s, "created"), s.get("outcomes").toString());
            assertTrue(LockdemoRun.outcome(s, "found_after_conflict") > 0, s.get("outcomes").toString());
        } else {
            // one row whether it inserted or updated: every upsert after a miss counts as created,
            // and a rare INSERT that meets the other row in the (jahr, monat) index first is a 23505
            assertTrue(LockdemoRun.outcome(s, "created") >= ROUNDS, s.get("outcomes").toString());
            assertEquals(0, LockdemoRun.outcome(s, "found_after_conflict"), s.get("outcomes").toString());
        }
    }

    private static JsonNode check(JsonNode strategy, String name) {
        for (JsonNode c : strategy.get("checks")) {
            if (c.get("name").asText().equals(name)) {
                return c;
            }
        }
        throw new AssertionError("no check " + name + " in " + strategy.get("checks"));
    }
}
