package org.lockdemo.race;

import java.util.concurrent.Phaser;
import org.HdrHistogram.Histogram;

/**
 * Where the workers line up: every worker arrives, the last to arrive runs the round action, and
 * then every waiter is released at once. A {@link Phaser}: its last arrival unparks all waiters, so
 * they leave together; a {@link java.util.concurrent.CyclicBarrier} makes each released waiter take
 * the barrier's lock again, one after another, and at 64 threads the last left about a millisecond
 * after the first -- longer than the winner's whole transaction, so most "racers" only found its row.
 *
 * <p>The spread of each release is measured here: each worker takes {@link System#nanoTime()} as it
 * leaves (before its first statement) into its own slot, and the next round's action, run when
 * every worker has arrived again, records last minus first into {@link #spreadNanos()}. The release
 * into which a run ends, and a round cut short by an abort, are not measured.
 *
 * <p>{@link #abort()} releases every waiter at once and makes every later arrival return at once.
 * Thread-safe: each worker writes only its own slot, the action runs in one thread while the others
 * wait, and the phaser orders both.
 */
final class StartLine {
    /** The round action: runs in the last arriving worker, before any is released. */
    interface Action {
        void run();
    }

    private final Phaser phaser;
    private final long[] releasedNanos;
    private final boolean[] released;
    /** Written only in the action (one thread at a time); read after the workers ended. */
    private final Histogram spreadNanos = new Histogram(3);

    StartLine(int workers, Action action) {
        this.releasedNanos = new long[workers];
        this.released = new boolean[workers];
        this.phaser = new Phaser(workers) {
            @Override
            protected boolean onAdvance(int phase, int registeredParties) {
                recordSpread();
                action.run();
                return false; // only abort() ends it
            }
        };
    }

    /**
     * Arrives and waits until every worker has: false if the run was aborted (now or before).
     * {@code true} means the worker was released; call {@link #left(int)} if it goes on to an attempt.
     */
    boolean await(int worker) throws InterruptedException {
        int phase = phaser.arrive();
        if (phase < 0) {
            return false;
        }
        return phaser.awaitAdvanceInterruptibly(phase) >= 0 && !phaser.isTerminated();
    }

    /** The worker left the start line for an attempt: its timestamp for the spread of this release. */
    void left(int worker) {
        releasedNanos[worker] = System.nanoTime();
        released[worker] = true;
    }

    /** Releases every waiter now, and every later arrival at once: the run is over. Any thread, any number of times. */
    void abort() {
        phaser.forceTermination();
    }

    /** The spreads measured, in nanoseconds: one per release whose workers all left for an attempt. */
    Histogram spreadNanos() {
        return spreadNanos;
    }

    /**
     * For a single start line (no later round action measures it): records the spread of the
     * release now; call once, after every worker ended. Nothing is recorded unless every worker left.
     */
    void recordFinalSpread() {
        recordSpread();
    }

    private void recordSpread() {
        long first = Long.MAX_VALUE;
        long last = Long.MIN_VALUE;
        for (int i = 0; i < releasedNanos.length; i++) {
            if (!released[i]) {
                reset();
                return; // the first release, or one a worker did not leave for an attempt
            }
            first = Math.min(first, releasedNanos[i]);
            last = Math.max(last, releasedNanos[i]);
        }
        spreadNanos.recordValue(last - first);
        reset();
    }

    private void reset() {
        java.util.Arrays.fill(released, false);
    }
}
