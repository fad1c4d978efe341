package org.lockdemo.check;

import java.util.List;

/**
 * A strategy's table as one cluster node returned it after the run. Immutable.
 *
 * @param node the node's name for evidence, e.g. {@code node2 (jdbc:mariadb://127.0.0.1:3312/test)}
 * @param rows every key with its row count and counter sum, in key order
 */
public record NodeTable(String node, List<KeyRow> rows) {

    public NodeTable {
        rows = List.copyOf(rows);
    }
}
