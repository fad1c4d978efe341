package org.lockdemo.explain;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class WaitForGraphTest {

    @Test
    void aWaitBehindAQueueCanEnd() {
        // T3 waits for T2, T2 for T1, T1 runs: a later step of T1 releases the queue
        Map<String, List<String>> waiting = Map.of("T2", List.of("T1"), "T3", List.of("T2"));
        assertTrue(WaitForGraph.reachesARunnableSession("T3", waiting));
        assertTrue(WaitForGraph.reachesARunnableSession("T2", waiting));
    }

    @Test
    void aCycleIsNotSettledUntilTheServerBreaksIt() {
        Map<String, List<String>> cycle = Map.of("T2", List.of("T3"), "T3", List.of("T2"));
        assertFalse(WaitForGraph.reachesARunnableSession("T2", cycle));
        Map<String, List<String>> cycleWithAWayOut = Map.of("T2", List.of("T3"), "T3", List.of("T1", "T2"));
        assertTrue(WaitForGraph.reachesARunnableSession("T2", cycleWithAWayOut));
    }

    @Test
    void aWaitWithNoKnownHolderIsNotSettled() {
        assertFalse(WaitForGraph.reachesARunnableSession("T2", Map.of("T2", List.of())));
    }
}
