package org.lockdemo.it;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.lockdemo.strategy.file.StrategyFileReader;

/**
 * {@code lockdemo record} on real servers: what it prints for the built-in {@code savepoint} on the
 * embedded PostgreSQL is, path by path, what the built-ins' golden file says it sends (the conflict
 * made real by another session), the file it prints is a strategy file the reader accepts, and the
 * sample class is recorded on PostgreSQL and MariaDB, where InnoDB's locking read waits and finds
 * the row instead.
 */
class RecordIT {

    /** The recorded paths, from the comments of the printed file: "path NAME" to its lines as the golden writes them. */
    static Map<String, List<String>> paths(String printed) {
        Map<String, List<String>> paths = new LinkedHashMap<>();
        List<String> current = null;
        for (String line : printed.split("\n")) {
            if (line.startsWith("# path ")) {
                current = new ArrayList<>();
                paths.put(line.substring(7, line.indexOf(' ', 7)), current);
            } else if (current != null && line.startsWith("#   ")) {
                String l = line.substring(4).replace("{table}", "lockdemo_t");
                String error = null;
                int bang = l.indexOf("  ! ");
                if (bang >= 0) {
                    error = l.substring(bang + 2);
                    l = l.substring(0, bang);
                }
                int params = l.indexOf("  -- [");
                current.add(params >= 0 ? l.substring(0, params) : l);
                if (error != null) {
                    current.add(error);
                }
            } else if (!line.startsWith("#")) {
                current = null;
            }
        }
        return paths;
    }

    static Map<String, List<String>> golden(String dialect, String strategy) throws Exception {
        Map<String, List<String>> sections = new LinkedHashMap<>();
        List<String> current = null;
        for (String line : Files.readAllLines(Path.of("src/test/resources/org/lockdemo/strategy/statements-" + dialect
                + ".txt"), StandardCharsets.UTF_8)) {
            if (line.startsWith("== " + strategy + " ")) {
                current = new ArrayList<>();
                sections.put(line.substring(4 + strategy.length()), current);
            } else if (line.startsWith("== ")) {
                current = null;
            } else if (current != null && !line.isEmpty() && !line.startsWith("-> ") && !line.equals("BEGIN")) {
                current.add(line);
            }
        }
        return sections;
    }

    @Test
    void theBuiltInSavepointIsRecordedAsItsGoldenFileSays(@TempDir Path dir) throws Exception {
        LockdemoRun run = LockdemoRun.run("record", "--url", TestDatabases.embeddedUrl(), "--user", "postgres",
                "--strategy", "savepoint");
        assertEquals(0, run.exitCode(), run.toString());
        assertEquals(golden("postgresql", "savepoint"), paths(run.out()), run.out());
        assertTrue(run.out().contains("# path conflict (key 2016, 12): ended found_after_conflict\n"), run.out());
        Path file = dir.resolve("recorded.yaml");
        Files.writeString(file, run.out());
        assertEquals("recorded-savepoint", StrategyFileReader.read(file).name(), "a file the reader takes");
        assertEquals(List.of(), TestDatabases.lockdemoTables(TestDatabases.embeddedUrl(), "postgres", "explain"),
                "its table is gone");
    }

    @Test
    void theSampleClassIsRecordedOnBothServers() throws Exception {
        Path jar = sampleJar();
        LockdemoRun pg = LockdemoRun.run("record", "--url", TestDatabases.embeddedUrl(), "--user", "postgres",
                "--strategy-class", "com.example.tags.TagRepository", "--classpath", jar.toString());
        assertEquals(0, pg.exitCode(), pg.toString());
        List<String> conflict = paths(pg.out()).get("conflict");
        assertTrue(conflict.contains("! 23505"), "the INSERT met the committed duplicate: " + conflict);
        assertTrue(pg.out().contains("ended found_after_conflict"), pg.out());
        String[] t = StrategiesIT.target("mariadb");
        LockdemoRun maria = LockdemoRun.run("record", "--url", t[0], "--user", t[1], "--strategy-class",
                "com.example.tags.TagRepository", "--classpath", jar.toString());
        assertEquals(0, maria.exitCode(), maria.toString());
        assertTrue(maria.out().contains("# path conflict (key 2016, 12): ended found\n"),
                "InnoDB's FOR UPDATE waited for the other session and found its row: " + maria.out());
        assertEquals(2, paths(maria.out()).get("conflict").size() - 1, "SELECT, UPDATE, COMMIT: " + maria.out());
    }

    private static Path sampleJar() throws Exception {
        Path classes = Files.createTempDirectory("lockdemo-record-sample");
        int rc = javax.tools.ToolProvider.getSystemJavaCompiler().run(null, null, null, "-d", classes.toString(), "-cp",
                "target/classes", "samples/tag-repository/src/com/example/tags/TagRepository.java");
        assertEquals(0, rc);
        return classes; // a directory is a classpath entry too
    }

    @Test
    void withoutAStrategyItIsOneLine() {
        LockdemoRun run = LockdemoRun.run("record", "--url", "jdbc:postgresql://127.0.0.1:1/none");
        assertEquals(2, run.exitCode(), run.toString());
        assertTrue(run.err().startsWith("lockdemo: Error: Missing required argument (specify one of these): (-s=NAME | "
                + "--strategy-file=FILE | --strategy-class=CLASS)\n"), run.toString());
    }
}
