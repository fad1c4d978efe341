package org.lockdemo.it;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.Statement;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The built jar as a user runs it: help, version, the default embedded run, and Ctrl-C. */
class JarProcessIT {

    record Proc(int exitCode, String out, String err) {
    }

    private static Path jar() {
        String env = System.getenv("LOCKDEMO_JAR");
        Path jar = Path.of(env != null ? env : "target/lockdemo.jar");
        assertTrue(Files.isRegularFile(jar), "the fat jar is built by 'mvn package' before the ITs: " + jar);
        return jar;
    }

    private static ProcessBuilder builder(Path tmp, String... args) {
        List<String> cmd = new ArrayList<>(List.of(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-Djava.io.tmpdir=" + tmp, "-jar", jar().toString()));
        cmd.addAll(List.of(args));
        return new ProcessBuilder(cmd);
    }

    private static Proc run(Path tmp, String... args) throws Exception {
        Path out = Files.createTempFile("out", ".txt");
        Path err = Files.createTempFile("err", ".txt");
        Process p = builder(tmp, args).redirectOutput(out.toFile()).redirectError(err.toFile()).start();
        assertTrue(p.waitFor(120, TimeUnit.SECONDS), "lockdemo did not finish");
        return new Proc(p.exitValue(), Files.readString(out), Files.readString(err));
    }

    /**
     * PIDs of processes running binaries unpacked under {@code tmp}: the embedded server of a
     * lockdemo started with {@code -Djava.io.tmpdir=tmp}, and no other test's (other builds on the
     * machine run their own embedded servers).
     */
    private static List<Long> embeddedPostgresPids(Path tmp) {
        return ProcessHandle.allProcesses()
                .filter(ph -> ph.info().command().map(c -> c.startsWith(tmp.toString())).orElse(false))
                .map(ProcessHandle::pid).collect(Collectors.toList());
    }

    @Test
    void helpAndVersion(@TempDir Path tmp) throws Exception {
        Proc help = run(tmp, "--help");
        assertEquals(0, help.exitCode(), help.toString());
        assertTrue(help.out().contains("Examples:") && help.out().contains("race"), help.out());
        Proc raceHelp = run(tmp, "race", "--help");
        assertEquals(0, raceHelp.exitCode());
        for (String s : List.of("--strategy", "--threads", "--rounds", "--duration", "--keys", "--hold-ms",
                "--isolation", "--seed", "--json", "--keep", "Examples:", "Exit codes:", "130")) {
            assertTrue(raceHelp.out().contains(s), "race --help lacks " + s);
        }
        Proc version = run(tmp, "--version");
        assertEquals(0, version.exitCode());
        assertTrue(version.out().startsWith("lockdemo "), version.out());
    }

    @Test
    void theJarIsLeanAndTheLauncherRunsIt(@TempDir Path tmp) throws Exception {
        // the embedded server's binaries for one platform only: the jar stays well under 60 MB
        long sizeBytes = Files.size(jar());
        assertTrue(sizeBytes < 60L * 1024 * 1024, "lockdemo.jar is " + sizeBytes + " bytes");
        // scripts/lockdemo, the README's demo command, runs the jar (up to date here, so no rebuild)
        Path launcher = Path.of("scripts", "lockdemo").toAbsolutePath();
        Process p = new ProcessBuilder(launcher.toString(), "--version").redirectErrorStream(true).start();
        String text = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertTrue(p.waitFor(60, TimeUnit.SECONDS));
        assertEquals(0, p.exitValue(), text);
        assertTrue(text.contains("lockdemo "), text);
    }

    /** The newer JDK beside the machine's default 17 (docs/performance.md, "Counting the work"), if any. */
    private static final Path JAVA_25 = Path.of("/usr/lib/jvm/temurin-25-jdk-amd64/bin/java");

    /**
     * --worker-threads virtual: refused with one line on Java 17, and on a newer JVM a real race on
     * virtual threads whose counts add up and whose checks pass, with the kind in the JSON.
     */
    @Test
    void virtualWorkerThreadsNeedJava21AndRaceOnANewerJvm(@TempDir Path tmp) throws Exception {
        String url = TestDatabases.machinePgUrl() != null ? TestDatabases.machinePgUrl() : TestDatabases.embeddedUrl();
        if (Runtime.version().feature() < 21) {
            Proc refused = run(tmp, "race", "--worker-threads", "virtual", "--url", url, "--user", "postgres");
            assertEquals(2, refused.exitCode(), refused.toString());
            assertTrue(refused.err().startsWith("lockdemo: --worker-threads virtual needs Java 21 or newer; this is Java "
                    + Runtime.version().feature()), refused.err());
            assertFalse(refused.err().contains("Exception"), refused.err());
        }
        Assumptions.assumeTrue(Files.isExecutable(JAVA_25), "no JDK 25 at " + JAVA_25);
        Path json = tmp.resolve("virtual.json");
        Path out = tmp.resolve("out.txt");
        Path err = tmp.resolve("err.txt");
        Process p = new ProcessBuilder(JAVA_25.toString(), "-Djava.io.tmpdir=" + tmp, "-jar", jar().toString(),
                "race", "--worker-threads", "virtual", "--url", url, "--user", "postgres", "--threads", "16",
                "--rounds", "20", "--keys", "4", "--strategy", "naive,savepoint", "--json", json.toString())
                .redirectOutput(out.toFile()).redirectError(err.toFile()).start();
        assertTrue(p.waitFor(120, TimeUnit.SECONDS), "lockdemo on virtual threads did not finish");
        String text = Files.readString(out) + Files.readString(err);
        assertEquals(0, p.exitValue(), text);
        JsonNode result = LockdemoRun.json(json);
        assertEquals("virtual", result.get("config").get("worker_threads").asText());
        assertTrue(result.get("provenance").get("java").asText().startsWith("25"), result.get("provenance").toString());
        for (String strategy : List.of("naive", "savepoint")) {
            JsonNode s = LockdemoRun.strategy(result, strategy);
            assertEquals(16 * 20, s.get("attempts").asLong(), s.toString());
            assertEquals(s.get("attempts").asLong(), LockdemoRun.sumOfOutcomes(s), s.toString());
        }
        assertTrue(LockdemoRun.strategy(result, "savepoint").get("invariants_ok").asBoolean(), text);
    }

    @Test
    void defaultRunUsesEmbeddedPostgresAndLeavesNothingBehind(@TempDir Path tmp) throws Exception {
        Path json = tmp.resolve("r.json");
        Proc p = run(tmp, "race", "--threads", "8", "--rounds", "3", "--json", json.toString());
        assertEquals(0, p.exitCode(), p.toString());
        assertTrue(p.out().contains("naive") && p.out().contains("savepoint") && p.out().contains("nowait"), p.out());
        assertFalse(p.err().contains("Exception"), p.err());
        JsonNode result = LockdemoRun.json(json);
        assertTrue(result.get("database").get("embedded").asBoolean());
        assertEquals("PostgreSQL", result.get("database").get("product").asText());
        assertTrue(result.get("database").get("version").asText().startsWith("18."), result.get("database").toString());
        // no server left running, and nothing left in the temp dir but the unpacked binaries cache
        assertEquals(List.of(), embeddedPostgresPids(tmp), "orphaned embedded postgres processes");
        try (Stream<Path> left = Files.list(tmp)) {
            List<String> names = left.map(x -> x.getFileName().toString())
                    .filter(n -> !n.equals("embedded-pg") && !n.equals("r.json") && !n.startsWith("hsperfdata"))
                    .collect(Collectors.toList());
            assertEquals(List.of(), names, "temporary files left behind");
        }
    }

    @Test
    void ctrlCPrintsPartialResultsDropsTheTableAndExits130(@TempDir Path tmp) throws Exception {
        String url = TestDatabases.machinePgUrl() != null ? TestDatabases.machinePgUrl() : TestDatabases.embeddedUrl();
        Path json = tmp.resolve("partial.json");
        // other runs on a shared server have savepoint tables too: only a new one can be this run's
        List<String> before = TestDatabases.lockdemoTables(url, "postgres", "_savepoint");
        Path out = tmp.resolve("out.txt");
        Path err = tmp.resolve("err.txt");
        Process p = builder(tmp, "race", "--url", url, "--user", "postgres", "--threads", "4", "--duration", "60s",
                "--keys", "50", "--strategy", "savepoint", "--json", json.toString())
                .redirectOutput(out.toFile()).redirectError(err.toFile()).start();
        // wait (bounded) until the run has created its table and attempts are committing
        String table = awaitRunningTable(url, p, before);
        new ProcessBuilder("kill", "-INT", Long.toString(p.pid())).start().waitFor();
        assertTrue(p.waitFor(20, TimeUnit.SECONDS), "lockdemo did not stop within 20 s of SIGINT");
        String stdout = Files.readString(out, StandardCharsets.UTF_8);
        assertEquals(130, p.exitValue(), stdout + Files.readString(err));
        assertTrue(stdout.contains("PARTIAL RESULTS"), stdout);
        JsonNode result = LockdemoRun.json(json);
        assertEquals("partial", result.get("status").asText());
        JsonNode s = LockdemoRun.strategy(result, "savepoint");
        assertTrue(s.get("attempts").asLong() > 0);
        assertEquals(s.get("attempts").asLong(), LockdemoRun.sumOfOutcomes(s));
        assertTrue(s.get("invariants_ok").asBoolean(), s.toString());
        assertEquals(List.of(), TestDatabases.lockdemoTables(url, "postgres", table), "table left behind");
    }

    private static String awaitRunningTable(String url, Process p, List<String> before) throws Exception {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(60);
        try (Connection c = DriverManager.getConnection(url, "postgres", null); Statement s = c.createStatement()) {
            while (System.nanoTime() < deadline && p.isAlive()) {
                try (ResultSet rs = s.executeQuery("SELECT relname FROM pg_class"
                        + " WHERE relname LIKE 'lockdemo\\_%\\_savepoint' AND relkind = 'r'")) {
                    while (rs.next()) {
                        String name = rs.getString(1);
                        if (before.contains(name)) {
                            continue;
                        }
                        try (Statement s2 = c.createStatement();
                                ResultSet n = s2.executeQuery("SELECT count(*) FROM " + name)) {
                            if (n.next() && n.getLong(1) >= 5) {
                                return name;
                            }
                        } catch (java.sql.SQLException gone) {
                            // another run's table vanished between the listing and the count; keep polling
                        }
                    }
                }
                Thread.onSpinWait();
            }
        }
        throw new AssertionError("the run never showed committed rows; alive=" + p.isAlive());
    }


    /** The port of the embedded server whose binaries were unpacked under {@code tmp}, once it runs. */
    private static int embeddedPort(Path tmp, Process p) throws Exception {
        int[] port = new int[1];
        Poll.until(Duration.ofSeconds(90), "the embedded server under " + tmp, () -> {
            if (!p.isAlive()) {
                throw new AssertionError("lockdemo ended early with " + p.exitValue());
            }
            ProcessHandle.allProcesses().forEach(ph -> {
                List<String> args = List.of(ph.info().arguments().orElse(new String[0]));
                if (ph.info().command().orElse("").startsWith(tmp.toString()) && args.contains("-p")) {
                    port[0] = Integer.parseInt(args.get(args.indexOf("-p") + 1));
                }
            });
            return port[0] != 0;
        });
        return port[0];
    }

    /**
     * kill -9, which no shutdown hook sees: the embedded server's watcher (a shell whose standard
     * input is a pipe from the JVM) sees the pipe close, stops the server and removes its data
     * directory. Polled, within 20 s. (The watcher starts once the server accepts connections: a
     * kill -9 in the second before that can still leave the server; docs/faults.md.)
     */
    @Test
    void killMinus9LeavesNoServerAndNoDataDirectory(@TempDir Path tmp) throws Exception {
        Path out = tmp.resolve("out.txt");
        Path err = tmp.resolve("err.txt");
        Path work = Files.createDirectory(tmp.resolve("work"));
        Process p = builder(work, "race", "--threads", "2", "--strategy", "savepoint", "--duration", "120s")
                .redirectOutput(out.toFile()).redirectError(err.toFile()).start();
        embeddedPort(work, p);
        Poll.until(Duration.ofSeconds(30), "the server's watcher on a data directory under " + work,
                () -> dataDirectories(work) > 0 && ProcessHandle.allProcesses().anyMatch(ph -> {
                    List<String> args = List.of(ph.info().arguments().orElse(new String[0]));
                    return args.contains("lockdemo-embedded-pg-watcher")
                            && args.get(args.size() - 1).startsWith(work.toString());
                }));
        new ProcessBuilder("kill", "-KILL", Long.toString(p.pid())).start().waitFor();
        assertTrue(p.waitFor(10, TimeUnit.SECONDS), "lockdemo did not die of SIGKILL");
        Poll.until(Duration.ofSeconds(20), "no postgres process of this run and no data directory left",
                () -> embeddedPostgresPids(work).isEmpty() && dataDirectories(work) == 0);
    }

    /** The embedded servers' data directories ({@code epg*}) under {@code dir}. */
    private static long dataDirectories(Path dir) throws IOException {
        try (Stream<Path> s = Files.list(dir)) {
            return s.filter(x -> x.getFileName().toString().startsWith("epg") && Files.isDirectory(x)).count();
        }
    }

    @Test
    void secondCtrlCExitsAtOnceAndLeavesNoServerAndNoTempDir(@TempDir Path tmp) throws Exception {
        Path out = tmp.resolve("out.txt");
        Path err = tmp.resolve("err.txt");
        Path work = Files.createDirectory(tmp.resolve("work"));
        // each attempt holds its row lock 20 s: the graceful stop would wait for that (and the
        // shutdown hook's 15 s grace); only the second Ctrl-C makes it exit within seconds
        Process p = builder(work, "race", "--threads", "3", "--hold-ms", "20000", "--strategy", "savepoint",
                "--duration", "120s").redirectOutput(out.toFile()).redirectError(err.toFile()).start();
        String url = "jdbc:postgresql://127.0.0.1:" + embeddedPort(work, p) + "/postgres";
        Poll.until(Duration.ofSeconds(60), "a worker holding its row lock", () -> {
            try (Connection c = DriverManager.getConnection(url, "postgres", null); Statement s = c.createStatement();
                    ResultSet rs = s.executeQuery("SELECT count(*) FROM pg_stat_activity"
                            + " WHERE application_name = 'lockdemo' AND state = 'idle in transaction'")) {
                return rs.next() && rs.getLong(1) > 0;
            } catch (java.sql.SQLException startingUp) {
                return false; // the server is still starting: poll again
            }
        });
        new ProcessBuilder("kill", "-INT", Long.toString(p.pid())).start().waitFor();
        Poll.until(Duration.ofSeconds(10), "the first Ctrl-C acknowledged",
                () -> Files.readString(err, StandardCharsets.UTF_8).contains("press Ctrl-C again"));
        long secondAt = System.nanoTime();
        new ProcessBuilder("kill", "-INT", Long.toString(p.pid())).start().waitFor();
        assertTrue(p.waitFor(30, TimeUnit.SECONDS), "lockdemo did not exit after the second Ctrl-C");
        long seconds = TimeUnit.NANOSECONDS.toSeconds(System.nanoTime() - secondAt);
        assertEquals(130, p.exitValue(), Files.readString(err));
        assertTrue(seconds <= 8, "the second Ctrl-C took " + seconds + " s");
        assertTrue(Files.readString(err).contains("second Ctrl-C: exiting now"), Files.readString(err));
        // no server process from this run's binaries is left (other test JVMs may run their own)
        assertEquals(List.of(), embeddedPostgresPids(work), "orphaned embedded postgres processes");
        try (Stream<Path> left = Files.list(work)) {
            List<String> names = left.map(x -> x.getFileName().toString())
                    .filter(n -> !n.equals("embedded-pg") && !n.startsWith("hsperfdata")).collect(Collectors.toList());
            assertEquals(List.of(), names, "temporary files left behind");
        }
    }
}
