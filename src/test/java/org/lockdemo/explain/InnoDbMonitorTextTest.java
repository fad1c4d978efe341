package org.lockdemo.explain;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * The InnoDB monitor's text as MariaDB 10.11 printed it (captured with SHOW ENGINE INNODB STATUS,
 * committed under {@code innodb/}): {@code two-waiting-inserts} has T1's uncommitted INSERT and two
 * INSERTs of the same key waiting for it (innodb_status_output_locks=ON, table {@code lk});
 * {@code savepoint-deadlock} has the savepoint-mysql deadlock between two FOR UPDATEs.
 */
class InnoDbMonitorTextTest {

    private static String status(String name) throws Exception {
        try (var in = InnoDbMonitorTextTest.class.getResourceAsStream("innodb/" + name + ".status.txt")) {
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        }
    }

    @Test
    void everyRecordLockOnceWithItsThreadAndRecord() throws Exception {
        List<InnoDbMonitorText.RecordLock> locks = InnoDbMonitorText.recordLocks(status("two-waiting-inserts"), "lk");
        List<String> shown = locks.stream().map(l -> l.threadId() + " " + InnoDbLockWords.mode(l.phrase())
                + (l.waiting() ? " waiting " : " held ") + InnoDbLockWords.record(l.index(), l.record())).toList();
        assertEquals(List.of("16 S waiting index entry (2016, 5)", "15 S waiting index entry (2016, 5)",
                "14 X,REC_NOT_GAP held index entry (2016, 5)"), shown, "the copy under TRX HAS BEEN WAITING is not repeated");
    }

    @Test
    void anotherTablesLocksAreLeftOut() throws Exception {
        assertEquals(List.of(), InnoDbMonitorText.recordLocks(status("two-waiting-inserts"), "lockdemo_explain_other"));
    }

    @Test
    void modesInPerformanceSchemasTerms() {
        assertEquals("X,GAP,INSERT_INTENTION", InnoDbLockWords.mode("lock_mode X locks gap before rec insert intention"));
        assertEquals("X,GAP", InnoDbLockWords.mode("lock_mode X locks gap before rec"));
        assertEquals("X,REC_NOT_GAP", InnoDbLockWords.mode("lock_mode X locks rec but not gap"));
        assertEquals("X", InnoDbLockWords.mode("lock_mode X"));
        assertEquals("S", InnoDbLockWords.mode("lock mode S"));
        assertEquals("S,REC_NOT_GAP", InnoDbLockWords.mode("lock mode S locks rec but not gap"));
        assertEquals("X,INSERT_INTENTION", InnoDbLockWords.mode("lock_mode X insert intention"));
    }

    @Test
    void insertIntentionInPlainWordsAnswersTheQuestion() {
        String words = InnoDbLockWords.plainWords("T2", true, "X,GAP,INSERT_INTENTION", "the gap before index entry (2016, 6)",
                List.of("T1"));
        assertEquals("T2 wants to insert into this gap and waits, because T1 holds a gap or next-key lock on it (an insert "
                + "intention waits for those, and for nothing else)", words);
    }

    @Test
    void theDeadlockSectionTrimmedToTheSessions() throws Exception {
        List<String> section = InnoDbMonitorText.latestDeadlock(status("savepoint-deadlock")).orElseThrow();
        String report = InnoDbMonitorText.trimDeadlock(section, Map.of(38L, "T2", 39L, "T3"), "lockdemo_explain_at3tc1b8",
                "lockdemo_explain", InnoDbLockWords::record).orElseThrow();
        assertEquals(String.join("\n",
                "*** (1) TRANSACTION:",
                "TRANSACTION starting index read",
                "mysql tables in use 1, locked 1",
                "LOCK WAIT 3 lock struct(s), 2 row lock(s)",
                "session T3",
                "SELECT id, jahr, monat, some_value FROM lockdemo_explain WHERE (jahr = 2016 AND monat = 5) LIMIT 21 FOR UPDATE",
                "*** WAITING FOR THIS LOCK TO BE GRANTED:",
                "RECORD LOCKS index jahr_monat_key of table lockdemo_explain: T3's lock_mode X locks rec but not gap waiting",
                "  record index entry (2016, 5)",
                "*** CONFLICTING WITH:",
                "RECORD LOCKS index jahr_monat_key of table lockdemo_explain: T2's lock mode S",
                "  record index entry (2016, 5)",
                "RECORD LOCKS index jahr_monat_key of table lockdemo_explain: T3's lock mode S",
                "  record index entry (2016, 5)",
                "*** (2) TRANSACTION:",
                "TRANSACTION starting index read",
                "mysql tables in use 1, locked 1",
                "LOCK WAIT 3 lock struct(s), 2 row lock(s)",
                "session T2",
                "SELECT id, jahr, monat, some_value FROM lockdemo_explain WHERE (jahr = 2016 AND monat = 5) LIMIT 21 FOR UPDATE",
                "*** WAITING FOR THIS LOCK TO BE GRANTED:",
                "RECORD LOCKS index jahr_monat_key of table lockdemo_explain: T2's lock_mode X locks rec but not gap waiting",
                "  record index entry (2016, 5)",
                "*** CONFLICTING WITH:",
                "RECORD LOCKS index jahr_monat_key of table lockdemo_explain: T2's lock mode S",
                "  record index entry (2016, 5)",
                "RECORD LOCKS index jahr_monat_key of table lockdemo_explain: T3's lock mode S",
                "  record index entry (2016, 5)",
                "*** WE ROLL BACK TRANSACTION (1)"), report);
    }

    /** The latest deadlock is some other client's: no report rather than a wrong one. */
    @Test
    void aDeadlockOfOtherSessionsIsNotReported() throws Exception {
        List<String> section = InnoDbMonitorText.latestDeadlock(status("savepoint-deadlock")).orElseThrow();
        assertTrue(InnoDbMonitorText.trimDeadlock(section, Map.of(1L, "T2"), "x", "lockdemo_explain",
                InnoDbLockWords::record).isEmpty());
    }

    @Test
    void negativeAndWideIntegersInInnoDbsFormat() {
        var r = new InnoDbMonitorText.IndexRecord(List.of(java.util.HexFormat.of().parseHex("7fffffff"),
                java.util.HexFormat.of().parseHex("8000000000000001")), false);
        assertEquals(-1, r.integer(0));
        assertEquals(1, r.integer(1));
    }
}
