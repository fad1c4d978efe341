package org.lockdemo.race;

import java.util.concurrent.CompletionService;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.function.BooleanSupplier;

/**
 * Waits for a strategy's workers to end, as JMH's runner does: a completion service shows a
 * worker that died at once; then, and when a stop is requested, the others are aborted (released
 * from their barriers to end after their current attempt) and given a bounded time to end. Every
 * worker failure is kept: the first is the one thrown, the later ones are its suppressed
 * exceptions. Not thread-safe: the runner thread calls {@link #awaitAll()} once.
 */
final class WorkerJoin<T> {
    /** How often the wait looks at the stop flag. */
    private static final long POLL_NANOS = TimeUnit.MILLISECONDS.toNanos(50);

    private final CompletionService<T> done;
    private final int workers;
    private final BooleanSupplier stopRequested;
    private final Runnable abort;
    private final long graceNanos;
    private final String what;

    /**
     * @param workers       how many tasks were submitted to {@code done}
     * @param stopRequested whether the run was asked to stop (polled)
     * @param abort         releases the workers waiting in the schedule; called once
     * @param graceNanos    how long the workers may take to end after the abort
     * @param what          names the workers in errors, e.g. {@code "savepoint"}
     */
    WorkerJoin(CompletionService<T> done, int workers, BooleanSupplier stopRequested, Runnable abort, long graceNanos,
            String what) {
        this.done = done;
        this.workers = workers;
        this.stopRequested = stopRequested;
        this.abort = abort;
        this.graceNanos = graceNanos;
        this.what = what;
    }

    /**
     * Waits until every worker ended.
     *
     * @return null when every worker returned; else the first worker's failure, with every later
     *         one suppressed in it
     * @throws WorkersStuckException when workers were still running {@code graceNanos} after the
     *                               abort (the failures seen so far are suppressed in it)
     */
    Throwable awaitAll() throws InterruptedException {
        Throwable failure = null;
        long abortedAtNanos = -1;
        for (int ended = 0; ended < workers; ) {
            Future<T> f = done.poll(POLL_NANOS, TimeUnit.NANOSECONDS);
            if (f != null) {
                ended++;
                try {
                    f.get();
                } catch (ExecutionException e) {
                    // a worker died of an Error: stop the others at their next barrier and report it
                    if (failure == null) {
                        failure = e.getCause();
                    } else {
                        failure.addSuppressed(e.getCause());
                    }
                }
            }
            if (abortedAtNanos < 0 && (failure != null || stopRequested.getAsBoolean())) {
                abort.run();
                abortedAtNanos = System.nanoTime();
            }
            if (abortedAtNanos >= 0 && ended < workers && System.nanoTime() - abortedAtNanos > graceNanos) {
                WorkersStuckException stuck = new WorkersStuckException(what, workers - ended, workers,
                        graceNanos, failure != null ? "a worker failed" : "a stop was requested");
                if (failure != null) {
                    stuck.addSuppressed(failure);
                }
                throw stuck;
            }
        }
        return failure;
    }

    /** Workers that did not end within the grace time after an abort. */
    static final class WorkersStuckException extends IllegalStateException {
        private static final long serialVersionUID = 1L;

        WorkersStuckException(String what, int running, int workers, long graceNanos, String why) {
            super(running + " of " + workers + " " + what + " workers still running "
                    + TimeUnit.NANOSECONDS.toMillis(graceNanos) + " ms after the run was aborted (" + why
                    + "): a statement that does not return (no --lock-timeout?) or a stuck driver call");
        }
    }
}
