package org.lockdemo.it;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * scripts/transcripts.sh: it never passes silently. Without Django it says what to install and
 * exits 3; with Django (CI installs it) and the machine's servers, {@code --check} fails with the
 * difference when a committed transcript is not what Django sends.
 */
class TranscriptScriptIT {
    private static final Path TRANSCRIPTS = Path.of("src", "test", "resources", "org", "lockdemo", "transcripts");

    private record Result(int exitCode, String out) {
    }

    private static Result run(Path root, Map<String, String> env) throws Exception {
        ProcessBuilder pb = new ProcessBuilder("bash", root.resolve("scripts/transcripts.sh").toString(), "--check")
                .redirectErrorStream(true);
        pb.environment().putAll(env);
        Process p = pb.start();
        String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertTrue(p.waitFor(120, TimeUnit.SECONDS), "transcripts.sh did not finish");
        return new Result(p.exitValue(), out);
    }

    @Test
    void withoutDjangoItSaysWhatToInstallAndFails() throws Exception {
        Result r = run(Path.of(""), Map.of("LOCKDEMO_PYTHON", "/nonexistent/python3"));
        assertEquals(3, r.exitCode(), r.out());
        assertEquals(1, r.out().strip().lines().count(), r.out());
        assertTrue(r.out().contains("apt-get install python3-django python3-psycopg2 python3-mysqldb"), r.out());
    }

    @Test
    @RequiresDatabase({TestDatabase.MACHINE_POSTGRESQL, TestDatabase.MYSQL})
    void aTranscriptThatDriftedFailsTheCheck(@TempDir Path copy) throws Exception {
        copyTree(Path.of("scripts"), copy.resolve("scripts"));
        copyTree(TRANSCRIPTS, copy.resolve(TRANSCRIPTS));
        copyTree(Path.of("docs"), copy.resolve("docs"));
        Result clean = run(copy, Map.of());
        assertEquals(0, clean.exitCode(), "the committed transcripts are not what Django sends now:\n" + clean.out());

        Path file = copy.resolve(TRANSCRIPTS).resolve("django/postgresql-read-committed/savepoint-conflict.sql");
        List<String> lines = Files.readAllLines(file);
        Files.write(file, lines.stream().filter(l -> !l.startsWith("RELEASE SAVEPOINT")).toList());
        Result r = run(copy, Map.of());
        assertEquals(1, r.exitCode(), r.out());
        assertTrue(r.out().contains("+RELEASE SAVEPOINT \"s1_x1\""), r.out());
        assertTrue(r.out().contains("differs from the committed transcripts"), r.out());
    }

    private static void copyTree(Path from, Path to) throws IOException {
        try (Stream<Path> paths = Files.walk(from)) {
            for (Path p : (Iterable<Path>) paths::iterator) {
                Path target = to.resolve(from.relativize(p).toString());
                if (Files.isDirectory(p)) {
                    Files.createDirectories(target);
                } else {
                    Files.copy(p, target);
                }
            }
        }
    }
}
