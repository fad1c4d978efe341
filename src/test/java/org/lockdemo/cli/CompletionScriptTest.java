package org.lockdemo.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code lockdemo generate-completion} prints a script that bash sources, and that completes the
 * closed choices from the same enums the options accept: the script is run in a real bash, as a
 * user's shell would, with the words of a half-typed command line.
 */
class CompletionScriptTest {
    @TempDir
    static Path dir;
    private static Path script;

    @BeforeAll
    static void generate() throws IOException {
        StringWriter out = new StringWriter();
        int code = Cli.create(Map.of(), new ShutdownGuard(), new PrintWriter(out, true), new PrintWriter(new StringWriter()))
                .execute("generate-completion");
        assertEquals(0, code);
        script = dir.resolve("lockdemo-completion.bash");
        Files.writeString(script, out.toString(), StandardCharsets.UTF_8);
    }

    @Test
    void completesAStrategyName() throws Exception {
        assertEquals(List.of("savepoint"), complete("lockdemo", "race", "--strategy", "sa"));
        assertEquals(List.of("advisory", "all"), complete("lockdemo", "race", "--strategy", "a"));
        assertEquals(List.of("advisory"), complete("lockdemo", "explain", "--strategy", "a"), "explain has no 'all'");
    }

    @Test
    void completesIsolationLevelsAndFormats() throws Exception {
        assertEquals(List.of("read-committed", "repeatable-read"), complete("lockdemo", "race", "--isolation", "r"));
        assertEquals(List.of("markdown", "mermaid"), complete("lockdemo", "explain", "--format", "m"));
        assertEquals(List.of("sorted"), complete("lockdemo", "race", "--key-order", "s"));
        assertEquals(List.of("platform", "virtual"), complete("lockdemo", "race", "--worker-threads", ""));
    }

    @Test
    void completesCommandsAndOptions() throws Exception {
        List<String> commands = complete("lockdemo", "");
        assertTrue(commands.containsAll(List.of("race", "explain", "sessions", "cleanup", "merge", "report", "generate-completion")),
                commands.toString());
        assertTrue(complete("lockdemo", "race", "--statement-").contains("--statement-delay"));
    }

    /** COMPREPLY after bash completes the last of {@code words} through the generated function. */
    private static List<String> complete(String... words) throws Exception {
        String line = String.join(" ", words);
        String bash = "source '" + script + "' 2>/dev/null\n"
                + "COMP_WORDS=(" + Arrays.stream(words).map(w -> "'" + w + "'").reduce((a, b) -> a + " " + b).orElse("")
                + ")\nCOMP_CWORD=" + (words.length - 1) + "\nCOMP_LINE='" + line + "'\nCOMP_POINT=${#COMP_LINE}\n"
                + "_complete_lockdemo 2>/dev/null\nprintf '%s\\n' \"${COMPREPLY[@]}\"\n";
        Process p = new ProcessBuilder("bash", "-c", bash).redirectErrorStream(true).start();
        String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertEquals(0, p.waitFor(), out);
        return out.lines().filter(s -> !s.isEmpty()).sorted().toList();
    }
}
