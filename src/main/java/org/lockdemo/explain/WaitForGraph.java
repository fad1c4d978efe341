package org.lockdemo.explain;

import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/** Pure questions about a wait-for graph: session name to the sessions it waits for. Stateless. */
final class WaitForGraph {

    private WaitForGraph() {
    }

    /**
     * Whether {@code session}'s wait can end without the server's deadlock detector: some session
     * along its wait-for chain is not waiting itself, so a later step of it can release the lock.
     * (T3 waiting for T2 that waits for T1 is settled; T2 and T3 waiting for each other are not.)
     * A session that does not wait at all is trivially settled.
     */
    static boolean reachesARunnableSession(String session, Map<String, List<String>> waitsFor) {
        return reaches(session, waitsFor, new HashSet<>());
    }

    private static boolean reaches(String session, Map<String, List<String>> waitsFor, Set<String> seen) {
        List<String> holders = waitsFor.get(session);
        if (holders == null) {
            return true;
        }
        if (!seen.add(session)) {
            return false;
        }
        for (String h : holders) {
            if (reaches(h, waitsFor, seen)) {
                return true;
            }
        }
        return false;
    }
}
