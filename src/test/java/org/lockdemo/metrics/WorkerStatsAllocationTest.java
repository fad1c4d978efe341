package org.lockdemo.metrics;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.lang.management.ManagementFactory;
import java.sql.SQLException;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;
import org.lockdemo.db.PostgresErrorClassifier;
import org.lockdemo.db.SqlErrorClassifier;
import org.lockdemo.model.Outcome;
import org.lockdemo.model.SqlStep;

/**
 * The worker's bookkeeping allocates nothing per attempt: recording an attempt (histograms,
 * counters, timeline, per-key tally) and counting an error of a kind already seen. Measured with
 * the thread's own allocation counter ({@code com.sun.management.ThreadMXBean}), which counts
 * every byte this thread allocates; a per-attempt allocation of even one small object would show
 * as megabytes over the attempts here. No timing involved.
 */
class WorkerStatsAllocationTest {
    private static final int ATTEMPTS = 100_000;
    /** Slack for the measurement itself; far below one object per attempt. */
    private static final long SLACK_BYTES = 4096;

    @Test
    void recordingAttemptsAndRepeatedErrorsAllocatesNothingPerAttempt() {
        com.sun.management.ThreadMXBean threads = threadBean();
        WorkerStats w = new WorkerStats();
        SqlErrorClassifier classifier = new PostgresErrorClassifier();
        SQLException duplicate = new SQLException("ERROR: duplicate key value violates unique constraint", "23505", 0);
        record(w, duplicate, classifier, ATTEMPTS); // first kinds seen, arrays sized, code compiled

        long before = threads.getThreadAllocatedBytes(Thread.currentThread().getId());
        record(w, duplicate, classifier, ATTEMPTS);
        long allocated = threads.getThreadAllocatedBytes(Thread.currentThread().getId()) - before;

        assertTrue(allocated < SLACK_BYTES, allocated + " bytes allocated for " + ATTEMPTS + " attempts");
        assertEquals(2 * ATTEMPTS / 8, w.errors().get(0).count(), "every error counted: " + w.errors());
    }

    private static void record(WorkerStats w, SQLException e, SqlErrorClassifier classifier, int attempts) {
        for (int i = 0; i < attempts; i++) {
            int key = i & 63; // --keys 64
            w.attemptStarted();
            if ((i & 7) == 0) {
                w.errorSeen(Outcome.UNIQUE_VIOLATION, SqlStep.INSERT, e, classifier);
                w.attemptEndedAt(1_000_000L, false);
                w.attemptEnded(Outcome.UNIQUE_VIOLATION, 2_000_000L, 1_000_000L, -1, false, false, key, 0);
            } else {
                w.attemptEndedAt(1_000_000L + i, true);
                w.attemptEnded(Outcome.FOUND, 1_000_000L + i, 500_000L, -1, false, true, key, 0);
            }
        }
    }

    private static com.sun.management.ThreadMXBean threadBean() {
        java.lang.management.ThreadMXBean bean = ManagementFactory.getThreadMXBean();
        Assumptions.assumeTrue(bean instanceof com.sun.management.ThreadMXBean,
                "this JVM does not count allocated bytes per thread");
        com.sun.management.ThreadMXBean b = (com.sun.management.ThreadMXBean) bean;
        Assumptions.assumeTrue(b.isThreadAllocatedMemorySupported() && b.isThreadAllocatedMemoryEnabled(),
                "per-thread allocation counting is off");
        return b;
    }
}
