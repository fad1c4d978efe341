package org.lockdemo.it;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * Strategy files with a table of their own ({@code table:}), raced for real on the embedded
 * PostgreSQL 18, the machine's PostgreSQL 15 and MariaDB 10.11, all threads on one hot key per round
 * (the runner's start line, no sleeps): the shipped example (examples/strategies/tag-counter.yaml,
 * keyed by (tenant, slug), a trigger, a seed row) passes its checks, read from the user's table by
 * its key columns and counter column; a naive get-or-create on the same table without its UNIQUE
 * shows the duplicates in one_row_per_key, and with it the duplicate-key errors; and after the run,
 * after a setup statement that fails and after a teardown statement that fails, no table (and on
 * PostgreSQL no trigger function) of the run is left.
 */
class StrategyFileTableIT {
    private static final int THREADS = 6;
    private static final int ROUNDS = 20;

    private static LockdemoRun race(Path dir, String which, String... args) {
        String[] t = StrategiesIT.target(which);
        List<String> all = new ArrayList<>(List.of("race", "--url", t[0], "--user", t[1], "--quiet", "--json",
                dir.resolve("r.json").toString(), "--threads", Integer.toString(THREADS), "--rounds",
                Integer.toString(ROUNDS)));
        all.addAll(List.of(args));
        return LockdemoRun.run(all.toArray(String[]::new));
    }

    private static JsonNode check(JsonNode strategy, String name) {
        for (JsonNode c : strategy.get("checks")) {
            if (c.get("name").asText().equals(name)) {
                return c;
            }
        }
        throw new AssertionError("no check " + name + " in " + strategy.get("checks"));
    }

    private static Set<String> kinds(JsonNode s) {
        Set<String> kinds = new TreeSet<>();
        s.get("outcomes").properties().forEach(e -> {
            if (e.getValue().asLong() > 0) {
                kinds.add(e.getKey());
            }
        });
        return kinds;
    }

    /** What is left of a run's objects named with {@code fragment}: tables, and on PostgreSQL functions. */
    private static List<String> leftBehind(String which, String fragment) throws SQLException {
        String[] t = StrategiesIT.target(which);
        List<String> left = new ArrayList<>(TestDatabases.lockdemoTables(t[0], t[1], fragment));
        if (t[0].startsWith("jdbc:postgresql")) {
            try (Connection c = DriverManager.getConnection(t[0], t[1], null); Statement s = c.createStatement();
                    ResultSet rs = s.executeQuery("SELECT proname FROM pg_proc WHERE proname LIKE 'lockdemo\\_%'")) {
                while (rs.next()) {
                    if (rs.getString(1).contains(fragment)) {
                        left.add(rs.getString(1) + "()");
                    }
                }
            }
        }
        return left;
    }

    @ParameterizedTest
    @ValueSource(strings = {"embedded", "machine-postgresql", "mariadb"})
    void theShippedTagCounterRacesOnItsOwnTableWithItsChecks(String which, @TempDir Path dir) throws Exception {
        LockdemoRun run = race(dir, which, "--strategy-file", "examples/strategies/tag-counter.yaml");
        assertEquals(0, run.exitCode(), run.toString());
        JsonNode s = LockdemoRun.strategy(LockdemoRun.json(dir.resolve("r.json")), "tag-counter");
        assertEquals(THREADS * ROUNDS, LockdemoRun.sumOfOutcomes(s), s.get("outcomes").toString());
        assertEquals(ROUNDS, LockdemoRun.outcome(s, "created"), s.get("outcomes") + " " + s.get("errors"));
        assertTrue(Set.of("created", "found", "deadlock").containsAll(kinds(s)), kinds(s) + " " + s.get("errors"));
        assertEquals(THREADS * ROUNDS - ROUNDS - LockdemoRun.outcome(s, "deadlock"), LockdemoRun.outcome(s, "found"),
                s.get("outcomes").toString());
        assertEquals("pass", s.get("verdict").asText(), s.get("checks").toString());
        for (String name : List.of("one_row_per_key", "rows_match_inserts", "no_lost_update")) {
            JsonNode c = check(s, name);
            assertTrue(c.path("applicable").asBoolean(true), c.toString());
            assertTrue(c.get("passed").asBoolean(), c.toString());
        }
        // read from the user's table: the seed row (tenant 0) is not the race's, and the hits are the commits
        assertEquals(ROUNDS + " rows in the table", check(s, "rows_match_inserts").get("actual").asText());
        long commits = LockdemoRun.outcome(s, "created") + LockdemoRun.outcome(s, "found");
        assertTrue(check(s, "no_lost_update").get("actual").asText().startsWith("counters sum to " + commits + ", "),
                check(s, "no_lost_update").toString());
        assertEquals(List.of(), leftBehind(which, "file_tag_counter"), "the table, its trigger and function are gone");
    }

