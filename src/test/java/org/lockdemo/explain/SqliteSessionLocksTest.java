package org.lockdemo.explain;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.lockdemo.db.SqliteSettings;

/**
 * SQLite's rules for who holds the write lock, as {@link SqliteSessionLocks} applies them to steps
 * and their results. That SQLite itself agrees is ExplainIT's part (the SQLite scenarios: the
 * holder named is the one whose COMMIT ends the wait).
 */
class SqliteSessionLocksTest {
    private static final Step BEGIN = step(Step.Action.BEGIN, "BEGIN");
    private static final Step SELECT = step(Step.Action.SQL, "SELECT id FROM {table} WHERE (jahr = ? AND monat = ?)");
    private static final Step INSERT = step(Step.Action.SQL, "INSERT INTO {table} (jahr, monat, some_value) VALUES (?, ?, 0)");
    private static final Step COMMIT = step(Step.Action.COMMIT, "COMMIT");
    private static final Step ROLLBACK = step(Step.Action.ROLLBACK, "ROLLBACK");
    private static final Step ROLLBACK_TO = step(Step.Action.SQL, "ROLLBACK TO SAVEPOINT lockdemo_create");
    private static final StepResult OK = StepResult.ok("ok");

    @Test
    void aDeferredTransactionTakesTheLockAtItsFirstWriteAndCommitReleasesIt() {
        SqliteSessionLocks locks = new SqliteSessionLocks(SqliteSettings.Begin.DEFERRED);
        locks.ran("T1", BEGIN, OK);
        locks.ran("T1", SELECT, OK);
        assertEquals(Optional.empty(), locks.writer(), "a read takes no write lock");
        locks.ran("T1", INSERT, OK);
        assertEquals(Optional.of("T1"), locks.writer());
        locks.ran("T1", ROLLBACK_TO, OK);
        assertEquals(Optional.of("T1"), locks.writer(), "ROLLBACK TO SAVEPOINT keeps it");
        locks.ran("T1", COMMIT, OK);
        assertEquals(Optional.empty(), locks.writer());
    }

    @Test
    void aWriteThatFailsOnAConstraintKeepsTheLockAndOneRefusedAsBusyTookNone() {
        SqliteSessionLocks locks = new SqliteSessionLocks(SqliteSettings.Begin.DEFERRED);
        locks.ran("T2", INSERT, error(517)); // SQLITE_BUSY_SNAPSHOT
        assertEquals(Optional.empty(), locks.writer());
        locks.ran("T2", ROLLBACK, OK);
        locks.ran("T2", INSERT, error(2067)); // SQLITE_CONSTRAINT_UNIQUE: the write had begun
        assertEquals(Optional.of("T2"), locks.writer());
        locks.ran("T2", ROLLBACK, OK);
        assertEquals(Optional.empty(), locks.writer());
    }

    @Test
    void immediateTakesTheLockAtBeginOrAtTheFirstStatementThatBeginsTheTransaction() {
        SqliteSessionLocks locks = new SqliteSessionLocks(SqliteSettings.Begin.IMMEDIATE);
        locks.ran("T1", BEGIN, OK);
        assertEquals(Optional.of("T1"), locks.writer());
        locks.ran("T2", BEGIN, error(5)); // gave up waiting: nothing taken
        assertEquals(Optional.of("T1"), locks.writer());
        locks.ran("T1", COMMIT, OK);
        locks.ran("T2", SELECT, OK); // its implicit BEGIN IMMEDIATE
        assertEquals(Optional.of("T2"), locks.writer());
    }

    /** T2's BEGIN can return before T1's thread records the COMMIT that let it: the last taker holds it. */
    @Test
    void aLateReleaseByTheFormerWriterLeavesTheNewOne() {
        SqliteSessionLocks locks = new SqliteSessionLocks(SqliteSettings.Begin.IMMEDIATE);
        locks.ran("T1", BEGIN, OK);
        locks.ran("T2", BEGIN, OK);
        locks.ran("T1", COMMIT, OK);
        assertEquals(Optional.of("T2"), locks.writer());
    }

    private static Step step(Step.Action action, String sql) {
        return new Step(1, "T", action, sql, List.of());
    }

    private static StepResult error(int extendedCode) {
        return new StepResult("ERROR", true, null, extendedCode, "c", "o");
    }
}
