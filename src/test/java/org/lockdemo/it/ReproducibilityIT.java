package org.lockdemo.it;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import java.nio.ByteBuffer;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Base64;
import java.util.List;
import org.HdrHistogram.Histogram;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * What a CI job relies on, on the embedded PostgreSQL: --expect passes and fails with the
 * documented exit codes, invalid expectations are refused before any connection, result files say
 * what reproduces them, and two real runs merge into one result.
 */
class ReproducibilityIT {
    // an address nothing listens on: a usage error must be reported before lockdemo tries it
    private static final String NOWHERE = "jdbc:postgresql://127.0.0.1:1/none";

    private static LockdemoRun race(Path json, String... more) {
        List<String> args = new java.util.ArrayList<>(List.of("race", "--url", TestDatabases.embeddedUrl(), "--user",
                "postgres", "--threads", "8", "--rounds", "3", "--strategy", "naive,savepoint", "-q", "--json",
                json.toString()));
        args.addAll(List.of(more));
        return LockdemoRun.run(args.toArray(String[]::new));
    }

    @Test
    void passingExpectationsExitZeroAndAreRecordedWithTheProvenance(@TempDir Path dir) throws Exception {
        Path json = dir.resolve("ok.json");
        Path csv = dir.resolve("ok.csv");
        LockdemoRun run = race(json, "--expect", "savepoint.unique_violation == 0", "--expect",
                "all.attempts == 24", "--csv", csv.toString());
        assertEquals(0, run.exitCode(), run.toString());
        assertTrue(run.out().contains("passed  savepoint.unique_violation == 0  (actual 0)"), run.out());
        assertTrue(run.out().contains("passed  all.attempts == 24  (actual naive=24, savepoint=24)"), run.out());
        JsonNode r = LockdemoRun.json(json);
        JsonNode e = r.get("expectations");
        assertEquals(2, e.size());
        assertEquals("savepoint.unique_violation == 0", e.get(0).get("expression").asText());
        assertTrue(e.get(0).get("passed").asBoolean());
        assertEquals(0, e.get(0).get("actual").asLong());
        assertEquals(24, e.get(1).get("actual").get("naive").asLong());

        JsonNode p = r.get("provenance");
        // the embedded URL carries '?', which a shell would glob: quoted, so the line can be pasted back
        assertTrue(p.get("command_line").asText().startsWith("lockdemo race --url '" + TestDatabases.embeddedUrl()
                + "' --user postgres --threads 8"), p.toString());
        assertTrue(p.get("command_line").asText().contains("--expect 'savepoint.unique_violation == 0'"), p.toString());
        assertFalse(p.get("git_commit").asText().isBlank());
        assertTrue(p.get("java").asText().startsWith(System.getProperty("java.version")), p.toString());
        assertFalse(p.get("os").asText().isBlank());
        assertTrue(r.get("config").get("seed").isIntegralNumber());
        JsonNode settings = r.get("database").get("settings");
        for (String s : List.of("lock_timeout", "max_connections", "default_transaction_isolation")) {
            assertTrue(settings.hasNonNull(s), s + " in " + settings);
        }
        List<String> lines = Files.readAllLines(csv);
        assertEquals(3, lines.size(), lines.toString());
        assertTrue(lines.get(1).startsWith("naive,24,"), lines.get(1));
    }

    @Test
    void aFailingExpectationExitsFiveWithTheMeasuredValue(@TempDir Path dir) throws Exception {
        Path json = dir.resolve("fail.json");
        LockdemoRun run = race(json, "--expect", "savepoint.unique_violation == 0", "--expect", "naive.attempts > 24");
        assertEquals(5, run.exitCode(), run.toString());
        assertTrue(run.out().contains("FAILED  naive.attempts > 24  (actual 24)"), run.out());
        assertEquals("lockdemo: 1 of 2 expectations failed, first: naive.attempts > 24 (actual 24)\n", run.err());
        JsonNode e = LockdemoRun.json(json).get("expectations");
        assertTrue(e.get(0).get("passed").asBoolean());
        assertFalse(e.get(1).get("passed").asBoolean());
    }