    /** Get-or-create with no lock and no handler: SELECT, then INSERT if none. */
    private static Path naive(Path dir, String name, boolean unique) throws Exception {
        Path file = dir.resolve(name + ".yaml");
        Files.writeString(file, """
                lockdemo-strategy: 1
                name: NAME
                counter: none
                table:
                  create: CREATE TABLE {table} (tenant int NOT NULL, slug varchar(64) NOT NULL UNIQUE_KEY)
                  key: {tenant: jahr, slug: "tag-{monat}"}
                  counter_column: none
                steps:
                  - sql: SELECT tenant FROM {table} WHERE tenant = :tenant AND slug = :slug
                    capture: {n: row_count}
                  - if: n > 0
                    then: {commit: found}
                  - sql: INSERT INTO {table} (tenant, slug) VALUES (:tenant, :slug)
                  - commit: created
                """.replace("NAME", name).replace(" UNIQUE_KEY", unique ? ", UNIQUE (tenant, slug)" : ""));
        return file;
    }

    @ParameterizedTest
    @ValueSource(strings = {"embedded", "machine-postgresql", "mariadb"})
    void withoutItsUniqueKeyTheUsersTableShowsTheDuplicates(String which, @TempDir Path dir) throws Exception {
        LockdemoRun run = race(dir, which, "--strategy-file", naive(dir, "naive-tags", false).toString(),
                "--strategy-file", naive(dir, "naive-tags-unique", true).toString());
        assertEquals(4, run.exitCode(), "a check failed: " + run);
        JsonNode result = LockdemoRun.json(dir.resolve("r.json"));

        JsonNode loose = LockdemoRun.strategy(result, "naive-tags");
        JsonNode dupes = check(loose, "one_row_per_key");
        assertFalse(dupes.get("passed").asBoolean(), "the race of the thread, in the user's table: " + loose.get("checks"));
        assertTrue(LockdemoRun.outcome(loose, "created") > ROUNDS, "more rows created than keys: " + loose.get("outcomes"));
        assertTrue(check(loose, "rows_match_inserts").get("passed").asBoolean(), "every committed INSERT is a row: "
                + loose.get("checks"));
        assertFalse(check(loose, "no_lost_update").path("applicable").asBoolean(true), "counter_column: none");
        assertEquals(0, LockdemoRun.outcome(loose, "unique_violation"), "no unique key, no duplicate-key error");

        JsonNode strict = LockdemoRun.strategy(result, "naive-tags-unique");
        assertTrue(check(strict, "one_row_per_key").get("passed").asBoolean(), strict.get("checks").toString());
        assertEquals(ROUNDS, LockdemoRun.outcome(strict, "created"), strict.get("outcomes").toString());
        assertTrue(LockdemoRun.outcome(strict, "unique_violation") > 0, "the duplicate-key error reaches the application: "
                + strict.get("outcomes"));
        assertEquals(List.of(), leftBehind(which, "file_naive_tags"));
    }

    @ParameterizedTest
    @ValueSource(strings = {"embedded", "mariadb"})
    void aSetupStatementThatFailsLeavesNothingBehind(String which, @TempDir Path dir) throws Exception {
        Path file = dir.resolve("bad-setup.yaml");
        Files.writeString(file, Files.readString(naive(dir, "bad-setup", true)).replace("  counter_column: none\n", """
                  counter_column: none
                  setup:
                    - postgresql: CREATE FUNCTION {table}_f() RETURNS int LANGUAGE sql AS $$ SELECT 1 $$
                    - CREATE INDEX {table}_x ON {table} (nosuch)
                  teardown:
                    - postgresql: DROP FUNCTION {table}_f()
                """));
        LockdemoRun run = race(dir, which, "--strategy-file", file.toString());
        assertEquals(3, run.exitCode(), run.toString());
        String[] lines = run.err().strip().split("\n");
        assertEquals(1, lines.length, run.toString());
        assertTrue(lines[0].matches("lockdemo: creating table lockdemo_[0-9a-f]{8}_file_bad_setup \\(.*SQLState 42.*\\): "
                + "setup statement [12] of table lockdemo_[0-9a-f]{8}_file_bad_setup \\(CREATE INDEX \\{table}_x ON "
                + "\\{table} \\(nosuc\\.\\.\\.\\): .*nosuch.*"), lines[0]);
        assertEquals(List.of(), leftBehind(which, "file_bad_setup"), "the table dropped, the function torn down");
    }

    @Test
    void aTeardownStatementThatFailsIsAWarningAndTheTableIsStillDropped(@TempDir Path dir) throws Exception {
        Path file = dir.resolve("bad-teardown.yaml");
        Files.writeString(file, Files.readString(naive(dir, "bad-teardown", true)).replace("  counter_column: none\n", """
                  counter_column: none
                  teardown:
                    - DROP INDEX {table}_nosuch
                """));
        LockdemoRun run = race(dir, "embedded", "--strategy-file", file.toString());
        assertEquals(0, run.exitCode(), run.toString());
        assertTrue(run.err().matches("(?s).*lockdemo: warning: teardown statement 1 of table lockdemo_[0-9a-f]{8}_file_"
                + "bad_teardown \\(DROP INDEX \\{table}_nosuch\\) failed: .*does not exist.*"), run.toString());
        assertEquals(List.of(), leftBehind("embedded", "file_bad_teardown"));
    }
}
