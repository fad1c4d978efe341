package org.lockdemo.cli;

import java.time.Duration;
import org.lockdemo.race.StopSignal;

/**
 * {@code --max-run-time}: a timer that asks the run to stop when the deadline is reached. The run
 * then ends as after Ctrl-C (workers stop, partial results, tables dropped) with its own exit code.
 * Thread-safe: started and cancelled by the command's thread, fires on its own daemon thread.
 */
final class RunDeadline {
    private static final RunDeadline NONE = new RunDeadline(null);

    private final Thread timer;

    private RunDeadline(Thread timer) {
        this.timer = timer;
    }

    /** Starts the timer; {@code maxRunTime} null means no deadline. */
    static RunDeadline start(Duration maxRunTime, StopSignal stop) {
        if (maxRunTime == null) {
            return NONE;
        }
        Thread t = new Thread(() -> {
            try {
                Thread.sleep(maxRunTime.toMillis());
                stop.request(StopSignal.Cause.DEADLINE, "--max-run-time " + maxRunTime.toMillis() + "ms reached");
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt(); // cancelled: the run ended first
            }
        }, "lockdemo-max-run-time");
        t.setDaemon(true);
        t.start();
        return new RunDeadline(t);
    }

    void cancel() {
        if (timer != null) {
            timer.interrupt();
        }
    }
}
