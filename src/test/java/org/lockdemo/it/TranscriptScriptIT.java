package org.lockdemo.it;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * scripts/transcripts.sh: it never passes silently. Without Django it says what to install and
 * exits 3; with Django (CI installs it) and the machine's servers, {@code --check} fails with the
 * difference when a committed transcript is not what Django sends, and the same for a framework
 * captured on the wire (SQLAlchemy).
 */
class TranscriptScriptIT {
    private static final Path TRANSCRIPTS = Path.of("src", "test", "resources", "org", "lockdemo", "transcripts");

    private record Result(int exitCode, String out) {
    }

    private static Result run(Path root, Map<String, String> env, String... options) throws Exception {
        List<String> command = new ArrayList<>(List.of("bash", root.resolve("scripts/transcripts.sh").toString(), "--check"));
        command.addAll(List.of(options));
        ProcessBuilder pb = new ProcessBuilder(command).redirectErrorStream(true);
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
        // the same python runs the SQLAlchemy capture: named in the same line
        assertTrue(r.out().contains("SQLAlchemy: apt-get install python3-sqlalchemy"), r.out());
    }

    /** Django only (--framework django): .ci/run checks every framework; this checks the check. */
    @Test
    @RequiresDatabase({TestDatabase.MACHINE_POSTGRESQL, TestDatabase.MYSQL})
    void aTranscriptThatDriftedFailsTheCheck(@TempDir Path copy) throws Exception {
        copyCheckout(copy);
        Result clean = run(copy, Map.of(), "--framework", "django");
        assertEquals(0, clean.exitCode(), "the committed transcripts are not what Django sends now:\n" + clean.out());

        Path file = copy.resolve(TRANSCRIPTS).resolve("django/postgresql-read-committed/savepoint-conflict.sql");
        List<String> lines = Files.readAllLines(file);
        Files.write(file, lines.stream().filter(l -> !l.startsWith("RELEASE SAVEPOINT")).toList());
        Result r = run(copy, Map.of(), "--framework", "django");
        assertEquals(1, r.exitCode(), r.out());
        assertTrue(r.out().contains("+RELEASE SAVEPOINT \"s1_x1\""), r.out());
        assertTrue(r.out().contains("differs from the committed transcripts"), r.out());
    }

    /**
     * The frameworks captured on the wire (wire_capture.py) are held to their transcripts the same
     * way; SQLAlchemy stands for them (Debian's python3-sqlalchemy, a few seconds). Its error line
     * after the duplicate INSERT is what the server sent, so dropping it is drift.
     */
    @Test
    @RequiresDatabase({TestDatabase.MACHINE_POSTGRESQL, TestDatabase.MYSQL})
    void aWireTranscriptThatDriftedFailsTheCheck(@TempDir Path copy) throws Exception {
        copyCheckout(copy);
        Result clean = run(copy, Map.of(), "--framework", "sqlalchemy");
        assertEquals(0, clean.exitCode(), "the committed transcripts are not what SQLAlchemy sends now:\n" + clean.out());

        Path file = copy.resolve(TRANSCRIPTS).resolve("sqlalchemy/postgresql-read-committed/begin_nested-conflict.sql");
        List<String> lines = Files.readAllLines(file);
        Files.write(file, lines.stream().filter(l -> !l.equals("! 23505")).toList());
        Result r = run(copy, Map.of(), "--framework", "sqlalchemy");
        assertEquals(1, r.exitCode(), r.out());
        assertTrue(r.out().contains("+! 23505"), r.out());
        assertTrue(r.out().contains("differs from the committed transcripts"), r.out());
    }

    @Test
    void anUnknownFrameworkIsAUsageError() throws Exception {
        Result r = run(Path.of(""), Map.of(), "--framework", "struts");
        assertEquals(2, r.exitCode(), r.out());
        assertEquals("transcripts.sh: unknown framework 'struts' (valid: django rails laravel sqlalchemy sequelize hibernate)",
                r.out().strip());
    }

    private static void copyCheckout(Path copy) throws IOException {
        copyTree(Path.of("scripts"), copy.resolve("scripts"));
        copyTree(TRANSCRIPTS, copy.resolve(TRANSCRIPTS));
        copyTree(Path.of("docs"), copy.resolve("docs"));
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
