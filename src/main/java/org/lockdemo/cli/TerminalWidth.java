package org.lockdemo.cli;

import java.util.Map;
import org.lockdemo.report.ConsoleView;

/**
 * The width the console report fits: {@code COLUMNS} when set to a number, else the terminal's own
 * width when standard output is one, else {@link ConsoleView#DEFAULT_COLUMNS} (100). At least
 * {@link #MIN_COLUMNS}. Stateless.
 */
final class TerminalWidth {
    /** Narrower than this, nothing fits usefully; a smaller {@code COLUMNS} counts as this. */
    static final int MIN_COLUMNS = 40;

    private TerminalWidth() {
    }

    static int columns(Map<String, String> env, Terminals terminals) {
        String columns = env.get("COLUMNS");
        if (columns != null && columns.strip().matches("[0-9]{1,6}") && Integer.parseInt(columns.strip()) > 0) {
            return Math.max(MIN_COLUMNS, Integer.parseInt(columns.strip()));
        }
        int terminal = terminals.stdoutColumns();
        return terminal > 0 ? Math.max(MIN_COLUMNS, terminal) : ConsoleView.DEFAULT_COLUMNS;
    }
}
