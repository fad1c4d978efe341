package org.lockdemo.check;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import org.lockdemo.model.Outcome;

/**
 * Pure function from the table's final state and the client's facts to a {@link Verdict} with
 * evidence. No I/O; thread-safe.
 */
public final class Checker {
    private static final int MAX_EVIDENCE_KEYS = 5;

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

    static Check rowsMatchInserts(RunFacts f, List<KeyRow> table) {
        long rows = table.stream().mapToLong(KeyRow::rows).sum();
        boolean ok = rows == f.insertsCommitted();
        return new Check("rows_match_inserts", ok, true, f.insertsCommitted() + " rows (inserts that committed)",
                rows + " rows in the table",
                ok ? "every committed insert is one row, and no row came from elsewhere"
                        : "the table holds rows no committed insert accounts for, or lost some");
    }

    static Check noLostUpdate(RunFacts f, List<KeyRow> table) {
        List<String> bad = new ArrayList<>();
        long mismatches = 0;
        long expectedTotal = 0;
        long actualTotal = 0;
        Set<Long> seen = new HashSet<>();
        for (KeyRow r : table) {
            long idx = r.key().index();
            seen.add(idx);
            long expected = f.incrementsFor(idx);
            expectedTotal += expected;
            actualTotal += r.counterSum();
            if (expected != r.counterSum()) {
                mismatches++;
                if (bad.size() < MAX_EVIDENCE_KEYS) {
                    bad.add(r.key() + " counter " + r.counterSum() + ", committed increments " + expected);
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
                : f.locksRow() ? String.join("; ", bad)
                : "expected without a row lock: concurrent read-modify-writes overwrote each other (the lesson); "
                        + String.join("; ", bad);
        return new Check("no_lost_update", mismatches == 0, f.locksRow(),
                "counters sum to " + expectedTotal + " (one per attempt that committed its update)",
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
