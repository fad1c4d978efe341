package org.lockdemo.race;

import java.time.Instant;
import java.util.List;
import org.lockdemo.db.DatabaseInfo;

/**
 * A whole run: what it ran against, how it was configured, and each strategy's result. Immutable.
 *
 * @param stopReason null for a run that completed; otherwise why it stopped early (partial results)
 */
public record RaceResult(String runId, DatabaseInfo database, RaceSpec spec, List<StrategyResult> strategies,
        Instant startedAt, Instant finishedAt, String stopReason, String lockViewMethod) {

    public RaceResult {
        strategies = List.copyOf(strategies);
    }

    /** True when every strategy's enforced checks passed. */
    public boolean checksOk() {
        return strategies.stream().allMatch(s -> s.verdict().ok());
    }

    public boolean complete() {
        return stopReason == null;
    }
}
