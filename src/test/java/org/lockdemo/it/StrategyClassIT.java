package org.lockdemo.it;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.jar.JarEntry;
import java.util.jar.JarOutputStream;
import java.util.stream.Stream;
import javax.tools.JavaCompiler;
import javax.tools.ToolProvider;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * Your own Java raced for real: the sample repository in samples/tag-repository, compiled here
 * against lockdemo's classes with {@code javax.tools} into a jar, raced with
 * {@code --strategy-class} on the embedded PostgreSQL, the machine's PostgreSQL and MariaDB, all
 * threads on one hot key per round; an exception from the user's code classified, its message kept;
 * and the bad-input rows (missing class, not the interface, another interface version, a throwing
 * constructor, a bad classpath), each one line, exit 2, before anything connects.
 */
class StrategyClassIT {
    private static final int THREADS = 6;
    private static final int ROUNDS = 15;
    private static final String NOWHERE = "jdbc:postgresql://127.0.0.1:1/none";
    private static Path dir;
    private static Path sampleJar;
    private static Path testJar;

    @BeforeAll
    static void build() throws Exception {
        dir = Files.createTempDirectory("lockdemo-strategy-class");
        sampleJar = compile("sample", Map.of("com/example/tags/TagRepository.java",
                Files.readString(Path.of("samples/tag-repository/src/com/example/tags/TagRepository.java"))));
        testJar = compile("bad", Map.of(
                "t/NotAStrategy.java", "package t; public class NotAStrategy {}",
                "t/Throws.java", "package t; public class Throws implements org.lockdemo.spi.v1.GetOrCreateStrategy {"
                        + " public Throws() { throw new IllegalStateException(\"no config file\"); }"
                        + " public org.lockdemo.spi.v1.Result getOrCreate(java.sql.Connection c, org.lockdemo.spi.v1.Key k)"
                        + " { return null; } }",
                "t/Fails.java", "package t; public class Fails implements org.lockdemo.spi.v1.GetOrCreateStrategy {"
                        + " public org.lockdemo.spi.v1.Result getOrCreate(java.sql.Connection c, org.lockdemo.spi.v1.Key k)"
                        + " { throw new IllegalArgumentException(\"tag name too long: \" + k.jahr()); } }",
                // an interface of a later lockdemo, compiled in but not shipped in the jar below
                "org/lockdemo/spi/v2/GetOrCreateStrategy.java", "package org.lockdemo.spi.v2; public interface "
                        + "GetOrCreateStrategy { Object getOrCreate(java.sql.Connection c, Object key) throws Exception; }",
                "t/Newer.java", "package t; public class Newer implements org.lockdemo.spi.v2.GetOrCreateStrategy {"
                        + " public Object getOrCreate(java.sql.Connection c, Object key) { return null; } }"));
    }

    /** Compiles {@code sources} against lockdemo's classes into a jar; the v2 interface is left out of it. */
    private static Path compile(String name, Map<String, String> sources) throws IOException {
        Path src = dir.resolve(name + "-src");
        Path classes = dir.resolve(name + "-classes");
        List<String> args = new ArrayList<>(List.of("-d", classes.toString(), "-cp", "target/classes", "--release", "17"));
        for (Map.Entry<String, String> e : sources.entrySet()) {
            Path f = src.resolve(e.getKey());
            Files.createDirectories(f.getParent());
            Files.writeString(f, e.getValue());
            args.add(f.toString());
        }
        JavaCompiler javac = ToolProvider.getSystemJavaCompiler();
        ByteArrayOutputStream err = new ByteArrayOutputStream();
        int rc = javac.run(null, null, err, args.toArray(String[]::new));
        assertEquals(0, rc, err.toString(StandardCharsets.UTF_8));
        Path jar = dir.resolve(name + ".jar");
        try (OutputStream out = Files.newOutputStream(jar); JarOutputStream j = new JarOutputStream(out);
                Stream<Path> files = Files.walk(classes)) {
            for (Path p : files.filter(Files::isRegularFile).toList()) {
                String entry = classes.relativize(p).toString().replace('\\', '/');
                if (entry.startsWith("org/lockdemo/spi/v2/")) {
                    continue; // as if compiled against a lockdemo that has v2
                }
                j.putNextEntry(new JarEntry(entry));
                j.write(Files.readAllBytes(p));
                j.closeEntry();
            }
        }
        return jar;
    }

    private static JsonNode race(Path out, String which, String... args) throws Exception {
        return race(out, which, 0, args);
    }

    private static JsonNode race(Path out, String which, int exitCode, String... args) throws Exception {
        String[] t = StrategiesIT.target(which);
        Path json = out.resolve("r.json");
        List<String> all = new ArrayList<>(List.of("race", "--url", t[0], "--user", t[1], "--threads",
                Integer.toString(THREADS), "--rounds", Integer.toString(ROUNDS), "--quiet", "--json", json.toString()));
        all.addAll(List.of(args));
        LockdemoRun run = LockdemoRun.run(all.toArray(String[]::new));
        assertEquals(exitCode, run.exitCode(), run.toString());
        return LockdemoRun.json(json);
    }

