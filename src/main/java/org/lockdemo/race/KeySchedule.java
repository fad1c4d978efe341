package org.lockdemo.race;

import org.HdrHistogram.Histogram;

/**
 * Decides which key each attempt uses and when a worker is done. Implementations say their own
 * thread-safety; each worker calls {@link #next(int)} only with its own index.
 */
interface KeySchedule {
    /** The key index for worker {@code worker}'s next attempt, or -1 when it is done. */
    long next(int worker) throws InterruptedException;

    /**
     * Ends the run early (a stop or a failure): every worker waiting in {@link #next(int)} now, and
     * every later call, returns -1.
     */
    void abort();

    /** {@link System#nanoTime()} when all workers were released at the start line; 0 before. */
    long startNanos();

    /**
     * Open loop: the {@link System#nanoTime()} at which the attempt last handed to {@code worker} was
     * meant to start, which its latency is measured from; -1 in a closed loop (latency is measured
     * from the actual start). Call only from that worker.
     */
    default long intendedStartNanos(int worker) {
        return -1;
    }

    /**
     * Attempts of {@code worker} that the open loop's timetable meant to start before the deadline
     * but that it was too late to start; 0 in a closed loop. Read after the worker's last
     * {@link #next(int)}.
     */
    default long unstarted(int worker) {
        return 0;
    }

    /**
     * The worker's attempt ended; {@code raced} if it raced for its key (see {@code Attempt#raced()}).
     * Call from that worker, after the attempt and before its next {@link #next(int)}.
     */
    default void attemptEnded(int worker, boolean raced) {
    }

    /**
     * The spread of each release from the start line, in nanoseconds: from the first worker to the
     * last leaving it. Read after the workers ended.
     */
    Histogram startSpreadNanos();

    /** Hot key: racers per round (attempts that raced, winner included); null where there are no rounds. */
    default Histogram racersPerRound() {
        return null;
    }
}