    @Test
    void failedChecksOutrankAFailedExpectation(@TempDir Path dir) throws Exception {
        // savepoint under REPEATABLE READ: the re-read after a duplicate cannot see the winner's row (exit 4)
        LockdemoRun run = LockdemoRun.run("race", "--url", TestDatabases.embeddedUrl(), "--user", "postgres",
                "--threads", "8", "--rounds", "3", "--strategy", "savepoint", "--isolation", "repeatable-read", "-q",
                "--expect", "savepoint.attempts < 0");
        assertEquals(4, run.exitCode(), run.toString());
        assertTrue(run.out().contains("FAILED  savepoint.attempts < 0  (actual 24)"), run.out());
    }

    @Test
    void invalidExpectationsAreUsageErrorsBeforeAnyConnection() {
        for (String[] c : List.of(
                new String[] {"savepoint.unique_violation = 0", "no comparison"},
                new String[] {"savepoint.nonsense == 0", "'nonsense' is not a metric"},
                new String[] {"upsert.attempts > 0", "strategy upsert is not in this run (it runs savepoint)"})) {
            LockdemoRun run = LockdemoRun.run("race", "--url", NOWHERE, "--strategy", "savepoint", "--expect", c[0]);
            assertEquals(2, run.exitCode(), run.toString());
            assertTrue(run.err().startsWith("lockdemo: --expect '" + c[0] + "': "), run.err());
            assertTrue(run.err().contains(c[1]), run.err());
        }
    }

    @Test
    void twoRunsMergeIntoOne(@TempDir Path dir) throws Exception {
        Path a = dir.resolve("a.json");
        Path b = dir.resolve("b.json");
        assertEquals(0, race(a).exitCode());
        assertEquals(0, race(b).exitCode());
        Path merged = dir.resolve("merged.json");
        Path csv = dir.resolve("merged.csv");
        LockdemoRun run = LockdemoRun.run("merge", a.toString(), b.toString(), "-o", merged.toString(), "--csv",
                csv.toString(), "--expect", "all.attempts == 48");
        assertEquals(0, run.exitCode(), run.toString());
        JsonNode ra = LockdemoRun.json(a);
        JsonNode rb = LockdemoRun.json(b);
        JsonNode m = LockdemoRun.json(merged);
        for (String name : List.of("naive", "savepoint")) {
            JsonNode sa = LockdemoRun.strategy(ra, name);
            JsonNode sb = LockdemoRun.strategy(rb, name);
            JsonNode sm = LockdemoRun.strategy(m, name);
            assertEquals(48, sm.get("attempts").asLong());
            assertEquals(48, LockdemoRun.sumOfOutcomes(sm));
            for (String o : List.of("created", "found", "found_after_conflict", "unique_violation")) {
                assertEquals(LockdemoRun.outcome(sa, o) + LockdemoRun.outcome(sb, o), LockdemoRun.outcome(sm, o), o);
            }
            Histogram both = decode(sa);
            both.add(decode(sb));
            assertEquals(both.getTotalCount(), sm.get("latency_us").get("count").asLong());
            assertEquals(Math.round(both.getValueAtPercentile(99) / 100.0) / 10.0,
                    sm.get("latency_us").get("p99").asDouble(), name);
            assertEquals(both, decode(sm));
        }
        assertEquals(2, m.get("merged_from").size());
        assertTrue(m.get("expectations").get(0).get("passed").asBoolean());
        assertEquals(3, Files.readAllLines(csv).size());

        Path other = dir.resolve("other.json");
        assertEquals(0, LockdemoRun.run("race", "--url", TestDatabases.embeddedUrl(), "--user", "postgres",
                "--threads", "4", "--rounds", "1", "--strategy", "naive,savepoint", "-q", "--json", other.toString())
                .exitCode());
        LockdemoRun refused = LockdemoRun.run("merge", a.toString(), other.toString(), "-o", merged.toString());
        assertEquals(2, refused.exitCode(), refused.toString());
        assertTrue(refused.err().startsWith("lockdemo: cannot merge " + other + " with " + a
                + ": config.threads differs (4 vs 8)"), refused.err());
    }

    private static Histogram decode(JsonNode strategy) throws Exception {
        return Histogram.decodeFromCompressedByteBuffer(ByteBuffer.wrap(Base64.getDecoder().decode(
                strategy.get("histograms").get("latency_ns").asText())), 0);
    }
}
