package org.lockdemo.check;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.lockdemo.model.Outcome;
import org.lockdemo.model.RowKey;

/** Tiny hand-written histories, in the manner of Elle's checker tests. */
class CheckerTest {

    private static final List<String> ALL_CHECKS = List.of("attempts_add_up", "one_row_per_key",
            "rows_match_inserts", "no_lost_update", "no_unique_violation_surfaced", "no_unclassified_error");

    /** Outcome counts from pairs (outcome, count); every outcome present, as the runner builds them. */
    private static Map<Outcome, Long> outcomes(Object... pairs) {
        Map<Outcome, Long> m = new EnumMap<>(Outcome.class);
        for (Outcome o : Outcome.all()) {
            m.put(o, 0L);
        }
        for (int i = 0; i < pairs.length; i += 2) {
            m.put((Outcome) pairs[i], ((Number) pairs[i + 1]).longValue());
        }
        return m;
    }

    private static KeyRow row(int keyIndex, long rows, long counterSum) {
        return new KeyRow(RowKey.ofIndex(keyIndex), rows, counterSum);
    }

    private static Check named(Verdict v, String name) {
        return v.checks().stream().filter(c -> c.name().equals(name)).findFirst()
                .orElseThrow(() -> new AssertionError("no check " + name + " in " + v));
    }

    /** Every check but {@code except} passed. */
    private static void othersPassed(Verdict v, String except) {
        for (Check c : v.checks()) {
            if (!c.name().equals(except)) {
                assertTrue(c.passed(), "expected " + c.name() + " to pass: " + c);
            }
        }
    }

    // A clean run of a safe strategy: 2 keys, 6 attempts, all succeeded, 3 increments per key.
    private static RunFacts cleanFacts() {
        return new RunFacts(true, 6, outcomes(Outcome.CREATED, 2, Outcome.FOUND, 3, Outcome.FOUND_AFTER_CONFLICT, 1),
                2, new long[] {3, 3});
    }

    private static List<KeyRow> cleanTable() {
        return List.of(row(0, 1, 3), row(1, 1, 3));
    }

    @Test
    void cleanSafeRunPassesEveryCheck() {
        Verdict v = Checker.check(cleanFacts(), cleanTable());
        assertEquals(ALL_CHECKS, v.checks().stream().map(Check::name).toList());
        for (Check c : v.checks()) {
            assertTrue(c.passed(), c.toString());
            assertFalse(c.evidence().isEmpty(), c.name() + " has evidence");
        }
        assertTrue(v.ok());
        assertTrue(v.allPassed());
    }

    @Test
    void duplicateRowFailsOneRowPerKey() {
        // two rows for key 1 (a missing unique constraint); the two inserts both committed
        RunFacts f = new RunFacts(true, 6, outcomes(Outcome.CREATED, 3, Outcome.FOUND, 3), 3, new long[] {3, 3});
        Verdict v = Checker.check(f, List.of(row(0, 1, 3), row(1, 2, 3)));
        Check c = named(v, "one_row_per_key");
        assertFalse(c.passed());
        assertTrue(c.enforced());
        assertEquals("1 keys with duplicates", c.actual());
        assertTrue(c.evidence().contains("(1, 2) has 2 rows"), c.evidence());
        othersPassed(v, "one_row_per_key");
        assertFalse(v.ok());
    }

    @Test
    void counterOffByOneFailsNoLostUpdateNamingTheKey() {
        // key index 13 = (2, 2): 4 committed increments, but the row only counts 3
        long[] inc = new long[14];
        inc[0] = 2;
        inc[13] = 4;
        RunFacts f = new RunFacts(true, 6, outcomes(Outcome.CREATED, 2, Outcome.FOUND, 4), 2, inc);
        Verdict v = Checker.check(f, List.of(row(0, 1, 2), row(13, 1, 3)));
        Check c = named(v, "no_lost_update");
        assertFalse(c.passed());
        assertTrue(c.enforced());
        assertTrue(c.evidence().contains("(2, 2) counter 3, committed increments 4"), c.evidence());
        assertFalse(c.evidence().contains("(1, 1)"), "the good key is not evidence: " + c.evidence());
        assertTrue(c.expected().contains("counters sum to 6"), c.expected());
        assertTrue(c.actual().contains("counters sum to 5, 1 keys differ"), c.actual());
        othersPassed(v, "no_lost_update");
        assertFalse(v.ok());
    }

