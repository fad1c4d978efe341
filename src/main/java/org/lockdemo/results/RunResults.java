package org.lockdemo.results;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.HdrHistogram.Histogram;
import org.lockdemo.metrics.ErrorSample;
import org.lockdemo.metrics.Measurement;
import org.lockdemo.metrics.ProcessCpu;
import org.lockdemo.metrics.Timeline;
import org.lockdemo.model.Outcome;
import org.lockdemo.race.NodeResult;
import org.lockdemo.race.RaceIntensity;
import org.lockdemo.race.RaceResult;
import org.lockdemo.race.RaceSpec;
import org.lockdemo.race.StrategyResult;
import org.lockdemo.report.Explanations;
import org.lockdemo.strategy.RaceStrategy;

/**
 * Builds the {@link RunResult} of a finished race from the runner's {@link RaceResult}: the one
 * place where measurements become the result's numbers (percentiles, shares, verdict words).
 * Stateless; thread-safe.
 */
public final class RunResults {
    private RunResults() {
    }

    /** The result of {@code race}, written by lockdemo {@code toolVersion}; no provenance, startup or expectations yet. */
    public static RunResult of(RaceResult result, String toolVersion) {
        List<StrategyEntry> strategies = new ArrayList<>();
        for (StrategyResult r : result.strategies()) {
            strategies.add(strategy(r, result.database().dialect(), result.spec().openLoop()));
        }
        return new RunResult(RunResult.TOOL, toolVersion, ResultJson.FORMAT_VERSION, result.runId(),
                result.complete() ? RunResult.COMPLETE : RunResult.PARTIAL, result.stopReason(),
                result.startedAt().toString(), result.finishedAt().toString(), result.database(),
                config(result.spec()), result.lockViewMethod(), strategies, result.checksOk(), List.of(), null, null,
                List.of());
    }

    static RunConfig config(RaceSpec s) {
        boolean timed = s.duration() != null;
        return new RunConfig((long) s.threads(), timed ? s.duration().toMillis() / 1000.0 : null,
                timed ? null : (long) s.rounds(), (long) s.keys(), s.holdMillis(), s.statementDelay().toNanos() / 1000,
                s.seed(), s.isolation().cliName(), s.lockTimeout().toMillis(), s.lockViewInterval().toNanos() / 1000,
                s.keep(), (long) s.maxRetries(), s.openLoop() ? RunConfig.OPEN : RunConfig.CLOSED,
                s.openLoop() ? s.ratePerSecond() : null, s.strategies().stream().map(RaceStrategy::id).toList(),
                s.statementDelay().toNanos(), s.severalKeys() ? (Long) (long) s.keysPerAttempt() : null,
                s.severalKeys() ? s.keyOrder().id() : null, s.answerTimeout().toMillis(), s.workerThreads().id());
    }

