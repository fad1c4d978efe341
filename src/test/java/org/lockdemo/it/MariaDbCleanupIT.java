package org.lockdemo.it;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * {@code lockdemo cleanup} on MariaDB, in a database of its own (so other runs on the shared
 * server are never touched): drops only names of the form a run creates, respects --older-than
 * and --dry-run, and lists what it drops.
 */
class MariaDbCleanupIT {
    private static final String DB = "lockdemo_cleanup_it";

    private static List<String> tables(Connection c) throws Exception {
        List<String> names = new ArrayList<>();
        try (Statement s = c.createStatement(); ResultSet rs = s.executeQuery(
                "SELECT table_name FROM information_schema.tables WHERE table_schema = '" + DB + "' ORDER BY 1")) {
            while (rs.next()) {
                names.add(rs.getString(1));
            }
        }
        return names;
    }

    @Test
    @RequiresDatabase(TestDatabase.MYSQL)
    void dropsOnlyLeftoverRunTablesOldEnoughAndListsThem() throws Exception {
        String base = System.getenv("LOCKDEMO_TEST_MYSQL_URL");
        String url = base.substring(0, base.lastIndexOf('/') + 1) + DB;
        try (Connection c = DriverManager.getConnection(base, "root", ""); Statement s = c.createStatement()) {
            s.execute("DROP DATABASE IF EXISTS " + DB);
            s.execute("CREATE DATABASE " + DB);
            for (String t : List.of("lockdemo_0badcafe_savepoint", "lockdemo_0badcafe_create_first",
                    "lockdemo_notarun_savepoint", "lockdemo_0badcafe_savepoint_copy", "orders",
                    "lockdemo_explain_2x9kq7ab", "lockdemo_explain_tooLong123")) {
                s.execute("CREATE TABLE " + DB + "." + t + " (id INT PRIMARY KEY)");
            }
        }
        try (Connection c = DriverManager.getConnection(url, "root", "")) {
            LockdemoRun young = LockdemoRun.run("cleanup", "--url", url, "--user", "root");
            assertEquals(0, young.exitCode(), young.toString());
            assertTrue(young.out().contains("kept     lockdemo_0badcafe_savepoint"), young.toString());
            assertEquals(7, tables(c).size(), "the default --older-than 1h keeps tables just created");

            LockdemoRun dry = LockdemoRun.run("cleanup", "--url", url, "--user", "root", "--older-than", "0s",
                    "--dry-run");
            assertTrue(dry.out().contains("would drop lockdemo_0badcafe_create_first"), dry.toString());
            assertEquals(7, tables(c).size(), "--dry-run drops nothing");

            LockdemoRun real = LockdemoRun.run("cleanup", "--url", url, "--user", "root", "--older-than", "0s");
            assertEquals(0, real.exitCode(), real.toString());
            assertTrue(real.out().contains("dropped  lockdemo_0badcafe_savepoint"), real.toString());
            assertTrue(real.out().contains("dropped  lockdemo_explain_2x9kq7ab"), "an explain or sessions run's table");
            assertTrue(real.out().contains("3 table(s) dropped"), real.toString());
            assertFalse(real.out().contains("notarun") || real.out().contains("_copy"), real.toString());
            assertEquals(List.of("lockdemo_0badcafe_savepoint_copy", "lockdemo_explain_tooLong123", "lockdemo_notarun_savepoint",
                    "orders"), tables(c));
        } finally {
            try (Connection c = DriverManager.getConnection(base, "root", ""); Statement s = c.createStatement()) {
                s.execute("DROP DATABASE IF EXISTS " + DB);
            }
        }
    }
}
