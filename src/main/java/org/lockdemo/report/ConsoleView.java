package org.lockdemo.report;

/**
 * How the console report is laid out for where it goes: the width in columns to fit the table and
 * the text to, or every column ({@code --wide}: the full table, lines as long as they come), and
 * whether to colour the verdicts. The caller decides (see {@code cli/ConsoleOptions}); the report
 * only follows. Immutable.
 *
 * @param widthColumns the width to fit, in characters
 * @param wide         every column and no wrapping, however wide
 * @param colour       ANSI colour for verdicts; only for a terminal, never for a file
 */
public record ConsoleView(int widthColumns, boolean wide, boolean colour) {
    /** The width when it is not known: not a terminal and no {@code COLUMNS}. */
    public static final int DEFAULT_COLUMNS = 100;
    /** Every column, no colour: the table as it was before it was fitted to a width. */
    public static final ConsoleView WIDE = new ConsoleView(DEFAULT_COLUMNS, true, false);
    /** What {@code race} prints when it cannot tell the width: fitted to 100 columns, no colour. */
    public static final ConsoleView PLAIN = fitted(DEFAULT_COLUMNS);

    public ConsoleView {
        if (widthColumns < 1) {
            throw new IllegalArgumentException("widthColumns must be positive: " + widthColumns);
        }
    }

    /** Fitted to {@code widthColumns}, no colour. */
    public static ConsoleView fitted(int widthColumns) {
        return new ConsoleView(widthColumns, false, false);
    }

    /** This view with colour on or off. */
    public ConsoleView withColour(boolean on) {
        return new ConsoleView(widthColumns, wide, on);
    }
}
