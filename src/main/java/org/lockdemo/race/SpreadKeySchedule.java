package org.lockdemo.race;

import org.HdrHistogram.Histogram;
import java.util.SplittableRandom;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.LockSupport;

/**
 * A realistic mix: after one common start line, each worker picks keys uniformly from
 * {@code [0, keys)} with its own random stream derived from the seed, so the same seed gives the
 * same key sequence per worker.
 *
 * <p>Closed loop (no timetable): a worker's next attempt starts when its previous one ended.
 * Open loop (a {@link OpenLoopTimetable}, {@code --rate}): each attempt has an intended start;
 * {@link #next} parks the worker until then, or returns at once when the worker is behind. With a
 * duration, the timetable ends with the last intended start before the deadline, and no attempt
 * starts after the deadline: those a worker is too late for are counted as {@link #unstarted}, so
 * attempts + unstarted = the timetable's count exactly.
 *
 * <p>Thread-safe; per-worker state is touched only by its worker (and read by the runner after the
 * workers joined).
 */
final class SpreadKeySchedule implements KeySchedule {
    private static final long MAX_PARK_NANOS = TimeUnit.MILLISECONDS.toNanos(10);
    private final StartLine startLine;
    private final int keys;
    private final long durationNanos;
    private final StopSignal stop;
    private volatile long deadlineNanos;
    private final SplittableRandom[] random;
    private final int[] attemptsLeft;
    private final boolean[] started;
    private volatile boolean aborted;
    private volatile long startNanos;
    private boolean spreadRecorded;
    /** Null in closed loop. */
    private final OpenLoopTimetable timetable;
    private final long[] taken;
    private final long[] intendedNanos;
    private final long[] unstarted;

    /** A closed-loop schedule. @param rounds attempts per worker, or 0 to run for {@code durationNanos} */
    SpreadKeySchedule(int threads, int keys, int rounds, long durationNanos, long seed, StopSignal stop) {
        this(threads, keys, rounds, durationNanos, seed, stop, null);
    }

    /**
     * @param rounds    attempts per worker, or 0 to run for {@code durationNanos} from the start line
     * @param timetable the open loop's intended starts, or null for a closed loop
     */
    SpreadKeySchedule(int threads, int keys, int rounds, long durationNanos, long seed, StopSignal stop,
            OpenLoopTimetable timetable) {
        this.timetable = timetable;
        this.taken = new long[threads];
        this.intendedNanos = new long[threads];
        this.unstarted = new long[threads];
        this.keys = keys;
        this.durationNanos = durationNanos;
        this.stop = stop;
        this.startLine = new StartLine(threads, () -> {
            long now = System.nanoTime();
            deadlineNanos = now + durationNanos;
            startNanos = now;
        });
        this.random = new SplittableRandom[threads];
        this.attemptsLeft = new int[threads];
        this.started = new boolean[threads];
        SplittableRandom root = new SplittableRandom(seed);
        for (int i = 0; i < threads; i++) {
            random[i] = root.split();
            attemptsLeft[i] = rounds > 0 ? rounds : -1;
        }
    }

    @Override
    public long next(int worker) throws InterruptedException {
        if (!started[worker]) {
            started[worker] = true;
            if (!startLine.await(worker)) {
                return -1;
            }
            startLine.left(worker);
        }
        if (aborted || stop.isRequested()) {
            return -1;
        }
        if (attemptsLeft[worker] >= 0) {
            if (attemptsLeft[worker] == 0) {
                return -1;
            }
            attemptsLeft[worker]--;
        } else if (timetable == null && System.nanoTime() - deadlineNanos >= 0) {
            return -1;
        }
        if (timetable != null && !paced(worker)) {
            return -1;
        }
        return random[worker].nextInt(keys);
    }

    /** Open loop: waits for the worker's next intended start; false when its part of the run is over. */
    private boolean paced(int worker) throws InterruptedException {
        long k = taken[worker];
        long intended = startNanos + timetable.offsetNanos(worker, k);
        boolean timed = attemptsLeft[worker] < 0;
        if (timed && intended - deadlineNanos >= 0) {
            return false; // the timetable's end: every intended start before the deadline was taken
        }
        if (timed && System.nanoTime() - deadlineNanos >= 0) {
            // behind schedule at the deadline: what was meant to start before it but did not
            unstarted[worker] = timetable.countBefore(worker, durationNanos) - k;
            return false;
        }
        while (true) {
            long leftNanos = intended - System.nanoTime();
            if (leftNanos <= 0) {
                break;
            }
            if (aborted || stop.isRequested()) {
                return false;
            }
            // wake at least every 10 ms to notice a stop; the remaining wait is re-read from the clock
            LockSupport.parkNanos(this, Math.min(leftNanos, MAX_PARK_NANOS));
            if (Thread.interrupted()) {
                throw new InterruptedException("stopped while waiting for the next intended start");
            }
        }
        taken[worker] = k + 1;
        intendedNanos[worker] = intended;
        return true;
    }

    @Override
    public long intendedStartNanos(int worker) {
        return timetable == null ? -1 : intendedNanos[worker];
    }

    @Override
    public long unstarted(int worker) {
        return unstarted[worker];
    }

    @Override
    public void abort() {
        aborted = true;
        startLine.abort();
    }

    /** The one start line's spread, once every worker left it (read after the workers ended). */
    @Override
    public Histogram startSpreadNanos() {
        if (!spreadRecorded) {
            spreadRecorded = true;
            startLine.recordFinalSpread();
        }
        return startLine.spreadNanos();
    }

    @Override
    public long startNanos() {
        return startNanos;
    }
}
