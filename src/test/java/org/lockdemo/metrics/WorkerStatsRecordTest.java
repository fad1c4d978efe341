package org.lockdemo.metrics;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.List;
import org.junit.jupiter.api.Test;
import org.lockdemo.model.Outcome;

/** One AttemptRecord counts an attempt everywhere the worker's separate calls counted it. */
class WorkerStatsRecordTest {

    @Test
    void aRecordCountsTheAttemptInEveryTally() {
        WorkerStats w = new WorkerStats();
        w.attemptStarted();
        w.record(new AttemptRecord(Outcome.CREATED, 3, 2_000_000, 500_000, 10_000, 1_500_000_000L, 2, true, true, true,
                false, false));
        w.attemptStarted();
        w.record(new AttemptRecord(Outcome.CONNECTION_LOST, 3, 4_000_000, 0, -1, 1_600_000_000L, 0, false, false,
                false, true, true));
        Measurement m = Measurement.merge(List.of(w), 2_000_000_000L, 0);
        assertEquals(2, m.attempts());
        assertEquals(1, m.count(Outcome.CREATED));
        assertEquals(1, m.count(Outcome.CONNECTION_LOST));
        assertEquals(1, m.raced());
        assertEquals(2, m.retries());
        assertEquals(1, m.insertsCommitted());
        assertEquals(1, m.incrementsPerKey()[3]);
        assertEquals(1, m.commitsUnknown().commits());
        assertEquals(1, m.commitsUnknown().inserts());
        assertEquals(1, m.commitsUnknown().incrementsFor(3));
        assertEquals(2, m.timeline().totalAttempts());
        assertEquals(2, m.timeline().attempts()[1], "both ended in second 1");
        assertEquals(1, m.timeline().successes()[1]);
    }

    @Test
    void anAttemptOfSeveralKeysCountsEachKeysWritesAndOutcomeOnceAndTheAttemptOnce() {
        WorkerStats w = new WorkerStats();
        w.attemptStarted();
        KeyParts committed = new KeyParts(new long[] {7, 5}, new Outcome[] {Outcome.CREATED, Outcome.FOUND},
                new boolean[] {true, false}, new boolean[] {true, true}, new boolean[] {false, false},
                new boolean[] {false, false});
        w.record(new AttemptRecord(Outcome.CREATED, 7, 1_000, 0, -1, 1_000, 0, true, false, false, false, false, false,
                committed));
        w.attemptStarted();
        KeyParts failed = new KeyParts(new long[] {5, 7}, new Outcome[] {Outcome.FOUND, null},
                new boolean[] {false, false}, new boolean[] {false, false}, new boolean[] {false, false},
                new boolean[] {false, false});
        w.record(new AttemptRecord(Outcome.DEADLOCK, 5, 1_000, 0, -1, 2_000, 0, false, false, false, false, false, false,
                failed));
        w.attemptStarted();
        KeyParts lost = new KeyParts(new long[] {5, 7}, new Outcome[] {Outcome.FOUND, Outcome.FOUND},
                new boolean[] {false, false}, new boolean[] {false, false}, new boolean[] {false, true},
                new boolean[] {true, true});
        w.record(new AttemptRecord(Outcome.CONNECTION_LOST, 5, 1_000, 0, -1, 3_000, 0, false, false, false, false,
                false, false, lost));
        Measurement m = Measurement.merge(List.of(w), 2_000_000_000L, 0);
        assertEquals(3, m.attempts());
        assertEquals(1, m.insertsCommitted());
        assertEquals(1, m.incrementsPerKey()[7]);
        assertEquals(1, m.incrementsPerKey()[5]);
        assertEquals(1, m.commitsUnknown().commits(), "one COMMIT of unknown outcome, for two keys");
        assertEquals(1, m.commitsUnknown().inserts());
        assertEquals(1, m.commitsUnknown().incrementsFor(5));
        assertEquals(1, m.commitsUnknown().incrementsFor(7));
        assertEquals(1, m.keyOutcomes().get(Outcome.CREATED), "only the committed attempt's keys");
        assertEquals(1, m.keyOutcomes().get(Outcome.FOUND));
        assertEquals(0, m.keyOutcomes().get(Outcome.FOUND_AFTER_CONFLICT));
    }

    @Test
    void aRunOfOneKeyPerAttemptHasNoKeyOutcomes() {
        WorkerStats w = new WorkerStats();
        w.attemptStarted();
        w.record(new AttemptRecord(Outcome.FOUND, 1, 1_000, 0, -1, 1_000, 0, false, false, true, false, false));
        assertEquals(null, Measurement.merge(List.of(w), 1_000_000L, 0).keyOutcomes());
    }
}
