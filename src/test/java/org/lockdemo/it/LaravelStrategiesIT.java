package org.lockdemo.it;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.lockdemo.strategy.Framework;
import org.lockdemo.strategy.StrategyKind;

/**
 * Laravel's get-or-create calls raced for real on the machine's PostgreSQL and MariaDB: 16 threads
 * released together by the race's start line on one fresh key per round, 20 rounds, READ COMMITTED.
 * The counts are exact: every attempt ends in one outcome, one row per key, a creator per round.
 * The lessons must show: {@code updateOrCreate}'s unlocked read-modify-write loses updates (its
 * {@code no_lost_update} check fails, as a lesson), {@code incrementOrCreate}'s atomic increment
 * loses none (the check passes, enforced), and Laravel 8's {@code firstOrCreate} lets the unique
 * violation reach the application, where 10.21+'s {@code createOrFirst} turns every duplicate into
 * a re-read.
 */
class LaravelStrategiesIT {
    private static final int THREADS = 16;
    private static final int ROUNDS = 20;
    private static final int ATTEMPTS = THREADS * ROUNDS;
    private static final Pattern COUNTER_SUM = Pattern.compile("counters sum to (\\d+)");

    @TempDir
    Path dir;

    private JsonNode race(String which, String isolation) throws Exception {
        String[] t = StrategiesIT.target(which);
        Path json = dir.resolve(which + "-" + isolation + ".json");
        List<String> args = List.of("race", "--url", t[0], "--user", t[1], "--strategy", "laravel", "--threads",
                Integer.toString(THREADS), "--rounds", Integer.toString(ROUNDS), "--isolation", isolation, "--json",
                json.toString(), "-q");
        LockdemoRun run = LockdemoRun.run(args.toArray(String[]::new));
        assertEquals(0, run.exitCode(), () -> "lockdemo " + String.join(" ", args) + "\n" + run);
        JsonNode result = LockdemoRun.json(json);
        assertEquals("complete", result.path("status").asText());
        List<String> ran = new ArrayList<>();
        result.get("strategies").forEach(s -> ran.add(s.get("strategy").asText()));
        assertEquals(StrategyKind.of(Framework.LARAVEL).stream().map(StrategyKind::id).toList(), ran,
                "--strategy laravel runs the group in registry order");
        for (JsonNode s : result.get("strategies")) {
            String name = s.get("strategy").asText();
            assertEquals(ATTEMPTS, s.get("attempts").asLong(), name);
            assertEquals(ATTEMPTS, LockdemoRun.sumOfOutcomes(s), name + " outcomes add up: " + s.get("outcomes"));
            assertEquals(0, LockdemoRun.outcome(s, "other_error"), name + ": " + s.get("errors"));
            assertTrue(check(s, "one_row_per_key").get("passed").asBoolean(), name + ": " + s.get("checks"));
            assertTrue(check(s, "rows_match_inserts").get("passed").asBoolean(), name + ": " + s.get("checks"));
            assertEquals(ROUNDS, LockdemoRun.outcome(s, "created"), name + ": one creator per round");
            // every successful attempt of these calls writes the counter once (a created row holds its first value)
            long successes = LockdemoRun.outcome(s, "created") + LockdemoRun.outcome(s, "found")
                    + LockdemoRun.outcome(s, "found_after_conflict");
            assertEquals(successes, counterSum(check(s, "no_lost_update").get("expected")), name);
        }
        return result;
    }

    @ParameterizedTest(name = "{0}")
    @ValueSource(strings = {"machine-postgresql", "mariadb"})
    void updateOrCreateLosesUpdatesAndIncrementOrCreateLosesNone(String which) throws Exception {
        JsonNode result = race(which, "read-committed");

        for (String id : List.of("laravel-update-or-create", "laravel-update-or-create-8")) {
            JsonNode s = LockdemoRun.strategy(result, id);
            JsonNode lost = check(s, "no_lost_update");
            assertFalse(lost.get("enforced").asBoolean(), id + " holds no lock: its lost updates are the lesson");
            assertFalse(lost.get("passed").asBoolean(), id + " should lose updates on a hot key: " + lost);
            assertTrue(counterSum(lost.get("actual")) < counterSum(lost.get("expected")), lost.toString());
            assertEquals("lesson", s.get("verdict").asText(), s.get("checks").toString());
        }
        assertEquals(0, LockdemoRun.outcome(LockdemoRun.strategy(result, "laravel-update-or-create"), "unique_violation"));

        JsonNode inc = LockdemoRun.strategy(result, "laravel-increment-or-create");
        JsonNode kept = check(inc, "no_lost_update");
        assertTrue(kept.get("enforced").asBoolean(), "the atomic increment takes the row lock: a loss would be a bug");
        assertTrue(kept.get("passed").asBoolean(), kept.toString());
        assertEquals(counterSum(kept.get("expected")), counterSum(kept.get("actual")));
        assertEquals(ATTEMPTS, counterSum(kept.get("actual")), "every attempt added one: " + inc.get("outcomes"));
        assertEquals("pass", inc.get("verdict").asText(), inc.get("checks").toString());
    }