    @Test
    void rowsNotMatchingInsertsFail() {
        // the client saw 1 committed insert, the table holds 2 single rows
        RunFacts f = new RunFacts(true, 6, outcomes(Outcome.CREATED, 2, Outcome.FOUND, 4), 1, new long[] {3, 3});
        Verdict v = Checker.check(f, cleanTable());
        Check c = named(v, "rows_match_inserts");
        assertFalse(c.passed());
        assertTrue(c.enforced());
        assertEquals("1 rows (inserts that committed)", c.expected());
        assertEquals("2 rows in the table", c.actual());
        othersPassed(v, "rows_match_inserts");
        assertFalse(v.ok());
    }

    @Test
    void uniqueViolationInASafeStrategyFailsTheRun() {
        RunFacts f = new RunFacts(true, 6,
                outcomes(Outcome.CREATED, 2, Outcome.FOUND, 3, Outcome.UNIQUE_VIOLATION, 1), 2, new long[] {3, 2});
        Verdict v = Checker.check(f, List.of(row(0, 1, 3), row(1, 1, 2)));
        Check c = named(v, "no_unique_violation_surfaced");
        assertFalse(c.passed());
        assertTrue(c.enforced());
        assertEquals("1", c.actual());
        assertFalse(c.acceptable());
        othersPassed(v, "no_unique_violation_surfaced");
        assertFalse(v.ok());
        assertFalse(v.allPassed());
    }

    @Test
    void uniqueViolationInTheNaiveStrategyIsTheLessonNotAFailure() {
        RunFacts f = new RunFacts(false, 6,
                outcomes(Outcome.CREATED, 2, Outcome.FOUND, 3, Outcome.UNIQUE_VIOLATION, 1), 2, new long[] {3, 2});
        Verdict v = Checker.check(f, List.of(row(0, 1, 3), row(1, 1, 2)));
        Check c = named(v, "no_unique_violation_surfaced");
        assertFalse(c.passed());
        assertFalse(c.enforced());
        assertTrue(c.acceptable());
        assertTrue(c.evidence().contains("the lesson"), c.evidence());
        othersPassed(v, "no_unique_violation_surfaced");
        assertTrue(v.ok());
        assertFalse(v.allPassed());
    }

    @Test
    void aDuplicateWhoseReReadFindsNoRowCountsAsSurfaced() {
        // under REPEATABLE READ the winner's row is invisible to the loser's snapshot: Django
        // re-raises the IntegrityError, so a safe strategy has failed its promise
        RunFacts f = new RunFacts(true, 6,
                outcomes(Outcome.CREATED, 2, Outcome.FOUND, 3, Outcome.MISSING_AFTER_CONFLICT, 1), 2, new long[] {3, 2});
        Verdict v = Checker.check(f, List.of(row(0, 1, 3), row(1, 1, 2)));
        Check c = named(v, "no_unique_violation_surfaced");
        assertFalse(c.passed());
        assertTrue(c.enforced());
        assertEquals("1", c.actual());
        assertTrue(c.evidence().contains("re-read found no row"), c.evidence());
        assertFalse(v.ok());
    }

    @Test
    void attemptsNotAddingUpFail() {
        // 7 attempts started, only 6 outcomes recorded: one attempt was never counted
        RunFacts f = new RunFacts(true, 7, cleanFacts().outcomes(), 2, new long[] {3, 3});
        Verdict v = Checker.check(f, cleanTable());
        Check c = named(v, "attempts_add_up");
        assertFalse(c.passed());
        assertTrue(c.enforced());
        assertEquals("attempts = sum of outcomes = 7", c.expected());
        assertEquals("sum of outcomes = 6", c.actual());
        othersPassed(v, "attempts_add_up");
        assertFalse(v.ok());
    }

    @Test
    void doubleCountedAttemptsFailToo() {
        RunFacts f = new RunFacts(true, 5, cleanFacts().outcomes(), 2, new long[] {3, 3});
        assertFalse(named(Checker.check(f, cleanTable()), "attempts_add_up").passed());
    }

    @Test
    void unclassifiedErrorFails() {
        RunFacts f = new RunFacts(true, 7,
                outcomes(Outcome.CREATED, 2, Outcome.FOUND, 3, Outcome.FOUND_AFTER_CONFLICT, 1, Outcome.OTHER_ERROR, 1),
                2, new long[] {3, 3});
        Verdict v = Checker.check(f, cleanTable());
        Check c = named(v, "no_unclassified_error");
        assertFalse(c.passed());
        assertTrue(c.enforced());
        assertEquals("1", c.actual());
        othersPassed(v, "no_unclassified_error");
        assertFalse(v.ok());
    }

