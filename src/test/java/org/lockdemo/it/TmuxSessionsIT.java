package org.lockdemo.it;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.lockdemo.db.Dialects;

/**
 * {@code lockdemo sessions} in a real terminal: the fat jar runs in a tmux pane (its own tmux
 * server, on a socket in this test's temporary directory), keys are sent with {@code send-keys}
 * and the screen is read with {@code capture-pane}, polled until the expected text appears. It
 * shows what only a terminal has: JLine's prompt stays usable while T2 is BLOCKED; a statement
 * that ends on its own (the server's lock timeout) is printed above the prompt while the user is
 * typing, and what was typed is drawn again; Ctrl-C clears the line; Ctrl-D rolls back, drops the
 * table and exits 0. And {@code explain --step} there: Enter runs a step, Ctrl-C quits. Skipped
 * when tmux is not installed (.ci/run installs it).
 */
class TmuxSessionsIT {
    private static final Duration WAIT = Duration.ofSeconds(60);
    private static final String INSERT = "insert into lockdemo_explain (jahr, monat, some_value) values (2016, 5, 0);";
    private static final Pattern TABLE = Pattern.compile("\\((lockdemo_explain_[a-z0-9]+)\\)");

    /** This test's own tmux server's socket, removed with the directory. */
    @TempDir
    Path socketDir;

    @BeforeEach
    void tmuxIsThere() {
        Assumptions.assumeTrue(onPath("tmux"), "tmux is not installed; .ci/run installs it (apt-get install tmux)");
    }

    @AfterEach
    void stopOurTmuxServer() throws Exception {
        tmux("kill-server"); // this test's server only (-S socket): the pane's shell and lockdemo, if still there
    }

    @Test
    void thePromptStaysUsableWhileT2IsBlockedAndALateResultIsPrintedAboveIt() throws Exception {
        String url = TestDatabases.machinePgUrl() != null ? TestDatabases.machinePgUrl() : TestDatabases.embeddedUrl();
        assertEquals(0, tmux("new-session", "-d", "-x", "120", "-y", "40", "-s", "live", "bash --norc --noprofile"));
        // the server's lock_timeout (2 s) ends T2's wait on its own, with no statement typed
        sendLine(java() + " -jar " + jar() + " sessions --url '" + url + "' --user postgres --lock-timeout 2s; echo EXIT=$?");
        String screen = until("the first prompt", s -> s.contains("\\help for the commands") && lastLine(s).equals("T1>"));
        Matcher m = TABLE.matcher(screen);
        assertTrue(m.find(), screen);
        String table = m.group(1);

        sendLine(INSERT);
        until("T1's insert", s -> s.contains("T1: step 1 → created (1 row)") && lastLine(s).equals("T1>"));
        sendLine("T2: " + INSERT);
        screen = until("T2 blocked, and the prompt back",
                s -> s.contains("T2: step 2 BLOCKED (waits for T1)") && lastLine(s).equals("T2>"));

        tmux("send-keys", "-t", "live", "-l", "select 'half typed");
        screen = until("the lock timeout's error printed above what is being typed",
                s -> s.contains("T2: step 2 finished → ERROR lock_not_available (SQLState 55P03)")
                        && lastLine(s).equals("T2> select 'half typed"));
        List<String> lines = screen.lines().map(String::stripTrailing).filter(l -> !l.isEmpty()).toList();
        assertTrue(lines.get(lines.size() - 2).startsWith("T2: step 2 finished"), "above the prompt:\n" + screen);

        tmux("send-keys", "-t", "live", "C-c");
        until("Ctrl-C clears the line", s -> lastLine(s).equals("T2>"));
        sendLine("\\1");
        until("switched to T1", s -> lastLine(s).equals("T1>"));
        sendLine("commit;");
        screen = until("T1's commit", s -> s.contains("T1: step 3 → committed") && lastLine(s).equals("T1>"));
        assertTrue(!screen.substring(screen.indexOf("T1: step 3")).contains("T2: step 2 finished"),
                "T2's end is shown once:\n" + screen);
        sendLine("T2: rollback;");
        until("T2 takes a statement again once its wait has ended", s -> s.contains("T2: step 4 → rolled back")
                && lastLine(s).equals("T2>"));
        sendLine("\\schedule");
        until("the columns, T2's end in the row of the next step sent", s -> s.contains("→ BLOCKED (waits for T1)")
                && s.contains("└→ ✗ ERROR lock_not_available") && lastLine(s).equals("T2>"));

        tmux("send-keys", "-t", "live", "C-d");
        screen = until("Ctrl-D: rolled back, dropped, exit 0", s -> s.contains("\nEXIT=")); // not the command line's "echo EXIT="
        assertTrue(screen.contains("rolled back T1, T2 and dropped " + table + "\nEXIT=0"), screen);
        assertEquals(List.of(), TestDatabases.lockdemoTables(Dialects.normalizeUrl(url), "postgres", table));
    }