    private static StrategyEntry strategy(StrategyResult r, String dialect, boolean openLoop) {
        Measurement m = r.measurement();
        ClientCpu cpu = r.clientCpuNanos() == ProcessCpu.UNKNOWN ? null
                : new ClientCpu(r.clientCpuNanos(), Rounding.round(Math.max(0, r.clientCpuNanosPerAttempt()) / 1e3, 2));
        WarmupEntry warmup = r.warmup() == null ? null : new WarmupEntry(r.warmup().duration().toMillis() / 1000.0,
                Rounding.round(r.warmup().elapsedNanos() / 1e9, 3), r.warmup().attempts(), r.warmup().table());
        Timeline t = m.timeline();
        List<ErrorEntry> errors = new ArrayList<>();
        for (ErrorSample e : m.errors()) {
            errors.add(new ErrorEntry(e.outcome().id(), e.step().name().toLowerCase(Locale.ROOT), e.sqlState(),
                    e.vendorCode(), e.condition(), e.count(), e.firstMessage()));
        }
        List<NodeEntry> nodes = new ArrayList<>();
        for (NodeResult node : r.nodes()) {
            Measurement nm = node.measurement();
            nodes.add(new NodeEntry(node.node(), node.url(), nm.attempts(), outcomes(nm), nm.retries(),
                    nm.blockedWaits(), node.counterDeltas()));
        }
        HistogramSet histograms = new HistogramSet(EncodedHistogram.ENCODING, EncodedHistogram.of(m.latencyNanos()),
                EncodedHistogram.of(m.lockWaitNanos()), EncodedHistogram.of(m.acquireNanos()),
                openLoop ? EncodedHistogram.of(m.scheduleLagNanos()) : null);
        return new StrategyEntry(r.strategy().id(), r.expectedSafe(), m.attempts(), outcomes(m), m.blockedWaits(),
                m.retries(), Percentiles.of(m.latencyNanos()), Percentiles.of(m.lockWaitNanos()),
                Percentiles.of(m.acquireNanos()), Rounding.round(m.throughputPerSecond(), 1),
                Rounding.round(m.elapsedNanos() / 1e9, 3),
                m.insertsCommitted(), r.intensity() == null ? null : intensity(r.intensity()), cpu, warmup,
                new TimelineEntry(Timeline.INTERVAL_MILLIS, t.attempts(), t.successes()), m.commitsUnknown().commits(),
                r.verdict().ok(), Explanations.verdictWord(r).toLowerCase(Locale.ROOT), Explanations.explain(r, dialect),
                r.verdict().checks(), errors, r.table(), r.lockViewNote(), nodes, histograms,
                openLoop ? m.unstarted() : null, openLoop ? Percentiles.of(m.scheduleLagNanos()) : null,
                unrounded(r), m.gaveUp() > 0 ? m.gaveUp() : null, keyOutcomes(m));
    }

    /** Of a run of several keys per attempt: each key's outcome, by id, in the outcomes' order; else null. */
    private static Map<String, Long> keyOutcomes(Measurement m) {
        if (m.keyOutcomes() == null) {
            return null;
        }
        Map<String, Long> byId = new LinkedHashMap<>();
        m.keyOutcomes().forEach((o, n) -> byId.put(o.id(), n));
        return byId;
    }

    private static Unrounded unrounded(StrategyResult r) {
        RaceIntensity ri = r.intensity();
        Histogram racers = ri == null ? null : ri.racersPerRound();
        Histogram spread = ri == null ? null : ri.startSpreadNanos();
        return new Unrounded(r.measurement().throughputPerSecond(), ri == null ? null : ri.racedShare(),
                racers == null || racers.getTotalCount() == 0 ? null : racers.getMean(),
                spread == null || spread.getTotalCount() == 0 ? null : spread.getValueAtPercentile(50),
                r.warmup() == null ? null : r.warmup().elapsedNanos());
    }

    private static Map<String, Long> outcomes(Measurement m) {
        Map<String, Long> out = new LinkedHashMap<>();
        for (Outcome o : Outcome.all()) {
            out.put(o.id(), m.count(o));
        }
        return out;
    }

    private static RaceIntensityEntry intensity(RaceIntensity ri) {
        Histogram racers = ri.racersPerRound();
        Histogram spread = ri.startSpreadNanos();
        return new RaceIntensityEntry(ri.raced(), Rounding.round(ri.racedShare(), 4), ri.lowerBound(), ri.lowerBoundReason(),
                racers == null || racers.getTotalCount() == 0 ? null
                        : new RaceIntensityEntry.RacersPerRound(Rounding.round(racers.getMean(), 2), racers.getValueAtPercentile(50),
                                racers.getMaxValue(), racers.getTotalCount()),
                spread == null || spread.getTotalCount() == 0 ? null
                        : new RaceIntensityEntry.StartSpread(us(spread.getValueAtPercentile(50)),
                                us(spread.getValueAtPercentile(99)), us(spread.getMaxValue()), spread.getTotalCount()),
                null);
    }

    private static double us(long nanos) {
        return Rounding.round(nanos / 1e3, 1);
    }
}
