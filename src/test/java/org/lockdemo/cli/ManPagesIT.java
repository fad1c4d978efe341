package org.lockdemo.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.File;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.concurrent.TimeUnit;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;
import picocli.CommandLine;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Model.OptionSpec;

/**
 * The man pages {@code mvn package} built into {@code target/man}: one roff page per documented
 * command, and {@code man -l} renders each (groff when man-db is missing) with the text
 * {@code --help} prints, word for word: the description, every option's description, the added
 * sections (race's strategies), the examples and the exit codes. Word for word also means that
 * Asciidoctor made no typography of the notation ({@code <=} stays {@code <=}, not a double arrow).
 */
class ManPagesIT {
    private static final Path MAN = Path.of("target/man");

    @Test
    void everyDocumentedCommandHasAPage() throws IOException {
        assertTrue(Files.isDirectory(MAN), "'mvn package' writes the man pages before the ITs (unless -Dlockdemo.man.skip=true): " + MAN.toAbsolutePath());
        Set<String> expected = ManPages.documented(ManPages.commandLine()).stream()
                .map(c -> c.getCommandSpec().qualifiedName("-") + ".1").collect(Collectors.toCollection(TreeSet::new));
        try (Stream<Path> files = Files.list(MAN)) {
            assertEquals(expected, files.map(p -> p.getFileName().toString()).collect(Collectors.toCollection(TreeSet::new)));
        }
    }

    @Test
    void eachPageRendersWhatTheHelpSays() throws Exception {
        for (CommandLine c : ManPages.documented(ManPages.commandLine())) {
            CommandSpec spec = c.getCommandSpec();
            String name = spec.qualifiedName("-");
            String text = render(MAN.resolve(name + ".1"));
            String page = words(text);
            // the help's own strings, unwrapped: picocli may break a line inside a word ("jdbc:" / "mysql://")
            List<String> expected = new ArrayList<>();
            expected.add(name + " - ");
            expected.add(unformatted(spec.usageMessage().description()));
            for (OptionSpec o : spec.options()) {
                if (!o.hidden()) {
                    expected.add(unformatted(o.description()));
                }
            }
            for (String key : ManPages.addedSectionKeys(c)) {
                expected.add(c.getHelpSectionMap().get(key).render(c.getHelp()));
            }
            expected.addAll(Arrays.stream(spec.usageMessage().footer()).filter(l -> !l.isBlank()).toList());
            expected.addAll(spec.usageMessage().exitCodeList().values());
            assertTrue(text.contains("EXIT CODES") && text.contains("EXAMPLES"), name + ":\n" + text);
            for (String e : expected) {
                assertTrue(page.contains(words(e)), name + " renders without '" + words(e) + "':\n" + text);
            }
        }
    }

    /** Help text as picocli prints it: {@code %n} a line break, {@code %%} a percent sign. */
    private static String unformatted(String[] lines) {
        return String.join(" ", lines).replace("%n", " ").replace("%%", "%");
    }

    /** The words of {@code s}, one space apart: the page and the help wrap at different widths. */
    private static String words(String s) {
        return s.strip().replaceAll("\\s+", " ");
    }

    /** The page as {@code man -l} prints it to a pipe: plain text, no hyphenation, no justification. */
    private static String render(Path page) throws Exception {
        assertTrue(Files.isRegularFile(page), "no man page " + page);
        List<String> command;
        if (onPath("man")) {
            command = List.of("man", "--no-hyphenation", "--no-justification", "-l", page.toString());
        } else if (onPath("groff")) {
            command = List.of("groff", "-man", "-Tutf8", "-rHY=0", "-P-cbou", page.toString());
        } else {
            Assumptions.abort("neither man (Debian's man-db) nor groff (groff-base) is on the PATH; .ci/run installs them");
            return "";
        }
        ProcessBuilder pb = new ProcessBuilder(command).redirectErrorStream(true);
        pb.environment().putAll(Map.of("MANWIDTH", "120", "LC_ALL", "C.UTF-8", "MANPAGER", "cat", "PAGER", "cat"));
        Process p = pb.start();
        String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertTrue(p.waitFor(60, TimeUnit.SECONDS), String.join(" ", command) + " did not finish");
        assertEquals(0, p.exitValue(), String.join(" ", command) + ":\n" + out);
        assertFalse(out.isBlank(), String.join(" ", command) + " printed nothing");
        return out;
    }

    private static boolean onPath(String tool) {
        return Arrays.stream(System.getenv().getOrDefault("PATH", "").split(File.pathSeparator))
                .anyMatch(d -> Files.isExecutable(Path.of(d, tool)));
    }
}
