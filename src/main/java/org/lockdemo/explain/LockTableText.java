package org.lockdemo.explain;

import java.util.ArrayList;
import java.util.List;

/**
 * A {@link LockSnapshot} as a lock table for a terminal: one entry per lock, holders then waiters,
 * in lockdemo's words, then the server's terms, then its meaning in plain words; and a
 * {@link Deadlock} as its waits-for cycle and the server's report. Pure; stateless; thread-safe.
 */
public final class LockTableText {
    /** Between the sessions of a drawn cycle. */
    static final String WAITS_FOR = " ──waits for──▶ ";

    private LockTableText() {
    }

    /**
     * The table's lines, {@code indent} before each, filled to {@code width} (0: one line per
     * part); one line saying so when no lock is on the key.
     */
    public static List<String> lines(LockSnapshot s, String indent, int width) {
        List<String> lines = new ArrayList<>();
        if (s.entries().isEmpty()) {
            lines.add(indent + "(no locks on the key)");
            return lines;
        }
        for (LockEntry e : s.entries()) {
            lines.addAll(fill(headline(e), width, indent, indent + "  "));
            lines.addAll(fill("[" + e.serverTerms() + "]", width, indent + "  ", indent + "  "));
            lines.addAll(fill(e.plainWords(), width, indent + "  ", indent + "  "));
        }
        return lines;
    }

    /** {@code T1 holds X,REC_NOT_GAP on ...}, {@code T2 waits for S on ... (held by T1)}. */
    static String headline(LockEntry e) {
        return e.status() == LockEntry.Status.HELD ? e.session() + " holds " + e.mode() + " on " + e.object()
                : e.session() + " waits for " + e.mode() + " on " + e.object()
                        + (e.waitsFor().isEmpty() ? "" : " (held by " + String.join(", ", e.waitsFor()) + ")");
    }

    /** {@code T2 ──waits for──▶ T3 ──waits for──▶ T2}, or why there is no cycle to draw. */
    static String cycle(Deadlock d) {
        return d.cycle().isEmpty() ? "(the lock view did not show the waits around the cycle before the server broke it)"
                : String.join(WAITS_FOR, d.cycle());
    }

    /** The deadlock: its cycle, how it was drawn, the victim, then the server's report indented. */
    public static List<String> deadlockLines(Deadlock d, String indent, int width) {
        List<String> lines = new ArrayList<>();
        lines.add(indent + "DEADLOCK at step " + d.atStep() + ": " + cycle(d));
        lines.addAll(fill("the server chose " + d.victim() + " as the victim: its statement failed with the deadlock "
                + "error and its transaction must roll back. The cycle is drawn from the waits the lock view showed, "
                + "and the request of the step that closed it", width, indent + "  ", indent + "  "));
        if (!d.serverReport().isEmpty()) {
            lines.add(indent + "  the server's report:");
            for (String l : d.serverReport().split("\n")) {
                lines.addAll(fill(l, width, indent + "    ", indent + "      "));
            }
        }
        return lines;
    }

    private static List<String> fill(String text, int width, String first, String rest) {
        if (width <= 0) {
            return List.of(first + text);
        }
        return ColumnsText.wrap(text, Math.max(width, first.length() + 20), first, rest);
    }
}
