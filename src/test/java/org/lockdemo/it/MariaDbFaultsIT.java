package org.lockdemo.it;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Connections killed mid-run on the machine's MariaDB ({@code KILL} of lockdemo's sessions): the
 * affected attempts end as connection_lost, the pool replaces the connections, the run goes on and
 * its counts and checks hold. Only sessions running a statement on this run's own table are killed,
 * so other runs on the shared server are left alone.
 */
@RequiresDatabase(TestDatabase.MYSQL)
class MariaDbFaultsIT {
    private static final Duration WAIT = Duration.ofSeconds(60);
    private static final int ER_NO_SUCH_THREAD = 1094; // the session ended before the KILL reached it

    private static String url() {
        String url = System.getenv("LOCKDEMO_TEST_MYSQL_URL");
        return url;
    }

    private static Set<String> savepointTables(Connection c) throws SQLException {
        Set<String> names = new HashSet<>();
        try (Statement s = c.createStatement(); ResultSet rs = s.executeQuery("SELECT table_name FROM"
                + " information_schema.tables WHERE table_schema = DATABASE() AND table_name LIKE 'lockdemo\\_%\\_savepoint'")) {
            while (rs.next()) {
                names.add(rs.getString(1));
            }
        }
        return names;
    }

    private static long query(Connection c, String sql) throws SQLException {
        try (Statement s = c.createStatement(); ResultSet rs = s.executeQuery(sql)) {
            return rs.next() ? rs.getLong(1) : 0;
        }
    }

    @Test
    void killedConnectionsEndAsConnectionLostAndTheRunGoesOn(@TempDir Path tmp) throws Exception {
        String url = url();
        Path json = tmp.resolve("r.json");
        try (Connection c = DriverManager.getConnection(url, "root", "")) {
            Set<String> before = savepointTables(c);
            Future<LockdemoRun> run = LockdemoRun.start("race", "--url", url, "--user", "root", "--threads", "6",
                    "--keys", "10", "--duration", "6s", "--strategy", "savepoint", "--isolation", "read-committed",
                    "--quiet", "--json", json.toString());
            String[] table = new String[1];
            Poll.until(WAIT, "this run's table with rows", () -> {
                Set<String> now = savepointTables(c);
                now.removeAll(before);
                table[0] = now.isEmpty() ? null : now.iterator().next();
                return table[0] != null && query(c, "SELECT count(*) FROM " + table[0]) >= 10;
            });
            long killed = 0;
            while (killed < 4) {
                List<Long> ids = new ArrayList<>();
                Poll.until(WAIT, "lockdemo sessions running a statement", () -> {
                    try (Statement s = c.createStatement(); ResultSet rs = s.executeQuery("SELECT id FROM"
                            + " information_schema.processlist WHERE info LIKE '%" + table[0] + "%'"
                            + " AND id <> CONNECTION_ID() LIMIT 2")) {
                        while (rs.next()) {
                            ids.add(rs.getLong(1));
                        }
                    }
                    return !ids.isEmpty();
                });
                for (long id : ids) {
                    try (Statement s = c.createStatement()) {
                        s.execute("KILL CONNECTION " + id);
                        killed++;
                    } catch (SQLException e) {
                        assertEquals(ER_NO_SUCH_THREAD, e.getErrorCode(), e.toString());
                    }
                }
            }
            long atLastKill = query(c, "SELECT coalesce(sum(some_value), 0) FROM " + table[0]);
            Poll.until(WAIT, "updates committed after the kills",
                    () -> query(c, "SELECT coalesce(sum(some_value), 0) FROM " + table[0]) > atLastKill + 20);
            LockdemoRun r = run.get(60, TimeUnit.SECONDS);
            assertEquals(0, r.exitCode(), r.toString());
            JsonNode s = LockdemoRun.strategy(LockdemoRun.json(json), "savepoint");
            assertEquals(s.get("attempts").asLong(), LockdemoRun.sumOfOutcomes(s), s.toString());
            long lost = LockdemoRun.outcome(s, "connection_lost");
            assertTrue(lost >= 1 && lost <= killed, "lost " + lost + " of " + killed + " killed: " + s.get("outcomes"));
            assertEquals(0, LockdemoRun.outcome(s, "other_error"), s.toString());
            for (JsonNode check : s.get("checks")) {
                assertTrue(check.get("passed").asBoolean(), check.toString());
            }
            assertEquals(Set.of(), savepointTables(c).stream().filter(table[0]::equals)
                    .collect(java.util.stream.Collectors.toSet()), "table dropped");
        }
    }
}
