package org.lockdemo.it;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.lockdemo.report.JunitSchemas;

/**
 * A result file named {@code -} is stdout, and then stdout carries it alone, as a pipe into
 * {@code jq} needs: the built jar run as a process (on the test JVM's embedded PostgreSQL), its
 * stdout parsed whole, the table and the expectations found on stderr instead.
 */
class StdoutResultIT {
    record Proc(int exitCode, String out, String err) {
        @Override
        public String toString() {
            return "exit " + exitCode + "\n--- stdout\n" + out + "--- stderr\n" + err;
        }
    }

    private static Proc lockdemo(Path dir, String... args) throws Exception {
        String env = System.getenv("LOCKDEMO_JAR");
        Path jar = Path.of(env != null ? env : "target/lockdemo.jar");
        assertTrue(Files.isRegularFile(jar), "the fat jar is built by 'mvn package' before the ITs: " + jar);
        List<String> cmd = new ArrayList<>(List.of(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-jar", jar.toString()));
        cmd.addAll(List.of(args));
        Path out = Files.createTempFile(dir, "out", ".txt");
        Path err = Files.createTempFile(dir, "err", ".txt");
        Process p = new ProcessBuilder(cmd).redirectOutput(out.toFile()).redirectError(err.toFile()).start();
        assertTrue(p.waitFor(120, TimeUnit.SECONDS), "lockdemo did not finish");
        return new Proc(p.exitValue(), Files.readString(out, StandardCharsets.UTF_8),
                Files.readString(err, StandardCharsets.UTF_8));
    }

    private static Proc race(Path dir, String... more) throws Exception {
        List<String> args = new ArrayList<>(List.of("race", "--url", TestDatabases.embeddedUrl(), "--user", "postgres",
                "--threads", "3", "--rounds", "2", "--strategy", "naive,savepoint"));
        args.addAll(List.of(more));
        return lockdemo(dir, args.toArray(String[]::new));
    }

    /** {@code text} as one JSON document, failing on anything before or after it (as {@code jq .} would). */
    private static JsonNode wholeJson(String text) throws Exception {
        return new ObjectMapper().enable(DeserializationFeature.FAIL_ON_TRAILING_TOKENS).readTree(text);
    }

    /** The console table's header row, which must be on stderr and never on stdout. */
    private static void assertTableOnStderrOnly(Proc p) {
        assertTrue(p.err().contains("lockdemo race: PostgreSQL") && p.err().contains("\nstrategy "), p.toString());
        assertFalse(p.out().contains("lockdemo race: PostgreSQL"), p.toString());
    }

    @Test
    void jsonToStdoutIsTheWholeStdoutAndMergeCanToo(@TempDir Path dir) throws Exception {
        Proc a = race(dir, "--json", "-", "--expect", "savepoint.unique_violation == 0");
        assertEquals(0, a.exitCode(), a.toString());
        JsonNode result = wholeJson(a.out());
        assertEquals("lockdemo", result.get("tool").asText());
        assertTableOnStderrOnly(a);
        assertTrue(a.err().contains("passed  savepoint.unique_violation == 0"), a.toString());

        // the same again, for a merge of two results read from stdout
        Path first = dir.resolve("a.json");
        Files.writeString(first, a.out(), StandardCharsets.UTF_8);
        Proc b = race(dir, "--json", "-");
        assertEquals(0, b.exitCode(), b.toString());
        Path second = dir.resolve("b.json");
        Files.writeString(second, b.out(), StandardCharsets.UTF_8);
        Proc merge = lockdemo(dir, "merge", first.toString(), second.toString(), "-o", "-", "--expect",
                "all.attempts == 12");
        assertEquals(0, merge.exitCode(), merge.toString());
        JsonNode merged = wholeJson(merge.out());
        assertEquals(2, merged.get("merged_from").size());
        assertEquals(12, LockdemoRun.strategy(merged, "savepoint").get("attempts").asLong());
        assertTrue(merge.err().contains("lockdemo merge: 2 results, 2 strategies -> -"), merge.toString());
        assertTrue(merge.err().contains("passed  all.attempts == 12"), merge.toString());
    }

    @Test
    void csvAndJunitToStdoutLikewise(@TempDir Path dir) throws Exception {
        Path json = dir.resolve("r.json");
        Proc csv = race(dir, "--csv", "-", "--json", json.toString());
        assertEquals(0, csv.exitCode(), csv.toString());
        List<String> rows = csv.out().lines().toList();
        assertEquals(3, rows.size(), "the header and a row per strategy, nothing else: " + csv);
        assertTrue(rows.get(0).startsWith("strategy,attempts,"), csv.toString());
        assertTrue(rows.get(1).startsWith("naive,6,") && rows.get(2).startsWith("savepoint,6,"), csv.toString());
        assertTableOnStderrOnly(csv);
        assertEquals("complete", LockdemoRun.json(json).get("status").asText(), "the JSON file is written as before");

        Proc junit = race(dir, "--junit", "-", "--expect", "naive.attempts == 7");
        assertEquals(5, junit.exitCode(), junit.toString());
        assertTrue(junit.out().startsWith("<?xml"), junit.toString());
        JunitSchemas.assertValid(junit.out());
        assertTrue(junit.out().contains("failures=\"1\""), junit.out());
        assertTableOnStderrOnly(junit);
        assertTrue(junit.err().contains("lockdemo: 1 of 1 expectations failed"), junit.toString());
    }
}
