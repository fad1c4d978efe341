package org.lockdemo.race;

import org.HdrHistogram.Histogram;
import java.sql.Connection;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CompletionService;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorCompletionService;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicInteger;
import org.lockdemo.db.Cluster;
import org.lockdemo.db.Dialect;
import org.lockdemo.db.LockView;
import org.lockdemo.db.StrategyTable;
import org.lockdemo.db.WorkerPools;
import org.lockdemo.metrics.Measurement;
import org.lockdemo.metrics.ProcessCpu;
import org.lockdemo.metrics.WorkerStats;
import org.lockdemo.strategy.GetOrCreate;
import org.lockdemo.strategy.GetOrCreateMany;
import org.lockdemo.strategy.RaceSchema;
import org.lockdemo.strategy.RaceStrategy;
import org.lockdemo.strategy.StrategyOptions;

/**
 * Runs one strategy's workers from a common start line to the end of the schedule, with the
 * lock-view samplers beside them, and merges what they measured. With several database nodes the
 * threads are spread over them round-robin (worker {@code i} on node {@code i % nodes}), each node
 * with its own pool and its own sampler, since session ids are per server. Not thread-safe: one
 * runner thread calls {@link #run()} once. Every worker failure is reported (the first, with the
 * others suppressed in it), and after an abort the wait for the workers is bounded
 * ({@link WorkerJoin}).
 */
final class StrategyRun {
    /**
     * What one strategy's workers measured, not yet merged, so the runner can still relabel an
     * outcome per node with what it learns from the servers afterwards; and how blocked waits were
     * counted.
     *
     * @param perNode        the stats of the workers on each node, in node order (one entry for one node)
     * @param blockedPerNode blocked waits the lock view saw on each node
     * @param clientCpuNanos CPU time of the whole lockdemo process from just before the workers were
     *                       started to just after the last one ended, or {@link ProcessCpu#UNKNOWN}
     * @param startLineNanos {@link System#nanoTime()} when the start line released the workers; 0 if
     *                       it never did
     * @param startSpreadNanos the start line's spread per release ({@link StartLine})
     * @param racersPerRound hot key: raced attempts per complete round; null otherwise
     */
    record Measured(List<List<WorkerStats>> perNode, long elapsedNanos, List<Long> blockedPerNode,
            String lockViewNote, long clientCpuNanos, long startLineNanos, Histogram startSpreadNanos,
            Histogram racersPerRound, String answerWarning) {

        /** Every worker's stats merged. */
        Measurement total() {
            List<WorkerStats> all = new ArrayList<>();
            perNode.forEach(all::addAll);
            return Measurement.merge(all, elapsedNanos, blockedPerNode.stream().mapToLong(Long::longValue).sum());
        }

        /** The stats of the workers on node {@code i} merged. */
        Measurement node(int i) {
            return Measurement.merge(perNode.get(i), elapsedNanos, blockedPerNode.get(i));
        }
    }

    private final RaceSpec spec;
    private final RaceStrategy kind;
    private final GetOrCreate strategy;
    private final WorkerPools pools;
    private final Dialect dialect;
    private final List<Connection> samplerConnections;
    private final StopSignal stop;
    private final WorkerSlot[] slots;

    /**
     * @param pools              the workers' pools, per node sized to the threads that node gets
     * @param samplerConnections one lock-view connection per node, in the same order
     */
    StrategyRun(RaceSpec spec, RaceStrategy kind, GetOrCreate strategy, WorkerPools pools, Dialect dialect,
            List<Connection> samplerConnections, StopSignal stop) {
        if (pools.nodes() != samplerConnections.size()) {
            throw new IllegalArgumentException("one pool and one sampler connection per node");
        }
        this.spec = spec;
        this.kind = kind;
        this.strategy = strategy;
        this.pools = pools;
        this.dialect = dialect;
        this.samplerConnections = List.copyOf(samplerConnections);
        this.stop = stop;
        this.slots = new WorkerSlot[spec.threads()];
        for (int i = 0; i < slots.length; i++) {
            slots[i] = new WorkerSlot();
        }
    }

