package org.lockdemo.race;

import java.time.Duration;

/**
 * A warm-up run (race {@code --warmup}): the same strategy, threads and keys, on a throwaway table,
 * before the measured run, so the JIT has compiled the hot path and the pool's connections have
 * prepared their statements; nothing of it is counted in the result. Immutable.
 *
 * @param duration       how long it was asked to run
 * @param elapsedNanos   from its start line to its last worker's end
 * @param attempts       attempts it ran (not counted anywhere else)
 * @param table          the throwaway table, dropped afterwards unless {@code --keep}
 */
public record Warmup(Duration duration, long elapsedNanos, long attempts, String table) {

    /** What a warm-up of {@code duration} on {@code table} measured: only its length and count are kept. */
    static Warmup of(Duration duration, StrategyRun.Measured measured, String table) {
        return new Warmup(duration, measured.elapsedNanos(), measured.total().attempts(), table);
    }
}
