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
 */
public record Timeline(Scenario scenario, String product, String version, String isolation, String table,
        List<TimelineEvent> events, List<FinalRow> finalRows, Optional<String> stuck, List<LockSnapshot> locks,
        List<Deadlock> deadlocks) {

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
    }
}
