package org.lockdemo.it;

import java.time.Duration;
import java.util.concurrent.Callable;
import java.util.concurrent.locks.LockSupport;

/** Polls a state until it holds or a deadline passes: how the fault tests wait, never by sleeping. */
final class Poll {
    private static final long INTERVAL_NANOS = 10_000_000;

    private Poll() {
    }

    /** Returns once {@code state} answers true; fails with {@code what} after {@code timeout}. */
    static void until(Duration timeout, String what, Callable<Boolean> state) throws Exception {
        long deadline = System.nanoTime() + timeout.toNanos();
        while (!state.call()) {
            if (System.nanoTime() > deadline) {
                throw new AssertionError("timed out after " + timeout.toSeconds() + " s waiting for " + what);
            }
            LockSupport.parkNanos(INTERVAL_NANOS);
        }
    }
}
