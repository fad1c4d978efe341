package org.lockdemo.explain;

import java.util.List;

/**
 * What the sessions REPL prints for each timeline event, one line each, prefixed with the
 * session: {@code T2: step 2 BLOCKED (waits for T1)}, {@code T2: step 2 finished at step 3 →
 * ERROR ...}. Pure; stateless; thread-safe.
 */
public final class LiveLines {

    private LiveLines() {
    }

    /** The line for {@code e}. */
    public static String of(TimelineEvent e) {
        String who = e.session() + ": step " + e.step();
        return switch (e.kind()) {
            case RAN -> who + " → " + e.result().text();
            case BLOCKED -> who + " BLOCKED (waits for " + String.join(", ", e.waitingFor()) + ")";
            case FINISHED -> who + " finished " + (e.atStep() == e.step() ? "" : "at step " + e.atStep() + " ")
                    + "→ " + e.result().text();
            case STILL_BLOCKED -> who + " still BLOCKED (now waits for " + String.join(", ", e.waitingFor()) + ")";
        };
    }

    /** The lines for {@code events}, in order. */
    public static List<String> of(List<TimelineEvent> events) {
        return events.stream().map(LiveLines::of).toList();
    }
}
