package org.lockdemo.strategy;

import static org.junit.jupiter.api.Assertions.assertEquals;

import org.junit.jupiter.api.Test;

/** Where --statement-delay ends: after the round's common release for a racer's first statement, else after now. */
class AttemptDelayTest {
    private static final long DELAY = 1_000_000;

    @Test
    void withoutACommonStartTheDelayCountsFromNow() {
        assertEquals(5_000_000 + DELAY, Attempt.delayUntilNanos(-1, DELAY, 5_000_000));
    }

    @Test
    void aRacerWokenEarlyWaitsUntilOneDelayAfterTheRelease() {
        long released = 5_000_000;
        assertEquals(released + DELAY, Attempt.delayUntilNanos(released, DELAY, released + 200_000));
    }

    @Test
    void aRacerWokenLateWaitsOnlyWhatIsLeftOrNothing() {
        long released = 5_000_000;
        long until = Attempt.delayUntilNanos(released, DELAY, released + 3 * DELAY);
        assertEquals(released + DELAY, until, "already past: the statement goes at once");
    }
}