    @ParameterizedTest(name = "{0}")
    @ValueSource(strings = {"machine-postgresql", "mariadb"})
    void firstOrCreate8SurfacesUniqueViolationsWhereCreateOrFirstRereads(String which) throws Exception {
        JsonNode result = race(which, "read-committed");
        boolean postgres = result.get("database").get("dialect").asText().equals("postgresql");

        JsonNode eight = LockdemoRun.strategy(result, "laravel-first-or-create-8");
        long uv = LockdemoRun.outcome(eight, "unique_violation");
        assertTrue(uv > 0, "16 threads that miss the select together must collide in the INSERT: " + eight.get("outcomes"));
        assertEquals(ATTEMPTS, LockdemoRun.outcome(eight, "created") + LockdemoRun.outcome(eight, "found") + uv,
                eight.get("outcomes").toString());
        long fromErrors = 0;
        for (JsonNode e : eight.get("errors")) {
            if (e.get("outcome").asText().equals("unique_violation")) {
                assertEquals("insert", e.get("step").asText(), e.toString());
                if (postgres) {
                    assertEquals("23505", e.get("sqlstate").asText(), e.toString()); // unique_violation
                } else {
                    assertEquals(1062, e.get("vendor_code").asInt(), e.toString()); // ER_DUP_ENTRY
                }
                fromErrors += e.get("count").asLong();
            }
        }
        assertEquals(uv, fromErrors, eight.get("errors").toString());
        assertEquals("lesson", eight.get("verdict").asText());

        // createOrFirst inserts first: every attempt but the round's creator hits the duplicate and re-reads
        JsonNode cof = LockdemoRun.strategy(result, "laravel-create-or-first");
        assertEquals(ATTEMPTS - ROUNDS, LockdemoRun.outcome(cof, "found_after_conflict"), cof.get("outcomes").toString());
        assertTrue(cof.get("invariants_ok").asBoolean(), cof.get("checks").toString());
        // firstOrCreate of 10.21+: the same read-back, and no duplicate reaches the application under READ COMMITTED
        JsonNode foc = LockdemoRun.strategy(result, "laravel-first-or-create");
        assertEquals(0, LockdemoRun.outcome(foc, "unique_violation") + LockdemoRun.outcome(foc, "missing_after_conflict"),
                foc.get("outcomes").toString());
    }

    /**
     * InnoDB's REPEATABLE READ in the caller's transaction: firstOrCreate's select takes the snapshot,
     * so its re-read after the duplicate finds nothing and Laravel rethrows the duplicate; createOrFirst's
     * re-read is the transaction's first read and sees the winner's row.
     */
    @Test
    void onMariaDbRepeatableReadOnlyTheReadFirstCallsLoseTheRow() throws Exception {
        JsonNode result = race("mariadb", "repeatable-read");
        for (String id : List.of("laravel-first-or-create", "laravel-update-or-create", "laravel-increment-or-create")) {
            JsonNode s = LockdemoRun.strategy(result, id);
            assertTrue(LockdemoRun.outcome(s, "missing_after_conflict") > 0, id + ": " + s.get("outcomes"));
            assertEquals(0, LockdemoRun.outcome(s, "found_after_conflict"), id + ": " + s.get("outcomes"));
            assertFalse(StrategyKind.fromId(id).orElseThrow().expectedSafe(), id);
        }
        JsonNode cof = LockdemoRun.strategy(result, "laravel-create-or-first");
        assertEquals(ATTEMPTS - ROUNDS, LockdemoRun.outcome(cof, "found_after_conflict"), cof.get("outcomes").toString());
        assertTrue(StrategyKind.LARAVEL_CREATE_OR_FIRST.expectedSafe());
        assertTrue(check(LockdemoRun.strategy(result, "laravel-increment-or-create"), "no_lost_update").get("passed")
                .asBoolean());
    }

    private static JsonNode check(JsonNode strategy, String name) {
        for (JsonNode c : strategy.get("checks")) {
            if (c.get("name").asText().equals(name)) {
                return c;
            }
        }
        throw new AssertionError("no check " + name + " in " + strategy.get("checks"));
    }

    private static long counterSum(JsonNode text) {
        Matcher m = COUNTER_SUM.matcher(text.asText());
        assertTrue(m.find(), "no counter sum in " + text);
        return Long.parseLong(m.group(1));
    }
}
