package org.lockdemo.race;

import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;
import org.lockdemo.db.Cluster;
import org.lockdemo.db.DatabaseSetupException;
import org.lockdemo.db.StrategyTable;
import org.lockdemo.metrics.ErrorMessages;
import org.lockdemo.model.SqlStep;
import org.lockdemo.strategy.RaceStrategy;

/**
 * The tables of one run's strategies (measured and warm-up): lockdemo's own, or the one a strategy
 * defines ({@link RaceStrategy#table}), created on every node under the name
 * {@code lockdemo cleanup} recognizes, dropped afterwards unless {@code --keep}, with what the drops
 * could not do kept as warnings. A server that went away while a table was being created stops the
 * run as database-lost instead of failing its setup. Not thread-safe: used by the runner's thread.
 */
final class StrategyTables {
    private final Cluster cluster;
    private final StopSignal stop;
    private final boolean keep;
    private final List<String> warnings = new ArrayList<>();

    StrategyTables(Cluster cluster, StopSignal stop, boolean keep) {
        this.cluster = cluster;
        this.stop = stop;
        this.keep = keep;
    }

    /** The strategy's table on every node; null (and the run stopped as database-lost) if a server went away. */
    StrategyTable create(String runId, RaceStrategy kind) throws DatabaseSetupException {
        String name = "lockdemo_" + runId + "_" + kind.tableSuffix();
        try {
            return StrategyTable.create(cluster, name, kind.table(cluster.dialect().id()));
        } catch (SQLException e) {
            if (cluster.connectionLost(e, SqlStep.CONNECT)) {
                // the server went away between two strategies: a lost database, not a setup error
                stop.request(StopSignal.Cause.DATABASE_LOST, "creating table " + name + ": "
                        + ErrorMessages.oneLine(e));
                return null;
            }
            throw cluster.setupFailure(e, 0, "creating table " + name);
        }
    }

    /** Drops the table unless {@code --keep}; a drop that failed becomes a warning. */
    void drop(StrategyTable table) {
        if (!keep) {
            warnings.addAll(table.drop());
        }
    }

    /** What the drops so far could not do, in order. */
    List<String> warnings() {
        return warnings;
    }
}
