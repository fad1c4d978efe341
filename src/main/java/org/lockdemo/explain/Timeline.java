package org.lockdemo.explain;

import java.util.List;
import java.util.Optional;

/**
 * What running a scenario showed: the events in schedule order, the table's final rows, and, if
 * the schedule could not go on, why. Contains no timings, so two runs compare equal. Immutable.
 *
 * @param scenario  the scenario that ran
 * @param product   the server's product name, e.g. {@code MariaDB}
 * @param version   the server's version
 * @param isolation the isolation level the sessions ran at, as the server names it
 * @param table     the name lockdemo's table is shown under (the real name carries a random suffix)
 * @param events    the timeline
 * @param finalRows the table's rows after the schedule, in key order
 * @param stuck     why the schedule stopped before its end, if it did
 * @param locks     with {@code --locks}, the key's locks after every step, in step order; else empty
 * @param deadlocks the deadlocks the server broke, in step order, with {@code --locks}; else empty
 * @param outcomes  how each session's get-or-create attempt ended ({@code explain --strategy-file}),
 *                  in the sessions' order; empty for a scenario, whose steps are not attempts
 */
public record Timeline(Scenario scenario, String product, String version, String isolation, String table,
        List<TimelineEvent> events, List<FinalRow> finalRows, Optional<String> stuck, List<LockSnapshot> locks,
        List<Deadlock> deadlocks, List<SessionOutcome> outcomes) {

    /** A scenario's timeline: no attempts, so no outcomes. */
    public Timeline(Scenario scenario, String product, String version, String isolation, String table,
            List<TimelineEvent> events, List<FinalRow> finalRows, Optional<String> stuck, List<LockSnapshot> locks,
            List<Deadlock> deadlocks) {
        this(scenario, product, version, isolation, table, events, finalRows, stuck, locks, deadlocks, List.of());
    }

    /**
     * How one session's attempt ended.
     *
     * @param outcome the outcome's id, e.g. {@code found_after_conflict} (see {@link org.lockdemo.model.Outcome})
     * @param retries how often the file's retry handler tried the transaction again
     */
    public record SessionOutcome(String session, String outcome, int retries) {
        /** {@code found_after_conflict (insert lost to ...)}, with the retries when there were any. */
        public String text() {
            String meaning = java.util.Arrays.stream(org.lockdemo.model.Outcome.all()).filter(o -> o.id().equals(outcome))
                    .map(o -> " (" + o.meaning() + ")").findFirst().orElse("");
            return outcome + meaning + (retries == 0 ? "" : ", after " + retries + (retries == 1 ? " retry" : " retries"));
        }
    }

    /** A timeline run without {@code --locks}. */
    public Timeline(Scenario scenario, String product, String version, String isolation, String table,
            List<TimelineEvent> events, List<FinalRow> finalRows, Optional<String> stuck) {
        this(scenario, product, version, isolation, table, events, finalRows, stuck, List.of(), List.of());
    }

    /** One row of lockdemo's table. */
    public record FinalRow(int jahr, int monat, long someValue) {
    }

    public Timeline {
        events = List.copyOf(events);
        finalRows = List.copyOf(finalRows);
        locks = List.copyOf(locks);
        deadlocks = List.copyOf(deadlocks);
        outcomes = List.copyOf(outcomes);
    }
}
