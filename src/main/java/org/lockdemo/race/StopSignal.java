package org.lockdemo.race;

/**
 * Asks a run to stop early (Ctrl-C, a run deadline). Thread-safe: any thread may request, workers
 * and the runner poll; the first reason wins.
 */
public final class StopSignal {
    private volatile String reason;

    public void request(String why) {
        synchronized (this) {
            if (reason == null) {
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
}
