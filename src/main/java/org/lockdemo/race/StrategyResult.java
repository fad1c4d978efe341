package org.lockdemo.race;

import java.util.List;
import org.lockdemo.check.Verdict;
import org.lockdemo.metrics.Measurement;
import org.lockdemo.metrics.ProcessCpu;
import org.lockdemo.strategy.RaceStrategy;

/**
 * One strategy's run: what was measured and the verdict of the checks. Immutable.
 *
 * @param table          the table it ran on (dropped afterwards unless --keep)
 * @param lockViewNote   how blocked waits were counted, and any sampling failure
 * @param nodes          per node of a run across a cluster, what its workers measured; empty for
 *                       one server that is not a cluster node
 * @param clientCpuNanos CPU time of the whole lockdemo process (all its threads: workers, the
 *                       lock-view samplers, GC, JIT) while the workers ran, or
 *                       {@link ProcessCpu#UNKNOWN}; the server's CPU is not in it
 * @param warmup         the unreported warm-up run before the measured one, or null if none ran
 * @param intensity      how hard the threads raced, or null where not measured (results made up for tests)
 */
public record StrategyResult(RaceStrategy strategy, Measurement measurement, Verdict verdict,
        String table, String lockViewNote, List<NodeResult> nodes, long clientCpuNanos, Warmup warmup,
        RaceIntensity intensity) {

    public StrategyResult {
        nodes = List.copyOf(nodes);
    }

    /** A result without client CPU figures and without a warm-up (e.g. made up for tests). */
    public StrategyResult(RaceStrategy strategy, Measurement measurement, Verdict verdict, String table,
            String lockViewNote, List<NodeResult> nodes) {
        this(strategy, measurement, verdict, table, lockViewNote, nodes, ProcessCpu.UNKNOWN, null, null);
    }

    /** A run on one server that is not a cluster node, without client CPU figures or warm-up. */
    public StrategyResult(RaceStrategy strategy, Measurement measurement, Verdict verdict, String table,
            String lockViewNote) {
        this(strategy, measurement, verdict, table, lockViewNote, List.of());
    }

    /**
     * Whether the strategy was expected to be safe in this run: on one server its claim, across
     * the nodes of a cluster its claim there ({@link RaceStrategy#expectedSafeAcrossNodes()}).
     */
    public boolean expectedSafe() {
        return nodes.size() > 1 ? strategy.expectedSafeAcrossNodes() : strategy.expectedSafe();
    }

    /** The sum of a counter's deltas over the nodes (e.g. {@code wsrep_local_cert_failures}). */
    public long counterDelta(String name) {
        return nodes.stream().mapToLong(n -> n.counterDelta(name)).sum();
    }

    /** Client CPU nanoseconds per attempt, or -1 when unknown or there were no attempts. */
    public double clientCpuNanosPerAttempt() {
        long attempts = measurement.attempts();
        return clientCpuNanos == ProcessCpu.UNKNOWN || attempts == 0 ? -1 : (double) clientCpuNanos / attempts;
    }
}
