package org.lockdemo.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.lockdemo.strategy.StrategyKind;
import picocli.CommandLine;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Model.OptionSpec;
import picocli.CommandLine.Model.PositionalParamSpec;

/**
 * The man pages' AsciiDoc as {@link ManPages} writes it, held to the command line {@code --help}
 * comes from: a page for every command (walked here, apart from {@link ManPages#documented}), each
 * naming the command, every option and argument, its examples and its exit codes. That Asciidoctor
 * turns them into pages {@code man} renders is {@code ManPagesIT}'s part, after {@code mvn package}.
 */
class ManPagesTest {
    @TempDir
    static Path dir;
    /** File name to content. */
    private static final Map<String, String> PAGES = new TreeMap<>();

    @BeforeAll
    static void write() throws IOException {
        Files.writeString(dir.resolve("lockdemo-removed.adoc"), "a command gone since the last build");
        ManPages.write(dir);
        try (Stream<Path> files = Files.list(dir)) {
            for (Path p : files.toList()) {
                PAGES.put(p.getFileName().toString(), Files.readString(p, StandardCharsets.UTF_8));
            }
        }
    }

    /** Every command of the tree, hidden or not, depth first. */
    private static List<CommandLine> all(CommandLine cl) {
        List<CommandLine> out = new ArrayList<>(List.of(cl));
        cl.getSubcommands().values().forEach(sub -> out.addAll(all(sub)));
        return out;
    }

    private static List<CommandLine> documented() {
        return all(ManPages.commandLine()).stream().filter(c -> !c.getCommandSpec().usageMessage().hidden()).toList();
    }

    private static String page(CommandSpec spec) {
        String page = PAGES.get(spec.qualifiedName("-") + ".adoc");
        assertTrue(page != null, "no man page for '" + spec.qualifiedName() + "' among " + PAGES.keySet());
        return page;
    }

    @Test
    void everyDocumentedCommandHasAPageAndNoOtherCommandOrFileHasOne() {
        Set<String> expected = documented().stream().map(c -> c.getCommandSpec().qualifiedName("-") + ".adoc")
                .collect(Collectors.toCollection(TreeSet::new));
        assertEquals(expected, PAGES.keySet());
        assertTrue(expected.containsAll(List.of("lockdemo.adoc", "lockdemo-race.adoc", "lockdemo-explain.adoc",
                "lockdemo-cleanup.adoc", "lockdemo-merge.adoc", "lockdemo-report.adoc", "lockdemo-sessions.adoc",
                "lockdemo-generate-completion.adoc")), expected.toString());
        assertTrue(all(ManPages.commandLine()).stream().anyMatch(c -> c.getCommandName().equals("matrix-summary")
                && c.getCommandSpec().usageMessage().hidden()), "matrix-summary is registered, hidden");
    }

    @Test
    void eachPageNamesItsCommandAndEveryOptionAndArgument() {
        for (CommandLine c : documented()) {
            CommandSpec spec = c.getCommandSpec();
            String page = page(spec);
            String name = spec.qualifiedName();
            assertTrue(page.contains("\n= " + spec.qualifiedName("-") + "(1)\n"), name + ": the title");
            assertTrue(page.contains("\n*" + name + "*"), name + ": the synopsis");
            for (OptionSpec o : spec.options()) {
                for (String optionName : o.names()) {
                    assertTrue(o.hidden() || page.contains("*" + optionName + "*"), name + " lacks " + optionName);
                }
            }
            for (PositionalParamSpec p : spec.positionalParameters()) {
                assertTrue(p.hidden() || page.contains("_" + p.paramLabel() + "_"), name + " lacks " + p.paramLabel());
            }
            c.getSubcommands().values().stream().filter(s -> !s.getCommandSpec().usageMessage().hidden())
                    .forEach(s -> assertTrue(page.contains("[*" + s.getCommandName() + "*]::"), name + " lists " + s.getCommandName()));
        }
    }

    @Test
    void eachPageHasItsHelpsExamplesAndExitCodes() {
        int withExamples = 0;
        for (CommandLine c : documented()) {
            CommandSpec spec = c.getCommandSpec();
            String page = page(spec);
            String help = c.getUsageMessage(CommandLine.Help.Ansi.OFF);
            if (help.contains("\nExamples:")) {
                withExamples++;
                assertTrue(page.contains("\n== Examples\n"), spec.qualifiedName() + ": an EXAMPLES section");
            }
            for (String line : spec.usageMessage().footer()) {
                assertTrue(page.contains(line.stripTrailing()), spec.qualifiedName() + " lacks the example line '" + line + "'");
            }
            // picocli leaves its own exit-code list out of the help and HelpSections prints the same list
            int codes = help.indexOf("\nExit codes:");
            assertTrue(codes > 0, spec.qualifiedName() + " --help lists its exit codes");
            List<String> helpCodes = help.substring(codes).lines().filter(l -> l.matches("  \\d+ .*"))
                    .map(l -> l.trim().split(" ")[0]).toList();
            assertEquals(List.copyOf(spec.usageMessage().exitCodeList().keySet()), helpCodes, spec.qualifiedName());
            assertTrue(page.contains("\n== Exit codes\n"), spec.qualifiedName() + ": an EXIT CODES section");
            spec.usageMessage().exitCodeList().forEach((code, text) -> assertTrue(
                    page.contains("\n*" + code + "*::\n  " + text + "\n"), spec.qualifiedName() + " lacks exit code " + code));
        }
        assertEquals(documented().size(), withExamples, "every documented command has examples");
    }

    @Test
    void raceListsEveryStrategyBeforeTheOptions() {
        String page = PAGES.get("lockdemo-race.adoc");
        int strategies = page.indexOf("\n== Strategies\n");
        assertTrue(strategies > 0 && strategies < page.indexOf("\n== Options\n"), page);
        for (StrategyKind k : StrategyKind.values()) {
            assertTrue(java.util.regex.Pattern.compile("[ :]" + java.util.regex.Pattern.quote(k.id()) + "(,|\n)")
                    .matcher(page.substring(strategies)).find(), "race's page lacks " + k.id());
        }
        assertTrue(page.substring(strategies).lines().takeWhile(l -> !l.startsWith("== Options"))
                .allMatch(l -> l.length() <= 72), "wrapped for a man page's indent");
    }
}
