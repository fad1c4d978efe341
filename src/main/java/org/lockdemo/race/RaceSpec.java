package org.lockdemo.race;

import java.time.Duration;
import java.util.List;
import org.lockdemo.model.Isolation;
import org.lockdemo.strategy.StrategyKind;

/**
 * One validated, immutable description of a race run, built by the command line.
 *
 * @param rounds          attempts per thread; 0 when the run is bounded by {@code duration}
 * @param duration        how long each strategy runs; null when bounded by {@code rounds}
 * @param keys            0: every round puts all threads on one fresh key at a barrier (hot key);
 *                        K &gt; 0: each attempt picks one of K keys at random (seeded)
 * @param lockTimeout     bound on each lock wait; zero waits forever
 * @param lockViewInterval pause between polls of the server's lock view
 * @param maxRetries      retries of a serialization failure or deadlock (strategies that retry)
 * @param ratePerSecond   0: closed loop (each worker starts its next attempt when the previous one
 *                        ended); &gt; 0: open loop at this many attempts per second over all threads,
 *                        latency measured from each attempt's intended start (needs {@code keys > 0})
 * @param statementDelay  waited before every statement of an attempt ({@code --statement-delay}):
 *                        a remote server's round trip, or an ORM's time between statements; zero: none
 */
public record RaceSpec(
        List<StrategyKind> strategies,
        int threads,
        int rounds,
        Duration duration,
        int keys,
        long holdMillis,
        Isolation isolation,
        long seed,
        Duration lockTimeout,
        Duration lockViewInterval,
        boolean keep,
        int maxRetries,
        double ratePerSecond,
        Duration statementDelay) {

    public static final int MAX_THREADS = 4096;

    public RaceSpec {
        strategies = List.copyOf(strategies);
        if (strategies.isEmpty()) {
            throw new IllegalArgumentException("no strategy");
        }
        if (threads < 1 || threads > MAX_THREADS) {
            throw new IllegalArgumentException("threads out of range: " + threads);
        }
        if ((rounds > 0) == (duration != null)) {
            throw new IllegalArgumentException("exactly one of rounds and duration");
        }
        if (keys < 0 || holdMillis < 0 || maxRetries < 0) {
            throw new IllegalArgumentException("negative keys or hold");
        }
        if (ratePerSecond < 0 || Double.isNaN(ratePerSecond) || Double.isInfinite(ratePerSecond)
                || (ratePerSecond > 0 && keys == 0)) {
            throw new IllegalArgumentException("rate " + ratePerSecond + " with keys " + keys);
        }
        if (statementDelay.isNegative()) {
            throw new IllegalArgumentException("negative statement delay " + statementDelay);
        }
    }

    /** A closed-loop run without a statement delay. */
    public RaceSpec(List<StrategyKind> strategies, int threads, int rounds, Duration duration, int keys,
            long holdMillis, Isolation isolation, long seed, Duration lockTimeout, Duration lockViewInterval,
            boolean keep, int maxRetries) {
        this(strategies, threads, rounds, duration, keys, holdMillis, isolation, seed, lockTimeout, lockViewInterval,
                keep, maxRetries, 0, Duration.ZERO);
    }

    /**
     * This run for {@code kind} alone, bounded by {@code length} instead of rounds: a warm-up with
     * the same threads, keys, pace (an open loop warms up at its rate) and delays.
     */
    public RaceSpec warmUp(StrategyKind kind, Duration length) {
        return new RaceSpec(List.of(kind), threads, 0, length, keys, holdMillis, isolation, seed, lockTimeout,
                lockViewInterval, keep, maxRetries, ratePerSecond, statementDelay);
    }

    /** True for {@code --rate}: attempts start on a timetable, not when the previous one ended. */
    public boolean openLoop() {
        return ratePerSecond > 0;
    }

    public boolean hotKey() {
        return keys == 0;
    }
}
