package org.lockdemo.race;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.sql.SQLException;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.lockdemo.db.MySqlErrorClassifier;
import org.lockdemo.metrics.Measurement;
import org.lockdemo.metrics.WorkerStats;
import org.lockdemo.model.Outcome;
import org.lockdemo.model.SqlStep;

/** The 1213s of a node whose InnoDB counted no deadlock are the cluster's aborts; elsewhere they stay deadlocks. */
class ClusterAbortsTest {
    private static final long MS = 1_000_000L;
    private static final Map<String, Long> NO_DEADLOCK = Map.of("wsrep_local_bf_aborts", 3L, "innodb_deadlocks", 0L);
    private static final Map<String, Long> ONE_DEADLOCK = Map.of("wsrep_local_bf_aborts", 0L, "innodb_deadlocks", 1L);

    /** A worker with one created row and {@code deadlocks} attempts that ended in 1213. */
    private static WorkerStats worker(int deadlocks) {
        MySqlErrorClassifier mysql = new MySqlErrorClassifier(true);
        WorkerStats w = new WorkerStats();
        w.attemptStarted();
        w.attemptEnded(Outcome.CREATED, MS, MS, MS, true, true, 0);
        for (int i = 0; i < deadlocks; i++) {
            w.attemptStarted();
            w.errorSeen(Outcome.DEADLOCK, SqlStep.LOCK, new SQLException("Deadlock found", "40001", 1213), mysql);
            w.attemptEnded(Outcome.DEADLOCK, MS, 0, MS, false, false, 0);
        }
        return w;
    }

    @Test
    void onlyTheNodesWithoutALocalDeadlockAreRelabelled() {
        WorkerStats a = worker(2);
        WorkerStats b = worker(3);
        Measurement total = Measurement.merge(List.of(a, b), MS, 0);
        List<Measurement> perNode = List.of(Measurement.merge(List.of(a), MS, 0), Measurement.merge(List.of(b), MS, 0));

        ClusterAborts.Relabelled r = ClusterAborts.relabel(total, perNode, List.of(true, true),
                List.of(NO_DEADLOCK, ONE_DEADLOCK));

        assertEquals(0, r.perNode().get(0).count(Outcome.DEADLOCK));
        assertEquals(2, r.perNode().get(0).count(Outcome.CERTIFICATION_FAILURE));
        assertEquals(3, r.perNode().get(1).count(Outcome.DEADLOCK), "node 2's InnoDB counted a deadlock");
        assertEquals(0, r.perNode().get(1).count(Outcome.CERTIFICATION_FAILURE));
        assertEquals(3, r.total().count(Outcome.DEADLOCK));
        assertEquals(2, r.total().count(Outcome.CERTIFICATION_FAILURE));
        assertEquals(2, r.total().count(Outcome.CREATED));
        assertEquals(7, r.total().attempts());
        assertEquals(2, r.total().errors().size(), r.total().errors().toString());
        assertEquals(Map.of(Outcome.DEADLOCK, 3L, Outcome.CERTIFICATION_FAILURE, 2L), Map.of(
                r.total().errors().get(0).outcome(), r.total().errors().get(0).count(),
                r.total().errors().get(1).outcome(), r.total().errors().get(1).count()));
        assertEquals(5, total.count(Outcome.DEADLOCK), "the measurements given are left as they are");
        assertEquals(2, perNode.get(0).count(Outcome.DEADLOCK));
    }

    @Test
    void aPlainServerAndANodeWithoutCountersKeepTheirDeadlocks() {
        WorkerStats a = worker(2);
        Measurement total = Measurement.merge(List.of(a), MS, 0);

        ClusterAborts.Relabelled plain = ClusterAborts.relabel(total, List.of(total), List.of(false),
                List.of(NO_DEADLOCK));
        ClusterAborts.Relabelled unread = ClusterAborts.relabel(total, List.of(total), List.of(true), List.of(Map.of()));

        assertEquals(2, plain.total().count(Outcome.DEADLOCK));
        assertEquals(2, unread.total().count(Outcome.DEADLOCK), "no innodb_deadlocks counter: nothing is known");
        assertEquals(0, unread.total().count(Outcome.CERTIFICATION_FAILURE));
    }

    @Test
    void oneClusterNodeWithoutDeadlocksCountsEveryAbortAsACertificationFailure() {
        Measurement total = Measurement.merge(List.of(worker(4)), MS, 0);

        ClusterAborts.Relabelled r = ClusterAborts.relabel(total, List.of(total), List.of(true), List.of(NO_DEADLOCK));

        assertEquals(0, r.total().count(Outcome.DEADLOCK));
        assertEquals(4, r.total().count(Outcome.CERTIFICATION_FAILURE));
        assertEquals(4, r.perNode().get(0).count(Outcome.CERTIFICATION_FAILURE));
        assertEquals(1, r.total().errors().size());
        assertEquals(Outcome.CERTIFICATION_FAILURE, r.total().errors().get(0).outcome());
        assertEquals(1, r.total().insertsCommitted());
    }
}
