package org.lockdemo.race;

import java.util.concurrent.BrokenBarrierException;
import java.util.concurrent.CyclicBarrier;

/**
 * The thread's race: every round all workers line up at a barrier and then go for the same fresh
 * key. The barrier action (run by the last worker to arrive, before any is released) decides the
 * round's key or that the run is over; the barrier makes those fields visible to every worker.
 * Thread-safe.
 */
final class HotKeySchedule implements KeySchedule {
    private final CyclicBarrier barrier;
    private final int rounds;
    private final long durationNanos;
    private final StopSignal stop;
    private long deadlineNanos;
    // written only in the barrier action, read by workers after the barrier: happens-before via the barrier
    private long round = -1;
    private boolean finished;
    private volatile boolean aborted;
    private volatile long startNanos;

    /** @param rounds rounds to run, or 0 to run for {@code durationNanos} from the start line */
    HotKeySchedule(int threads, int rounds, long durationNanos, StopSignal stop) {
        this.rounds = rounds;
        this.durationNanos = durationNanos;
        this.stop = stop;
        this.barrier = new CyclicBarrier(threads, this::nextRound);
    }

    private void nextRound() {
        long now = System.nanoTime();
        if (round < 0) {
            startNanos = now;
            deadlineNanos = now + durationNanos;
        }
        round++;
        if (stop.isRequested() || (rounds > 0 ? round >= rounds : now - deadlineNanos >= 0)) {
            finished = true;
        }
    }

    @Override
    public long next(int worker) throws InterruptedException {
        try {
            barrier.await();
        } catch (BrokenBarrierException e) {
            return -1; // aborted: another worker failed or the run was stopped
        }
        return finished || aborted ? -1 : round;
    }

    @Override
    public void abort() {
        aborted = true;
        Barriers.breakForGood(barrier);
    }

    @Override
    public long startNanos() {
        return startNanos;
    }
}
