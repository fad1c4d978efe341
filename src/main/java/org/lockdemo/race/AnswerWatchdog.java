package org.lockdemo.race;

import java.sql.SQLException;
import java.util.concurrent.Executor;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.lockdemo.metrics.ErrorMessages;

/**
 * Bounds how long a worker's statement waits for the server's answer ({@code --answer-timeout}):
 * a server that stopped answering without closing its connections (a network partition, a frozen
 * host) would otherwise leave the workers waiting forever, since the race's pooled connections read
 * without a socket timeout (see {@code db.BlockingSocketFactory}: a timed read costs three system
 * calls where an untimed one costs one).
 *
 * <p>Every tick it reads each worker's statement sequence ({@link WorkerSlot#statementSeq()}, odd
 * while a statement waits for its answer). A worker whose sequence is odd and has not moved since
 * the watchdog first saw it that long ago has its connections aborted: the statement fails as a lost
 * connection, is counted so, and the pool opens a new connection for the next attempt. Since the
 * watchdog first sees a statement at most one tick after it was sent, it aborts one at the earliest
 * {@code --answer-timeout} and at the latest {@code --answer-timeout} plus one tick after it was
 * sent. Workers pay for it with two plain stores per statement and nothing else.
 *
 * <p>Thread-safe: {@link #run()} on its own thread; {@link #stop()} and the counts from any thread.
 */
final class AnswerWatchdog implements Runnable {
    private final WorkerSlot[] slots;
    private final long timeoutNanos;
    private final long tickNanos;
    private final long[] lastSeq;
    private final long[] seenAtNanos;
    private final AtomicInteger aborted = new AtomicInteger();
    private volatile boolean stopped;
    private volatile String failure;
    /** pgjdbc and Connector/J close the socket on this executor: on the watchdog's own thread. */
    private static final Executor ON_THIS_THREAD = Runnable::run;

    /** The longest pause between two looks at the workers. */
    static final long MAX_TICK_NANOS = TimeUnit.SECONDS.toNanos(1);

    /**
     * @param timeoutNanos how long a statement may wait for its answer; positive
     */
    AnswerWatchdog(WorkerSlot[] slots, long timeoutNanos) {
        if (timeoutNanos <= 0) {
            throw new IllegalArgumentException("answer timeout must be positive, got " + timeoutNanos + " ns");
        }
        this.slots = slots.clone();
        this.timeoutNanos = timeoutNanos;
        this.tickNanos = Math.max(TimeUnit.MILLISECONDS.toNanos(10), Math.min(MAX_TICK_NANOS, timeoutNanos / 10));
        this.lastSeq = new long[slots.length];
        this.seenAtNanos = new long[slots.length];
    }

    @Override
    public void run() {
        while (!stopped) {
            look(System.nanoTime());
            try {
                TimeUnit.NANOSECONDS.sleep(tickNanos);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return; // stopped: the run is over
            }
        }
    }

    /** One look at every worker at {@code nowNanos}; package-private for tests. */
    void look(long nowNanos) {
        for (int i = 0; i < slots.length; i++) {
            long seq = slots[i].statementSeq();
            if ((seq & 1) == 0) {
                lastSeq[i] = seq; // no statement waits for an answer
                continue;
            }
            if (seq != lastSeq[i]) {
                lastSeq[i] = seq;
                seenAtNanos[i] = nowNanos;
            } else if (nowNanos - seenAtNanos[i] >= timeoutNanos) {
                lastSeq[i] = seq + 1; // this statement is dealt with: not aborted twice
                try {
                    aborted.addAndGet(slots[i].abortConnections(ON_THIS_THREAD));
                } catch (SQLException e) {
                    if (failure == null) {
                        failure = "could not abort a connection without an answer: " + ErrorMessages.oneLine(e);
                    }
                }
            }
        }
    }

    /** Ends {@link #run()} at its next tick. */
    void stop() {
        stopped = true;
    }

    /** Connections aborted because a statement on them had no answer in time. */
    int aborted() {
        return aborted.get();
    }

    /** The first failure to abort one, or null. */
    String failure() {
        return failure;
    }
}
