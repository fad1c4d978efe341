package org.lockdemo.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.lockdemo.report.ConsoleView;
import org.lockdemo.report.Paint;
import picocli.CommandLine;

/** The console's width and colour as the environment, the terminal and the options decide them. */
class TerminalTest {
    private static final Terminals TERMINAL_120 = Terminals.fixed(true, true, 120);
    private static final String ESC = "\u001b[";

    @Test
    void columnsWinsThenTheTerminalsWidthThenOneHundred() {
        assertEquals(80, TerminalWidth.columns(Map.of("COLUMNS", "80"), TERMINAL_120));
        assertEquals(132, TerminalWidth.columns(Map.of("COLUMNS", "132"), Terminals.NONE)); // asked for, into a pipe
        assertEquals(120, TerminalWidth.columns(Map.of(), TERMINAL_120));
        assertEquals(120, TerminalWidth.columns(Map.of("COLUMNS", "wide"), TERMINAL_120));
        assertEquals(120, TerminalWidth.columns(Map.of("COLUMNS", "0"), TERMINAL_120));
        assertEquals(ConsoleView.DEFAULT_COLUMNS, TerminalWidth.columns(Map.of(), Terminals.NONE));
        assertEquals(ConsoleView.DEFAULT_COLUMNS, TerminalWidth.columns(Map.of(), Terminals.fixed(true, true, 0)));
        assertEquals(TerminalWidth.MIN_COLUMNS, TerminalWidth.columns(Map.of("COLUMNS", "12"), TERMINAL_120));
    }

    @Test
    void withTheResultOnStdoutTheTableFollowsStderr() {
        Terminals pipedIntoJq = Terminals.fixed(false, true, 90); // lockdemo race --json - | jq
        assertFalse(pipedIntoJq.stdout());
        assertTrue(pipedIntoJq.withOutputOnStderr().stdout(), "the table goes to stderr, a terminal");
        assertEquals(90, TerminalWidth.columns(Map.of(), pipedIntoJq.withOutputOnStderr()));
        Terminals stderrToAFile = Terminals.fixed(true, false, 90);
        assertFalse(stderrToAFile.withOutputOnStderr().stdout());
        assertEquals(ConsoleView.DEFAULT_COLUMNS, TerminalWidth.columns(Map.of(), stderrToAFile.withOutputOnStderr()));
    }

    @Test
    void colourOnlyOntoATerminalWithoutNoColorOrTheOption() {
        assertTrue(ColourChoice.on(false, Map.of(), true));
        assertFalse(ColourChoice.on(false, Map.of(), false), "not a terminal");
        assertFalse(ColourChoice.on(true, Map.of(), true), "--no-color");
        assertFalse(ColourChoice.on(false, Map.of("NO_COLOR", "1"), true));
        assertTrue(ColourChoice.on(false, Map.of("NO_COLOR", ""), true), "no-color.org: set and empty does not count");
        assertFalse(ColourChoice.on(false, Map.of("TERM", "dumb"), true));
    }

    private static RaceCommand race(Terminals terminals, String... args) {
        RaceCommand race = new RaceCommand(Map.of(), new ShutdownGuard(), terminals);
        new CommandLine(race).parseArgs(args);
        return race;
    }

    @Test
    void raceFitsTheTerminalAndColoursUnlessTold() {
        assertEquals(new ConsoleView(120, false, true), race(TERMINAL_120).console.view(Map.of(), TERMINAL_120));
        assertEquals(new ConsoleView(120, true, false),
                race(TERMINAL_120, "--wide", "--no-color").console.view(Map.of(), TERMINAL_120));
        assertEquals(new ConsoleView(100, false, false), race(Terminals.NONE).console.view(Map.of(), Terminals.NONE));
        assertFalse(race(TERMINAL_120).console.view(Map.of("NO_COLOR", "yes"), TERMINAL_120).colour());
    }

    @Test
    void raceHelpDocumentsWideAndNoColor() {
        StringWriter out = new StringWriter();
        CommandLine cl = Cli.create(Map.of(), new ShutdownGuard(), new PrintWriter(out), new PrintWriter(new StringWriter()));
        cl.getSubcommands().get("race").usage(new PrintWriter(out, true));
        assertTrue(out.toString().contains("      --wide") && out.toString().contains("      --no-color"), out.toString());
    }

    private static String merge(Terminals terminals, Path dir, String... options) throws IOException {
        String input = Path.of("src", "test", "resources", "org", "lockdemo", "report", "results", "mariadb.json")
                .toString();
        StringWriter out = new StringWriter();
        List<String> args = new ArrayList<>(List.of("merge", input, input, "-o", dir.resolve("merged.json").toString()));
        args.addAll(List.of(options));
        int code = Cli.create(Map.of(), new ShutdownGuard(), new PrintWriter(out), new PrintWriter(new StringWriter()),
                terminals).execute(args.toArray(new String[0]));
        assertEquals(ExitCode.OK.code(), code, out.toString());
        assertFalse(Files.readString(dir.resolve("merged.json")).contains(ESC), "never colour in a file");
        return out.toString();
    }

    @Test
    void mergeColoursItsVerdictsOnATerminalOnly(@TempDir Path dir) throws IOException {
        String coloured = merge(Terminals.fixed(true, true, 80), dir);
        assertTrue(coloured.contains("  " + Paint.PASS.on("pass", true) + "\n")
                && coloured.contains("  " + Paint.LESSON.on("lesson", true) + "\n"), coloured);
        assertFalse(merge(Terminals.fixed(true, true, 80), dir, "--no-color").contains(ESC));
        assertFalse(merge(Terminals.NONE, dir).contains(ESC));
    }

    private static String usageError(Terminals terminals, Map<String, String> env, String... args) {
        StringWriter err = new StringWriter();
        int code = Cli.create(env, new ShutdownGuard(), new PrintWriter(new StringWriter()), new PrintWriter(err),
                terminals).execute(args);
        assertEquals(ExitCode.USAGE.code(), code);
        return err.toString();
    }

    @Test
    void aUsageErrorIsRedOnATerminalAndPlainElsewhere() {
        String onTerminal = usageError(Terminals.fixed(false, true, 0), Map.of(), "race", "--threads", "many");
        assertTrue(onTerminal.startsWith(Paint.ERROR.on("lockdemo: ", true).substring(0, 8)), onTerminal);
        assertTrue(onTerminal.contains("Try 'lockdemo race --help'") && !onTerminal.contains("Try '" + ESC), onTerminal);
        assertFalse(usageError(Terminals.NONE, Map.of(), "race", "--threads", "many").contains(ESC));
        assertFalse(usageError(Terminals.fixed(true, true, 80), Map.of("NO_COLOR", "1"), "race", "--threads", "many")
                .contains(ESC));
        assertFalse(usageError(Terminals.fixed(true, true, 80), Map.of(), "race", "--no-color", "--threads", "many")
                .contains(ESC));
        // stdout a terminal but stderr redirected to a file: the error goes to the file, without colour
        assertFalse(usageError(Terminals.fixed(true, false, 80), Map.of(), "race", "--threads", "many").contains(ESC));
    }
}
