package org.lockdemo.explain;

import java.util.ArrayList;
import java.util.List;

/**
 * Draws {@link ScheduleColumns} as plain text that fits a terminal: a step number, then one column
 * per session, long SQL and results wrapped inside their column. A bar ({@code │}) runs down a
 * session's column while its step waits, also through the blank line between rows. Pure;
 * stateless; thread-safe.
 */
final class ColumnsText {
    /** The narrowest a session's column may be; narrower, SQL wraps into unreadable slivers. */
    static final int MIN_COLUMN = 18;
    private static final String STEP = "step";
    private static final String GAP = "  ";

    private ColumnsText() {
    }

    /** The narrowest {@code width} that {@link #lines} accepts for this many sessions. */
    static int minWidth(int sessions) {
        return STEP.length() + sessions * (GAP.length() + MIN_COLUMN);
    }

    /** The schedule's lines, none longer than {@code width} (at least {@link #minWidth}), without trailing spaces. */
    static List<String> lines(ScheduleColumns s, int width) {
        return lines(s, width, step -> List.of());
    }

    /**
     * As {@link #lines(ScheduleColumns, int)}, with {@code afterRow}'s lines for each row's step
     * (e.g. the lock table after it) below the row, the session columns' bars not drawn through them.
     */
    static List<String> lines(ScheduleColumns s, int width, java.util.function.IntFunction<List<String>> afterRow) {
        int n = s.sessions().size();
        if (width < minWidth(n)) {
            throw new IllegalArgumentException("width " + width + " < " + minWidth(n) + " for " + n + " sessions");
        }
        int column = (width - STEP.length() - n * GAP.length()) / n;
        List<String> out = new ArrayList<>();
        List<List<String>> heading = new ArrayList<>();
        List<List<String>> rule = new ArrayList<>();
        for (String session : s.sessions()) {
            heading.add(List.of(session));
            rule.add(List.of("─".repeat(column)));
        }
        out.add(line(STEP, heading, 0, column));
        out.add(line("─".repeat(STEP.length()), rule, 0, column));
        for (int r = 0; r < s.rows().size(); r++) {
            ScheduleColumns.Row row = s.rows().get(r);
            if (r > 0) {
                List<List<String>> between = new ArrayList<>();
                for (ScheduleColumns.Cell c : row.cells()) {
                    boolean bar = c.kind() == ScheduleColumns.Kind.BAR || c.kind() == ScheduleColumns.Kind.FINISHED
                            || c.kind() == ScheduleColumns.Kind.STILL_BLOCKED;
                    between.add(List.of(bar ? "│" : ""));
                }
                out.add(line("", between, 0, column));
            }
            List<List<String>> cells = new ArrayList<>();
            int height = 1;
            for (ScheduleColumns.Cell c : row.cells()) {
                List<String> l = cell(c, column);
                cells.add(l);
                height = Math.max(height, l.size());
            }
            for (int i = 0; i < row.cells().size(); i++) {
                if (row.cells().get(i).kind() == ScheduleColumns.Kind.BAR) {
                    cells.set(i, java.util.Collections.nCopies(height, "│"));
                }
            }
            for (int l = 0; l < height; l++) {
                out.add(line(l == 0 ? String.format(java.util.Locale.ROOT, "%4d", row.step()) : "", cells, l, column));
            }
            out.addAll(afterRow.apply(row.step()));
        }
        return out;
    }

    private static String line(String step, List<List<String>> cells, int index, int column) {
        StringBuilder b = new StringBuilder(String.format(java.util.Locale.ROOT, "%-4s", step));
        for (List<String> c : cells) {
            String text = index < c.size() ? c.get(index) : "";
            b.append(GAP).append(text).append(" ".repeat(Math.max(0, column - text.length())));
        }
        return b.toString().stripTrailing();
    }

    /** A cell's lines, each at most {@code column} wide. */
    static List<String> cell(ScheduleColumns.Cell c, int column) {
        List<String> l = new ArrayList<>();
        switch (c.kind()) {
            case EMPTY, BAR -> { }
            case RAN, BLOCKED -> {
                l.addAll(wrap(c.sql(), column, "", "  "));
                l.addAll(wrap(mark(c) + c.outcome(), column, "→ ", "  "));
            }
            case FINISHED -> l.addAll(wrap(mark(c) + c.outcome(), column, "└→ ", "   "));
            case STILL_BLOCKED -> l.addAll(wrap(c.outcome(), column, "│ ", "│ "));
            default -> throw new AssertionError(c.kind());
        }
        return l;
    }

    /** {@code ✗ } before an error, {@code ✓ } before a commit. */
    static String mark(ScheduleColumns.Cell c) {
        return switch (c.mark()) {
            case ERROR -> "✗ ";
            case COMMIT -> "✓ ";
            case NONE -> "";
        };
    }

    /**
     * Words of {@code text} filled into lines of at most {@code width}, the first starting with
     * {@code first}, the others with {@code rest}; a word longer than a line is cut.
     */
    static List<String> wrap(String text, int width, String first, String rest) {
        List<String> lines = new ArrayList<>();
        StringBuilder line = new StringBuilder(first);
        int start = first.length();
        for (String word : text.strip().split(" +")) {
            if (line.length() > start && line.length() + 1 + word.length() > width) {
                lines.add(line.toString());
                line = new StringBuilder(rest);
                start = rest.length();
            }
            if (line.length() > start) {
                line.append(' ');
            }
            String w = word;
            while (line.length() + w.length() > width) {
                int room = width - line.length();
                line.append(w, 0, room);
                lines.add(line.toString());
                w = w.substring(room);
                line = new StringBuilder(rest);
                start = rest.length();
            }
            line.append(w);
        }
        lines.add(line.toString());
        return lines;
    }
}