    @Test
    void unclassifiedErrorFailsEvenForTheNaiveStrategy() {
        RunFacts f = new RunFacts(false, 7,
                outcomes(Outcome.CREATED, 2, Outcome.FOUND, 3, Outcome.FOUND_AFTER_CONFLICT, 1, Outcome.OTHER_ERROR, 1),
                2, new long[] {3, 3});
        assertFalse(Checker.check(f, cleanTable()).ok());
    }

    @Test
    void keyWithCommittedIncrementsButNoRowIsReported() {
        // key index 2 = (1, 3) had 2 committed increments but is not in the table at all
        RunFacts f = new RunFacts(true, 8, outcomes(Outcome.CREATED, 2, Outcome.FOUND, 6), 2, new long[] {3, 3, 2});
        Verdict v = Checker.check(f, cleanTable());
        Check c = named(v, "no_lost_update");
        assertFalse(c.passed());
        assertTrue(c.evidence().contains("key index 2 missing, committed increments 2"), c.evidence());
        assertTrue(c.expected().contains("counters sum to 8"), c.expected());
        assertTrue(c.actual().contains("counters sum to 6, 1 keys differ"), c.actual());
        assertFalse(v.ok());
    }

    @Test
    void rowForAKeyBeyondTheIncrementsArrayMustHaveAZeroCounter() {
        // a row the client never incremented (index 5 is past the tally) with a non-zero counter
        RunFacts f = new RunFacts(true, 6, cleanFacts().outcomes(), 3, new long[] {3, 3});
        Verdict v = Checker.check(f, List.of(row(0, 1, 3), row(1, 1, 3), row(5, 1, 1)));
        Check c = named(v, "no_lost_update");
        assertFalse(c.passed());
        assertTrue(c.evidence().contains("(1, 6) counter 1, committed increments 0"), c.evidence());
    }

    @Test
    void evidenceListsAtMostFiveKeys() {
        long[] inc = new long[8];
        java.util.Arrays.fill(inc, 2);
        List<KeyRow> table = new java.util.ArrayList<>();
        for (int k = 0; k < 8; k++) {
            table.add(row(k, 1, 1));
        }
        RunFacts f = new RunFacts(true, 16, outcomes(Outcome.CREATED, 8, Outcome.FOUND, 8), 8, inc);
        Check c = named(Checker.check(f, table), "no_lost_update");
        assertFalse(c.passed());
        assertEquals(5, c.evidence().split("; ").length, c.evidence());
        assertTrue(c.actual().contains("8 keys differ"), c.actual());
    }

    // Two keys; the connection died during one COMMIT that carried key 1's insert and its update.
    private static RunFacts factsWithOneUnknownCommit() {
        return new RunFacts(true, 6, outcomes(Outcome.CREATED, 1, Outcome.FOUND, 4, Outcome.CONNECTION_LOST, 1),
                1, new long[] {3, 1}, true, 1, new long[] {0, 1});
    }

    @Test
    void commitOfUnknownOutcomePassesWhetherItCommittedOrNot() {
        // it committed: key 1 exists with both updates
        Verdict committed = Checker.check(factsWithOneUnknownCommit(), List.of(row(0, 1, 3), row(1, 1, 2)));
        assertTrue(committed.allPassed(), committed.toString());
        assertTrue(named(committed, "rows_match_inserts").evidence().contains("1 inserted the row"),
                named(committed, "rows_match_inserts").toString());
        // an update of unknown outcome on an existing row: both a counter without it and one with it pass
        RunFacts updateOnly = new RunFacts(true, 6, outcomes(Outcome.CREATED, 2, Outcome.FOUND, 3,
                Outcome.CONNECTION_LOST, 1), 2, new long[] {3, 2}, true, 0, new long[] {0, 1});
        Verdict notCommitted = Checker.check(updateOnly, List.of(row(0, 1, 3), row(1, 1, 2)));
        assertTrue(notCommitted.allPassed(), notCommitted.toString());
        Verdict didCommit = Checker.check(updateOnly, List.of(row(0, 1, 3), row(1, 1, 3)));
        assertTrue(didCommit.allPassed(), didCommit.toString());
    }

    @Test
    void unknownCommitsToleratesExactlyThoseAndNoMore() {
        // one update of unknown outcome cannot explain two extra increments, nor a missing committed one
        RunFacts f = new RunFacts(true, 6, outcomes(Outcome.CREATED, 2, Outcome.FOUND, 3, Outcome.CONNECTION_LOST, 1),
                2, new long[] {3, 2}, true, 0, new long[] {0, 1});
        assertFalse(named(Checker.check(f, List.of(row(0, 1, 3), row(1, 1, 4))), "no_lost_update").passed());
        assertFalse(named(Checker.check(f, List.of(row(0, 1, 3), row(1, 1, 1))), "no_lost_update").passed());
        // one insert of unknown outcome cannot explain two extra rows
        assertFalse(named(Checker.check(factsWithOneUnknownCommit(), List.of(row(0, 1, 3), row(1, 2, 2))),
                "rows_match_inserts").passed());
    }

