package org.lockdemo.strategy;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;
import org.lockdemo.model.SqlStep;

/** The running state of one attempt, without JDBC. */
class AttemptStateTest {
    @Test
    void theFirstRowTouchingStatementDecidesWhetherItRaced() {
        AttemptState s = new AttemptState();
        assertFalse(s.firstRowRead(false), "found is passed through");
        assertTrue(s.raced(), "found no row first: raced");
        assertTrue(s.firstRowRead(true));
        assertTrue(s.raced(), "a later statement changes nothing");

        AttemptState found = new AttemptState();
        found.firstRowRead(true);
        found.firstRowRead(false);
        assertFalse(found.raced(), "found the row first: did not race");
    }

    @Test
    void lockTimeAndRetriesAddUp() {
        AttemptState s = new AttemptState();
        s.addLockNanos(5);
        s.addLockNanos(7);
        s.retried();
        s.retried();
        assertEquals(12, s.lockNanos());
        assertEquals(2, s.retries());
    }

    @Test
    void resetForgetsEverything() {
        AttemptState s = new AttemptState();
        s.step(SqlStep.COMMIT);
        s.addLockNanos(3);
        s.retried();
        s.row(42, 7);
        s.firstRowRead(false);
        s.ledger().inserted();
        s.ledger().incremented();
        s.ledger().committed();
        assertTrue(s.insertCommitted() && s.incrementCommitted());

        s.reset();
        assertEquals(SqlStep.CONNECT, s.step());
        assertEquals(0, s.lockNanos());
        assertEquals(0, s.retries());
        assertEquals(0, s.rowId());
        assertEquals(0, s.rowValue());
        assertFalse(s.raced());
        assertFalse(s.insertCommitted() || s.incrementCommitted());
        assertFalse(s.insertOutcomeUnknown() || s.incrementOutcomeUnknown());
        s.firstRowRead(false);
        assertTrue(s.raced(), "after a reset the next first read decides again");
    }

    @Test
    void aLostCommitIsReadThroughTheState() {
        AttemptState s = new AttemptState();
        s.ledger().inserted();
        s.ledger().commitLost();
        assertTrue(s.insertOutcomeUnknown());
        assertFalse(s.incrementOutcomeUnknown());
        assertFalse(s.insertCommitted());
    }
}
