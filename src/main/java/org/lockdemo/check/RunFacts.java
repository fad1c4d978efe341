package org.lockdemo.check;

import java.util.Map;
import org.lockdemo.model.Outcome;

/**
 * What the client saw during one strategy's run, as the checker needs it. Immutable.
 *
 * @param expectedSafe       whether the strategy claims to prevent surfaced unique violations
 * @param attempts           attempts started
 * @param outcomes           count per outcome (every outcome present)
 * @param insertsCommitted   inserts whose transaction committed
 * @param incrementsPerKey   committed counter increments per key index
 * @param locksRow           whether every update happened under a row lock, so a lost update
 *                           is a failure; false for a strategy whose lost updates are its lesson
 * @param insertsUnknown     inserts whose COMMIT lost its connection: they may or may not be rows
 * @param incrementsUnknownPerKey per key index, counter updates whose COMMIT lost its connection
 * @param countsCounter      whether the strategy names its counter update, so that
 *                           {@code no_lost_update} applies (false: a strategy file's {@code counter: none})
 */
public record RunFacts(boolean expectedSafe, long attempts, Map<Outcome, Long> outcomes, long insertsCommitted,
        long[] incrementsPerKey, boolean locksRow, long insertsUnknown, long[] incrementsUnknownPerKey,
        boolean countsCounter) {

    /** Facts of a strategy whose counter update is known (every built-in). */
    public RunFacts(boolean expectedSafe, long attempts, Map<Outcome, Long> outcomes, long insertsCommitted,
            long[] incrementsPerKey, boolean locksRow, long insertsUnknown, long[] incrementsUnknownPerKey) {
        this(expectedSafe, attempts, outcomes, insertsCommitted, incrementsPerKey, locksRow, insertsUnknown,
                incrementsUnknownPerKey, true);
    }

    /** Facts of a run in which every COMMIT's outcome is known. */
    public RunFacts(boolean expectedSafe, long attempts, Map<Outcome, Long> outcomes, long insertsCommitted,
            long[] incrementsPerKey, boolean locksRow) {
        this(expectedSafe, attempts, outcomes, insertsCommitted, incrementsPerKey, locksRow, 0, new long[0]);
    }

    /** Facts of a strategy that updates under a row lock. */
    public RunFacts(boolean expectedSafe, long attempts, Map<Outcome, Long> outcomes, long insertsCommitted,
            long[] incrementsPerKey) {
        this(expectedSafe, attempts, outcomes, insertsCommitted, incrementsPerKey, true);
    }

    public long count(Outcome o) {
        return outcomes.getOrDefault(o, 0L);
    }

    public long incrementsFor(long keyIndex) {
        return keyIndex < incrementsPerKey.length ? incrementsPerKey[(int) keyIndex] : 0;
    }

    public long incrementsUnknownFor(long keyIndex) {
        return keyIndex < incrementsUnknownPerKey.length ? incrementsUnknownPerKey[(int) keyIndex] : 0;
    }
}
