package org.lockdemo.check;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import org.lockdemo.model.Outcome;
import org.lockdemo.model.RowKey;

/**
 * Pure function from the table's final state and the client's facts to a {@link Verdict} with
 * evidence. No I/O; thread-safe.
 */
public final class Checker {
    private static final int MAX_EVIDENCE_KEYS = 5;
    /** The entry of {@link #checkWithoutTable}: the table checks that could not run. */
    public static final String TABLE_CHECKS = "table_checks";

    private Checker() {
    }

    public static Verdict check(RunFacts facts, List<KeyRow> table) {
        List<Check> checks = new ArrayList<>();
        checks.add(attemptsAddUp(facts));
        checks.add(oneRowPerKey(table));
        checks.add(rowsMatchInserts(facts, table));
        checks.add(noLostUpdate(facts, table));
        checks.add(noSurfacedUniqueViolation(facts));
        checks.add(noUnclassifiedError(facts));
        return new Verdict(checks);
    }

    /**
     * The checks of a run across the nodes of a multi-primary cluster, each node's table read after
     * the run. The table checks run on the first node's table and {@code nodes_agree} compares every
     * other node's table with it row for row: when they agree, each check holds or fails alike on
     * every node; when they do not, {@code nodes_agree} fails with the differing keys.
     */
    public static Verdict checkAcrossNodes(RunFacts facts, List<NodeTable> tables) {
        if (tables.isEmpty()) {
            throw new IllegalArgumentException("no node's table to check");
        }
        List<Check> checks = new ArrayList<>(check(facts, tables.get(0).rows()).checks());
        checks.add(nodesAgree(tables));
        return new Verdict(checks);
    }

    /**
     * Every node holds the same keys with the same row counts and counters as the first. Enforced:
     * a cluster whose nodes disagree after their writes were certified has lost a commit, whatever
     * the strategy.
     */
    static Check nodesAgree(List<NodeTable> tables) {
        NodeTable reference = tables.get(0);
        Map<RowKey, KeyRow> expected = byKey(reference.rows());
        List<String> differences = new ArrayList<>();
        long bad = 0;
        for (NodeTable other : tables.subList(1, tables.size())) {
            Map<RowKey, KeyRow> actual = byKey(other.rows());
            Set<RowKey> keys = new TreeSet<>(Comparator.comparingLong(RowKey::index));
            keys.addAll(expected.keySet());
            keys.addAll(actual.keySet());
            for (RowKey k : keys) {
                KeyRow a = expected.get(k);
                KeyRow b = actual.get(k);
                if (a == null || !a.equals(b)) {
                    bad++;
                    if (differences.size() < MAX_EVIDENCE_KEYS) {
                        differences.add(k + ": " + reference.node() + " " + describe(a) + ", " + other.node() + " "
                                + describe(b));
                    }
                }
            }
        }
        List<String> names = tables.stream().map(NodeTable::node).toList();
        return new Check("nodes_agree", bad == 0, true,
                "the same rows on all " + tables.size() + " nodes", bad + " key differences",
                bad == 0 ? "every node returned the same " + reference.rows().size() + " keys with equal rows and "
                        + "counters: " + String.join(", ", names)
                        : String.join("; ", differences));
    }

    private static Map<RowKey, KeyRow> byKey(List<KeyRow> rows) {
        Map<RowKey, KeyRow> m = new HashMap<>();
        for (KeyRow r : rows) {
            m.put(r.key(), r);
        }
        return m;
    }

    private static String describe(KeyRow r) {
        return r == null ? "has no row" : "has " + r.rows() + (r.rows() == 1 ? " row" : " rows") + ", counter "
                + r.counterSum();
    }

    /**
     * The checks that need no table, for a run whose table could not be read back (the database
     * went away): the counts still add up; the rest is reported as not checked, with the reason.
     * The unchecked entry is not enforced: the exit code for a lost database says it instead.
     */
    public static Verdict checkWithoutTable(RunFacts facts, String why) {
        return new Verdict(List.of(attemptsAddUp(facts), new Check(TABLE_CHECKS, false, false,
                "the table read back and checked", "not checked", why)));
    }

    static Check attemptsAddUp(RunFacts f) {
        long sum = 0;
        for (Outcome o : Outcome.all()) {
            sum += f.count(o);
        }
        return new Check("attempts_add_up", sum == f.attempts(), true,
                "attempts = sum of outcomes = " + f.attempts(), "sum of outcomes = " + sum,
                sum == f.attempts() ? "every attempt ended in exactly one outcome" : "attempts were lost or double-counted");
    }

    static Check oneRowPerKey(List<KeyRow> table) {
        List<String> dupes = new ArrayList<>();
        for (KeyRow r : table) {
            if (r.rows() != 1 && dupes.size() < MAX_EVIDENCE_KEYS) {
                dupes.add(r.key() + " has " + r.rows() + " rows");
            }
        }
        long bad = table.stream().filter(r -> r.rows() != 1).count();
        return new Check("one_row_per_key", bad == 0, true, "1 row for each of " + table.size() + " keys",
                bad + " keys with duplicates", bad == 0 ? "the unique constraint held" : String.join("; ", dupes));
    }

