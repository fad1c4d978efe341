package org.lockdemo.explain;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Draws a deadlock's waits-for cycle from what the lock view showed: the waits seen while the
 * step that closed the cycle ran (and those still standing from before), plus the request of the
 * session whose step closed it. That last wait is often never seen: InnoDB checks for a cycle
 * before it lets a request wait and fails it at once (that session is then the victim), and
 * PostgreSQL may break the cycle before the next poll of the lock view. The request then waits for
 * a session that (through the waits seen) waits for it, which is the edge added. Pure; stateless;
 * thread-safe.
 */
final class DeadlockCycle {

    private DeadlockCycle() {
    }

    /**
     * The cycle through {@code victim}, starting at the session the victim waited for and ending
     * with it again ({@code [T2, T3, T2]} for victim T3); empty when the waits seen do not close one.
     *
     * @param closer the session whose step was sent when the deadlock was broken: its request closed the cycle
     * @param seen   session to the sessions it was seen waiting for
     * @param order  the scenario's sessions, to choose among several candidates the same way each run
     */
    static List<String> draw(String victim, String closer, Map<String, List<String>> seen, List<String> order) {
        Map<String, List<String>> g = new LinkedHashMap<>(seen);
        List<String> path = pathBack(victim, g, order);
        if (path.isEmpty()) {
            for (String s : order) {
                if (!s.equals(closer) && !pathBetween(s, closer, g, new ArrayList<>()).isEmpty()) {
                    List<String> with = new ArrayList<>(g.getOrDefault(closer, List.of()));
                    with.add(0, s);
                    g.put(closer, with);
                    path = pathBack(victim, g, order);
                    break;
                }
            }
        }
        if (path.isEmpty()) {
            return List.of();
        }
        // path is [victim, a, ..., victim]; start at the session the victim waits for
        List<String> cycle = new ArrayList<>(path.subList(1, path.size()));
        cycle.add(path.get(1));
        return cycle;
    }

    private static List<String> pathBack(String victim, Map<String, List<String>> g, List<String> order) {
        for (String next : sorted(g.getOrDefault(victim, List.of()), order)) {
            List<String> rest = pathBetween(next, victim, g, new ArrayList<>(List.of(victim)));
            if (!rest.isEmpty()) {
                List<String> p = new ArrayList<>(List.of(victim));
                p.addAll(rest);
                return p;
            }
        }
        return List.of();
    }

    /** A path from {@code from} to {@code to} following the waits, {@code from} first and {@code to} last. */
    private static List<String> pathBetween(String from, String to, Map<String, List<String>> g, List<String> visited) {
        if (from.equals(to)) {
            return List.of(to);
        }
        if (visited.contains(from)) {
            return List.of();
        }
        visited.add(from);
        for (String next : g.getOrDefault(from, List.of())) {
            List<String> rest = pathBetween(next, to, g, visited);
            if (!rest.isEmpty()) {
                List<String> p = new ArrayList<>(List.of(from));
                p.addAll(rest);
                return p;
            }
        }
        return List.of();
    }

    private static List<String> sorted(List<String> sessions, List<String> order) {
        List<String> s = new ArrayList<>(sessions);
        s.sort(java.util.Comparator.comparingInt(order::indexOf));
        return s;
    }
}
