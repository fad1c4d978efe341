package org.lockdemo.report;

import java.io.PrintWriter;
import java.util.List;

/** A plain text table: first column left-aligned, the rest right-aligned. Stateless. */
final class Table {
    private Table() {
    }

    static void render(List<String> head, List<List<String>> rows, PrintWriter out) {
        int[] width = new int[head.size()];
        for (int i = 0; i < width.length; i++) {
            width[i] = head.get(i).length();
            for (List<String> r : rows) {
                width[i] = Math.max(width[i], r.get(i).length());
            }
        }
        line(head, width, out);
        for (List<String> r : rows) {
            line(r, width, out);
        }
    }

    private static void line(List<String> cells, int[] width, PrintWriter out) {
        StringBuilder sb = new StringBuilder();
        for (int i = 0; i < cells.size(); i++) {
            String c = cells.get(i);
            if (i > 0) {
                sb.append("  ");
            }
            String pad = " ".repeat(width[i] - c.length());
            sb.append(i == 0 ? c + pad : pad + c);
        }
        out.println(sb.toString().stripTrailing());
    }
}
