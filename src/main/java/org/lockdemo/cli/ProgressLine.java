package org.lockdemo.cli;

import java.io.PrintWriter;
import java.util.Locale;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;
import java.util.function.LongSupplier;
import org.lockdemo.race.RaceListener;
import org.lockdemo.race.StrategyResult;
import org.lockdemo.strategy.RaceStrategy;

/**
 * A progress line on stderr, refreshed every second once a strategy has run for two seconds.
 * Thread-safety: the listener methods are called by the runner thread; the refresh runs on one
 * daemon thread; the current strategy is handed over through volatile fields.
 */
final class ProgressLine implements RaceListener, AutoCloseable {
    private static final long SHOW_AFTER_NANOS = 2_000_000_000L;

    private final PrintWriter err;
    private final ScheduledExecutorService timer;
    private volatile RaceStrategy current;
    private volatile LongSupplier attempts;
    private volatile long startedNanos;
    private volatile boolean shown;
    private ScheduledFuture<?> task;

    ProgressLine(PrintWriter err, boolean enabled) {
        this.err = err;
        this.timer = enabled ? Executors.newSingleThreadScheduledExecutor(r -> {
            Thread t = new Thread(r, "lockdemo-progress");
            t.setDaemon(true);
            return t;
        }) : null;
        if (timer != null) {
            task = timer.scheduleAtFixedRate(this::refresh, 1, 1, TimeUnit.SECONDS);
        }
    }

    @Override
    public void strategyStarted(RaceStrategy strategy, LongSupplier attemptsSoFar) {
        attempts = attemptsSoFar;
        startedNanos = System.nanoTime();
        current = strategy;
    }

    @Override
    public void strategyFinished(StrategyResult result) {
        current = null;
        clear();
    }

    private void refresh() {
        RaceStrategy k = current;
        LongSupplier a = attempts;
        if (k == null || a == null) {
            return;
        }
        long elapsed = System.nanoTime() - startedNanos;
        if (elapsed < SHOW_AFTER_NANOS) {
            return;
        }
        long n = a.getAsLong();
        synchronized (err) {
            err.print(String.format(Locale.US, "\r%-10s %6.1f s  %,d attempts  %,.0f/s   ", k.id(), elapsed / 1e9, n,
                    n * 1e9 / elapsed));
            err.flush();
            shown = true;
        }
    }

    private void clear() {
        if (shown) {
            synchronized (err) {
                err.print("\r" + " ".repeat(60) + "\r");
                err.flush();
                shown = false;
            }
        }
    }

    @Override
    public void close() {
        if (timer != null) {
            task.cancel(false);
            timer.shutdownNow();
        }
        clear();
    }
}
