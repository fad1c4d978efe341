package org.lockdemo.race;

import org.lockdemo.check.Verdict;
import org.lockdemo.metrics.Measurement;
import org.lockdemo.metrics.ProcessCpu;
import org.lockdemo.strategy.StrategyKind;

/**
 * One strategy's run: what was measured and the verdict of the checks. Immutable.
 *
 * @param table          the table it ran on (dropped afterwards unless --keep)
 * @param lockViewNote   how blocked waits were counted, and any sampling failure
 * @param clientCpuNanos CPU time of the whole lockdemo process (all its threads: workers, the
 *                       lock-view sampler, GC, JIT) while the workers ran, or
 *                       {@link ProcessCpu#UNKNOWN}; the server's CPU is not in it
 * @param warmup         the unreported warm-up run before the measured one, or null if none ran
 */
public record StrategyResult(StrategyKind strategy, Measurement measurement, Verdict verdict,
        String table, String lockViewNote, long clientCpuNanos, Warmup warmup) {

    /** A result without client CPU figures and without a warm-up (e.g. made up for tests). */
    public StrategyResult(StrategyKind strategy, Measurement measurement, Verdict verdict, String table,
            String lockViewNote) {
        this(strategy, measurement, verdict, table, lockViewNote, ProcessCpu.UNKNOWN, null);
    }

    /** Client CPU nanoseconds per attempt, or -1 when unknown or there were no attempts. */
    public double clientCpuNanosPerAttempt() {
        long attempts = measurement.attempts();
        return clientCpuNanos == ProcessCpu.UNKNOWN || attempts == 0 ? -1 : (double) clientCpuNanos / attempts;
    }
}
