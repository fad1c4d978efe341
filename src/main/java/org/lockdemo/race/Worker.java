package org.lockdemo.race;

import com.zaxxer.hikari.HikariDataSource;
import java.sql.Connection;
import java.sql.SQLException;
import java.util.concurrent.Callable;
import org.lockdemo.db.Dialect;
import java.util.List;
import org.lockdemo.metrics.AttemptRecord;
import org.lockdemo.metrics.KeyParts;
import org.lockdemo.metrics.ErrorMessages;
import org.lockdemo.metrics.WorkerStats;
import org.lockdemo.model.Outcome;
import org.lockdemo.model.RowKey;
import org.lockdemo.strategy.Attempt;
import org.lockdemo.strategy.AttemptState;
import org.lockdemo.strategy.CommitLedger;
import org.lockdemo.strategy.GetOrCreateMany;
import org.lockdemo.strategy.GetOrCreate;

/**
 * One client thread: takes keys from the schedule and runs one attempt per key, recording exactly
 * one outcome per attempt in a finally.
 *
 * <p>The worker borrows a connection from the pool once and keeps it across attempts, as pgbench's
 * clients keep theirs: its statements stay prepared on it (see {@link Attempt}), and no attempt
 * pays for a pool hand-off (HikariCP's borrow, its liveness check of a connection idle for more than
 * {@code aliveBypassWindowMs}, and its state reset and statement closing on return). It gives the
 * connection up only when the connection broke during an attempt (connection lost, or a rollback
 * that failed: evicted from the pool) and borrows a new one for the next attempt; that borrow is the
 * attempt's acquire time, measured apart. The server session id published for the lock-view sampler
 * is read once per connection (no round trip on either driver).
 *
 * <p>A strategy whose {@link GetOrCreate#connectionsPerAttempt()} is 2 gets a second connection from
 * the same pool, borrowed with the first, kept with it, handed to the {@link Attempt}
 * ({@link Attempt#useSecondConnection}) and published in the slot for the lock view; the two are
 * one unit: a failed attempt rolls back both, and if either broke both are given up and borrowed
 * again (the pool is sized for two per thread, see {@code Cluster.connectionsNeeded}).
 *
 * <p>Not thread-safe: one thread runs {@link #call()}; its stats are read after it returned.
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
    private final RowKeyCache keys = new RowKeyCache();
    /** With several keys per attempt: the strategy's form for them and the worker's keys; else null. */
    private final GetOrCreateMany many;
    private final KeyBatch batch;

    /** The connection kept across attempts; null before the first and after one broke. */
    private Connection connection;
    private long sessionId;
    /** The second connection kept with it, for a strategy that uses two; else null. */
    private Connection second;
    private long secondSessionId;
    /** Set when a rollback failed and the connection was evicted: it must not be used again. */
    private boolean evicted;
    /** The same for the second connection. */
    private boolean secondEvicted;

    Worker(int index, KeySchedule schedule, GetOrCreate strategy, HikariDataSource pool, Dialect dialect,
            WorkerSlot slot, long holdNanos, long statementDelayNanos, StopSignal stop) {
        this(index, schedule, strategy, pool, dialect, slot, holdNanos, statementDelayNanos, stop, null, null);
    }

    /**
     * A worker whose attempts each get or create several keys in one transaction: {@code many} is
     * the strategy's form for them, {@code batch} gives each attempt's keys; both null for one key.
     */
    Worker(int index, KeySchedule schedule, GetOrCreate strategy, HikariDataSource pool, Dialect dialect,
            WorkerSlot slot, long holdNanos, long statementDelayNanos, StopSignal stop, GetOrCreateMany many,
            KeyBatch batch) {
        if ((many == null) != (batch == null)) {
            throw new IllegalArgumentException("several keys need both the strategy's form for them and the keys");
        }
        this.many = many;
        this.batch = batch;
        this.index = index;
        this.schedule = schedule;
        this.strategy = strategy;
        this.pool = pool;
        this.dialect = dialect;
        this.slot = slot;
        this.stop = stop;
        this.attempt = new Attempt(dialect.classifier(), holdNanos, statementDelayNanos);
        slot.watch(attempt);
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
        } finally {
            giveBack(false);
        }
        return stats;
    }

    /** One attempt on key {@code keyIndex}, recorded in exactly one place: the finally below. */
    private void runAttempt(long slotIndex) {
        long[] keyIndexes = batch == null ? null : batch.indexesFor(slotIndex);
        long keyIndex = keyIndexes == null ? slotIndex : keyIndexes[0];
        RowKey key = keys.of(keyIndex);
        List<RowKey> several = keyIndexes == null ? null : KeyBatch.keysOf(keyIndexes, keys);
        attempt.reset(keyIndexes == null ? 1 : keyIndexes.length);
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
        try {
            if (connection == null) {
                Outcome failed = borrow();
                if (failed != null) {
                    outcome = failed;
                    return;
                }
                acquireNanos = System.nanoTime() - t0;
            }
            outcome = onConnection(key, several);
        } finally {
            long endNanos = System.nanoTime();
            // an attempt that got no connection is counted too (in the timeline as well, so its
            // seconds still add up to the attempts); the reset attempt then holds no lock time,
            // commits, retries or race
            AttemptState done = attempt.state();
            AttemptRecord r = new AttemptRecord(outcome, keyIndex, endNanos - latencyFromNanos, done.lockNanos(),
                    acquireNanos, endNanos - schedule.startNanos(), done.retries(), done.raced(),
                    done.insertCommitted(), done.incrementCommitted(), done.insertOutcomeUnknown(),
                    done.incrementOutcomeUnknown(), done.gaveUpRetrying(),
                    keyIndexes == null ? null : keyParts(keyIndexes, done));
            stats.record(r);
            schedule.attemptEnded(index, r.raced());
        }
    }

    /** What an attempt of several keys did for each, from its ledger. */
    private static KeyParts keyParts(long[] keyIndexes, AttemptState done) {
        int n = keyIndexes.length;
        Outcome[] outcomes = new Outcome[n];
        boolean[] insert = new boolean[n];
        boolean[] increment = new boolean[n];
        boolean[] insertUnknown = new boolean[n];
        boolean[] incrementUnknown = new boolean[n];
        CommitLedger ledger = done.perKey();
        for (int i = 0; i < n; i++) {
            outcomes[i] = done.keyOutcome(i);
            insert[i] = ledger.insertCommitted(i);
            increment[i] = ledger.incrementCommitted(i);
            insertUnknown[i] = ledger.insertOutcomeUnknown(i);
            incrementUnknown[i] = ledger.incrementOutcomeUnknown(i);
        }
        return new KeyParts(keyIndexes, outcomes, insert, increment, insertUnknown, incrementUnknown);
    }

    /**
     * Borrows a connection for the attempt: null when it got one, else the outcome that ends the
     * attempt without one.
     */
    private Outcome borrow() {
        try {
            connection = pool.getConnection();
            sessionId = -1;
            if (strategy.connectionsPerAttempt() > 1) {
                second = pool.getConnection();
                secondSessionId = -1;
                attempt.useSecondConnection(second);
            }
            slot.holds(connection, second);
            return null;
        } catch (SQLException e) {
            giveBack(false); // the first of two, when the second could not be borrowed
            if (Thread.currentThread().isInterrupted()) {
                // the runner stopped us while we waited for a connection (Hikari keeps the flag)
                return Outcome.INTERRUPTED;
            }
            // The pool is sized to the threads, so it never runs dry: it waited the whole
            // connectionTimeout (--connect-timeout) and could not open a connection. The database
            // is gone; stop the run rather than let every worker wait that long for each attempt.
            stats.errorSeen(Outcome.CONNECTION_LOST, attempt.step(), e, dialect.classifier());
            stop.request(StopSignal.Cause.DATABASE_LOST, "no connection to the database within --connect-timeout ("
                    + pool.getConnectionTimeout() + " ms): " + ErrorMessages.oneLine(e));
            return Outcome.CONNECTION_LOST;
        }
    }

    /** Runs the attempt on the kept connection, and gives the connection up if it broke. */
    private Outcome onConnection(RowKey key, List<RowKey> several) {
        Outcome outcome = Outcome.OTHER_ERROR;
        boolean broken = false;
        evicted = false;
        secondEvicted = false;
        try {
            if (sessionId < 0) {
                sessionId = dialect.sessionId(connection);
            }
            if (second != null && secondSessionId < 0) {
                secondSessionId = dialect.sessionId(second);
            }
            slot.enter(sessionId, second == null ? -1 : secondSessionId);
            outcome = attemptOn(connection, key, several);
            broken = evicted || secondEvicted || outcome == Outcome.CONNECTION_LOST || connection.isClosed()
                    || second != null && second.isClosed();
        } catch (SQLException e) {
            // reading the session id or isClosed failed: the connection is unusable
            outcome = dialect.classifier().classify(e, attempt.step());
            stats.errorSeen(outcome, attempt.step(), e, dialect.classifier());
            broken = true;
        } finally {
            slot.exit();
            if (broken) {
                giveBack(!evicted); // a connection the rollback already evicted is only closed
            }
        }
        return outcome;
    }

    /**
     * Closes the statements and hands the connection back to the pool; a broken one is evicted, so
     * the pool replaces it. After an attempt that ended with a rollback or commit the connection is
     * clean, so HikariCP's close sends nothing. A failure to close means the connection is unusable:
     * it is evicted instead, and the next attempt borrows a new one.
     */
    private void giveBack(boolean evict) {
        Connection c = connection;
        if (c == null) {
            return;
        }
        connection = null;
        slot.holds(null, null);
        boolean closeFailed = false;
        try {
            attempt.releaseStatements();
        } catch (SQLException e) {
            closeFailed = true; // a statement that cannot even be closed: the connection is unusable
        }
        Connection c2 = second;
        if (c2 != null) {
            second = null;
            try {
                attempt.useSecondConnection(null);
            } catch (SQLException e) {
                closeFailed = true;
            }
            // the two are one unit: given up together, each evicted unless its rollback already did
            giveBack(c2, (evict || closeFailed) && !secondEvicted);
        }
        giveBack(c, (evict || closeFailed) && !evicted);
    }

    private void giveBack(Connection c, boolean evict) {
        if (evict) {
            pool.evictConnection(c); // the pool closes the physical connection and opens a new one
        }
        try {
            c.close(); // returns the proxy; for an evicted connection this only releases its pool entry
        } catch (SQLException e) {
            // HikariCP could not reset it (its rollback failed) and returned it to the pool anyway:
            // mark it evicted (the proxy is closed now, so this only marks it) so it is never reused
            pool.evictConnection(c);
        }
    }

    private Outcome attemptOn(Connection c, RowKey key, List<RowKey> several) {
        Outcome outcome;
        try {
            outcome = several == null ? strategy.attempt(c, key, attempt) : many.attempt(c, several, attempt);
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
            evicted = true;
        }
        if (second != null) {
            try {
                attempt.rollback(second); // e.g. a read on it failed inside its one-statement transaction
            } catch (SQLException e) {
                if (cause != null) {
                    cause.addSuppressed(e);
                }
                pool.evictConnection(second);
                secondEvicted = true;
            }
        }
    }
}
