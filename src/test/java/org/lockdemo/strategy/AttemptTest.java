package org.lockdemo.strategy;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.sql.Connection;
import java.util.concurrent.TimeUnit;
import org.jooq.SQLDialect;
import org.junit.jupiter.api.Test;
import org.lockdemo.db.PostgresErrorClassifier;
import org.lockdemo.model.RowKey;
import org.lockdemo.model.SqlStep;

/** The verbs' one helper: which step each names, and which time counts as lock time. */
class AttemptTest {
    private static final DjangoSql SQL = new DjangoSql(new RaceSchema("lockdemo_t", SQLDialect.POSTGRES));
    private static final RowKey KEY = RowKey.ofIndex(0);

    @Test
    void verbsThatTakeNoLockAddNoLockTime() throws Exception {
        Connection c = new RecordingConnection(true).connection();
        Attempt a = new Attempt(new PostgresErrorClassifier(), 0);
        a.reset();
        assertTrue(a.getRow(c, SQL.get, KEY));
        assertEquals(SqlStep.SELECT, a.step());
        a.savepointStatement(c, DjangoSql.SAVEPOINT);
        assertEquals(SqlStep.SAVEPOINT, a.step());
        a.saveValue(c, SQL.saveValue, a.rowId(), a.rowValue() + 1);
        assertEquals(SqlStep.UPDATE, a.step());
        a.commit(c);
        assertEquals(SqlStep.COMMIT, a.step());
        assertEquals(0, a.lockNanos());
        assertTrue(a.incrementCommitted());
    }

    @Test
    void aLockingReadIsLockTimeAndNamesItsStep() throws Exception {
        Connection c = new RecordingConnection(true).connection();
        Attempt a = new Attempt(new PostgresErrorClassifier(), 0);
        a.reset();
        assertTrue(a.lockRow(c, SQL.getForUpdateNowait, KEY, true));
        assertEquals(SqlStep.LOCK_NOWAIT, a.step());
        assertTrue(a.lockNanos() > 0);
        assertEquals(RecordingConnection.ROW_ID, a.rowId());
    }

    /** --statement-delay is in the attempt's latency, never in its lock time. */
    @Test
    void theStatementDelayIsNotLockTime() throws Exception {
        long delayNanos = TimeUnit.MILLISECONDS.toNanos(50);
        Connection c = new RecordingConnection(false).connection();
        Attempt a = new Attempt(new PostgresErrorClassifier(), 0, delayNanos);
        a.reset();
        long t0 = System.nanoTime();
        a.insertRow(c, SQL.insert, KEY, true);
        assertTrue(System.nanoTime() - t0 >= delayNanos, "the delay was waited");
        assertTrue(a.lockNanos() > 0 && a.lockNanos() < delayNanos, a.lockNanos() + " ns of lock time");
        assertEquals(SqlStep.INSERT, a.step());
        assertTrue(a.raced());
    }

    @Test
    void rollbackForgetsWhatWasPending() throws Exception {
        Connection c = new RecordingConnection(false).connection();
        Attempt a = new Attempt(new PostgresErrorClassifier(), 0);
        a.reset();
        a.insertRow(c, SQL.insert, KEY, true);
        a.rollback(c);
        a.commit(c);
        assertEquals(SqlStep.COMMIT, a.step());
        assertTrue(!a.insertCommitted() && !a.incrementCommitted());
    }
}