    @ParameterizedTest
    @ValueSource(strings = {"embedded", "machine-postgresql", "mariadb"})
    void theSampleRepositoryRacesWithItsChecks(String which, @TempDir Path out) throws Exception {
        JsonNode result = race(out, which, "--strategy-class", "com.example.tags.TagRepository", "--classpath",
                sampleJar.toString());
        assertEquals(1, result.get("strategies").size(), "only the class: no --strategy");
        JsonNode s = LockdemoRun.strategy(result, "tag-repository");
        boolean mariadb = result.get("database").get("dialect").asText().equals("mysql");
        assertEquals(THREADS * ROUNDS, s.get("attempts").asLong());
        assertEquals(THREADS * ROUNDS, LockdemoRun.sumOfOutcomes(s), "the outcomes add up");
        assertEquals(ROUNDS, LockdemoRun.outcome(s, "created"), "one row per round: " + s.get("outcomes"));
        assertEquals(0, LockdemoRun.outcome(s, "unique_violation"), s.get("outcomes").toString());
        assertEquals(0, LockdemoRun.outcome(s, "other_error"), s.get("errors").toString());
        if (!mariadb) {
            assertTrue(LockdemoRun.outcome(s, "found_after_conflict") > 0, "the race happened: " + s.get("outcomes"));
            assertEquals(0, LockdemoRun.outcome(s, "deadlock"), s.get("outcomes").toString());
        }
        assertEquals("pass", s.get("verdict").asText(), s.get("checks").toString());
        for (JsonNode c : s.get("checks")) {
            assertTrue(c.get("passed").asBoolean(), "every check applies and holds (updatesCounter): " + c);
        }
        assertTrue(s.get("table").asText().contains("_class_tag_repository"), s.get("table").asText());
    }

    @Test
    void anExceptionFromTheUsersCodeIsClassifiedAndItsMessageKept(@TempDir Path out) throws Exception {
        // exit 4: an error lockdemo does not classify fails the enforced check no_unclassified_error
        JsonNode s = LockdemoRun.strategy(race(out, "embedded", 4, "--strategy-class", "t.Fails", "--classpath",
                testJar.toString()), "fails");
        assertEquals(THREADS * ROUNDS, LockdemoRun.outcome(s, "other_error"), s.get("outcomes").toString());
        JsonNode e = s.get("errors").get(0);
        assertTrue(e.toString().contains("java.lang.IllegalArgumentException from t.Fails: tag name too long: "), e.toString());
        assertEquals(List.of(), TestDatabases.lockdemoTables(TestDatabases.embeddedUrl(), "postgres", "class_fails"),
                "nothing the user's code did left the table behind");
    }

    static Stream<Arguments> badInput() {
        return Stream.of(
                Arguments.of("a missing class", List.of("--strategy-class", "t.Nope", "--classpath", "JAR"),
                        "--strategy-class t.Nope: no such class on --classpath"),
                Arguments.of("not the interface", List.of("--strategy-class", "t.NotAStrategy", "--classpath", "JAR"),
                        "--strategy-class t.NotAStrategy: does not implement org.lockdemo.spi.v1.GetOrCreateStrategy"),
                Arguments.of("another interface version", List.of("--strategy-class", "t.Newer", "--classpath", "JAR"),
                        "--strategy-class t.Newer: compiled against lockdemo's strategy interface v2 "
                                + "(org.lockdemo.spi.v2), which this lockdemo does not have; it has v1"),
                Arguments.of("a constructor that throws", List.of("--strategy-class", "t.Throws", "--classpath", "JAR"),
                        "--strategy-class t.Throws: its constructor threw java.lang.IllegalStateException: no config file"),
                Arguments.of("a classpath that does not exist", List.of("--strategy-class", "t.Fails", "--classpath",
                        "/no/such.jar"), "--classpath /no/such.jar: no such file or directory"),
                Arguments.of("no classpath", List.of("--strategy-class", "t.Fails"),
                        "--strategy-class needs --classpath, the jar or directory the class is in"));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("badInput")
    void badInputIsOneLineBeforeAnythingConnects(String name, List<String> args, String message) {
        List<String> all = new ArrayList<>(List.of("race", "--url", NOWHERE));
        args.forEach(a -> all.add(a.equals("JAR") ? testJar.toString() : a));
        LockdemoRun run = LockdemoRun.run(all.toArray(String[]::new));
        assertEquals(2, run.exitCode(), run.toString());
        String[] lines = run.err().strip().split("\n");
        assertEquals("lockdemo: " + message, lines[0], run.toString());
        assertTrue(lines.length <= 2, "one line and the hint: " + run);
        assertFalse(run.err().contains("\tat "), "no stack trace: " + run);
    }
}
