package org.lockdemo.race;

import com.zaxxer.hikari.HikariDataSource;
import java.sql.Connection;
import java.sql.SQLException;
import java.util.concurrent.Callable;
import org.lockdemo.db.Dialect;
import org.lockdemo.metrics.ErrorMessages;
import org.lockdemo.metrics.WorkerStats;
import org.lockdemo.model.Outcome;
import org.lockdemo.model.RowKey;
import org.lockdemo.model.SqlStep;
import org.lockdemo.strategy.Attempt;
import org.lockdemo.strategy.GetOrCreate;

/**
 * One client thread: takes keys from the schedule and runs one attempt per key, each on a
 * connection borrowed from the pool, recording exactly one outcome per attempt in a finally.
 * Not thread-safe: one thread runs {@link #call()}; its stats are read after it returned.
 */
final class Worker implements Callable<WorkerStats> {
    private final int index;
    private final KeySchedule schedule;
    private final GetOrCreate strategy;
    private final HikariDataSource pool;
    private final Dialect dialect;
    private final WorkerSlot slot;
    private final StopSignal stop;
    private final Attempt attempt;
    private final WorkerStats stats = new WorkerStats();

    Worker(int index, KeySchedule schedule, GetOrCreate strategy, HikariDataSource pool, Dialect dialect,
            WorkerSlot slot, long holdNanos, StopSignal stop) {
        this.index = index;
        this.schedule = schedule;
        this.strategy = strategy;
        this.pool = pool;
        this.dialect = dialect;
        this.slot = slot;
        this.stop = stop;
        this.attempt = new Attempt(dialect.classifier(), holdNanos);
    }

    @Override
    public WorkerStats call() {
        try {
            for (long key = schedule.next(index); key >= 0; key = schedule.next(index)) {
                runAttempt(key);
                if (Thread.currentThread().isInterrupted()) {
                    break;
                }
            }
            stats.unstarted(schedule.unstarted(index));
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt(); // the runner asked us to stop; the stats so far stand
        }
        return stats;
    }

    private void runAttempt(long keyIndex) {
        RowKey key = RowKey.ofIndex(keyIndex);
        attempt.reset();
        stats.attemptStarted();
        Outcome outcome = Outcome.OTHER_ERROR;
        long acquireNanos = -1;
        long t0 = System.nanoTime();
        // open loop: latency counts from the intended start, so time spent behind schedule (a stall
        // of this worker's earlier attempts) shows in the tail instead of being omitted
        long intendedNanos = schedule.intendedStartNanos(index);
        long latencyFromNanos = t0;
        if (intendedNanos >= 0) {
            stats.scheduleLag(t0 - intendedNanos);
            latencyFromNanos = intendedNanos;
        }
        Connection c;
        try {
            c = pool.getConnection();
        } catch (SQLException e) {
            if (Thread.currentThread().isInterrupted()) {
                // the runner stopped us while we waited for a connection (Hikari keeps the flag)
                outcome = Outcome.INTERRUPTED;
            } else {
                // The pool is sized to the threads, so it never runs dry: it waited the whole
                // connectionTimeout (--connect-timeout) and could not open a connection. The database
                // is gone; stop the run rather than let every worker wait that long for each attempt.
                outcome = Outcome.CONNECTION_LOST;
                stats.errorSeen(outcome, attempt.step(), e, dialect.classifier());
                stop.request(StopSignal.Cause.DATABASE_LOST, "no connection to the database within --connect-timeout ("
                        + pool.getConnectionTimeout() + " ms): " + ErrorMessages.oneLine(e));
            }
            long endNanos = System.nanoTime();
            // counted in the timeline too, so its seconds still add up to the attempts
            stats.attemptEndedAt(endNanos - schedule.startNanos(), false);
            stats.attemptEnded(outcome, endNanos - latencyFromNanos, 0, -1, false, false, keyIndex, 0);
            return;
        }
        try (c) {
            acquireNanos = System.nanoTime() - t0;
            slot.enter(dialect.sessionId(c));
            outcome = attemptOn(c, key);
        } catch (SQLException e) {
            // returning the connection failed
            outcome = dialect.classifier().classify(e, attempt.step());
            stats.errorSeen(outcome, attempt.step(), e, dialect.classifier());
        } finally {
            slot.exit();
            long endNanos = System.nanoTime();
            stats.attemptEndedAt(endNanos - schedule.startNanos(), outcome.isSuccess());
            stats.commitOutcomeUnknown(attempt.insertOutcomeUnknown(), attempt.incrementOutcomeUnknown(), keyIndex);
            stats.attemptEnded(outcome, endNanos - latencyFromNanos, attempt.lockNanos(), acquireNanos,
                    attempt.insertCommitted(), attempt.incrementCommitted(), keyIndex, attempt.retries());
        }
    }

    private Outcome attemptOn(Connection c, RowKey key) {
        Outcome outcome;
        try {
            outcome = strategy.attempt(c, key, attempt);
            if (!outcome.isSuccess()) {
                rollback(c, null);
            }
        } catch (SQLException e) {
            outcome = attempt.classify(e);
            stats.errorSeen(outcome, attempt.step(), e, dialect.classifier());
            rollback(c, e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            outcome = Outcome.INTERRUPTED;
            rollback(c, null);
        } catch (RuntimeException e) {
            outcome = Outcome.OTHER_ERROR;
            stats.errorSeen(outcome, attempt.step(), e);
            rollback(c, null);
        }
        return outcome;
    }

    /** Rolls back; a connection that cannot even roll back is evicted from the pool, not reused. */
    private void rollback(Connection c, SQLException cause) {
        try {
            attempt.rollback(c);
        } catch (SQLException e) {
            if (cause != null) {
                cause.addSuppressed(e);
            }
            pool.evictConnection(c);
        }
    }

    /** The step the attempt is on; for tests and diagnostics. */
    SqlStep step() {
        return attempt.step();
    }
}
