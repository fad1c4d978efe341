package org.lockdemo.metrics;

import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import org.HdrHistogram.IntCountsHistogram;
import org.lockdemo.db.SqlErrorClassifier;
import org.lockdemo.model.Outcome;
import org.lockdemo.model.SqlStep;

/**
 * What one worker measured. Not thread-safe: written only by its worker thread, read by the
 * runner after that thread has joined (the join is the happens-before edge). Nothing here takes a
 * lock or allocates per attempt, except the first error of each kind (an error seen again only
 * counts: found by comparing its fields with the kinds seen so far, at most {@value
 * #MAX_ERROR_KINDS}, without building a key).
 */
public final class WorkerStats {
    private static final int MAX_ERROR_KINDS = 32;

    final long[] outcomeCounts = new long[Outcome.count()];
    /** Of attempts of several keys: each key's outcome, counted per key of the attempts that committed. */
    final long[] keyOutcomeCounts = new long[Outcome.count()];
    /** Whether any attempt had several keys. */
    boolean severalKeys;
    final IntCountsHistogram latencyNanos = Histograms.newWorkerHistogram();
    final IntCountsHistogram lockWaitNanos = Histograms.newWorkerHistogram();
    final IntCountsHistogram acquireNanos = Histograms.newWorkerHistogram();
    /** Open loop only; made at the first attempt, so a closed loop does not carry it. */
    IntCountsHistogram scheduleLagNanos;
    final KeyTally incrementsPerKey = new KeyTally();
    final SecondCounts perSecond = new SecondCounts();
    final KeyTally incrementsUnknownPerKey = new KeyTally();
    /** The first error of each kind, in the order first seen; {@code errorCounts} has their counts. */
    private final ErrorSample[] errorKinds = new ErrorSample[MAX_ERROR_KINDS];
    private final long[] errorCounts = new long[MAX_ERROR_KINDS];
    /** For each kind: null for an SQLException, else the simple name of the exception's class. */
    private final String[] errorClasses = new String[MAX_ERROR_KINDS];
    private int errorKindsSeen;
    long attempts;
    long insertsCommitted;
    long insertsUnknown;
    long commitsUnknown;
    long retries;
    /** Attempts that used up their retries. */
    long gaveUp;
    long raced;
    long unstarted;

    /** Called when an attempt starts, before anything can fail. */
    public void attemptStarted() {
        attempts++;
    }

    /**
     * Records everything about how an attempt ended: its second in the timeline, a commit of
     * unknown outcome, its outcome and times, and whether it raced. Call exactly once per
     * {@link #attemptStarted()}, in a finally.
     */
    public void record(AttemptRecord r) {
        attemptEndedAt(r.endedNanosSinceStart(), r.outcome().isSuccess());
        KeyParts keys = r.keys();
        if (keys == null) {
            commitOutcomeUnknown(r.insertUnknown(), r.incrementUnknown(), r.keyIndex());
            attemptEnded(r.outcome(), r.latencyNanos(), r.lockNanos(), r.acquireNanos(), r.insertCommitted(),
                    r.incrementCommitted(), r.keyIndex(), r.retries());
        } else {
            keyParts(keys, r.outcome().isSuccess());
            attemptEnded(r.outcome(), r.latencyNanos(), r.lockNanos(), r.acquireNanos(), false, false, r.keyIndex(),
                    r.retries());
        }
        raced(r.raced());
        if (r.gaveUp()) {
            gaveUp++;
        }
    }

    /**
     * The keys of an attempt of several: each key's insert and update, committed or of unknown
     * outcome, and (of an attempt that committed) each key's outcome. A COMMIT of unknown outcome
     * counts once, for the attempt.
     */
    private void keyParts(KeyParts keys, boolean committed) {
        severalKeys = true;
        boolean unknown = false;
        for (int i = 0; i < keys.size(); i++) {
            long key = keys.keyIndexes()[i];
            if (keys.insertCommitted()[i]) {
                insertsCommitted++;
            }
            if (keys.incrementCommitted()[i]) {
                incrementsPerKey.increment(key);
            }
            if (keys.insertUnknown()[i]) {
                insertsUnknown++;
                unknown = true;
            }
            if (keys.incrementUnknown()[i]) {
                incrementsUnknownPerKey.increment(key);
                unknown = true;
            }
            if (committed && keys.outcomes()[i] != null) {
                keyOutcomeCounts[keys.outcomes()[i].ordinal()]++;
            }
        }
        if (unknown) {
            commitsUnknown++;
        }
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

    /** Whether the attempt just ended raced for its key ({@code Attempt#raced()}); once per attempt. */
    public void raced(boolean raced) {
        if (raced) {
            this.raced++;
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
     * An insert is also unknown when a committed upsert could not say whether it inserted or updated
     * ({@code CommitLedger.insertedOrUpdated}, Hibernate's upsert on PostgreSQL): counted here too.
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
        if (!counted(outcome, step, state, vendor, null) && errorKindsSeen < MAX_ERROR_KINDS) {
            add(new ErrorSample(outcome, step, state, vendor, classifier.conditionName(e), 1, ErrorMessages.oneLine(e)),
                    null);
        }
    }

    /** For errors that are not SQLExceptions (e.g. a broken invariant inside the strategy). */
    public void errorSeen(Outcome outcome, SqlStep step, RuntimeException e) {
        String name = e.getClass().getSimpleName();
        if (!counted(outcome, step, null, 0, name) && errorKindsSeen < MAX_ERROR_KINDS) {
            add(new ErrorSample(outcome, step, null, 0, name, 1, ErrorMessages.oneLine(e)), name);
        }
    }

    /** The error samples with their counts; call after the worker thread has joined. */
    List<ErrorSample> errors() {
        List<ErrorSample> samples = new ArrayList<>(errorKindsSeen);
        for (int i = 0; i < errorKindsSeen; i++) {
            samples.add(errorKinds[i].plus(errorCounts[i] - errorKinds[i].count()));
        }
        return samples;
    }

    /**
     * Counts the error if its kind was seen before. A kind is outcome, step, SQLState and vendor
     * code, and whether it is an SQLException ({@code runtimeClass} null) or which other exception.
     */
    private boolean counted(Outcome outcome, SqlStep step, String state, int vendor, String runtimeClass) {
        for (int i = 0; i < errorKindsSeen; i++) {
            ErrorSample s = errorKinds[i];
            if (s.outcome() == outcome && s.step() == step && s.vendorCode() == vendor
                    && Objects.equals(s.sqlState(), state) && Objects.equals(errorClasses[i], runtimeClass)) {
                errorCounts[i]++;
                return true;
            }
        }
        return false;
    }

    private void add(ErrorSample first, String runtimeClass) {
        errorKinds[errorKindsSeen] = first;
        errorClasses[errorKindsSeen] = runtimeClass;
        errorCounts[errorKindsSeen] = first.count();
        errorKindsSeen++;
    }

    /** Attempts started so far; for progress, read racily by design. */
    public long attempts() {
        return attempts;
    }
}
