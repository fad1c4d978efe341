package org.lockdemo.race;

import com.zaxxer.hikari.HikariDataSource;
import java.sql.Connection;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletionService;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorCompletionService;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.lockdemo.db.Dialect;
import org.lockdemo.metrics.Measurement;
import org.lockdemo.metrics.WorkerStats;
import org.lockdemo.strategy.GetOrCreate;
import org.lockdemo.strategy.StrategyKind;

/**
 * Runs one strategy's workers from a common start line to the end of the schedule, with the
 * lock-view sampler beside them, and merges what they measured. Not thread-safe: one runner thread
 * calls {@link #run()} once.
 */
final class StrategyRun {
    /**
     * What one strategy's workers measured, how blocked waits were counted, and when the start line
     * released them ({@link System#nanoTime()}; 0 if it never did).
     */
    record Measured(Measurement measurement, String lockViewNote, long startLineNanos) {
    }

    private final RaceSpec spec;
    private final StrategyKind kind;
    private final GetOrCreate strategy;
    private final HikariDataSource pool;
    private final Dialect dialect;
    private final Connection samplerConnection;
    private final StopSignal stop;
    private final WorkerSlot[] slots;

    StrategyRun(RaceSpec spec, StrategyKind kind, GetOrCreate strategy, HikariDataSource pool, Dialect dialect,
            Connection samplerConnection, StopSignal stop) {
        this.spec = spec;
        this.kind = kind;
        this.strategy = strategy;
        this.pool = pool;
        this.dialect = dialect;
        this.samplerConnection = samplerConnection;
        this.stop = stop;
        this.slots = new WorkerSlot[spec.threads()];
        for (int i = 0; i < slots.length; i++) {
            slots[i] = new WorkerSlot();
        }
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

        BlockedWaitSampler sampler = new BlockedWaitSampler(dialect.lockView(), samplerConnection, slots,
                spec.lockViewInterval().toNanos());
        Thread samplerThread = new Thread(sampler, "lockdemo-lockview-" + kind.id());
        samplerThread.setDaemon(true);
        samplerThread.start();

        AtomicInteger n = new AtomicInteger();
        ExecutorService executor = Executors.newFixedThreadPool(threads, r -> {
            Thread t = new Thread(r, "lockdemo-" + kind.id() + "-w" + n.getAndIncrement());
            t.setDaemon(true);
            return t;
        });
        CompletionService<WorkerStats> done = new ExecutorCompletionService<>(executor);
        List<Future<WorkerStats>> futures = new ArrayList<>();
        for (int i = 0; i < threads; i++) {
            futures.add(done.submit(new Worker(i, schedule, strategy, pool, dialect, slots[i], holdNanos, stop)));
        }
        List<WorkerStats> stats = new ArrayList<>();
        Throwable failure = null;
        long endNanos;
        try {
            for (int i = 0; i < threads; i++) {
                Future<WorkerStats> f = waitForNext(done, schedule);
                try {
                    stats.add(f.get());
                } catch (ExecutionException e) {
                    // a worker died of an Error: stop the others at their next barrier and report it
                    schedule.abort();
                    if (failure == null) {
                        failure = e.getCause();
                    }
                }
            }
            endNanos = System.nanoTime();
        } finally {
            executor.shutdownNow();
            executor.awaitTermination(30, TimeUnit.SECONDS);
            sampler.stop();
            samplerThread.join(TimeUnit.SECONDS.toMillis(10));
        }
        if (failure != null) {
            throw new IllegalStateException("a " + kind.id() + " worker failed: " + failure, failure);
        }
        long elapsed = endNanos - schedule.startNanos();
        String note = "lock view polled " + sampler.polls() + " times"
                + (sampler.failure() == null ? "" : "; " + sampler.failure());
        return new Measured(Measurement.merge(stats, schedule.startNanos() == 0 ? 0 : elapsed, sampler.blockedWaits()),
                note, schedule.startNanos());
    }

    /** Takes the next finished worker; if a stop is requested meanwhile, releases waiting workers. */
    private Future<WorkerStats> waitForNext(CompletionService<WorkerStats> done, KeySchedule schedule)
            throws InterruptedException {
        boolean aborted = false;
        while (true) {
            Future<WorkerStats> f = done.poll(50, TimeUnit.MILLISECONDS);
            if (f != null) {
                return f;
            }
            if (stop.isRequested() && !aborted) {
                schedule.abort();
                aborted = true;
            }
        }
    }
}
