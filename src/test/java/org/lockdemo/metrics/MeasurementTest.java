package org.lockdemo.metrics;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.sql.SQLException;
import java.util.List;
import org.HdrHistogram.Histogram;
import org.junit.jupiter.api.Test;
import org.lockdemo.db.PostgresErrorClassifier;
import org.lockdemo.db.SqlErrorClassifier;
import org.lockdemo.model.Outcome;
import org.lockdemo.model.SqlStep;

class MeasurementTest {
    private static final long MS = 1_000_000L;
    private static final long US = 1_000L;
    private final SqlErrorClassifier classifier = new PostgresErrorClassifier();

    /** One attempt as a worker records it: start, maybe an error, then exactly one end. */
    private void attempt(WorkerStats w, Outcome outcome, long latencyNanos, long lockNanos, long acquireNanos,
            boolean inserted, long keyIndex) {
        w.attemptStarted();
        w.attemptEnded(outcome, latencyNanos, lockNanos, acquireNanos, inserted, outcome.isSuccess(), keyIndex);
    }

    private void failed(WorkerStats w, SQLException e, SqlStep step, long latencyNanos, long keyIndex) {
        Outcome o = classifier.classify(e, step);
        w.attemptStarted();
        w.errorSeen(o, step, e, classifier);
        w.attemptEnded(o, latencyNanos, 0, 20 * US, false, false, keyIndex);
    }

    private static SQLException duplicate(String message) {
        return new SQLException(message, "23505", 0);
    }

    private Measurement mergedFixture() {
        WorkerStats a = new WorkerStats();
        attempt(a, Outcome.CREATED, 2 * MS, 1 * MS, 50 * US, true, 0);
        attempt(a, Outcome.FOUND, 3 * MS, 2 * MS, 40 * US, false, 1);
        failed(a, duplicate("ERROR: duplicate key value violates unique constraint \"a_pkey\""), SqlStep.INSERT,
                4 * MS, 1);

        WorkerStats b = new WorkerStats();
        attempt(b, Outcome.FOUND_AFTER_CONFLICT, 7 * MS, 5 * MS, -1, false, 0); // acquire not measured
        failed(b, duplicate("ERROR: duplicate key value violates unique constraint \"b_pkey\""), SqlStep.INSERT,
                1 * MS, 2);
        failed(b, new SQLException("ERROR: could not obtain lock on row in relation \"t\"", "55P03", 0),
                SqlStep.LOCK_NOWAIT, 500 * US, 2);
        attempt(b, Outcome.FOUND, 600 * US, 100 * US, 30 * US, false, 20); // beyond KeyTally's first 16 slots
        assertEquals(3, a.attempts());
        assertEquals(4, b.attempts());

        return Measurement.merge(List.of(a, b), 2_000 * MS, 3);
    }

    @Test
    void attemptsAndOutcomesAreSummed() {
        Measurement m = mergedFixture();
        assertEquals(7, m.attempts());
        assertEquals(1, m.count(Outcome.CREATED));
        assertEquals(2, m.count(Outcome.FOUND));
        assertEquals(1, m.count(Outcome.FOUND_AFTER_CONFLICT));
        assertEquals(2, m.count(Outcome.UNIQUE_VIOLATION));
        assertEquals(1, m.count(Outcome.LOCK_NOT_AVAILABLE));
        assertEquals(Outcome.count(), m.outcomes().size(), "every outcome present");
        assertEquals(m.attempts(), m.outcomes().values().stream().mapToLong(Long::longValue).sum());
        assertEquals(3, m.blockedWaits());
        assertEquals(2_000 * MS, m.elapsedNanos());
        assertEquals(3.5, m.throughputPerSecond(), 1e-9);
    }

    @Test
    void histogramsAreMerged() {
        Measurement m = mergedFixture();
        Histogram latency = m.latencyNanos();
        assertEquals(7, latency.getTotalCount());
        assertTrue(latency.valuesAreEquivalent(7 * MS, latency.getMaxValue()), "max " + latency.getMaxValue());
        assertTrue(latency.valuesAreEquivalent(500 * US, latency.getMinValue()), "min " + latency.getMinValue());
        // the median of {0.5, 0.6, 1, 2, 3, 4, 7} ms, which needs values from both workers
        assertTrue(latency.valuesAreEquivalent(2 * MS, latency.getValueAtPercentile(50)));

        assertEquals(7, m.lockWaitNanos().getTotalCount(), "every attempt records its lock wait, 0 included");
        assertTrue(m.lockWaitNanos().valuesAreEquivalent(5 * MS, m.lockWaitNanos().getMaxValue()));

        assertEquals(6, m.acquireNanos().getTotalCount(), "an attempt that never got a connection is not counted");
        assertTrue(m.acquireNanos().valuesAreEquivalent(50 * US, m.acquireNanos().getMaxValue()));
    }

