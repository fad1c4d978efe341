package org.lockdemo.cli;

import java.util.Map;
import org.lockdemo.report.ConsoleView;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/**
 * {@code --wide} and {@code --no-color}: how the console report is laid out, with the terminal's
 * width ({@link TerminalWidth}) and colour ({@link ColourChoice}). Used by one command thread.
 */
public final class ConsoleOptions {
    @Option(names = "--wide", description = "Show every column of the table, under the outcome ids, however wide "
            + "(by default the table fits the terminal: COLUMNS, the terminal's width, or 100).")
    boolean wide;

    @Mixin
    ColourOption colour;

    /** The console report's layout for standard output. */
    ConsoleView view(Map<String, String> env, Terminals terminals) {
        return new ConsoleView(TerminalWidth.columns(env, terminals), wide, colour.stdout(env, terminals));
    }

    /** Whether error lines on standard error are coloured. */
    boolean errorColour(Map<String, String> env, Terminals terminals) {
        return colour.stderr(env, terminals);
    }
}
