package org.lockdemo.it;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * scripts/lockdemo's class-data archive (scripts/lib.sh, lockdemo_cds): written by a training run
 * the first time a jar runs, used by the JVM after that, written again when the jar is newer,
 * whole under concurrent first runs, and silent when it does not fit. Each case runs a copy of the
 * built jar with an archive directory of its own.
 */
class LauncherArchiveIT {
    private static final Path LAUNCHER = Path.of("scripts", "lockdemo").toAbsolutePath();

    record Run(int exitCode, String out, String err) {
    }

    private static Path jarCopy(Path dir) throws IOException {
        String env = System.getenv("LOCKDEMO_JAR");
        Path built = Path.of(env != null ? env : "target/lockdemo.jar");
        assertTrue(Files.isRegularFile(built), "the fat jar is built by 'mvn package' before the ITs: " + built);
        Path jar = dir.resolve("lockdemo.jar");
        Files.copy(built, jar);
        return jar;
    }

    private static Process start(Path jar, Path archives, Map<String, String> extra, String... args) throws IOException {
        List<String> cmd = new ArrayList<>(List.of(LAUNCHER.toString()));
        cmd.addAll(List.of(args));
        ProcessBuilder b = new ProcessBuilder(cmd);
        b.environment().put("LOCKDEMO_JAR", jar.toString());
        b.environment().put("LOCKDEMO_CDS_DIR", archives.toString());
        b.environment().remove("LOCKDEMO_JAVA_OPTS");
        b.environment().remove("LOCKDEMO_CDS");
        b.environment().putAll(extra);
        b.redirectInput(ProcessBuilder.Redirect.from(new java.io.File("/dev/null")));
        return b.start();
    }

    private static Run finish(Process p) throws Exception {
        var out = p.getInputStream();
        var err = p.getErrorStream();
        String o = new String(out.readAllBytes(), StandardCharsets.UTF_8);
        String e = new String(err.readAllBytes(), StandardCharsets.UTF_8);
        assertTrue(p.waitFor(120, TimeUnit.SECONDS), "the launcher did not end");
        return new Run(p.exitValue(), o, e);
    }

    private static Run run(Path jar, Path archives, Map<String, String> extra, String... args) throws Exception {
        return finish(start(jar, archives, extra, args));
    }

    private static List<Path> files(Path dir) throws IOException {
        if (!Files.isDirectory(dir)) {
            return List.of();
        }
        try (Stream<Path> s = Files.list(dir)) {
            return s.sorted().toList();
        }
    }

