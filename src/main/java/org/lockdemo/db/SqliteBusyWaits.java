package org.lockdemo.db;

import java.sql.SQLException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.LongAdder;
import org.sqlite.BusyHandler;

/**
 * Counts every wait of lockdemo's SQLite connections for another connection's lock, from SQLite's
 * busy handler ({@code sqlite3_busy_handler}, through sqlite-jdbc's {@link BusyHandler}), and does
 * the waiting itself. SQLite calls a connection's busy handler only when a lock it needs is held
 * by another connection, with the number of times it was already called for that same lock; a
 * call with 0 is the start of a wait. Counted on the waiting thread as it happens: exact, not
 * sampled. A busy handler replaces SQLite's {@code busy_timeout} (the two are one slot in SQLite),
 * so this one also keeps the timeout: it sleeps SQLite's own back-off ({@code sqliteDefaultBusyCallback}
 * in main.c: 1, 2, 5, 10, 15, 20, 25, 25, 25, 50, 50, 100 ms, then 100 ms) until the timeout, then
 * gives up and SQLite answers {@code SQLITE_BUSY}. Not a delay added to the race: it is SQLite's
 * way of waiting for a file lock, which has no queue to wait in.
 *
 * <p>Thread-safety: the counters are {@link LongAdder}s written by any worker's thread in its
 * handler and read by the race's thread before and after a strategy runs. A handler's own state is
 * its connection's thread's, except {@link Handler#waiting()}, a volatile flag any thread may read.
 */
public final class SqliteBusyWaits implements LockView.ExactWaits {
    private static final long[] DELAYS_MILLIS = {1, 2, 5, 10, 15, 20, 25, 25, 25, 50, 50, 100};

    private final LongAdder waits = new LongAdder();
    private final LongAdder calls = new LongAdder();
    private final LongAdder timedOut = new LongAdder();

    /** Waits begun so far: busy-handler calls with no earlier call for the same lock. */
    @Override
    public long waits() {
        return waits.sum();
    }

    /** Busy-handler calls so far (each a retry of the lock after SQLite's back-off). */
    @Override
    public long calls() {
        return calls.sum();
    }

    /** Waits that ran out of the busy timeout (SQLITE_BUSY to the statement). */
    @Override
    public long timedOut() {
        return timedOut.sum();
    }

    /** A handler for one connection that waits at most {@code timeoutMillis} for each lock. */
    Handler handler(long timeoutMillis) {
        return new Handler(timeoutMillis);
    }

    /** One connection's busy handler. Called on the thread that runs the connection's statement. */
    final class Handler extends BusyHandler {
        private final long timeoutMillis;
        private long waitedMillis;
        private long gaveUp;
        /**
         * Whether the statement running now has called this handler: it waits, or waited, for another
         * connection's lock. Set here on the connection's thread, cleared by {@link SqliteSession} when
         * the statement returns; read by explain's thread, which must see a wait while it lasts.
         */
        private volatile boolean waiting;

        /** Waits of this connection that gave up (timeout or interrupt), so far: read on the connection's thread. */
        long gaveUp() {
            return gaveUp;
        }

        Handler(long timeoutMillis) {
            this.timeoutMillis = timeoutMillis;
        }

        /**
         * Whether the connection's statement in flight is waiting in this handler (or waited and has
         * not yet returned): SQLite calls it only while another connection holds a lock it needs. Any
         * thread.
         */
        boolean waiting() {
            return waiting;
        }

        /** The connection's statement returned: it waits no longer. The connection's thread. */
        void statementEnded() {
            waiting = false;
        }

        /** Called by SQLite on the connection's own thread; {@code previousCalls} is 0 at a wait's first call. */
        @Override
        protected int callback(int previousCalls) throws SQLException {
            waiting = true;
            calls.increment();
            if (previousCalls == 0) {
                waits.increment();
                waitedMillis = 0;
            }
            long delay = DELAYS_MILLIS[Math.min(previousCalls, DELAYS_MILLIS.length - 1)];
            if (timeoutMillis != Long.MAX_VALUE) {
                if (waitedMillis >= timeoutMillis) {
                    timedOut.increment();
                    gaveUp++;
                    return 0; // give up: the statement fails with SQLITE_BUSY
                }
                delay = Math.min(delay, timeoutMillis - waitedMillis);
            }
            try {
                TimeUnit.MILLISECONDS.sleep(delay);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt(); // the run is being stopped: give up the wait at once
                timedOut.increment();
                gaveUp++;
                return 0;
            }
            waitedMillis += delay;
            return 1; // try the lock again
        }
    }
}
