package org.lockdemo.race;

import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;
import org.lockdemo.check.Checker;
import org.lockdemo.check.NodeTable;
import org.lockdemo.check.RunFacts;
import org.lockdemo.check.Verdict;
import org.lockdemo.db.Cluster;
import org.lockdemo.db.StrategyTable;
import org.lockdemo.metrics.ErrorMessages;
import org.lockdemo.metrics.Measurement;
import org.lockdemo.model.SqlStep;
import org.lockdemo.strategy.RaceStrategy;

/**
 * After a strategy's race: its table as every node has it, checked against what the workers
 * measured. Stateless; called by the runner's thread.
 */
final class TableCheck {
    private TableCheck() {
    }

    /**
     * Reads the table back on every node and checks it. If a database is gone, the checks that
     * need the table cannot run: the run is stopped as database-lost and the verdict says what
     * was not checked.
     */
    static Verdict check(RaceStrategy kind, Measurement m, StrategyTable table, Cluster cluster, StopSignal stop)
            throws SQLException {
        boolean expectedSafe = cluster.size() > 1 ? kind.expectedSafeAcrossNodes() : kind.expectedSafe();
        RunFacts facts = new RunFacts(expectedSafe, m.attempts(), m.outcomes(), m.insertsCommitted(),
                m.incrementsPerKey(), kind.locksRow(), m.commitsUnknown().inserts(),
                m.commitsUnknown().incrementsPerKey(), kind.updatesCounter());
        List<NodeTable> tables = new ArrayList<>();
        for (int i = 0; i < cluster.size(); i++) {
            try {
                tables.add(new NodeTable(cluster.nodes().get(i).name(), table.readBack(i)));
            } catch (SQLException e) {
                if (!cluster.connectionLost(e, SqlStep.SELECT)) {
                    throw e;
                }
                String why = "reading table " + table.name() + " back" + cluster.where(i) + ": "
                        + ErrorMessages.oneLine(e);
                stop.request(StopSignal.Cause.DATABASE_LOST, why);
                return Checker.checkWithoutTable(facts, why);
            }
        }
        return cluster.size() == 1 ? Checker.check(facts, tables.get(0).rows())
                : Checker.checkAcrossNodes(facts, tables);
    }
}
