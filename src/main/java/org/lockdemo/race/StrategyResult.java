package org.lockdemo.race;

import org.lockdemo.check.Verdict;
import org.lockdemo.metrics.Measurement;
import org.lockdemo.strategy.StrategyKind;

/**
 * One strategy's run: what was measured and the verdict of the checks. Immutable.
 *
 * @param table          the table it ran on (dropped afterwards unless --keep)
 * @param lockViewNote   how blocked waits were counted, and any sampling failure
 */
public record StrategyResult(StrategyKind strategy, Measurement measurement, Verdict verdict,
        String table, String lockViewNote) {
}
