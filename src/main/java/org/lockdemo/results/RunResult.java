package org.lockdemo.results;

import java.util.List;
import org.lockdemo.db.DatabaseInfo;

/**
 * The typed result of a whole run (or of a merge of runs): what {@code --json} writes, what
 * {@code merge}, {@code report}, {@code --expect}, the CSV and the console read. {@link ResultJson}
 * is its only codec. Immutable; thread-safe.
 *
 * <p>Fields a result file of an older lockdemo may lack are null when read from such a file and
 * are then left out when written again; see each record's Javadoc.
 *
 * @param tool         {@code lockdemo} in every result file; anything else is not ours
 * @param version      the lockdemo version that wrote it
 * @param formatVersion {@link ResultJson#FORMAT_VERSION} for what this lockdemo writes
 * @param status       {@code complete} or {@code partial}
 * @param stopReason   why a partial run stopped; null for a complete one
 * @param startedAt    ISO-8601 instant, as written (kept as text so a file reads back unchanged)
 * @param mergedFrom   the inputs of a merge; empty for one run
 * @param provenance   how the result was made (command line, versions, machine); null if unknown
 * @param startup      where the time to the first attempt went; null if unknown or no attempt ran
 * @param expectations the {@code --expect} expressions checked on this result; empty if none
 */
public record RunResult(String tool, String version, Integer formatVersion, String runId, String status,
        String stopReason, String startedAt, String finishedAt, DatabaseInfo database, RunConfig config,
        String blockedWaitsMethod, List<StrategyEntry> strategies, Boolean checksOk, List<MergedFrom> mergedFrom,
        Provenance provenance, Startup startup, List<ExpectationCheck> expectations) {
    public static final String TOOL = "lockdemo";
    public static final String COMPLETE = "complete";
    public static final String PARTIAL = "partial";

    public RunResult {
        strategies = strategies == null ? List.of() : List.copyOf(strategies);
        mergedFrom = mergedFrom == null ? List.of() : List.copyOf(mergedFrom);
        expectations = expectations == null ? List.of() : List.copyOf(expectations);
    }

    public boolean complete() {
        return COMPLETE.equals(status);
    }

    /** Whether every strategy's enforced checks passed; a file without the field counts as passed. */
    public boolean checksPassed() {
        return checksOk == null || checksOk;
    }

    /** The entry of strategy {@code id}, or null if the run had none. */
    public StrategyEntry strategy(String id) {
        return strategies.stream().filter(s -> id.equals(s.strategy())).findFirst().orElse(null);
    }

    /** The strategy ids in the run's order. */
    public List<String> strategyIds() {
        return strategies.stream().map(StrategyEntry::strategy).toList();
    }

    public RunResult withProvenance(Provenance p) {
        return new RunResult(tool, version, formatVersion, runId, status, stopReason, startedAt, finishedAt, database,
                config, blockedWaitsMethod, strategies, checksOk, mergedFrom, p, startup, expectations);
    }

    public RunResult withStartup(Startup s) {
        return new RunResult(tool, version, formatVersion, runId, status, stopReason, startedAt, finishedAt, database,
                config, blockedWaitsMethod, strategies, checksOk, mergedFrom, provenance, s, expectations);
    }

    public RunResult withExpectations(List<ExpectationCheck> checked) {
        return new RunResult(tool, version, formatVersion, runId, status, stopReason, startedAt, finishedAt, database,
                config, blockedWaitsMethod, strategies, checksOk, mergedFrom, provenance, startup, checked);
    }
}
