package org.lockdemo.report;

import java.io.PrintWriter;
import java.util.List;

/**
 * A plain text table: first column left-aligned, the rest right-aligned, {@code gap} spaces between
 * columns. Cells are padded by their visible text and painted afterwards, so colour codes never
 * shift a column. Stateless.
 */
final class Table {
    /** How a body cell is painted after padding; the header is never painted. */
    @FunctionalInterface
    interface CellPaint {
        CellPaint NONE = (column, text) -> text;

        String paint(int column, String text);
    }

    private Table() {
    }

    static void render(List<String> head, List<List<String>> rows, PrintWriter out) {
        render(head, rows, 2, CellPaint.NONE, out);
    }

    static void render(List<String> head, List<List<String>> rows, int gap, CellPaint paint, PrintWriter out) {
        render(head, rows, gap, paint, i -> null, out);
    }

    /**
     * As {@link #render(List, List, int, CellPaint, PrintWriter)}, with a line of its own before row
     * {@code i} where {@code before} gives one (a group's heading), none where it gives null.
     */
    static void render(List<String> head, List<List<String>> rows, int gap, CellPaint paint,
            java.util.function.IntFunction<String> before, PrintWriter out) {
        int[] width = widths(head, rows);
        line(head, width, gap, CellPaint.NONE, out);
        for (int i = 0; i < rows.size(); i++) {
            String heading = before.apply(i);
            if (heading != null) {
                out.println(heading);
            }
            line(rows.get(i), width, gap, paint, out);
        }
    }

    /** The length of the table's longest line, in characters. */
    static int lineLength(List<String> head, List<List<String>> rows, int gap) {
        int total = 0;
        for (int w : widths(head, rows)) {
            total += w;
        }
        return total + gap * Math.max(0, head.size() - 1);
    }

    private static int[] widths(List<String> head, List<List<String>> rows) {
        int[] width = new int[head.size()];
        for (int i = 0; i < width.length; i++) {
            width[i] = head.get(i).length();
            for (List<String> r : rows) {
                width[i] = Math.max(width[i], r.get(i).length());
            }
        }
        return width;
    }

    private static void line(List<String> cells, int[] width, int gap, CellPaint paint, PrintWriter out) {
        StringBuilder sb = new StringBuilder();
        for (int i = 0; i < cells.size(); i++) {
            String c = cells.get(i);
            if (i > 0) {
                sb.append(" ".repeat(gap));
            }
            String pad = " ".repeat(width[i] - c.length());
            String painted = paint.paint(i, c);
            sb.append(i == 0 ? painted + pad : pad + painted);
        }
        out.println(stripTrailingSpaces(sb));
    }

    /** Trailing blanks go, as before; a painted last cell ends in its reset code, not a blank. */
    private static String stripTrailingSpaces(StringBuilder sb) {
        int end = sb.length();
        while (end > 0 && sb.charAt(end - 1) == ' ') {
            end--;
        }
        return sb.substring(0, end);
    }
}
