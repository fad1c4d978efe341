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
        int maxRetries) {

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
    }

    public boolean hotKey() {
        return keys == 0;
    }
}