    /** Whether the JVM maps the archive for the jar: -Xshare:on refuses to start without it. */
    private static boolean usable(Path archive, Path jar) throws Exception {
        Process p = new ProcessBuilder(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-Xshare:on", "-XX:SharedArchiveFile=" + archive, "-jar", jar.toString(), "--version")
                .redirectErrorStream(true).start();
        p.getInputStream().readAllBytes();
        assertTrue(p.waitFor(60, TimeUnit.SECONDS));
        return p.exitValue() == 0;
    }

    private static void assertUsable(Path archive, Path jar) throws Exception {
        assertTrue(usable(archive, jar), "the JVM cannot use " + archive + " with " + jar);
    }

    @Test
    void theFirstRunWritesTheArchiveAndTheNextUseIt(@TempDir Path tmp) throws Exception {
        Path jar = jarCopy(tmp);
        Path archives = tmp.resolve("cds");
        Run first = run(jar, archives, Map.of(), "--version");
        assertEquals(0, first.exitCode(), first.toString());
        assertEquals("", first.err(), "no notice without a terminal, and no JVM warning");
        assertTrue(first.out().startsWith("lockdemo "), first.out());
        List<Path> written = files(archives);
        assertEquals(1, written.size(), written.toString());
        Path archive = written.get(0);
        assertTrue(archive.getFileName().toString().matches("lockdemo-[0-9a-f]{16}\\.jsa"), archive.toString());
        assertUsable(archive, jar);

        FileTime before = Files.getLastModifiedTime(archive);
        Run second = run(jar, archives, Map.of(), "--version");
        assertEquals(0, second.exitCode(), second.toString());
        assertEquals("", second.err());
        assertEquals(before, Files.getLastModifiedTime(archive), "an archive newer than the jar is used as it is");

        // a rebuilt jar (here: the same bytes, newer) gets a new archive, which fits it
        Files.setLastModifiedTime(jar, FileTime.from(before.toInstant().plusSeconds(1)));
        Run rebuilt = run(jar, archives, Map.of(), "--version");
        assertEquals(0, rebuilt.exitCode(), rebuilt.toString());
        assertEquals("", rebuilt.err());
        assertTrue(Files.getLastModifiedTime(archive).compareTo(Files.getLastModifiedTime(jar)) > 0
                && !Files.getLastModifiedTime(archive).equals(before), "the archive was written again after the jar changed");
        assertUsable(archive, jar);
        assertEquals(List.of(archive), files(archives), "no temporary file left");
    }

    /** An archive that does not fit the jar (it was written for another) is not used, and the JVM says nothing. */
    @Test
    void anArchiveThatDoesNotFitIsSilent(@TempDir Path tmp) throws Exception {
        Path jar = jarCopy(tmp);
        Path archives = tmp.resolve("cds");
        assertEquals(0, run(jar, archives, Map.of(), "--version").exitCode());
        Path archive = files(archives).get(0);
        // the jar's time is no longer the one the archive recorded, but still older than the archive,
        // so the launcher passes it and the JVM refuses it
        Files.setLastModifiedTime(jar, FileTime.from(Files.getLastModifiedTime(archive).toInstant().minusSeconds(10)));
        assertTrue(!usable(archive, jar), "the JVM no longer takes the archive for this jar");
        Run r = run(jar, archives, Map.of(), "--version");
        assertEquals(0, r.exitCode(), r.toString());
        assertEquals("", r.err());
        assertTrue(r.out().startsWith("lockdemo "), r.out());
        assertTrue(!r.out().contains("cds"), "no CDS warning on stdout either: " + r.out());
    }

    /** Launchers started at once on a new jar each write a whole archive and rename it into place: one is left, usable. */
    @Test
    void concurrentFirstRunsLeaveOneWholeArchive(@TempDir Path tmp) throws Exception {
        Path jar = jarCopy(tmp);
        Path archives = tmp.resolve("cds");
        Process a = start(jar, archives, Map.of(), "--version");
        Process b = start(jar, archives, Map.of(), "--version");
        Run ra = finish(a);
        Run rb = finish(b);
        assertEquals(0, ra.exitCode(), ra.toString());
        assertEquals(0, rb.exitCode(), rb.toString());
        assertEquals("", ra.err() + rb.err());
        List<Path> left = files(archives);
        assertEquals(1, left.size(), "one archive and no temporary file: " + left);
        assertUsable(left.get(0), jar);
    }

    /**
     * With Flight Recorder started with the JVM, the launcher leaves the archive out: Debian's
     * OpenJDK 17 crashes (SIGSEGV, exit 134) loading an archived class under JFR's class-file hook.
     * The archive is there (written by a first run), and a race under JFR still ends with exit 0.
     */
    @Test
    void flightRecorderRunsWithoutTheArchive(@TempDir Path tmp) throws Exception {
        Path jar = jarCopy(tmp);
        Path archives = tmp.resolve("cds");
        assertEquals(0, run(jar, archives, Map.of(), "--version").exitCode());
        List<Path> written = files(archives);
        assertEquals(1, written.size(), written.toString());
        String jfr = "-Xms32m -XX:StartFlightRecording=filename=" + tmp.resolve("r.jfr") + ",settings=profile";
        Run r = run(jar, archives, Map.of("LOCKDEMO_JAVA_OPTS", jfr), "race", "--threads", "4", "--rounds", "3",
                "--strategy", "savepoint", "--quiet");
        assertEquals(0, r.exitCode(), r.toString());
        assertEquals(written, files(archives), "nothing written for the JFR run");
    }

    /** LOCKDEMO_CDS=0: no archive is written or used. */
    @Test
    void itCanBeTurnedOff(@TempDir Path tmp) throws Exception {
        Path jar = jarCopy(tmp);
        Path archives = tmp.resolve("cds");
        Run r = run(jar, archives, Map.of("LOCKDEMO_CDS", "0"), "--version");
        assertEquals(0, r.exitCode(), r.toString());
        assertEquals(List.of(), files(archives));
    }
}
