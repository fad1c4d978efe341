package org.lockdemo.explain.picture;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.lockdemo.explain.LockEntry;
import org.lockdemo.explain.LockSnapshot;
import org.lockdemo.explain.Scenario;
import org.lockdemo.explain.StepResult;
import org.lockdemo.explain.Timeline;
import org.lockdemo.explain.TimelineEvent;
import org.lockdemo.model.Isolation;
import org.lockdemo.model.RowKey;

/** The key row's versions, derived from real timelines and from small hand-made ones. */
class RowVersionsTest {
    /** Step to "state words | lock words" for every row. */
    private static String at(Map<Integer, RowVersions.Version> v, int step) {
        RowVersions.Version x = v.get(step);
        return x.stateWords() + (x.lockedBy().isEmpty() ? "" : " | " + x.lockWords());
    }

    @Test
    void savepointOnPostgresql() {
        Map<Integer, RowVersions.Version> v = RowVersions.of(Timelines.read("savepoint-postgresql"));
        assertEquals("absent", at(v, 3), "T1's FOR UPDATE found nothing to lock");
        assertEquals("uncommitted (T1's INSERT)", at(v, 4));
        assertEquals("uncommitted (T1's INSERT)", at(v, 7), "T2's INSERT waits; the row is still T1's");
        assertEquals("committed", at(v, 9), "T1's COMMIT; T2's INSERT fails with 23505 in the same row");
        assertEquals("committed", at(v, 10), "T2's ROLLBACK TO SAVEPOINT undoes nothing of the row: T2 inserted none");
        assertEquals("committed | locked by T2", at(v, 12), "T2's FOR UPDATE returned the row");
        assertEquals("committed", at(v, 14), "T2's COMMIT ends its lock");
        assertEquals(14, v.size(), "one version per row");
    }

    @Test
    void savepointOnMariadbWithItsDeadlock() {
        Map<Integer, RowVersions.Version> v = RowVersions.of(Timelines.read("savepoint-mysql"));
        assertEquals("uncommitted (T1's INSERT)", at(v, 5));
        assertEquals("committed", at(v, 12), "T1 commits; T2 and T3 get 1062");
        // T3's FOR UPDATE is the deadlock victim (1213: InnoDB rolls its transaction back), which lets
        // T2's FOR UPDATE return the row in the same row of the schedule
        assertEquals("committed | locked by T2", at(v, 18));
        assertEquals("committed", at(v, 20));
        assertEquals("committed", at(v, 21));
    }

    @Test
    void naiveOnBoth() {
        for (String name : List.of("naive-postgresql", "naive-mysql")) {
            Map<Integer, RowVersions.Version> v = RowVersions.of(Timelines.read(name));
            assertEquals("absent", at(v, 4), name);
            assertEquals("uncommitted (T1's INSERT)", at(v, 5), name);
            assertEquals("committed", at(v, 7), name + ": T2's INSERT fails, the row is T1's");
            assertEquals("committed | locked by T1", at(v, 9), name);
            assertEquals("committed", at(v, 11), name);
        }
    }

    @Test
    void galeraLetsBothNodesLockAndBothInsert() {
        Map<Integer, RowVersions.Version> v = RowVersions.of(Timelines.read("galera-savepoint"));
        assertEquals("committed | locked by T1, T2", at(v, 4), "FOR UPDATE on two nodes: neither waits");
        assertEquals("committed | locked by T2", at(v, 7), "T1 committed");
        assertEquals("committed", at(v, 8), "T2's COMMIT failed certification: its transaction is gone");
        Map<Integer, RowVersions.Version> c = RowVersions.of(Timelines.read("galera-create"));
        assertEquals("uncommitted (INSERTs of T1, T2)", at(c, 7), "an uncommitted INSERT of the key on each node");
        assertEquals("committed + T2's INSERT", at(c, 11), "T1's commit won; T2's is not certified yet");
        assertEquals("committed", at(c, 12), "T2's COMMIT failed: 1213");
    }

    private static final String INSERT = "INSERT INTO lockdemo_explain (jahr, monat, some_value) VALUES (?, ?, 0)";

    private static TimelineEvent ran(int step, String session, String sql, String result) {
        return new TimelineEvent(TimelineEvent.Kind.RAN, step, session, sql, step,
                new StepResult(result, false, null, 0, null, null), List.of());
    }

    private static Timeline timeline(List<TimelineEvent> events, List<LockSnapshot> locks) {
        Scenario s = new Scenario("hand-made", Optional.empty(), List.of("postgresql"), Isolation.READ_COMMITTED,
                "a lesson", "", "", new RowKey(2016, 5), List.of("T1", "T2"), List.of());
        return new Timeline(s, "PostgreSQL", "18.3", "read committed", "lockdemo_explain", events, List.of(),
                Optional.empty(), locks, List.of());
    }

    @Test
    void rollbackToASavepointBeforeTheInsertRemovesTheRowAndRollbackToo() {
        Map<Integer, RowVersions.Version> v = RowVersions.of(timeline(List.of(
                ran(1, "T1", "SAVEPOINT a", "ok"),
                ran(2, "T1", INSERT, "created (1 row)"),
                ran(3, "T1", "SAVEPOINT b", "ok"),
                ran(4, "T1", "ROLLBACK TO SAVEPOINT b", "ok"),
                ran(5, "T1", "ROLLBACK TO SAVEPOINT a", "ok"),
                ran(6, "T2", INSERT, "created (1 row)"),
                ran(7, "T2", "ROLLBACK", "rolled back"),
                ran(8, "T1", INSERT + " ON CONFLICT DO NOTHING", "0 rows")), List.of()));
        assertEquals("uncommitted (T1's INSERT)", at(v, 4), "savepoint b was set after the INSERT");
        assertEquals("absent", at(v, 5), "savepoint a was set before it");
        assertEquals("uncommitted (T2's INSERT)", at(v, 6));
        assertEquals("absent", at(v, 7));
        assertEquals("absent", at(v, 8), "an INSERT that touched no row created none");
    }

    @Test
    void withLocksTheLockViewSaysWhoHoldsTheRow() {
        LockEntry s2 = new LockEntry("T2", LockEntry.Status.HELD, "index entry (2016, 5) of the unique key", "S",
                "INNODB_LOCKS: S", "T2 keeps a shared lock", List.of());
        LockEntry t1 = new LockEntry("T1", LockEntry.Status.HELD, "row (2016, 5)", "X", "X", "T1's row", List.of());
        Map<Integer, RowVersions.Version> v = RowVersions.of(timeline(List.of(
                ran(1, "T1", INSERT, "created (1 row)"),
                ran(2, "T1", "COMMIT", "committed")),
                List.of(new LockSnapshot(1, List.of(t1)), new LockSnapshot(2, List.of(s2)))));
        assertEquals("uncommitted (T1's INSERT)", at(v, 1), "the creator's own lock is its uncommitted row");
        assertEquals("committed | locked by T2", at(v, 2), "a lock the timeline's facts do not show");
        assertTrue(v.get(2).fromLockView());
        assertFalse(RowVersions.of(timeline(List.of(ran(1, "T1", INSERT, "created (1 row)")), List.of())).get(1)
                .fromLockView());
    }
}
