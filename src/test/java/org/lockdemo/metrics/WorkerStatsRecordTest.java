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
}
