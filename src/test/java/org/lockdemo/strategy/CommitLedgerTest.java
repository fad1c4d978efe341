package org.lockdemo.strategy;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

/** The commit bookkeeping of one attempt, without a database. */
class CommitLedgerTest {

    @Test
    void commitMakesWhatIsPendingDurable() {
        CommitLedger l = new CommitLedger();
        l.inserted();
        l.incremented();
        assertFalse(l.insertCommitted());
        l.committed();
        assertTrue(l.insertCommitted());
        assertTrue(l.incrementCommitted());
    }

    @Test
    void rollbackUndoesWhatIsPendingButNotWhatWasCommitted() {
        CommitLedger l = new CommitLedger();
        l.inserted();
        l.committed(); // naive: the INSERT in its own transaction
        l.incremented();
        l.rolledBack();
        l.committed(); // a later COMMIT carries nothing
        assertTrue(l.insertCommitted());
        assertFalse(l.incrementCommitted());
    }

    @Test
    void rollbackToTheSavepointUndoesOnlyTheInsert() {
        CommitLedger l = new CommitLedger();
        l.inserted();
        l.insertRolledBack();
        l.incremented();
        l.committed();
        assertFalse(l.insertCommitted());
        assertTrue(l.incrementCommitted());
    }

    @Test
    void aCommitLostWithTheConnectionLeavesThePendingWorkUnknown() {
        CommitLedger l = new CommitLedger();
        l.inserted();
        l.incremented();
        l.commitLost();
        assertTrue(l.insertOutcomeUnknown());
        assertTrue(l.incrementOutcomeUnknown());
        assertFalse(l.insertCommitted());
        assertFalse(l.incrementCommitted());
    }

    @Test
    void aLostCommitOfNothingIsNotUnknown() {
        CommitLedger l = new CommitLedger();
        l.inserted();
        l.committed();
        l.commitLost();
        assertFalse(l.insertOutcomeUnknown());
        assertFalse(l.incrementOutcomeUnknown());
    }

    @Test
    void resetForgetsEverything() {
        CommitLedger l = new CommitLedger();
        l.inserted();
        l.incremented();
        l.commitLost();
        l.committed();
        l.reset();
        l.committed();
        assertFalse(l.insertCommitted() || l.incrementCommitted() || l.insertOutcomeUnknown()
                || l.incrementOutcomeUnknown());
    }

    @Test
    void anUpsertThatCannotTellIsOfUnknownOutcomeOnceCommittedAndNothingAfterARollback() {
        CommitLedger l = new CommitLedger();
        l.insertedOrUpdated();
        l.incremented();
        l.committed();
        assertTrue(l.insertOutcomeUnknown());
        assertFalse(l.insertCommitted());
        assertTrue(l.incrementCommitted());
        CommitLedger r = new CommitLedger();
        r.insertedOrUpdated();
        r.rolledBack();
        r.committed();
        assertFalse(r.insertOutcomeUnknown() || r.insertCommitted());
    }

    @Test
    void severalKeysAreAccountedPerKeyAndEndTogether() {
        CommitLedger l = new CommitLedger();
        l.reset(3);
        l.atKey(0);
        l.incremented();
        l.atKey(1);
        l.inserted();
        l.insertRolledBack(); // the savepoint of key 1's INSERT only
        l.atKey(2);
        l.inserted();
        l.incremented();
        l.committed();
        assertFalse(l.insertCommitted(0));
        assertTrue(l.incrementCommitted(0));
        assertFalse(l.insertCommitted(1));
        assertFalse(l.incrementCommitted(1));
        assertTrue(l.insertCommitted(2));
        assertTrue(l.incrementCommitted(2));
    }

    @Test
    void aLostCommitMakesEveryKeysPendingWritesUnknownAndAResetForgetsThem() {
        CommitLedger l = new CommitLedger();
        l.reset(2);
        l.atKey(1);
        l.inserted();
        l.incremented();
        l.commitLost();
        assertTrue(l.insertOutcomeUnknown(1));
        assertTrue(l.incrementOutcomeUnknown(1));
        assertFalse(l.insertOutcomeUnknown(0));
        l.reset(2);
        assertFalse(l.insertOutcomeUnknown(1));
        org.junit.jupiter.api.Assertions.assertThrows(IllegalArgumentException.class, () -> l.atKey(2));
    }
}
