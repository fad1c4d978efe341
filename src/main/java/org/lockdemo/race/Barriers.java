package org.lockdemo.race;

import java.util.concurrent.BrokenBarrierException;
import java.util.concurrent.CyclicBarrier;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

/** Helpers for {@link CyclicBarrier}. Stateless. */
final class Barriers {
    private Barriers() {
    }

    /**
     * Leaves {@code barrier} broken for good: every party waiting in it now, and every party that
     * arrives later, gets {@link BrokenBarrierException} at once. {@link CyclicBarrier#reset()} is
     * not enough to abort a run: it releases the parties waiting now but opens a fresh generation,
     * in which a worker that was still mid-attempt parks forever, waiting for workers that have
     * already left. CyclicBarrier has no "break" method; a timed await that times out breaks it
     * (see its Javadoc), so we arrive with a zero timeout. If that arrival happens to be the last
     * party it trips the barrier instead (running its action in this thread), and we arrive again
     * in the next generation. Callers must make tripped parties see that the run was aborted.
     * Safe to call from any thread, more than once.
     */
    static void breakForGood(CyclicBarrier barrier) {
        if (barrier.getParties() == 1) {
            return; // a single party never waits, and every arrival would trip it
        }
        boolean interrupted = false;
        while (!barrier.isBroken()) {
            try {
                barrier.await(0, TimeUnit.NANOSECONDS);
            } catch (TimeoutException | BrokenBarrierException e) {
                // broken now, by this arrival or another
            } catch (InterruptedException e) {
                interrupted = true; // await broke the barrier before throwing
            }
        }
        if (interrupted) {
            Thread.currentThread().interrupt();
        }
    }
}