    @Test
    void insertsAndIncrementsPerKeyAreSummed() {
        Measurement m = mergedFixture();
        assertEquals(1, m.insertsCommitted());
        long[] expected = new long[21];
        expected[0] = 2; // CREATED (a) + FOUND_AFTER_CONFLICT (b)
        expected[1] = 1; // FOUND (a); the unique violation on key 1 did not increment
        expected[20] = 1; // FOUND (b)
        assertArrayEquals(expected, m.incrementsPerKey());
    }

    @Test
    void incrementsPerKeyIsACopy() {
        Measurement m = mergedFixture();
        m.incrementsPerKey()[0] = 99;
        assertEquals(2, m.incrementsPerKey()[0]);
    }

    @Test
    void errorSamplesAreMergedByKindWithCountsSummed() {
        Measurement m = mergedFixture();
        List<ErrorSample> errors = m.errors();
        assertEquals(2, errors.size(), errors.toString());

        ErrorSample dup = errors.get(0); // most frequent first
        assertEquals(Outcome.UNIQUE_VIOLATION, dup.outcome());
        assertEquals(SqlStep.INSERT, dup.step());
        assertEquals("23505", dup.sqlState());
        assertEquals(0, dup.vendorCode());
        assertEquals("unique_violation", dup.condition());
        assertEquals(2, dup.count());
        assertTrue(dup.firstMessage().contains("a_pkey"), "the first worker's message is kept: " + dup.firstMessage());

        ErrorSample lock = errors.get(1);
        assertEquals(Outcome.LOCK_NOT_AVAILABLE, lock.outcome());
        assertEquals(SqlStep.LOCK_NOWAIT, lock.step());
        assertEquals("55P03", lock.sqlState());
        assertEquals("lock_not_available", lock.condition());
        assertEquals(1, lock.count());
    }

    @Test
    void sameSqlStateAtAnotherStepIsAnotherKind() {
        WorkerStats w = new WorkerStats();
        SQLException e = new SQLException("ERROR: canceling statement due to lock timeout", "55P03", 0);
        failed(w, e, SqlStep.LOCK, MS, 0);
        failed(w, e, SqlStep.LOCK, MS, 0);
        failed(w, e, SqlStep.LOCK_NOWAIT, MS, 0);
        List<ErrorSample> errors = Measurement.merge(List.of(w), MS, 0).errors();
        assertEquals(2, errors.size());
        assertEquals(Outcome.LOCK_TIMEOUT, errors.get(0).outcome());
        assertEquals(2, errors.get(0).count());
        assertEquals(Outcome.LOCK_NOT_AVAILABLE, errors.get(1).outcome());
        assertEquals(1, errors.get(1).count());
    }

    @Test
    void anExceptionThatIsNotAnSqlExceptionIsItsOwnKind() {
        WorkerStats w = new WorkerStats();
        w.errorSeen(Outcome.OTHER_ERROR, SqlStep.UPDATE, new IllegalStateException("one"));
        w.errorSeen(Outcome.OTHER_ERROR, SqlStep.UPDATE, new IllegalStateException("two"));
        w.errorSeen(Outcome.OTHER_ERROR, SqlStep.UPDATE, new IllegalArgumentException("three"));
        w.errorSeen(Outcome.OTHER_ERROR, SqlStep.UPDATE, new SQLException("four", null, 0), new PostgresErrorClassifier());
        List<ErrorSample> errors = w.errors();
        assertEquals(3, errors.size(), errors.toString());
        assertEquals("IllegalStateException", errors.get(0).condition());
        assertEquals(2, errors.get(0).count());
        assertEquals("one", errors.get(0).firstMessage());
        assertEquals("IllegalArgumentException", errors.get(1).condition());
        assertEquals(1, errors.get(1).count());
        assertEquals("four", errors.get(2).firstMessage());
        assertEquals(1, errors.get(2).count());
    }

