package org.lockdemo.results;

import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.lockdemo.check.Check;

/**
 * One strategy's result: counts, outcomes, percentiles, the checks and their verdict, the errors,
 * the exact histograms. Immutable; the maps keep their order.
 *
 * <p>A boxed number is null only when read from a file that lacks it (older or hand-written).
 * Decimals are held as the file holds them: rounded where lockdemo measured them.
 *
 * @param outcomes         per outcome id, in the order of {@link org.lockdemo.model.Outcome#all()}
 *                         (a file of another version may hold others)
 * @param throughputPerS   attempts per second, rounded to 1 decimal
 * @param elapsedS         seconds from the start line to the last worker's end, rounded to 3 decimals
 * @param raceIntensity    null where not measured
 * @param clientCpu        null where not measured
 * @param warmup           null when none ran
 * @param timeline         null in files from before the timeline
 * @param verdict          {@code pass}, {@code lesson} or {@code fail}
 * @param nodes            per node of a run across a cluster; empty otherwise
 * @param unstarted        open loop only, else null
 * @param scheduleLagUs    open loop only, else null
 * @param unrounded        the figures above before rounding; only on a result built from a measured
 *                         run, never in a file (see {@link Unrounded}), else null
 * @param gaveUp           attempts that used up their retries and let the last error through (a
 *                         strategy file's {@code retry: {max: N}}); in the file only when there were
 *                         some, else null
 * @param keyOutcomes      of a run of several keys per attempt: how many keys of the committed
 *                         attempts were created, found and found after a conflict (they sum to the
 *                         committed attempts times the keys per attempt); else null
 */