    /** explain --step in a terminal (JLine on standard error): Enter runs a step, Ctrl-C at the prompt quits. */
    @Test
    void explainStepInATerminalRunsOnEnterAndQuitsOnCtrlC() throws Exception {
        String url = TestDatabases.machinePgUrl() != null ? TestDatabases.machinePgUrl() : TestDatabases.embeddedUrl();
        assertEquals(0, tmux("new-session", "-d", "-x", "200", "-y", "50", "-s", "live", "bash --norc --noprofile"));
        sendLine(java() + " -jar " + jar() + " explain --strategy savepoint --step --format list --url '" + url
                + "' --user postgres; echo EXIT=$?");
        until("step 1 asked", s -> s.contains("next: step 1 of 14, T1: SELECT"));
        tmux("send-keys", "-t", "live", "Enter");
        until("step 2 asked", s -> s.contains("next: step 2 of 14, T2: SELECT"));
        tmux("send-keys", "-t", "live", "C-c");
        String screen = until("the timeline so far and exit 130", s -> s.contains("\nEXIT="));
        assertTrue(screen.contains("Stopped: stopped before step 2: quit at the --step prompt"), screen);
        assertTrue(screen.contains("\nEXIT=130"), screen);
    }

    private static String java() {
        return Path.of(System.getProperty("java.home"), "bin", "java").toString();
    }

    private static Path jar() {
        Path jar = Path.of(System.getenv().getOrDefault("LOCKDEMO_JAR", "target/lockdemo.jar")).toAbsolutePath();
        assertTrue(Files.isRegularFile(jar), "the fat jar is built by 'mvn package' before the ITs: " + jar);
        return jar;
    }

    private void sendLine(String text) throws Exception {
        // tmux takes an argument's trailing ; for its own command separator; \; is a literal one
        tmux("send-keys", "-t", "live", "-l", text.endsWith(";") ? text.substring(0, text.length() - 1) + "\\;" : text);
        tmux("send-keys", "-t", "live", "Enter");
    }

    /** Polls the pane until {@code done} holds for what it shows; the screen then. */
    private String until(String what, java.util.function.Predicate<String> done) throws Exception {
        String[] last = {""};
        try {
            Poll.until(WAIT, what, () -> {
                last[0] = capture();
                return done.test(last[0]);
            });
        } catch (AssertionError e) {
            throw new AssertionError(e.getMessage() + "; the screen:\n" + last[0], e);
        }
        return last[0];
    }

    /** The pane's text, joined lines wrapped by the terminal (-J). */
    private String capture() throws Exception {
        Process p = new ProcessBuilder(command("capture-pane", "-p", "-J", "-t", "live")).redirectErrorStream(true).start();
        String text = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertTrue(p.waitFor(10, TimeUnit.SECONDS), "tmux capture-pane did not end");
        return text;
    }

    private static String lastLine(String screen) {
        List<String> lines = screen.lines().map(String::stripTrailing).filter(l -> !l.isEmpty()).toList();
        return lines.isEmpty() ? "" : lines.get(lines.size() - 1);
    }

    private int tmux(String... args) throws IOException, InterruptedException {
        Process p = new ProcessBuilder(command(args)).redirectErrorStream(true).start();
        p.getInputStream().readAllBytes();
        assertTrue(p.waitFor(10, TimeUnit.SECONDS), "tmux " + String.join(" ", args) + " did not end");
        return p.exitValue();
    }

    private List<String> command(String... args) {
        List<String> cmd = new ArrayList<>(List.of("tmux", "-S", socketDir.resolve("tmux").toString(), "-f", "/dev/null"));
        cmd.addAll(List.of(args));
        return cmd;
    }

    private static boolean onPath(String program) {
        for (String dir : System.getenv().getOrDefault("PATH", "").split(":")) {
            if (Files.isExecutable(Path.of(dir, program))) {
                return true;
            }
        }
        return false;
    }
}
