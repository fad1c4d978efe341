package org.lockdemo.race;

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
}
