package org.lockdemo.race;

/**
 * Asks a run to stop early: Ctrl-C, the run deadline, or a database that went away. Thread-safe:
 * any thread may request, workers and the runner poll; the first request wins, so the reason and
 * the cause printed at the end are those of what actually stopped the run.
 */
public final class StopSignal {
    /** Why a run stops early; each maps to its own exit code. */
    public enum Cause {
        /** Ctrl-C or SIGTERM. */
        INTERRUPTED,
        /** {@code --max-run-time} was reached. */
        DEADLINE,
        /** No connection could be had within {@code --connect-timeout}: the database is gone. */
        DATABASE_LOST
    }

    private volatile String reason;
    private volatile Cause cause;

    /** A stop by a signal (Ctrl-C, SIGTERM). */
    public void request(String why) {
        request(Cause.INTERRUPTED, why);
    }

    public void request(Cause c, String why) {
        synchronized (this) {
            if (reason == null) {
                cause = c;
                reason = why;
            }
        }
    }

    public boolean isRequested() {
        return reason != null;
    }

    /** Why the run was stopped, or null. */
    public String reason() {
        return reason;
    }

    /** What stopped the run, or null; read after {@link #isRequested()} is true. */
    public Cause cause() {
        synchronized (this) {
            return cause;
        }
    }
}
