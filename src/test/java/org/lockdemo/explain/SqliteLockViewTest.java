package org.lockdemo.explain;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.lockdemo.db.SqliteSession;
import org.lockdemo.db.SqliteSettings;

/**
 * How {@link SqliteLockView} puts the two facts together: a session waits while its busy handler
 * is called, for the session that holds the write lock. The flags here stand for the busy
 * handlers; that real ones are set and cleared is SqliteIT's part, and that the whole shows the
 * right BLOCKED steps is ExplainIT's (its SQLite scenarios).
 */
class SqliteLockViewTest {
    private static final Step BEGIN = new Step(1, "T1", Step.Action.BEGIN, "BEGIN", List.of());
    private static final Step COMMIT = new Step(2, "T1", Step.Action.COMMIT, "COMMIT", List.of());

    /** A busy handler's flag as the view reads it; nothing here sends SQL. */
    private static final class Flag implements SqliteSession.Control {
        volatile boolean waiting;

        @Override
        public boolean waitingForLock() {
            return waiting;
        }

        @Override
        public String beginSql() {
            return "BEGIN IMMEDIATE";
        }

        @Override
        public void begin() {
            throw new UnsupportedOperationException("not sent here");
        }
    }

    @Test
    void aSessionInItsBusyHandlerWaitsForTheWriter() {
        SqliteSessionLocks locks = new SqliteSessionLocks(SqliteSettings.Begin.IMMEDIATE);
        Flag t1 = new Flag();
        Flag t2 = new Flag();
        Map<String, SqliteSession.Control> sessions = new LinkedHashMap<>();
        sessions.put("T1", t1);
        sessions.put("T2", t2);
        SqliteLockView view = new SqliteLockView(sessions, locks);
        assertEquals(Map.of(), view.waitsFor());
        locks.ran("T1", BEGIN, StepResult.ok("ok"));
        t2.waiting = true;
        assertEquals(Map.of("T2", List.of("T1")), view.waitsFor());
        locks.ran("T1", COMMIT, StepResult.ok("committed"));
        assertEquals(Map.of(), view.waitsFor(), "the holder committed: T2 is about to get the lock, not waiting for anyone");
    }

    @Test
    void theWriterItselfInItsBusyHandlerWaitsForNoSessionOfTheScenario() {
        SqliteSessionLocks locks = new SqliteSessionLocks(SqliteSettings.Begin.IMMEDIATE);
        Flag t1 = new Flag();
        SqliteLockView view = new SqliteLockView(Map.of("T1", t1), locks);
        locks.ran("T1", BEGIN, StepResult.ok("ok"));
        t1.waiting = true; // e.g. a COMMIT in the rollback journal waiting for a reader outside the scenario
        assertEquals(Map.of(), view.waitsFor());
    }
}
