package org.lockdemo.it;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * race --warmup: the warm-up runs on a table of its own that is dropped afterwards, and nothing of
 * it reaches the measured counts; the client's CPU is reported per strategy. On the embedded
 * PostgreSQL.
 */
class WarmupIT {

    @Test
    void theWarmupIsNotCountedAndLeavesNoTable(@TempDir Path dir) throws Exception {
        String url = TestDatabases.embeddedUrl();
        Path json = dir.resolve("r.json");
        LockdemoRun run = LockdemoRun.run("race", "--url", url, "--user", "postgres", "--strategy", "naive,savepoint",
                "--threads", "4", "--keys", "8", "--rounds", "10", "--warmup", "1s", "--quiet", "--json", json.toString());
        assertEquals(0, run.exitCode(), run.toString());
        JsonNode result = LockdemoRun.json(json);
        for (String name : new String[] {"naive", "savepoint"}) {
            JsonNode s = LockdemoRun.strategy(result, name);
            // 4 threads x 10 rounds, exactly: the warm-up's attempts are not in the measured counts
            assertEquals(40, s.get("attempts").asLong(), s.toString());
            assertEquals(40, LockdemoRun.sumOfOutcomes(s));
            JsonNode w = s.get("warmup");
            assertEquals(1.0, w.get("duration_s").asDouble());
            assertTrue(w.get("attempts").asLong() > 0, w.toString());
            assertTrue(w.get("elapsed_s").asDouble() >= 1.0, w.toString());
            String warmTable = w.get("table").asText();
            assertNotEquals(s.get("table").asText(), warmTable);
            assertTrue(warmTable.matches("lockdemo_[0-9a-f]{8}_" + name), warmTable); // as 'lockdemo cleanup' knows them
            assertEquals(java.util.List.of(), TestDatabases.lockdemoTables(url, "postgres", warmTable));
            // present; maybe 0 for these few milliseconds, as Linux counts process CPU in 10 ms ticks
            assertTrue(s.get("client_cpu_nanos").asLong() >= 0, s.toString());
            assertTrue(s.get("client_cpu_us_per_attempt").asDouble() >= 0, s.toString());
            assertTrue(run.out().contains("  warm-up: " + name + " for "), run.out());
        }
        assertTrue(result.get("checks_ok").asBoolean());
    }

    @Test
    void withoutWarmupThereIsNoneAndASecondOfRacingCostsClientCpu(@TempDir Path dir) throws Exception {
        Path json = dir.resolve("r.json");
        LockdemoRun run = LockdemoRun.run("race", "--url", TestDatabases.embeddedUrl(), "--user", "postgres",
                "--strategy", "savepoint", "--threads", "2", "--keys", "4", "--duration", "1s", "--quiet", "--verbose",
                "--json", json.toString());
        assertEquals(0, run.exitCode(), run.toString());
        JsonNode s = LockdemoRun.strategy(LockdemoRun.json(json), "savepoint");
        assertFalse(s.has("warmup"), s.toString());
        assertFalse(run.out().contains("warm-up"), run.out());
        // a second of attempts and of lock-view polls is well over one 10 ms tick of process CPU
        long cpuNanos = s.get("client_cpu_nanos").asLong();
        assertTrue(cpuNanos > 0, s.toString());
        assertEquals(cpuNanos / 1e3 / s.get("attempts").asLong(), s.get("client_cpu_us_per_attempt").asDouble(), 0.01);
        assertTrue(run.out().contains("  client CPU: "), run.out());
    }

    @ParameterizedTest
    @ValueSource(strings = {"2h", "-1s", "soon"})
    void aBadWarmupIsAUsageError(String value) {
        LockdemoRun run = LockdemoRun.run("race", "--warmup", value, "--rounds", "1");
        assertEquals(2, run.exitCode(), run.toString());
        assertTrue(run.err().contains("--warmup"), run.err());
        assertFalse(run.err().contains("\tat "), run.err());
    }
}
