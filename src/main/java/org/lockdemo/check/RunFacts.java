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
 */
public record RunFacts(boolean expectedSafe, long attempts, Map<Outcome, Long> outcomes, long insertsCommitted,
        long[] incrementsPerKey) {

    public long count(Outcome o) {
        return outcomes.getOrDefault(o, 0L);
    }

    public long incrementsFor(long keyIndex) {
        return keyIndex < incrementsPerKey.length ? incrementsPerKey[(int) keyIndex] : 0;
    }
}