public record StrategyEntry(String strategy, Boolean expectedSafe, Long attempts, Map<String, Long> outcomes,
        Long blockedWaits, Long retries, Percentiles latencyUs, Percentiles lockWaitUs, Percentiles acquireUs,
        Double throughputPerS, Double elapsedS, Long insertsCommitted, RaceIntensityEntry raceIntensity,
        ClientCpu clientCpu, WarmupEntry warmup, TimelineEntry timeline, Long commitsUnknown, Boolean invariantsOk,
        String verdict, String explanation, List<Check> checks, List<ErrorEntry> errors, String table,
        String lockViewNote, List<NodeEntry> nodes, HistogramSet histograms, Long unstarted,
        Percentiles scheduleLagUs, Unrounded unrounded, Long gaveUp, Map<String, Long> keyOutcomes) {
    public static final String PASS = "pass";
    public static final String LESSON = "lesson";
    public static final String FAIL = "fail";

    public StrategyEntry {
        outcomes = outcomes == null ? null : Collections.unmodifiableMap(new LinkedHashMap<>(outcomes));
        checks = checks == null ? List.of() : List.copyOf(checks);
        errors = errors == null ? List.of() : List.copyOf(errors);
        nodes = nodes == null ? List.of() : List.copyOf(nodes);
        keyOutcomes = keyOutcomes == null ? null : Collections.unmodifiableMap(new LinkedHashMap<>(keyOutcomes));
    }

    /** An entry of one key per attempt. */
    public StrategyEntry(String strategy, Boolean expectedSafe, Long attempts, Map<String, Long> outcomes,
            Long blockedWaits, Long retries, Percentiles latencyUs, Percentiles lockWaitUs, Percentiles acquireUs,
            Double throughputPerS, Double elapsedS, Long insertsCommitted, RaceIntensityEntry raceIntensity,
            ClientCpu clientCpu, WarmupEntry warmup, TimelineEntry timeline, Long commitsUnknown, Boolean invariantsOk,
            String verdict, String explanation, List<Check> checks, List<ErrorEntry> errors, String table,
            String lockViewNote, List<NodeEntry> nodes, HistogramSet histograms, Long unstarted,
            Percentiles scheduleLagUs, Unrounded unrounded, Long gaveUp) {
        this(strategy, expectedSafe, attempts, outcomes, blockedWaits, retries, latencyUs, lockWaitUs, acquireUs,
                throughputPerS, elapsedS, insertsCommitted, raceIntensity, clientCpu, warmup, timeline, commitsUnknown,
                invariantsOk, verdict, explanation, checks, errors, table, lockViewNote, nodes, histograms, unstarted,
                scheduleLagUs, unrounded, gaveUp, null);
    }

    /** An entry without unrounded figures: one read from a file, or merged. */
    public StrategyEntry(String strategy, Boolean expectedSafe, Long attempts, Map<String, Long> outcomes,
            Long blockedWaits, Long retries, Percentiles latencyUs, Percentiles lockWaitUs, Percentiles acquireUs,
            Double throughputPerS, Double elapsedS, Long insertsCommitted, RaceIntensityEntry raceIntensity,
            ClientCpu clientCpu, WarmupEntry warmup, TimelineEntry timeline, Long commitsUnknown, Boolean invariantsOk,
            String verdict, String explanation, List<Check> checks, List<ErrorEntry> errors, String table,
            String lockViewNote, List<NodeEntry> nodes, HistogramSet histograms, Long unstarted,
            Percentiles scheduleLagUs) {
        this(strategy, expectedSafe, attempts, outcomes, blockedWaits, retries, latencyUs, lockWaitUs, acquireUs,
                throughputPerS, elapsedS, insertsCommitted, raceIntensity, clientCpu, warmup, timeline, commitsUnknown,
                invariantsOk, verdict, explanation, checks, errors, table, lockViewNote, nodes, histograms, unstarted,
                scheduleLagUs, null, null);
    }

    /** An entry without unrounded figures and without gave-up attempts. */
    public StrategyEntry(String strategy, Boolean expectedSafe, Long attempts, Map<String, Long> outcomes,
            Long blockedWaits, Long retries, Percentiles latencyUs, Percentiles lockWaitUs, Percentiles acquireUs,
            Double throughputPerS, Double elapsedS, Long insertsCommitted, RaceIntensityEntry raceIntensity,
            ClientCpu clientCpu, WarmupEntry warmup, TimelineEntry timeline, Long commitsUnknown, Boolean invariantsOk,
            String verdict, String explanation, List<Check> checks, List<ErrorEntry> errors, String table,
            String lockViewNote, List<NodeEntry> nodes, HistogramSet histograms, Long unstarted,
            Percentiles scheduleLagUs, Unrounded unrounded) {
        this(strategy, expectedSafe, attempts, outcomes, blockedWaits, retries, latencyUs, lockWaitUs, acquireUs,
                throughputPerS, elapsedS, insertsCommitted, raceIntensity, clientCpu, warmup, timeline, commitsUnknown,
                invariantsOk, verdict, explanation, checks, errors, table, lockViewNote, nodes, histograms, unstarted,
                scheduleLagUs, unrounded, null);
    }

    public long gaveUpOrZero() {
        return gaveUp == null ? 0 : gaveUp;
    }

    /** The count of an outcome; 0 when the result has none of it. */
    public long count(String outcome) {
        return outcomes == null ? 0 : outcomes.getOrDefault(outcome, 0L);
    }

    public long attemptsOrZero() {
        return attempts == null ? 0 : attempts;
    }

    public long retriesOrZero() {
        return retries == null ? 0 : retries;
    }

    public boolean invariantsHeld() {
        return invariantsOk != null && invariantsOk;
    }

    /** The same entry with another timeline (null: none). */
    public StrategyEntry withTimeline(TimelineEntry t) {
        return new StrategyEntry(strategy, expectedSafe, attempts, outcomes, blockedWaits, retries, latencyUs,
                lockWaitUs, acquireUs, throughputPerS, elapsedS, insertsCommitted, raceIntensity, clientCpu, warmup,
                t, commitsUnknown, invariantsOk, verdict, explanation, checks, errors, table, lockViewNote, nodes,
                histograms, unstarted, scheduleLagUs, unrounded, gaveUp, keyOutcomes);
    }
}
