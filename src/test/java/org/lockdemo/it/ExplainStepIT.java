package org.lockdemo.it;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * {@code explain --step} with its answers piped in: two Enters run steps 1 and 2, {@code q} stops
 * before step 3 as Ctrl-C does: the timeline so far, exit 130, and no table left on the server.
 */
class ExplainStepIT {

    @Test
    void qStopsAfterTwoStepsWithTheTimelineSoFarAndNoTableLeft() throws Exception {
        String url = TestDatabases.machinePgUrl() != null ? TestDatabases.machinePgUrl() : TestDatabases.embeddedUrl();
        List<String> before = TestDatabases.lockdemoTables(url, "postgres", "lockdemo_explain_");
        LockdemoRun r = LockdemoRun.withInput("\n\nq\n", "explain", "--strategy", "savepoint", "--step", "--url", url,
                "--user", "postgres", "--format", "list");
        assertEquals(130, r.exitCode(), r.toString());
        assertTrue(r.err().startsWith("next: step 1 of 14, T1: SELECT id, jahr, monat, some_value FROM lockdemo_explain "
                + "WHERE (jahr = ? AND monat = ?) LIMIT 21 FOR UPDATE  [Enter to run, q to quit]\n"
                + "next: step 2 of 14, T2: "), r.err());
        assertTrue(r.err().contains("\nnext: step 3 of 14, T1: SAVEPOINT lockdemo_create  [Enter to run, q to quit]\n"
                + "lockdemo: scenario savepoint-postgresql: stopped before step 3: quit at the --step prompt\n"), r.err());
        assertFalse(r.err().contains("step 4 of"), r.err());
        List<String> steps = r.out().lines().filter(l -> l.matches("\\s+\\d+\\s+T\\d.*")).toList();
        assertEquals(2, steps.size(), "two steps ran: " + r.out());
        assertTrue(r.out().contains("stopped before step 3: quit at the --step prompt"), r.out());
        List<String> after = new ArrayList<>(TestDatabases.lockdemoTables(url, "postgres", "lockdemo_explain_"));
        after.removeAll(before);
        assertEquals(List.of(), after, "the table is dropped");
    }

    /**
     * On SQLite the prompt shows a begin step as what it sends, the BEGIN of the run's mode; q while
     * T2 waits at its BEGIN IMMEDIATE stops with the wait in the timeline, and closing does not hang
     * on it (T1's rollback ends it).
     */
    @Test
    void onSqliteTheBeginStepIsShownInItsModeAndQWhileT2WaitsStops() {
        LockdemoRun r = LockdemoRun.withInput("\n\n\nq\n", "explain", "savepoint-immediate-sqlite", "--step", "--url",
                "sqlite", "--format", "list");
        assertEquals(130, r.exitCode(), r.toString());
        assertTrue(r.err().startsWith("next: step 1 of 11, T1: BEGIN IMMEDIATE  [Enter to run, q to quit]\n"), r.err());
        assertTrue(r.err().contains("\nnext: step 3 of 11, T2: BEGIN IMMEDIATE  [Enter to run, q to quit]\n"), r.err());
        assertTrue(r.out().contains("   3  T2       BEGIN IMMEDIATE\n               -> BLOCKED (waiting for T1)\n"), r.out());
        assertTrue(r.out().contains("stopped before step 4: quit at the --step prompt"), r.out());
    }
}
