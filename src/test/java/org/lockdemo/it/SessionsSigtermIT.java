package org.lockdemo.it;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.lockdemo.db.Dialects;

/**
 * SIGTERM to the fat jar's {@code lockdemo sessions} while T2's INSERT is BLOCKED behind T1's: the
 * REPL notices the stop while it waits for input, rolls both sessions back (ending T2's wait),
 * drops the table, and the JVM exits with SIGTERM's 143.
 */
class SessionsSigtermIT {
    private static final String INSERT = "insert into lockdemo_explain (jahr, monat, some_value) values (2016, 5, 0);\n";
    private static final Pattern TABLE = Pattern.compile("\\((lockdemo_explain_[a-z0-9]+)\\)");

    @TempDir
    Path tmp;

    @Test
    void sigtermRollsBackAndDropsTheTable() throws Exception {
        String url = TestDatabases.machinePgUrl() != null ? TestDatabases.machinePgUrl() : TestDatabases.embeddedUrl();
        Path jar = Path.of(System.getenv().getOrDefault("LOCKDEMO_JAR", "target/lockdemo.jar"));
        assertTrue(Files.isRegularFile(jar), "the fat jar is built by 'mvn package' before the ITs: " + jar);
        Path out = tmp.resolve("out.txt");
        Process p = new ProcessBuilder(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-Djava.io.tmpdir=" + tmp, "-jar", jar.toString(), "sessions", "--url", url, "--user", "postgres")
                .redirectErrorStream(true).redirectOutput(out.toFile()).start();
        try (OutputStream in = p.getOutputStream()) {
            in.write((INSERT + "T2: " + INSERT).getBytes(StandardCharsets.UTF_8));
            in.flush();
            Poll.until(Duration.ofSeconds(60), "T2 blocked", () -> Files.readString(out).contains(
                    "T2: step 2 BLOCKED (waits for T1)"));
            // SIGTERM with the input left open, as a terminal's would be (Process.destroy also closes our end of it)
            assertEquals(0, new ProcessBuilder("kill", "-TERM", Long.toString(p.pid())).start().waitFor());
            assertTrue(p.waitFor(60, TimeUnit.SECONDS), "lockdemo did not end after SIGTERM: " + Files.readString(out));
        } finally {
            p.destroyForcibly();
        }
        String text = Files.readString(out);
        assertEquals(143, p.exitValue(), text);
        Matcher m = TABLE.matcher(text);
        assertTrue(m.find(), text);
        assertTrue(text.contains("lockdemo: interrupted by a signal (Ctrl-C or SIGTERM)\nrolled back T1, T2 and dropped "
                + m.group(1) + "\n"), text);
        assertEquals(List.of(), TestDatabases.lockdemoTables(Dialects.normalizeUrl(url), "postgres", m.group(1)));
    }
}