    @Test
    void withoutTheTableOnlyTheCountsAreCheckedAndTheRestSaysWhy() {
        Verdict v = Checker.checkWithoutTable(cleanFacts(), "database lost");
        assertEquals(List.of("attempts_add_up", "table_checks"), v.checks().stream().map(Check::name).toList());
        assertTrue(named(v, "attempts_add_up").passed());
        assertFalse(named(v, "table_checks").passed());
        assertEquals("database lost", named(v, "table_checks").evidence());
    }

    // Across nodes: the table checks run on the first node's table, nodes_agree compares the others.

    private static RunFacts cleanTwoKeys() {
        return new RunFacts(true, 6, outcomes(Outcome.CREATED, 2, Outcome.FOUND, 4), 2, new long[] {3, 3});
    }

    @Test
    void nodesThatAgreePassEveryCheck() {
        List<KeyRow> rows = List.of(row(0, 1, 3), row(1, 1, 3));
        Verdict v = Checker.checkAcrossNodes(cleanTwoKeys(), List.of(new NodeTable("node1", rows),
                new NodeTable("node2", rows), new NodeTable("node3", List.copyOf(rows))));
        assertTrue(v.ok(), v.toString());
        assertTrue(v.allPassed(), v.toString());
        Check agree = named(v, "nodes_agree");
        assertTrue(agree.enforced());
        assertTrue(agree.evidence().contains("node1, node2, node3"), agree.evidence());
    }

    @Test
    void aNodeWithAnotherCounterFailsNodesAgreeNamingNodeKeyAndValues() {
        List<KeyRow> rows = List.of(row(0, 1, 3), row(1, 1, 3));
        Verdict v = Checker.checkAcrossNodes(cleanTwoKeys(), List.of(new NodeTable("node1", rows),
                new NodeTable("node2", rows), new NodeTable("node3", List.of(row(0, 1, 3), row(1, 1, 2)))));
        assertFalse(v.ok());
        Check agree = named(v, "nodes_agree");
        assertFalse(agree.passed());
        assertEquals("1 key differences", agree.actual());
        assertEquals("(1, 2): node1 has 1 row, counter 3, node3 has 1 row, counter 2", agree.evidence());
        othersPassed(v, "nodes_agree"); // the first node's table is right
    }

    @Test
    void aKeyMissingOnOneNodeOrExtraOnAnotherFailsNodesAgree() {
        List<KeyRow> rows = List.of(row(0, 1, 3), row(1, 1, 3));
        Check agree = Checker.nodesAgree(List.of(new NodeTable("node1", rows),
                new NodeTable("node2", List.of(row(0, 1, 3))),
                new NodeTable("node3", List.of(row(0, 1, 3), row(1, 1, 3), row(2, 2, 0)))));
        assertFalse(agree.passed());
        assertEquals("2 key differences", agree.actual());
        assertEquals("(1, 2): node1 has 1 row, counter 3, node2 has no row; "
                + "(1, 3): node1 has no row, node3 has 2 rows, counter 0", agree.evidence());
    }

    @Test
    void theFirstNodesTableIsCheckedAsOnOneServer() {
        // a duplicate on every node: one_row_per_key fails, the nodes still agree
        List<KeyRow> rows = List.of(row(0, 2, 3), row(1, 1, 3));
        Verdict v = Checker.checkAcrossNodes(
                new RunFacts(true, 6, outcomes(Outcome.CREATED, 3, Outcome.FOUND, 3), 3, new long[] {3, 3}),
                List.of(new NodeTable("node1", rows), new NodeTable("node2", rows)));
        assertFalse(named(v, "one_row_per_key").passed());
        assertTrue(named(v, "nodes_agree").passed());
    }

    @Test
    void certificationFailuresAreFailedAttemptsThatAddUpAndCommitNothing() {
        // 6 attempts: 2 created, 2 found, 2 aborted by the cluster; counters hold the 4 that committed
        Verdict v = Checker.check(new RunFacts(true, 6, outcomes(Outcome.CREATED, 2, Outcome.FOUND, 2,
                Outcome.CERTIFICATION_FAILURE, 2), 2, new long[] {2, 2}), List.of(row(0, 1, 2), row(1, 1, 2)));
        assertTrue(v.allPassed(), v.toString());
    }
}
