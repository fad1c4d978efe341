package org.lockdemo.explain;

import java.util.List;

/**
 * A deadlock the server broke during the schedule: the waits-for cycle drawn from what the lock
 * view showed and the deadlock error, and the server's own report of it. Immutable.
 *
 * @param atStep       the step whose statement closed the cycle (the victim's, or the one waiting)
 * @param cycle        the sessions around the cycle, starting and ending with the same one, e.g.
 *                     {@code [T2, T3, T2]}
 * @param victim       the session the server rolled back
 * @param serverReport the server's account, trimmed to the scenario's sessions: PostgreSQL's error
 *                     DETAIL, or the LATEST DETECTED DEADLOCK section of SHOW ENGINE INNODB STATUS;
 *                     empty when the server gave none that could be read
 */
public record Deadlock(int atStep, List<String> cycle, String victim, String serverReport) {

    public Deadlock {
        cycle = List.copyOf(cycle);
    }
}