    @Test
    void errorMessagesAreOneLineWithoutSecrets() {
        WorkerStats w = new WorkerStats();
        failed(w, new SQLException("FATAL: connection to jdbc:postgresql://db/app?password=hunter2 refused\n"
                + "  Detail: more lines", "08001", 0), SqlStep.CONNECT, MS, 0);
        ErrorSample s = Measurement.merge(List.of(w), MS, 0).errors().get(0);
        assertEquals(Outcome.CONNECTION_LOST, s.outcome());
        // the redaction runs to the next URL separator, so in free text it also takes the rest of the line
        assertEquals("FATAL: connection to jdbc:postgresql://db/app?password=***", s.firstMessage());
        assertFalse(s.firstMessage().contains("hunter2"));
        assertFalse(s.firstMessage().contains("Detail"), "only the first line is kept");
    }

    @Test
    void mergingNoWorkersGivesAnEmptyMeasurement() {
        Measurement m = Measurement.merge(List.of(), 0, 0);
        assertEquals(0, m.attempts());
        assertEquals(0, m.latencyNanos().getTotalCount());
        assertEquals(0, m.incrementsPerKey().length);
        assertEquals(0.0, m.throughputPerSecond());
        assertTrue(m.errors().isEmpty());
    }

    @Test
    void timelineSumsTheWorkersSecondBySecond() {
        WorkerStats a = new WorkerStats();
        a.attemptEndedAt(100 * MS, true);
        a.attemptEndedAt(999 * MS, false);
        a.attemptEndedAt(2_500 * MS, true); // skips second 1
        WorkerStats b = new WorkerStats();
        b.attemptEndedAt(1_000 * MS, true); // the first nanosecond of second 1
        b.attemptEndedAt(40_000 * MS, false); // beyond the first 16 seconds: the array grows
        b.attemptEndedAt(-5, true); // a clock oddity counts in second 0 rather than being lost
        Timeline t = Measurement.merge(List.of(a, b), 41_000 * MS, 0).timeline();
        assertEquals(41, t.seconds());
        long[] attempts = new long[41];
        long[] successes = new long[41];
        attempts[0] = 3;
        successes[0] = 2;
        attempts[1] = 1;
        successes[1] = 1;
        attempts[2] = 1;
        successes[2] = 1;
        attempts[40] = 1;
        assertArrayEquals(attempts, t.attempts());
        assertArrayEquals(successes, t.successes());
        assertEquals(6, t.totalAttempts());
    }

    @Test
    void timelineOfNoWorkersIsEmpty() {
        assertEquals(0, Measurement.merge(List.of(), 0, 0).timeline().seconds());
    }

    @Test
    void relabelMovesAFailureAndItsErrorSamplesWithoutTouchingWhatCommitted() {
        SqlErrorClassifier mysql = new org.lockdemo.db.MySqlErrorClassifier(true);
        SQLException deadlock = new SQLException("Deadlock found when trying to get lock", "40001", 1213);
        WorkerStats w = new WorkerStats();
        attempt(w, Outcome.CREATED, MS, MS, US, true, 0);
        for (int i = 0; i < 2; i++) {
            w.attemptStarted();
            w.errorSeen(Outcome.DEADLOCK, SqlStep.LOCK, deadlock, mysql);
            w.attemptEnded(Outcome.DEADLOCK, MS, 0, US, false, false, 0);
        }
        w.attemptStarted();
        w.errorSeen(Outcome.CERTIFICATION_FAILURE, SqlStep.LOCK, deadlock, mysql); // the same sample key after relabel
        w.attemptEnded(Outcome.CERTIFICATION_FAILURE, MS, 0, US, false, false, 0);

        Measurement before = Measurement.merge(List.of(w), MS, 0);
        Measurement m = before.relabel(Outcome.DEADLOCK, Outcome.CERTIFICATION_FAILURE, before);
        assertEquals(2, before.count(Outcome.DEADLOCK), "relabel leaves the measurement it is given as it is");
        assertEquals(4, m.attempts());
        assertEquals(0, m.count(Outcome.DEADLOCK));
        assertEquals(3, m.count(Outcome.CERTIFICATION_FAILURE));
        assertEquals(1, m.count(Outcome.CREATED));
        assertEquals(1, m.insertsCommitted());
        assertEquals(1, m.errors().size(), m.errors().toString());
        assertEquals(Outcome.CERTIFICATION_FAILURE, m.errors().get(0).outcome());
        assertEquals(3, m.errors().get(0).count());
        assertThrows(IllegalArgumentException.class, () -> before.relabel(Outcome.DEADLOCK, Outcome.FOUND, before));
    }
}
