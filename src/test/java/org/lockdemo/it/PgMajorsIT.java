package org.lockdemo.it;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;
import org.lockdemo.db.PostgresMajor;

/**
 * Every PostgreSQL major {@code --pg-version} offers, started from its real binaries (fetched from
 * Maven Central on first use into {@code target/pg-binaries}, or taken from the local Maven
 * repository) and raced on a tiny configuration: the server says it is that major, the safe
 * strategy passes and the naive one's lesson is counted, and a strategy that needs a newer major
 * is refused with one line on an older one.
 */
class PgMajorsIT {
    /** Kept in target/, so a checkout fetches each major once, and a clean clone's CI fetches them anew. */
    private static final Map<String, String> ENV = Map.of("LOCKDEMO_CACHE_DIR", Path.of("target").toAbsolutePath().toString());

    @ParameterizedTest
    @EnumSource(PostgresMajor.class)
    void eachMajorStartsAndRaces(PostgresMajor major, @TempDir Path dir) throws Exception {
        Path json = dir.resolve("r.json");
        LockdemoRun run = LockdemoRun.run(ENV, "race", "--pg-version", major.toString(), "--strategy", "naive,savepoint",
                "--threads", "3", "--rounds", "4", "--quiet", "--json", json.toString());
        assertEquals(0, run.exitCode(), run.toString());
        JsonNode result = LockdemoRun.json(json);
        String version = result.path("database").path("version").asText();
        assertTrue(version.startsWith(major.major() + "."), "the server is PostgreSQL " + version);
        assertTrue(major.binariesVersion().startsWith(version + "."), version + " is " + major.coordinates());
        JsonNode savepoint = LockdemoRun.strategy(result, "savepoint");
        assertEquals("pass", savepoint.path("verdict").asText(), savepoint.toString());
        assertEquals(12, savepoint.path("attempts").asLong());
        JsonNode naive = LockdemoRun.strategy(result, "naive");
        assertEquals(12, naive.path("attempts").asLong());
        assertTrue(naive.path("verdict").asText().equals("lesson") || naive.path("verdict").asText().equals("pass"),
                naive.toString());
    }

    @Test
    void aScenarioWhoseStrategyNeedsANewerMajorIsRefusedWithOneLineAndOneThatFitsRuns() {
        LockdemoRun old = LockdemoRun.run(ENV, "explain", "--strategy", "upsert-old-new", "--pg-version", "17");
        assertEquals(2, old.exitCode(), old.toString());
        assertTrue(old.err().contains("lockdemo: scenario upsert-old-new-postgresql cannot run here: upsert-old-new "
                + "needs PostgreSQL 18 or later for RETURNING old/new; the server is PostgreSQL 17.12\n"), old.toString());
        assertTrue(old.out().isEmpty(), "nothing ran: " + old);
        LockdemoRun fits = LockdemoRun.run(ENV, "explain", "--strategy", "merge", "--pg-version", "15", "--format", "list");
        assertEquals(0, fits.exitCode(), fits.toString());
        assertTrue(fits.out().contains("PostgreSQL 15.20"), fits.toString());
    }

    @Test
    void aStrategyThatNeedsANewerMajorIsRefusedWithOneLine() {
        LockdemoRun run = LockdemoRun.run(ENV, "race", "--pg-version", "14", "--strategy", "merge", "--threads", "2",
                "--rounds", "1", "--quiet");
        assertEquals(2, run.exitCode(), run.toString());
        String[] lines = run.err().strip().split("\n");
        assertEquals("lockdemo: --strategy merge cannot run here: merge needs PostgreSQL 15 or later for MERGE; the "
                + "server is PostgreSQL " + PostgresMajor.PG14.binariesVersion().replaceAll("\\.0$", ""), lines[0],
                run.toString());
    }
}
