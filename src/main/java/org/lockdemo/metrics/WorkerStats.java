package org.lockdemo.metrics;

import java.sql.SQLException;
import java.util.LinkedHashMap;
import java.util.Map;
import org.HdrHistogram.IntCountsHistogram;
import org.lockdemo.db.SqlErrorClassifier;
import org.lockdemo.model.Outcome;
import org.lockdemo.model.SqlStep;

/**
 * What one worker measured. Not thread-safe: written only by its worker thread, read by the
 * runner after that thread has joined (the join is the happens-before edge). Nothing here takes a
 * lock or allocates per attempt, except the first error of each kind.
 */
public final class WorkerStats {
    private static final int MAX_ERROR_KINDS = 32;

    final long[] outcomeCounts = new long[Outcome.count()];
    final IntCountsHistogram latencyNanos = Histograms.newWorkerHistogram();
    final IntCountsHistogram lockWaitNanos = Histograms.newWorkerHistogram();
    final IntCountsHistogram acquireNanos = Histograms.newWorkerHistogram();
    /** Open loop only; made at the first attempt, so a closed loop does not carry it. */
    IntCountsHistogram scheduleLagNanos;
    final KeyTally incrementsPerKey = new KeyTally();
    final SecondCounts perSecond = new SecondCounts();
    final KeyTally incrementsUnknownPerKey = new KeyTally();
    final Map<String, ErrorSample> errors = new LinkedHashMap<>();
    long attempts;
    long insertsCommitted;
    long insertsUnknown;
    long commitsUnknown;
    long retries;
    long unstarted;

    /** Called when an attempt starts, before anything can fail. */
    public void attemptStarted() {
        attempts++;
    }

    /** Records how the attempt ended; call exactly once per {@link #attemptStarted()}, in a finally. */
    public void attemptEnded(Outcome outcome, long latencyNanos, long lockNanos, long acquireNanos,
            boolean insertCommitted, boolean incrementCommitted, long keyIndex) {
        attemptEnded(outcome, latencyNanos, lockNanos, acquireNanos, insertCommitted, incrementCommitted, keyIndex, 0);
    }

    /** As above, for an attempt that retried its transaction {@code retries} times. */
    public void attemptEnded(Outcome outcome, long latencyNanos, long lockNanos, long acquireNanos,
            boolean insertCommitted, boolean incrementCommitted, long keyIndex, int retries) {
        this.retries += retries;
        outcomeCounts[outcome.ordinal()]++;
        this.latencyNanos.recordValue(Math.max(latencyNanos, 0));
        this.lockWaitNanos.recordValue(Math.max(lockNanos, 0));
        if (acquireNanos >= 0) {
            this.acquireNanos.recordValue(acquireNanos);
        }
        if (insertCommitted) {
            insertsCommitted++;
        }
        if (incrementCommitted) {
            incrementsPerKey.increment(keyIndex);
        }
    }

    /** Open loop: how late the attempt started against its intended start; once per attempt. */
    public void scheduleLag(long lagNanos) {
        if (scheduleLagNanos == null) {
            scheduleLagNanos = Histograms.newWorkerHistogram();
        }
        scheduleLagNanos.recordValue(Math.max(lagNanos, 0));
    }

    /** Open loop: attempts the timetable meant to start before the deadline that this worker was too late for. */
    public void unstarted(long count) {
        unstarted += count;
    }

    /**
     * Counts an attempt in the second it ended in, for the timeline; call once per attempt, beside
     * {@link #attemptEnded}, with the time since the start line.
     */
    public void attemptEndedAt(long nanosSinceStart, boolean success) {
        perSecond.record(nanosSinceStart, success);
    }

    /**
     * Records that the connection died during this attempt's COMMIT, so whether its insert and
     * update are in the table is unknown; call before {@code attemptEnded}, at most once per attempt.
     */
    public void commitOutcomeUnknown(boolean insert, boolean increment, long keyIndex) {
        if (!insert && !increment) {
            return;
        }
        commitsUnknown++;
        if (insert) {
            insertsUnknown++;
        }
        if (increment) {
            incrementsUnknownPerKey.increment(keyIndex);
        }
    }

    /** Keeps a sample of an error that ended an attempt (first message per kind, then counts). */
    public void errorSeen(Outcome outcome, SqlStep step, SQLException e, SqlErrorClassifier classifier) {
        String state = SqlErrorClassifier.sqlState(e);
        int vendor = SqlErrorClassifier.vendorCode(e);
        String key = outcome + "/" + step + "/" + state + "/" + vendor;
        ErrorSample s = errors.get(key);
        if (s != null) {
            errors.put(key, s.plus(1));
        } else if (errors.size() < MAX_ERROR_KINDS) {
            errors.put(key, new ErrorSample(outcome, step, state, vendor, classifier.conditionName(e), 1,
                    ErrorMessages.oneLine(e)));
        }
    }

    /** For errors that are not SQLExceptions (e.g. a broken invariant inside the strategy). */
    public void errorSeen(Outcome outcome, SqlStep step, RuntimeException e) {
        String key = outcome + "/" + step + "/" + e.getClass().getSimpleName() + "/0";
        ErrorSample s = errors.get(key);
        if (s != null) {
            errors.put(key, s.plus(1));
        } else if (errors.size() < MAX_ERROR_KINDS) {
            errors.put(key, new ErrorSample(outcome, step, null, 0, e.getClass().getSimpleName(), 1,
                    ErrorMessages.oneLine(e)));
        }
    }

    /** Attempts started so far; for progress, read racily by design. */
    public long attempts() {
        return attempts;
    }
}
