package org.lockdemo.race;

import java.time.Instant;
import java.util.List;
import org.lockdemo.db.DatabaseInfo;

/**
 * A whole run: what it ran against, how it was configured, and each strategy's result. Immutable.
 *
 * @param stopReason        null for a run that completed; otherwise why it stopped early (partial results)
 * @param warnings          what the user must know that did not stop the run, e.g. a table that could
 *                          not be dropped; empty when nothing went wrong
 * @param firstAttemptNanos {@link System#nanoTime()} when the first workers (a warm-up's, if any) left
 *                          the start line; 0 if none did
 */
public record RaceResult(String runId, DatabaseInfo database, RaceSpec spec, List<StrategyResult> strategies,
        Instant startedAt, Instant finishedAt, String stopReason, String lockViewMethod, List<String> warnings,
        long firstAttemptNanos) {

    public RaceResult {
        strategies = List.copyOf(strategies);
        warnings = List.copyOf(warnings);
    }

    /** A run without warnings whose start is not known (results built from stored data, tests). */
    public RaceResult(String runId, DatabaseInfo database, RaceSpec spec, List<StrategyResult> strategies,
            Instant startedAt, Instant finishedAt, String stopReason, String lockViewMethod) {
        this(runId, database, spec, strategies, startedAt, finishedAt, stopReason, lockViewMethod, List.of(), 0);
    }

    /** True when every strategy's enforced checks passed. */
    public boolean checksOk() {
        return strategies.stream().allMatch(s -> s.verdict().ok());
    }

    public boolean complete() {
        return stopReason == null;
    }
}
