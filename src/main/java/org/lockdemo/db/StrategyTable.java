package org.lockdemo.db;

import java.sql.SQLException;
import java.util.List;
import java.util.Optional;
import org.lockdemo.check.KeyRow;
import org.lockdemo.metrics.ErrorMessages;

/**
 * One strategy's table across the nodes of a run: created on the first node and awaited on every
 * other (DDL replicates in total order), read back on each node after the cluster's latest commits,
 * and dropped on the first node. Not thread-safe: the {@link Cluster}'s owner uses it.
 */
public final class StrategyTable {
    private final RaceTable table;
    private final Cluster cluster;

    private StrategyTable(RaceTable table, Cluster cluster) {
        this.table = table;
        this.cluster = cluster;
    }

    /**
     * Creates lockdemo's own table {@code name} on the first node and waits until every other node has it.
     *
     * @throws SQLException as the server raised it; the caller tells a lost server from a setup error
     */
    public static StrategyTable create(Cluster cluster, String name) throws SQLException {
        return create(cluster, name, Optional.empty());
    }

    /**
     * Creates table {@code name} on the first node, the user's when {@code definition} is present
     * (with its setup; a setup that fails leaves no table), and waits until every other node has it.
     *
     * @throws SQLException as the server raised it; the caller tells a lost server from a setup error
     */
    public static StrategyTable create(Cluster cluster, String name, Optional<TableDefinition> definition)
            throws SQLException {
        RaceTable table = new RaceTable(name, cluster.dialect(), definition);
        table.create(cluster.admin(0));
        for (int node = 1; node < cluster.size(); node++) {
            // a synced read on each node waits until it has the DDL
            table.readKeys(cluster.syncedAdmin(node));
        }
        return new StrategyTable(table, cluster);
    }

    public String name() {
        return table.name();
    }

    /** Every key in the table as {@code node} has it once it has the cluster's latest commits. */
    public List<KeyRow> readBack(int node) throws SQLException {
        return table.readKeys(cluster.syncedAdmin(node));
    }

    /**
     * Runs the user's teardown (if any) and drops the table; a failure (database gone, a foreign
     * lock, a teardown statement) is not an error of the run but a warning naming the table and the
     * statement, returned in order.
     */
    public List<String> drop() {
        try {
            return table.drop(cluster.admin(0));
        } catch (SQLException e) {
            return List.of("table " + table.name() + " was left behind: dropping it failed: "
                    + ErrorMessages.oneLine(e) + "; remove it later with 'lockdemo cleanup'");
        }
    }
}
