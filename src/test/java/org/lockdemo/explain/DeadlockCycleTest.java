package org.lockdemo.explain;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class DeadlockCycleTest {
    private static final List<String> ORDER = List.of("T1", "T2", "T3");

    /** InnoDB: T2 was seen waiting for T3; T3's request closed the cycle and failed at once. */
    @Test
    void theVictimsUnseenRequestClosesTheCycle() {
        assertEquals(List.of("T2", "T3", "T2"), DeadlockCycle.draw("T3", "T3", Map.of("T2", List.of("T3")), ORDER));
    }

    /** PostgreSQL: T3's request closed it, but the server chose T2, whose wait was seen. */
    @Test
    void theVictimMayBeTheSessionThatWaitedFirst() {
        assertEquals(List.of("T3", "T2", "T3"), DeadlockCycle.draw("T2", "T3", Map.of("T2", List.of("T3")), ORDER));
    }

    @Test
    void bothWaitsSeen() {
        assertEquals(List.of("T3", "T2", "T3"),
                DeadlockCycle.draw("T2", "T3", Map.of("T2", List.of("T3"), "T3", List.of("T2")), ORDER));
    }

    @Test
    void aLongerCycle() {
        assertEquals(List.of("T1", "T2", "T3", "T1"),
                DeadlockCycle.draw("T3", "T3", Map.of("T1", List.of("T2"), "T2", List.of("T3")), ORDER));
    }

    @Test
    void nothingSeenDrawsNothing() {
        assertEquals(List.of(), DeadlockCycle.draw("T2", "T2", Map.of(), ORDER));
    }
}
