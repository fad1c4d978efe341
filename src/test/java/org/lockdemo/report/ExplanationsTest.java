package org.lockdemo.report;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.sql.SQLException;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.lockdemo.db.MySqlErrorClassifier;
import org.lockdemo.metrics.Measurement;
import org.lockdemo.metrics.WorkerStats;
import org.lockdemo.model.Outcome;
import org.lockdemo.model.SqlStep;

/** The one-line reasons for error outcomes name the vendor quirk behind them. */
class ExplanationsTest {

    private static Measurement withError(Outcome o, SqlStep step, int vendorCode) {
        WorkerStats w = new WorkerStats();
        w.attemptStarted();
        w.errorSeen(o, step, new SQLException("Deadlock found when trying to get lock", "40001", vendorCode),
                new MySqlErrorClassifier());
        w.attemptEnded(o, 1_000_000, 500_000, 1_000, false, false, 0);
        return Measurement.merge(List.of(w), 1_000_000_000L, 0);
    }

    @Test
    void innodbDeadlockAtInsertIsTheGapLocks() {
        String why = Explanations.why(Outcome.DEADLOCK, withError(Outcome.DEADLOCK, SqlStep.INSERT, 1213), "mysql");
        assertTrue(why.contains("gap lock"), why);
    }

    @Test
    void innodbDeadlockAtTheSecondLockIsTheSharedLockKeptAfterRollbackToSavepoint() {
        String why = Explanations.why(Outcome.DEADLOCK, withError(Outcome.DEADLOCK, SqlStep.LOCK, 1213), "mysql");
        assertTrue(why.contains("ROLLBACK TO SAVEPOINT"), why);
        assertFalse(why.contains("gap lock"), why);
    }

    @Test
    void postgresDeadlockIsNotExplainedWithInnodb() {
        String why = Explanations.why(Outcome.DEADLOCK, withError(Outcome.DEADLOCK, SqlStep.INSERT, 0), "postgresql");
        assertFalse(why.contains("InnoDB"), why);
    }

    @Test
    void missingAfterConflictCitesTheDjangoTicket() {
        String why = Explanations.why(Outcome.MISSING_AFTER_CONFLICT,
                withError(Outcome.MISSING_AFTER_CONFLICT, SqlStep.LOCK, 0), "mysql");
        assertTrue(why.contains("#13906") && why.contains("snapshot"), why);
    }

    @Test
    void innodbLockTimeoutAtInsertSaysNowaitCoversOnlyTheRead() {
        String why = Explanations.why(Outcome.LOCK_TIMEOUT, withError(Outcome.LOCK_TIMEOUT, SqlStep.INSERT, 1205),
                "mysql");
        assertTrue(why.contains("NOWAIT covers only the locking read"), why);
    }
}