    /**
     * Rows = committed inserts. An insert whose COMMIT lost its connection may or may not have
     * committed, so with {@code u} such inserts any row count in {@code [committed, committed + u]}
     * holds; the evidence says how many of them the table shows.
     */
    static Check rowsMatchInserts(RunFacts f, List<KeyRow> table) {
        long rows = table.stream().mapToLong(KeyRow::rows).sum();
        long unknown = f.insertsUnknown();
        boolean ok = rows >= f.insertsCommitted() && rows <= f.insertsCommitted() + unknown;
        String expected = unknown == 0 ? f.insertsCommitted() + " rows (inserts that committed)"
                : f.insertsCommitted() + " to " + (f.insertsCommitted() + unknown) + " rows (" + f.insertsCommitted()
                        + " inserts that committed, " + unknown + " of unknown outcome: a COMMIT that lost its connection, "
                        + "or an upsert that cannot tell an insert from an update)";
        String evidence = !ok ? "the table holds rows no committed insert accounts for, or lost some"
                : unknown == 0 ? "every committed insert is one row, and no row came from elsewhere"
                : "every committed insert is one row; of the " + unknown + " inserts of unknown outcome "
                        + (rows - f.insertsCommitted()) + " inserted the row";
        return new Check("rows_match_inserts", ok, true, expected, rows + " rows in the table", evidence);
    }

    static Check noLostUpdate(RunFacts f, List<KeyRow> table) {
        if (!f.countsCounter()) {
            return Check.notApplicable("no_lost_update", "the strategy names no counter update (counter: none), so "
                    + "there is nothing to hold the rows' counters to");
        }
        List<String> bad = new ArrayList<>();
        long mismatches = 0;
        long expectedTotal = 0;
        long unknownTotal = 0;
        long actualTotal = 0;
        Set<Long> seen = new HashSet<>();
        for (KeyRow r : table) {
            long idx = r.key().index();
            seen.add(idx);
            long expected = f.incrementsFor(idx);
            // updates whose COMMIT lost its connection may be in the row or not: either is correct
            long unknown = f.incrementsUnknownFor(idx);
            expectedTotal += expected;
            unknownTotal += unknown;
            actualTotal += r.counterSum();
            if (r.counterSum() < expected || r.counterSum() > expected + unknown) {
                mismatches++;
                if (bad.size() < MAX_EVIDENCE_KEYS) {
                    bad.add(r.key() + " counter " + r.counterSum() + ", committed increments " + expected
                            + (unknown == 0 ? "" : " (+ up to " + unknown + " of unknown outcome)"));
                }
            }
        }
        long[] inc = f.incrementsPerKey();
        for (int i = 0; i < inc.length; i++) {
            if (inc[i] != 0 && !seen.contains((long) i)) {
                mismatches++;
                expectedTotal += inc[i];
                if (bad.size() < MAX_EVIDENCE_KEYS) {
                    bad.add("key index " + i + " missing, committed increments " + inc[i]);
                }
            }
        }
        String evidence = mismatches == 0 ? "every committed update is in the row"
                        + (unknownTotal == 0 ? "" : "; " + (actualTotal - expectedTotal) + " of " + unknownTotal
                                + " updates whose COMMIT lost its connection had committed")
                : f.locksRow() ? String.join("; ", bad)
                : "expected without a row lock: concurrent read-modify-writes overwrote each other (the lesson); "
                        + String.join("; ", bad);
        return new Check("no_lost_update", mismatches == 0, f.locksRow(),
                "counters sum to " + expectedTotal + (unknownTotal == 0 ? "" : " to " + (expectedTotal + unknownTotal))
                        + " (one per attempt that committed its update"
                        + (unknownTotal == 0 ? ")" : ", plus those whose COMMIT outcome is unknown)"),
                "counters sum to " + actualTotal + ", " + mismatches + " keys differ", evidence);
    }

    /**
     * A duplicate-key error reaches the application either as the unique violation itself or,
     * when the re-read after it finds nothing ({@code missing_after_conflict}), because Django's
     * get_or_create then re-raises the IntegrityError. Both count.
     */
    static Check noSurfacedUniqueViolation(RunFacts f) {
        long uv = f.count(Outcome.UNIQUE_VIOLATION);
        long missing = f.count(Outcome.MISSING_AFTER_CONFLICT);
        long v = uv + missing;
        String what = uv + " unique violations" + (missing > 0
                ? " and " + missing + " duplicate-key errors whose re-read found no row (the IntegrityError is re-raised)"
                : "");
        String evidence;
        if (v == 0) {
            evidence = "no duplicate-key error reached the application";
        } else if (f.expectedSafe()) {
            evidence = what + " reached the application from a strategy meant to prevent them";
        } else {
            evidence = what + ": expected of this strategy, the lesson, not a harness failure";
        }
        return new Check("no_unique_violation_surfaced", v == 0, f.expectedSafe(), "0", Long.toString(v), evidence);
    }

    static Check noUnclassifiedError(RunFacts f) {
        long v = f.count(Outcome.OTHER_ERROR);
        return new Check("no_unclassified_error", v == 0, true, "0", Long.toString(v),
                v == 0 ? "every error was one the strategy can meet" : "see error samples for what they were");
    }
}
