package org.lockdemo.strategy;

import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

/** --statement-delay's wait; the time it adds to an attempt is in AttemptTest. */
class StatementDelayTest {
    /** A stopped worker must not sit out an hour's delay: the interrupt ends it and stays set. */
    @Test
    void anInterruptEndsTheWaitAndStaysSet() {
        StatementDelay hour = new StatementDelay(TimeUnit.HOURS.toNanos(1));
        Thread.currentThread().interrupt();
        try {
            hour.await();
            assertTrue(Thread.currentThread().isInterrupted(), "the flag stays set");
        } finally {
            Thread.interrupted(); // leave the test thread clean
        }
    }

    @Test
    void noDelayReturnsAtOnce() {
        StatementDelay.NONE.await();
        new StatementDelay(0).await();
        new StatementDelay(-1).await();
        assertTrue(!Thread.currentThread().isInterrupted());
    }
}
