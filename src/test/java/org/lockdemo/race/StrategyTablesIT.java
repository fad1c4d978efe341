package org.lockdemo.race;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.lockdemo.db.Cluster;
import org.lockdemo.db.DatabaseTarget;
import org.lockdemo.db.Dialect;
import org.lockdemo.db.Dialects;
import org.lockdemo.db.StrategyTable;
import org.lockdemo.it.RequiresDatabase;
import org.lockdemo.it.TestDatabase;
import org.lockdemo.model.Isolation;
import org.lockdemo.strategy.StrategyKind;

/**
 * A run's strategy tables on the machine's PostgreSQL: named as {@code lockdemo cleanup} expects,
 * dropped afterwards, left in place with {@code --keep}. Skipped unless {@code LOCKDEMO_TEST_PG_URL}
 * is set.
 */
@RequiresDatabase(TestDatabase.MACHINE_POSTGRESQL)
class StrategyTablesIT {
    private static final String USER = System.getenv().getOrDefault("LOCKDEMO_TEST_PG_USER", "postgres");

    @Test
    void aTableIsNamedForTheRunAndStrategyAndDroppedAfterwards() throws Exception {
        String url = System.getenv("LOCKDEMO_TEST_PG_URL");
        try (Cluster cluster = open(url)) {
            StopSignal stop = new StopSignal();
            StrategyTables tables = new StrategyTables(cluster, stop, false);
            StrategyTable t = tables.create("0badcafe", StrategyKind.values()[0]);
            assertNotNull(t);
            String expected = "lockdemo_0badcafe_" + StrategyKind.values()[0].id().replace('-', '_');
            assertEquals(expected, t.name());
            assertTrue(exists(url, expected));
            tables.drop(t);
            assertFalse(exists(url, expected));
            assertEquals(List.of(), tables.warnings());
            assertFalse(stop.isRequested());
        }
    }

    @Test
    void keepLeavesTheTable() throws Exception {
        String url = System.getenv("LOCKDEMO_TEST_PG_URL");
        try (Cluster cluster = open(url)) {
            StrategyTables tables = new StrategyTables(cluster, new StopSignal(), true);
            StrategyTable t = tables.create("0badcaff", StrategyKind.values()[0]);
            tables.drop(t);
            assertTrue(exists(url, t.name()));
            assertEquals(List.of(), tables.warnings());
            new StrategyTables(cluster, new StopSignal(), false).drop(t); // clean up
            assertFalse(exists(url, t.name()));
        }
    }

    private static Cluster open(String url) throws Exception {
        Dialect dialect = Dialects.forUrl(url).orElseThrow();
        return Cluster.open(List.of(new DatabaseTarget(url, USER, null, false)), dialect, 1,
                Isolation.READ_COMMITTED, Duration.ofSeconds(5), "lockdemo-tables-it");
    }

    private static boolean exists(String url, String table) throws SQLException {
        try (Connection c = DriverManager.getConnection(url, USER, null);
                ResultSet rs = c.getMetaData().getTables(null, null, table, null)) {
            return rs.next();
        }
    }
}