    /**
     * The run of {@code kind} on {@code table} over the cluster's nodes: the strategy built for the
     * table and the dialect, on the cluster's pools and lock-view connections.
     */
    static StrategyRun on(RaceSpec spec, RaceStrategy kind, StrategyTable table, Cluster cluster, StopSignal stop)
            throws SQLException {
        Dialect dialect = cluster.dialect();
        GetOrCreate strategy = kind.create(new RaceSchema(table.name(), dialect.jooqDialect(),
                dialect.insertReturning()), new StrategyOptions(spec.maxRetries(), spec.keysPerAttempt()));
        if (strategy.connectionsPerAttempt() > kind.connectionsPerAttempt()) {
            // the pool was sized from the kind's figure: a worker would wait for a connection forever
            throw new IllegalStateException(kind.id() + " uses " + strategy.connectionsPerAttempt()
                    + " connections per attempt but declares " + kind.connectionsPerAttempt());
        }
        return new StrategyRun(spec, kind, strategy, cluster.pools(), dialect, cluster.samplerConnections(), stop);
    }

    /** Attempts started so far, summed racily over the workers; for progress from any thread. */
    long attemptsSoFar() {
        long n = 0;
        for (WorkerSlot s : slots) {
            n += s.attemptsEntered();
        }
        return n;
    }

    Measured run() throws InterruptedException {
        int threads = spec.threads();
        long durationNanos = spec.duration() == null ? 0 : spec.duration().toNanos();
        KeySchedule schedule = spec.hotKey()
                ? new HotKeySchedule(threads, spec.rounds(), durationNanos, stop)
                : new SpreadKeySchedule(threads, spec.keys(), spec.rounds(), durationNanos, spec.seed(), stop,
                        spec.openLoop() ? new OpenLoopTimetable(spec.ratePerSecond(), threads) : null);
        long holdNanos = spec.holdMillis() * 1_000_000L;
        GetOrCreateMany many = spec.severalKeys() ? GetOrCreateMany.of(strategy).orElseThrow(
                () -> new IllegalStateException(kind.id() + " cannot take several keys per attempt")) : null;

        int nodes = pools.nodes();
        List<BlockedWaitSampler> samplers = new ArrayList<>();
        List<Thread> samplerThreads = new ArrayList<>();
        // a client that counts its waits itself (SQLite's busy handler) needs no sampler: the count
        // over the strategy's run is the difference of its totals, exact
        Optional<LockView.ExactWaits> exact = dialect.lockView().exactWaits();
        long waitsBefore = exact.map(LockView.ExactWaits::waits).orElse(0L);
        long callsBefore = exact.map(LockView.ExactWaits::calls).orElse(0L);
        long timedOutBefore = exact.map(LockView.ExactWaits::timedOut).orElse(0L);
        for (int node = 0; node < nodes && exact.isEmpty(); node++) {
            BlockedWaitSampler sampler = new BlockedWaitSampler(dialect.lockView(), samplerConnections.get(node),
                    slotsOf(node), spec.lockViewInterval().toNanos());
            Thread samplerThread = new Thread(sampler, "lockdemo-lockview-" + kind.id() + (nodes == 1 ? "" : "-n" + node));
            samplerThread.setDaemon(true);
            samplerThread.start();
            samplers.add(sampler);
            samplerThreads.add(samplerThread);
        }

        AnswerWatchdog watchdog = null;
        Thread watchdogThread = null;
        if (dialect.overNetwork() && !spec.answerTimeout().isZero()) {
            watchdog = new AnswerWatchdog(slots, spec.answerTimeout().toNanos());
            watchdogThread = new Thread(watchdog, "lockdemo-answers-" + kind.id());
            watchdogThread.setDaemon(true);
            watchdogThread.start();
        }

        ExecutorService executor = Executors.newFixedThreadPool(threads,
                spec.workerThreads().factory("lockdemo-" + kind.id() + "-w"));
        CompletionService<WorkerStats> done = new ExecutorCompletionService<>(executor);
        // the client's cost: everything this process does while the workers run (threads' start-up
        // and the start line included, a few milliseconds at most)
        long cpuBeforeNanos = ProcessCpu.nanos();
        List<Future<WorkerStats>> futures = new ArrayList<>();
        for (int i = 0; i < threads; i++) {
            futures.add(done.submit(new Worker(i, schedule, strategy, pools.forWorker(i), dialect, slots[i],
                    holdNanos, spec.statementDelay().toNanos(), stop, many,
                    many == null ? null : new KeyBatch(spec.keysPerAttempt(), spec.keys(), spec.keyOrder(), spec.seed(), i))));
        }
        WorkerJoin<WorkerStats> join = new WorkerJoin<>(done, threads, stop::isRequested, schedule::abort,
                abortGraceNanos(), kind.id());
        Throwable failure;
        long endNanos;
        long cpuAfterNanos;
        try {
            failure = join.awaitAll();
            endNanos = System.nanoTime();
            cpuAfterNanos = ProcessCpu.nanos();
        } finally {
            executor.shutdownNow();
            executor.awaitTermination(30, TimeUnit.SECONDS);
            for (int node = 0; node < samplers.size(); node++) {
                samplers.get(node).stop();
                samplerThreads.get(node).join(TimeUnit.SECONDS.toMillis(10));
            }
            if (watchdog != null) {
                watchdog.stop();
                watchdogThread.interrupt();
                watchdogThread.join(TimeUnit.SECONDS.toMillis(10));
            }
        }
        if (failure != null) {
            int failed = 1 + failure.getSuppressed().length;
            throw new IllegalStateException((failed == 1 ? "a " + kind.id() + " worker failed: "
                    : failed + " " + kind.id() + " workers failed (the others are suppressed in the cause), the first: ")
                    + failure, failure);
        }
        long elapsed = schedule.startNanos() == 0 ? 0 : endNanos - schedule.startNanos();
        List<Long> blocked = new ArrayList<>();
        List<String> notes = new ArrayList<>();
        List<List<WorkerStats>> perNode = new ArrayList<>();
        for (int node = 0; node < nodes; node++) {
            if (exact.isPresent()) {
                LockView.ExactWaits w = exact.get();
                blocked.add(w.waits() - waitsBefore);
                notes.add("busy handler called " + (w.calls() - callsBefore) + " times in " + (w.waits() - waitsBefore)
                        + " waits, " + (w.timedOut() - timedOutBefore) + " of which ran out of busy_timeout");
            } else {
                BlockedWaitSampler sampler = samplers.get(node);
                blocked.add(sampler.blockedWaits());
                notes.add((nodes == 1 ? "" : "node " + (node + 1) + ": ") + "lock view polled " + sampler.polls()
                        + " times (skipped at " + sampler.skippedTicks() + " ticks where no attempt had lasted an interval)"
                        + (sampler.failure() == null ? "" : "; " + sampler.failure()));
            }
            List<WorkerStats> ofNode = new ArrayList<>();
            for (int i = node; i < threads; i += nodes) {
                ofNode.add(doneValue(futures.get(i)));
            }
            perNode.add(ofNode);
        }
        String answerWarning = watchdog == null || watchdog.aborted() == 0 && watchdog.failure() == null ? null
                : kind.id() + ": " + watchdog.aborted() + " connection" + (watchdog.aborted() == 1 ? "" : "s")
                        + " aborted: a statement had no answer from the server for --answer-timeout ("
                        + spec.answerTimeout().toMillis() + " ms)" + (watchdog.failure() == null ? "" : "; " + watchdog.failure());
        return new Measured(perNode, elapsed, blocked, String.join("; ", notes),
                ProcessCpu.between(cpuBeforeNanos, cpuAfterNanos), schedule.startNanos(),
                schedule.startSpreadNanos().copy(), schedule.racersPerRound() == null ? null : schedule.racersPerRound().copy(),
                answerWarning);
    }

