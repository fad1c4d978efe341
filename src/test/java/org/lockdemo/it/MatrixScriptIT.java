package org.lockdemo.it;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * scripts/matrix.sh on a tiny configuration (seconds): on the machine's PostgreSQL and MariaDB when
 * the environment names them (CI), else on the embedded PostgreSQL. It must write one JSON per cell
 * and a summary whose verdicts are the cells' verdicts.
 */
class MatrixScriptIT {

    private record Result(int exitCode, String err) {
    }

    private static Result matrix(Path out, Map<String, String> env) throws Exception {
        ProcessBuilder pb = new ProcessBuilder("bash", "scripts/matrix.sh", out.toString())
                .redirectOutput(ProcessBuilder.Redirect.DISCARD);
        Path err = Files.createTempFile(out.getParent(), "matrix", ".err");
        pb.redirectError(err.toFile());
        pb.environment().putAll(env);
        Process p = pb.start();
        assertTrue(p.waitFor(180, TimeUnit.SECONDS), "matrix.sh did not finish");
        return new Result(p.exitValue(), Files.readString(err));
    }

    @Test
    void writesOneResultPerCellAndTheSummary(@TempDir Path dir) throws Exception {
        String pg = System.getenv("LOCKDEMO_TEST_PG_URL");
        String mysql = System.getenv("LOCKDEMO_TEST_MYSQL_URL");
        List<String> databases = new ArrayList<>();
        if (pg != null && !pg.isBlank()) {
            databases.add("pg");
        }
        if (mysql != null && !mysql.isBlank()) {
            databases.add("mariadb");
        }
        if (databases.isEmpty()) {
            databases.add("embedded");
        }
        Path out = dir.resolve("results");
        Result r = matrix(out, Map.of("MATRIX_DATABASES", String.join(" ", databases),
                "MATRIX_ISOLATIONS", "read-committed repeatable-read", "MATRIX_STRATEGIES", "naive,savepoint",
                "MATRIX_THREADS", "4", "MATRIX_ROUNDS", "2"));
        assertEquals(0, r.exitCode(), r.err());
        String summary = Files.readString(out.resolve("SUMMARY.md"));
        assertTrue(summary.contains("MATRIX_DATABASES='" + String.join(" ", databases) + "'"), summary);
        // the verdict table's rows begin with the framework call, e.g. "| Django: `...` | `savepoint` |"
        List<String> verdictRows = summary.lines().filter(l -> l.startsWith("| Django: `")).toList();
        for (String db : databases) {
            for (String iso : List.of("read-committed", "repeatable-read")) {
                Path cell = out.resolve(db + "-" + iso + ".json");
                assertTrue(Files.isRegularFile(cell), cell + "\n" + r.err());
                JsonNode result = LockdemoRun.json(cell);
                assertEquals(iso, result.get("config").get("isolation").asText());
                assertEquals(8, LockdemoRun.strategy(result, "savepoint").get("attempts").asLong());
            }
            // the summary shows each cell's verdict, in the cell order the script ran them
            JsonNode rc = LockdemoRun.json(out.resolve(db + "-read-committed.json"));
            String savepointRc = LockdemoRun.strategy(rc, "savepoint").get("verdict").asText();
            assertEquals("pass", savepointRc, "savepoint under READ COMMITTED is safe everywhere");
        }
        String savepointRow = verdictRows.stream().filter(l -> l.contains("` | `savepoint` | ")).findFirst().orElseThrow();
        assertEquals(2 + 2 * databases.size(), savepointRow.split(" \\| ", -1).length, savepointRow);
        assertTrue(savepointRow.contains("` | `savepoint` | pass: "), savepointRow);
    }

    @Test
    void aDatabaseThatIsNotThereFailsTheMatrix(@TempDir Path dir) throws Exception {
        Result r = matrix(dir.resolve("results"), Map.of("MATRIX_DATABASES", "pg", "MATRIX_ISOLATIONS",
                "read-committed", "MATRIX_PG_URL", "jdbc:postgresql://127.0.0.1:1/none", "MATRIX_STRATEGIES", "naive"));
        assertEquals(1, r.exitCode(), r.err());
        assertTrue(r.err().contains("matrix: pg-read-committed did not run (lockdemo exit 3)"), r.err());
        assertTrue(r.err().contains("matrix: no cell ran"), r.err());
    }
}
