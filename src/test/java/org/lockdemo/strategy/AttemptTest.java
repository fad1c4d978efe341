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

    /** Laravel's verbs: a value read, an INSERT that carries the application's value, a save only when dirty. */
    @Test
    void laravelVerbsCountTheApplicationsIncrement() throws Exception {
        String table = "lockdemo_t";
        RecordingConnection absent = new RecordingConnection(false);
        Connection c = absent.connection();
        Attempt a = new Attempt(new PostgresErrorClassifier(), 0);
        a.reset();
        String value = "select some_value from " + table + " where (jahr = ? and monat = ?) limit 1";
        assertTrue(a.readValue(c, value, KEY).isEmpty());
        assertTrue(a.raced(), "the value read is the first read of the row, and it found none");
        a.insertRowWithValue(c, "insert into " + table + " (jahr, monat, some_value) values (?, ?, ?) returning id",
                KEY, 1, true);
        assertEquals(RecordingConnection.ROW_ID, a.rowId());
        assertEquals(1, a.rowValue());
        a.commit(c);
        assertTrue(a.insertCommitted() && a.incrementCommitted(), "the created row holds the application's value");

        // a model that already holds the value is not saved: nothing is sent, the increment still counts
        RecordingConnection present = new RecordingConnection(true);
        Connection p = present.connection();
        a.reset();
        assertTrue(a.getRow(p, SQL.get, KEY)); // some_value 0
        String save = "update " + table + " set some_value = ? where id = ?";
        a.saveValueIfDirty(p, save, a.rowId(), 0);
        assertEquals(java.util.List.of("BEGIN", SQL.get), present.sent());
        a.commit(p);
        assertTrue(a.incrementCommitted());
        a.reset();
        assertTrue(a.getRow(p, SQL.get, KEY));
        a.saveValueIfDirty(p, save, a.rowId(), 1);
        a.incrementRow(p, "update " + table + " set some_value = some_value + 1 where id = ?", a.rowId());
        assertEquals(SqlStep.UPDATE, a.step());
        assertTrue(present.sent().contains(save));
    }
}
