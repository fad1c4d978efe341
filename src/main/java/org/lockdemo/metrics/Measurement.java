package org.lockdemo.metrics;

import java.util.ArrayList;
import java.util.Collections;
import java.util.EnumMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.HdrHistogram.Histogram;
import org.lockdemo.model.Outcome;

/**
 * Everything one strategy's run measured, merged from the per-worker stats after the workers
 * joined. Immutable by contract: the histograms are copies owned by this object and must not be
 * recorded into.
 */
public final class Measurement {
    private final long attempts;
    private final Map<Outcome, Long> outcomes;
    private final long blockedWaits;
    private final Histogram latencyNanos;
    private final Histogram lockWaitNanos;
    private final Histogram acquireNanos;
    private final long elapsedNanos;
    private final long insertsCommitted;
    private final long[] incrementsPerKey;
    private final List<ErrorSample> errors;
    private final long retries;
    private final Timeline timeline;
    private final CommitsUnknown commitsUnknown;
    private final Histogram scheduleLagNanos;
    private final long unstarted;
    private final long raced;
    private final long gaveUp;
    /** Of attempts of several keys: each key's outcome counted per key; null for one key per attempt. */
    private final Map<Outcome, Long> keyOutcomes;

    private Measurement(long attempts, Map<Outcome, Long> outcomes, long blockedWaits, Histogram latencyNanos,
            Histogram lockWaitNanos, Histogram acquireNanos, long elapsedNanos, long insertsCommitted,
            long[] incrementsPerKey, List<ErrorSample> errors, long retries, Timeline timeline,
            CommitsUnknown commitsUnknown, Histogram scheduleLagNanos, long unstarted, long raced, long gaveUp,
            Map<Outcome, Long> keyOutcomes) {
        this.attempts = attempts;
        this.outcomes = Collections.unmodifiableMap(outcomes);
        this.blockedWaits = blockedWaits;
        this.latencyNanos = latencyNanos;
        this.lockWaitNanos = lockWaitNanos;
        this.acquireNanos = acquireNanos;
        this.elapsedNanos = elapsedNanos;
        this.insertsCommitted = insertsCommitted;
        this.incrementsPerKey = incrementsPerKey;
        this.errors = List.copyOf(errors);
        this.retries = retries;
        this.timeline = timeline;
        this.commitsUnknown = commitsUnknown;
        this.scheduleLagNanos = scheduleLagNanos;
        this.unstarted = unstarted;
        this.raced = raced;
        this.gaveUp = gaveUp;
        this.keyOutcomes = keyOutcomes == null ? null : Collections.unmodifiableMap(keyOutcomes);
    }

    /** Merges the workers' stats; call only after every worker thread has joined. */
    public static Measurement merge(List<WorkerStats> workers, long elapsedNanos, long blockedWaits) {
        long attempts = 0;
        long inserts = 0;
        long gaveUp = 0;
        long retries = 0;
        long[] counts = new long[Outcome.count()];
        long[] keyCounts = new long[Outcome.count()];
        boolean severalKeys = false;
        Histogram latency = Histograms.newMergeHistogram();
        Histogram lock = Histograms.newMergeHistogram();
        Histogram acquire = Histograms.newMergeHistogram();
        Histogram lag = Histograms.newMergeHistogram();
        long unstarted = 0;
        long raced = 0;
        int keySlots = 0;
        Map<String, ErrorSample> errors = new LinkedHashMap<>();
        for (WorkerStats w : workers) {
            attempts += w.attempts;
            inserts += w.insertsCommitted;
            retries += w.retries;
            gaveUp += w.gaveUp;
            for (int i = 0; i < counts.length; i++) {
                counts[i] += w.outcomeCounts[i];
                keyCounts[i] += w.keyOutcomeCounts[i];
            }
            severalKeys |= w.severalKeys;
            latency.add(w.latencyNanos);
            lock.add(w.lockWaitNanos);
            acquire.add(w.acquireNanos);
            if (w.scheduleLagNanos != null) {
                lag.add(w.scheduleLagNanos);
            }
            unstarted += w.unstarted;
            raced += w.raced;
            keySlots = Math.max(keySlots, w.incrementsPerKey.size());
            for (ErrorSample e : w.errors()) {
                errors.merge(e.key(), e, (a, b) -> a.plus(b.count()));
            }
        }
        long[] perKey = new long[keySlots];
        for (WorkerStats w : workers) {
            w.incrementsPerKey.addTo(perKey);
        }
        CommitsUnknown unknown = CommitsUnknown.merge(workers);
        Map<Outcome, Long> outcomes = new EnumMap<>(Outcome.class);
        for (Outcome o : Outcome.all()) {
            outcomes.put(o, counts[o.ordinal()]);
        }
        Map<Outcome, Long> keyOutcomes = null;
        if (severalKeys) {
            keyOutcomes = new EnumMap<>(Outcome.class);
            for (Outcome o : Outcome.all()) {
                if (o.isSuccess()) {
                    keyOutcomes.put(o, keyCounts[o.ordinal()]);
                }
            }
        }
        List<ErrorSample> samples = new ArrayList<>(errors.values());
        samples.sort((a, b) -> Long.compare(b.count(), a.count()));
        return new Measurement(attempts, outcomes, blockedWaits, latency, lock, acquire, elapsedNanos, inserts,
                perKey, samples, retries, Timeline.merge(workers), unknown, lag, unstarted, raced, gaveUp, keyOutcomes);
    }

