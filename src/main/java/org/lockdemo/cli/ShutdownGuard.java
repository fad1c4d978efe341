package org.lockdemo.cli;

import java.util.ArrayDeque;
import java.util.Deque;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import org.lockdemo.race.StopSignal;

/**
 * What a Ctrl-C or SIGTERM must do: ask the run to stop, give the command time to print, write and
 * clean up, and then close whatever is still open (the embedded server) so no process is left
 * behind. Thread-safe: commands register and the shutdown hook runs on another thread.
 */
public final class ShutdownGuard {
    private static final long GRACE_SECONDS = 15;
    private static final long EXIT_NOW_CLOSE_SECONDS = 5;

    private final StopSignal stop = new StopSignal();
    private final CountDownLatch finished = new CountDownLatch(1);
    private final Deque<AutoCloseable> resources = new ArrayDeque<>();

    public StopSignal stopSignal() {
        return stop;
    }

    /** The command's cleanup is done; the hook need not wait any longer. */
    public void finished() {
        finished.countDown();
    }

    /** Closes {@code r} at shutdown if the command has not closed it itself (closing must be idempotent). */
    public synchronized void register(AutoCloseable r) {
        resources.push(r);
    }

    public synchronized void unregister(AutoCloseable r) {
        resources.remove(r);
    }

    /** Body of the JVM shutdown hook. */
    public void onShutdown() {
        stop.request("interrupted by a signal (Ctrl-C or SIGTERM)");
        try {
            finished.await(GRACE_SECONDS, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        closeRemaining();
    }

    /**
     * A second Ctrl-C: close what would otherwise be orphaned (the embedded server, its temporary
     * directory) and let the shutdown hook return at once instead of waiting for the run, so the
     * JVM exits with the first Ctrl-C's code (130) after its own exit tasks (files registered for
     * deletion on exit). Tables of a run on a server of the user's are left; 'lockdemo cleanup'
     * removes them. Should the JVM still be running {@link #EXIT_NOW_CLOSE_SECONDS} later, it is halted.
     */
    public void exitNow(int code) {
        System.err.println("lockdemo: second Ctrl-C: exiting now, without results; "
                + "tables left on a server of yours are removed by 'lockdemo cleanup'");
        Thread closer = new Thread(() -> {
            closeRemaining();
            finished.countDown();
        }, "lockdemo-exit-now");
        closer.setDaemon(true);
        closer.start();
        try {
            closer.join(TimeUnit.SECONDS.toMillis(EXIT_NOW_CLOSE_SECONDS));
            Thread.sleep(TimeUnit.SECONDS.toMillis(EXIT_NOW_CLOSE_SECONDS)); // the JVM normally exits meanwhile
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        Runtime.getRuntime().halt(code);
    }

    private synchronized void closeRemaining() {
        while (!resources.isEmpty()) {
            AutoCloseable r = resources.pop();
            try {
                r.close();
            } catch (Exception e) {
                System.err.println("lockdemo: while shutting down, closing " + r + " failed: " + e.getMessage());
            }
        }
    }
}
