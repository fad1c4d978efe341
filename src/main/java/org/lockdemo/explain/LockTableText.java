package org.lockdemo.explain;

import java.util.ArrayList;
import java.util.List;

/**
 * A {@link LockSnapshot} as a lock table for a terminal: one line per lock, holders then waiters,
 * in the server's terms, each followed by its meaning in plain words. Pure; stateless; thread-safe.
 */
public final class LockTableText {

    private LockTableText() {
    }

    /** The table's lines, {@code indent} before each; one line saying so when no lock is on the key. */
    public static List<String> lines(LockSnapshot s, String indent) {
        List<String> lines = new ArrayList<>();
        if (s.entries().isEmpty()) {
            lines.add(indent + "(no locks on the key)");
            return lines;
        }
        for (LockEntry e : s.entries()) {
            String who = e.status() == LockEntry.Status.HELD ? e.session() + " holds"
                    : e.session() + " waits for (held by " + String.join(", ", e.waitsFor()) + ")";
            lines.add(indent + who + " " + e.mode() + " on " + e.object() + "  [" + e.serverTerms() + "]");
            lines.add(indent + "    " + e.plainWords());
        }
        return lines;
    }
}
