package org.lockdemo.explain;

import java.util.List;

/**
 * The locks on the scenario's key after one step of the schedule, as the server showed them
 * ({@code explain --locks}). Immutable.
 *
 * @param atStep  the step after which the view was read
 * @param entries the key's locks, held ones first, then waits, each in session order
 */
public record LockSnapshot(int atStep, List<LockEntry> entries) {

    public LockSnapshot {
        entries = List.copyOf(entries);
    }
}