    /**
     * This measurement with the attempts of {@code part} that ended in {@code from} counted as
     * {@code to} instead, error samples included: for when the run learned afterwards what those
     * errors were (e.g. from a server's counters). {@code part} is this measurement or one merged
     * from some of the same workers. Both outcomes must be failures, so what committed does not
     * change. Pure: this measurement is left as it is.
     */
    public Measurement relabel(Outcome from, Outcome to, Measurement part) {
        if (from.isSuccess() || to.isSuccess()) {
            throw new IllegalArgumentException("only failures can be relabelled: " + from + " -> " + to);
        }
        long moved = part.count(from);
        if (moved > count(from)) {
            throw new IllegalArgumentException(moved + " " + from + " to relabel, but only " + count(from) + " here");
        }
        Map<Outcome, Long> relabelled = new EnumMap<>(outcomes);
        relabelled.put(from, count(from) - moved);
        relabelled.put(to, count(to) + moved);
        Map<String, Long> movedPerKey = new LinkedHashMap<>();
        part.errors.stream().filter(e -> e.outcome() == from).forEach(e -> movedPerKey.put(e.key(), e.count()));
        Map<String, ErrorSample> samples = new LinkedHashMap<>(); // a relabelled sample keeps its place
        for (ErrorSample e : errors) {
            long n = e.outcome() == from ? Math.min(e.count(), movedPerKey.getOrDefault(e.key(), 0L)) : 0;
            if (e.count() > n) {
                samples.merge(e.key(), e.plus(-n), (a, b) -> a.plus(b.count()));
            }
            if (n > 0) {
                ErrorSample as = new ErrorSample(to, e.step(), e.sqlState(), e.vendorCode(), e.condition(), n,
                        e.firstMessage());
                samples.merge(as.key(), as, (a, b) -> a.plus(b.count()));
            }
        }
        List<ErrorSample> sorted = new ArrayList<>(samples.values());
        sorted.sort((a, b) -> Long.compare(b.count(), a.count()));
        return new Measurement(attempts, relabelled, blockedWaits, latencyNanos, lockWaitNanos, acquireNanos,
                elapsedNanos, insertsCommitted, incrementsPerKey, sorted, retries, timeline, commitsUnknown,
                scheduleLagNanos, unstarted, raced, gaveUp, keyOutcomes);
    }

    /**
     * Attempts that raced for their key: the first statement that touched the key's row found none
     * ({@code Attempt#raced()}); the winner included. At most {@link #attempts()}.
     */
    public long raced() {
        return raced;
    }

    public long attempts() {
        return attempts;
    }

    /** Count per outcome; every outcome is present. */
    public Map<Outcome, Long> outcomes() {
        return outcomes;
    }

    public long count(Outcome o) {
        return outcomes.get(o);
    }

    /** Attempts the server's lock view showed waiting for another session's lock (a lower bound). */
    public long blockedWaits() {
        return blockedWaits;
    }

    public Histogram latencyNanos() {
        return latencyNanos;
    }

    public Histogram lockWaitNanos() {
        return lockWaitNanos;
    }

    public Histogram acquireNanos() {
        return acquireNanos;
    }

    /** Open loop: actual start minus intended start, per attempt; empty in a closed loop. */
    public Histogram scheduleLagNanos() {
        return scheduleLagNanos;
    }

    /**
     * Open loop with a duration: attempts the timetable meant to start before the deadline that no
     * worker started, because each was still behind schedule when the deadline came; else 0.
     */
    public long unstarted() {
        return unstarted;
    }

    public long elapsedNanos() {
        return elapsedNanos;
    }

    public double throughputPerSecond() {
        return elapsedNanos <= 0 ? 0 : attempts * 1e9 / elapsedNanos;
    }

    public long insertsCommitted() {
        return insertsCommitted;
    }

    /** Committed increments per key index; a copy. */
    public long[] incrementsPerKey() {
        return incrementsPerKey.clone();
    }

    public List<ErrorSample> errors() {
        return errors;
    }

    /** Transactions retried after a retryable failure, over all attempts (not counted as attempts). */
    /** Commits whose connection died before the answer came: their effect is unknown. */
    public CommitsUnknown commitsUnknown() {
        return commitsUnknown;
    }

    public long retries() {
        return retries;
    }

    /** Attempts that used up their retries and let the last error through ("gave up after N"). */
    public long gaveUp() {
        return gaveUp;
    }

    /**
     * Of a run of several keys per attempt: how many keys of the committed attempts were created,
     * found and found after a conflict (they sum to the committed attempts times the keys per
     * attempt); null for a run of one key per attempt.
     */
    public Map<Outcome, Long> keyOutcomes() {
        return keyOutcomes;
    }

    /** Attempts and successes per second since the start line. */
    public Timeline timeline() {
        return timeline;
    }
}
