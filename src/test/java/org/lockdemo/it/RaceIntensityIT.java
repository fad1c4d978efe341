package org.lockdemo.it;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The race intensity the tool measures, on the embedded PostgreSQL: with a statement delay that
 * stands for a network round trip, nearly every thread of a hot-key round races (its first SELECT
 * finds no row), the counts add up, and --expect can hold a run to them. Assertions on what the
 * run measured; no timing is asserted.
 */
class RaceIntensityIT {
    private static final int THREADS = 16;
    private static final int ROUNDS = 10;

    @Test
    void withAStatementDelayNearlyEveryThreadRaces(@TempDir Path dir) throws Exception {
        Path json = dir.resolve("r.json");
        LockdemoRun run = LockdemoRun.run("race", "--url", TestDatabases.embeddedUrl(), "--user", "postgres",
                "--threads", String.valueOf(THREADS), "--rounds", String.valueOf(ROUNDS), "--strategy", "naive,savepoint",
                "--statement-delay", "1ms", "--quiet", "--json", json.toString(),
                "--expect", "naive.race_intensity.racers_per_round.mean > 8");
        assertEquals(0, run.exitCode(), run.toString());
        JsonNode result = LockdemoRun.json(json);
        assertEquals(1000, result.get("config").get("statement_delay_us").asLong());
        for (String name : new String[] {"naive", "savepoint"}) {
            JsonNode s = LockdemoRun.strategy(result, name);
            JsonNode ri = s.get("race_intensity");
            long attempts = s.get("attempts").asLong();
            long raced = ri.get("raced").asLong();
            assertTrue(raced <= attempts, s.toString());
            assertFalse(ri.get("raced_is_lower_bound").asBoolean(), name + " is exact on PostgreSQL: " + ri);
            JsonNode racers = ri.get("racers_per_round");
            assertEquals(ROUNDS, racers.get("rounds").asLong(), ri.toString());
            assertEquals((double) raced / ROUNDS, racers.get("mean").asDouble(), 0.01, "racers add up to raced: " + ri);
            assertTrue(racers.get("max").asLong() <= THREADS, ri.toString());
            // the winner races every round; with 1 ms before each statement most losers' first
            // SELECTs run before the winner's INSERT commits (11.4 of 16 with the machine loaded by two
            // other builds; without the delay about 3)
            assertTrue(racers.get("mean").asDouble() >= THREADS / 2.0, name + " racers/round: " + ri);
            assertTrue(ri.get("start_spread_us").get("releases").asLong() >= ROUNDS - 1, ri.toString());
        }
        // every naive racer but the round's winner got the unique violation; savepoint's losers all
        // found the winner's row after the conflict
        JsonNode naive = LockdemoRun.strategy(result, "naive");
        assertEquals(naive.get("race_intensity").get("raced").asLong(),
                LockdemoRun.outcome(naive, "created") + LockdemoRun.outcome(naive, "unique_violation"), naive.toString());
        JsonNode savepoint = LockdemoRun.strategy(result, "savepoint");
        assertEquals(savepoint.get("race_intensity").get("raced").asLong(),
                LockdemoRun.outcome(savepoint, "created") + LockdemoRun.outcome(savepoint, "found_after_conflict"),
                savepoint.toString());
    }

    @Test
    void anExpectationOnTheIntensityCanFailTheRun(@TempDir Path dir) throws Exception {
        LockdemoRun run = LockdemoRun.run("race", "--url", TestDatabases.embeddedUrl(), "--user", "postgres",
                "--threads", "4", "--rounds", "3", "--strategy", "naive", "--quiet",
                "--expect", "naive.race_intensity.racers_per_round.max > 4");
        assertEquals(5, run.exitCode(), run.toString());
    }
}