    /** The slots of the workers on {@code node}: worker {@code i} runs on node {@code i % nodes}. */
    private WorkerSlot[] slotsOf(int node) {
        List<WorkerSlot> mine = new ArrayList<>();
        for (int i = node; i < slots.length; i += pools.nodes()) {
            mine.add(slots[i]);
        }
        return mine.toArray(new WorkerSlot[0]);
    }

    /** The stats of a worker whose future has completed normally (every one has, once no failure was seen). */
    private static WorkerStats doneValue(Future<WorkerStats> f) {
        try {
            return f.get(0, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted reading a completed worker's stats", e);
        } catch (ExecutionException | TimeoutException e) {
            throw new IllegalStateException("a worker's stats were read before it completed", e);
        }
    }

    /**
     * How long the workers may take to end after an abort: each finishes the attempt it is in, whose
     * lock waits end by --lock-timeout (or when the others' attempts end and release their locks),
     * then holds the lock --hold-ms; 30 s beyond that is a stuck statement or driver, reported so.
     */
    private long abortGraceNanos() {
        long lockTimeoutNanos = spec.lockTimeout() == null ? 0 : spec.lockTimeout().toNanos();
        return TimeUnit.SECONDS.toNanos(30) + lockTimeoutNanos + spec.holdMillis() * 1_000_000L;
    }
}
