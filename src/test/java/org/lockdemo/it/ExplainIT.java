package org.lockdemo.it;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTimeout;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.lockdemo.explain.ExplainGolden;

/**
 * {@code lockdemo explain}, in-process: every built-in scenario on the database it is written for
 * (the embedded PostgreSQL; MariaDB from {@code LOCKDEMO_TEST_MYSQL_URL} when set), run twice to
 * show the timeline is the same, with the exact sequence of steps, who blocked on whom, and each
 * step's result, compared with the scenario's golden file {@code expected/<scenario>.out} (see
 * {@link ExplainGolden} to regenerate them). Then scenario files that are broken or can never finish.
 */
class ExplainIT {
    private static final String MYSQL_URL = System.getenv("LOCKDEMO_TEST_MYSQL_URL");
    private static final String MYSQL_USER = System.getenv().getOrDefault("LOCKDEMO_TEST_MYSQL_USER", "root");
    private static final String INSERT = "insert into {table} (jahr, monat, some_value) values (?, ?, 0)";
    /** What Django's get() returns: every column of the model, id first. */
    private static final String ROW = "1 row: id = 1, jahr = 2016, monat = 5, some_value = ";
    private static final String SAVE = "UPDATE lockdemo_explain SET some_value = ? WHERE id = ?  -- ? = some_value + 1 = ";

    /** Both keys of the several-keys scenarios, each once, as the surviving transaction left them. */
    private static final String TWO_KEYS = "[{\"jahr\":2016,\"monat\":5,\"some_value\":0},"
            + "{\"jahr\":2016,\"monat\":6,\"some_value\":0}]";

    @TempDir
    Path tmp;

    /** The naive race: both miss, both insert, the second INSERT fails at once; T1 saves every field by id. */
    @Test
    void naiveOnPostgres() throws Exception {
        JsonNode t = pg("naive");
        assertRanToTheEnd(t);
        assertEquals("UPDATE lockdemo_explain SET jahr = ?, monat = ?, some_value = ? WHERE id = ?"
                + "  -- ? = jahr, monat, some_value + 1 = 1, id = 1", sql(t, 10), "a full save() by id, of the value read + 1");
    }

    /**
     * T2's INSERT waits for T1, fails when T1 commits, T2 rolls back to its savepoint and releases
     * it, and T2's re-read finds the row.
     */
    @Test
    void savepointOnPostgres() throws Exception {
        JsonNode t = pg("savepoint");
        assertRanToTheEnd(t);
        assertEquals(SAVE + "1, id = 1", sql(t, 8), "T1 saves the row it inserted: 0 + 1");
        assertEquals(SAVE + "2, id = 1", sql(t, 13), "T2 saves the row it read: 1 + 1");
    }

    /** T1 creates the row and locks it again; T2's NOWAIT read fails at once (55P03). */
    @Test
    void nowaitOnPostgres() throws Exception {
        assertRanToTheEnd(pg("nowait"));
    }

    /** T2's upsert waits for T1's commit, then inserts nothing. */
    @Test
    void upsertOnPostgres() throws Exception {
        assertRanToTheEnd(pg("upsert"));
    }

    /** T2's first INSERT waits for T1, fails when T1 commits (23505), T2 locks T1's row. */
    @Test
    void createFirstOnPostgres() throws Exception {
        assertRanToTheEnd(pg("create-first"));
    }

    /** READ COMMITTED: the re-read after the IntegrityError finds the row; then two saves lose an update. */
    @Test
    void getOrCreateOnPostgresLosesAnUpdate() throws Exception {
        JsonNode t = pg("getorcreate");
        assertRanToTheEnd(t); // four saves of value + 1, final value 3
        assertEquals(SAVE + "3, id = 1", sql(t, 17), "T1 computed 2 + 1");
        assertEquals(SAVE + "3, id = 1", sql(t, 18), "T2 computed 2 + 1 too: the lost update");
    }

    /** T2's advisory lock waits for T1's transaction; after it, T2's plain SELECT finds the row. */
    @Test
    void advisoryOnPostgres() throws Exception {
        assertRanToTheEnd(pg("advisory"));
    }

    /** SSI reports the duplicate INSERT of a key T2 read as absent as 40001, not 23505; the retry finds the row. */
    @Test
    void serializableOnPostgres() throws Exception {
        JsonNode t = pg("serializable");
        assertEquals("serializable", t.path("database").path("isolation").asText().toLowerCase(java.util.Locale.ROOT));
        assertRanToTheEnd(t);
    }

    /** RETURNING (xmax = 0): true for the session that inserted, false for the one that waited and found. */
    @Test
    void upsertReturningOnPostgres() throws Exception {
        assertRanToTheEnd(pg("upsert-returning"));
    }

    /**
     * Laravel's updateOrCreate: both sessions read some_value = 1 with no lock and both save 2; T2's
     * UPDATE waits for T1's, then writes the same 2 (three calls, final value 2).
     */
    @Test
    void laravelUpdateOrCreateOnPostgresLosesAnUpdate() throws Exception {
        JsonNode t = pg("laravel-update-or-create");
        assertRanToTheEnd(t);
        String save = "update lockdemo_explain set some_value = ? where id = ?  -- ? = some_value + 1 = ";
        assertEquals(save + "2, id = 1", sql(t, 10), "T1 computed 1 + 1");
        assertEquals(save + "2, id = 1", sql(t, 11), "T2 computed 1 + 1 too: the lost update");
        assertEquals("[{\"jahr\":2016,\"monat\":5,\"some_value\":2}]", t.path("final_rows").toString());
    }

    /** The same on InnoDB under REPEATABLE READ: T2's UPDATE is a current read and overwrites T1's value. */
    @Test
    void laravelUpdateOrCreateOnMariaDbLosesAnUpdateUnderRepeatableRead() throws Exception {
        JsonNode t = mysql("laravel-update-or-create");
        assertEquals("REPEATABLE-READ", t.path("database").path("isolation").asText());
        assertRanToTheEnd(t);
        assertEquals("[{\"jahr\":2016,\"monat\":5,\"some_value\":2}]", t.path("final_rows").toString());
    }

    /**
     * MERGE's unique violation: T2's MERGE saw no row, inserts beside T1's uncommitted one, waits,
     * and fails with 23505 when T1 commits (no ON CONFLICT path).
     */
    @Test
    void mergeOnPostgresFailsWithAUniqueViolation() throws Exception {
        JsonNode t = pg("merge");
        assertRanToTheEnd(t);
        assertEquals(List.of("2 T2: BLOCKED by [T1]", "2 T2 finishes at 5: unique_violation 23505"),
                events(t).stream().filter(e -> e.startsWith("2 T2")).toList());
    }

    /** The NOT EXISTS read cannot see T1's uncommitted row: T2 inserts too, waits, and fails with 23505. */
    @Test
    void insertWhereNotExistsOnPostgresFailsWithAUniqueViolation() throws Exception {
        JsonNode t = pg("insert-where-not-exists");
        assertRanToTheEnd(t);
        assertEquals("2 T2 finishes at 5: unique_violation 23505", events(t).get(5));
    }

    /** RETURNING old (PostgreSQL 18): old_id is NULL for T1, which inserted, and T1's id for T2, which waited. */
    @Test
    void upsertOldNewOnPostgres() throws Exception {
        JsonNode t = pg("upsert-old-new");
        assertRanToTheEnd(t);
        assertEquals("1 T1: 1 row: old_id = null, id = 1, some_value = 0", events(t).get(0));
        assertEquals("2 T2 finishes at 4: 1 row: old_id = 1, id = 1, some_value = 1", events(t).get(4));
    }

    /** Two ignored duplicates keep shared locks on T1's row: their FOR UPDATEs deadlock. */
    @Test
    void insertIgnoreOnMariaDbDeadlocks() throws Exception {
        JsonNode t = mysql("insert-ignore");
        assertRanToTheEnd(t);
        assertTrue(events(t).contains("8 T3: deadlock 1213"), events(t).toString());
    }

    /** READ COMMITTED: the NOT EXISTS is a consistent read; T2 inserts too and fails with 1062. */
    @Test
    void insertWhereNotExistsOnMariaDbFailsWithADuplicate() throws Exception {
        JsonNode t = mysql("insert-where-not-exists");
        assertRanToTheEnd(t);
        assertEquals("2 T2 finishes at 5: unique_violation 1062", events(t).get(5));
    }

    @Test
    void naiveOnMariaDb() throws Exception {
        assertRanToTheEnd(mysql("naive"));
    }

    /** Django #13906: the INSERT sees T1's row, the re-read in T2's REPEATABLE READ snapshot does not. */
    @Test
    void getOrCreateOnMariaDbRepeatableRead() throws Exception {
        JsonNode t = mysql("getorcreate");
        assertEquals("REPEATABLE-READ", t.path("database").path("isolation").asText());
        assertRanToTheEnd(t);
        assertEquals("INSERT INTO lockdemo_explain (jahr, monat, some_value) VALUES (?, ?, 0) RETURNING id", sql(t, 4),
                "MariaDB 10.5+ has INSERT ... RETURNING, and Django uses it");
    }

    /**
     * Sequelize's outside-transaction re-read: after the 1062, T2's own SELECT (its REPEATABLE READ
     * snapshot) finds no row, while T2', another connection of the same client, finds T1's row in
     * autocommit; T2's transaction is still open until step 9.
     */
    @Test
    void sequelizeFindOrCreateReFindsOnASecondConnection() throws Exception {
        JsonNode t = mysql("sequelize-find-or-create");
        assertEquals("REPEATABLE-READ", t.path("database").path("isolation").asText());
        assertRanToTheEnd(t);
        List<String> e = events(t);
        assertTrue(e.contains("6 T2: 0 rows"), e.toString());
        assertTrue(e.contains("7 T2': " + ROW + "0"), e.toString());
    }

    /** --isolation overrides the scenario's: under READ COMMITTED the re-read sees T1's row. */
    @Test
    void getOrCreateOnMariaDbReadCommittedFindsTheRow() throws Exception {
        JsonNode t = mysql("getorcreate", "--isolation", "read-committed");
        assertEquals("READ-COMMITTED", t.path("database").path("isolation").asText());
        assertEquals("11 T2: " + ROW + "0", events(t).get(10));
    }

    /** The shared lock a failed duplicate INSERT keeps after ROLLBACK TO SAVEPOINT: a deadlock. */
    @Test
    void savepointOnMariaDbDeadlocksWithThreeSessions() throws Exception {
        assertRanToTheEnd(mysql("savepoint"));
    }

    /** MariaDB answers NOWAIT with 1205, classified as lock_not_available after a NOWAIT read. */
    @Test
    void nowaitOnMariaDb() throws Exception {
        assertRanToTheEnd(mysql("nowait"));
    }

    @Test
    void upsertOnMariaDb() throws Exception {
        assertRanToTheEnd(mysql("upsert"));
    }

    @Test
    void createFirstOnMariaDb() throws Exception {
        assertRanToTheEnd(mysql("create-first"));
    }

    /**
     * Rails' 2026 create_or_find_by (rails/rails#58733): T2 and T3 lose the INSERT race, both read
     * T1's row back FOR SHARE, both save it; the UPDATEs wait for each other's shared lock and
     * PostgreSQL breaks the cycle after deadlock_timeout with 40P01 in T3, whose UPDATE closed it (T2's
     * setup raises its own deadlock_timeout, so that the victim is the same on every machine); T2's
     * save commits.
     */
    @Test
    void railsShareUpgradeDeadlocksOnPostgres() throws Exception {
        JsonNode t = named("rails-share-upgrade-postgresql", "--url", TestDatabases.embeddedUrl());
        assertRanToTheEnd(t);
        assertEquals(List.of("15 T3: deadlock 40P01"),
                events(t).stream().filter(e -> e.endsWith(": deadlock 40P01")).toList(), events(t).toString());
        assertEquals("[{\"jahr\":2016,\"monat\":5,\"some_value\":2}]", t.path("final_rows").toString());
    }

    /** The same on InnoDB under REPEATABLE READ: the second UPDATE closes the cycle and gets 1213 at once. */
    @Test
    void railsShareUpgradeDeadlocksOnMariaDb() throws Exception {
        TestDatabase.MYSQL.assumeConfigured();
        JsonNode t = named("rails-share-upgrade-mysql", "--url", MYSQL_URL, "--user", MYSQL_USER);
        assertEquals("REPEATABLE-READ", t.path("database").path("isolation").asText());
        assertRanToTheEnd(t);
        assertEquals(1, events(t).stream().filter(e -> e.endsWith(": deadlock 1213")).count(), events(t).toString());
        assertEquals("[{\"jahr\":2016,\"monat\":5,\"some_value\":2}]", t.path("final_rows").toString());
    }

    /**
     * Two keys per transaction in opposite orders (T1: (2016, 5) then (2016, 6); T2 the reverse):
     * each upsert waits for the other's uncommitted row. T1's setup raises its deadlock_timeout, so
     * PostgreSQL's check runs first in T2, whose upsert closed the cycle: T2 gets 40P01 at step 4
     * on every machine, and T1 commits both keys.
     */
    @Test
    void severalKeysInArrivalOrderDeadlockOnPostgres() throws Exception {
        JsonNode t = named("several-keys-arrival-postgresql", "--url", TestDatabases.embeddedUrl());
        assertRanToTheEnd(t);
        assertEquals("{\"T1\":[\"SET deadlock_timeout = '10s'\"]}", t.path("setup").toString());
        assertEquals(List.of("4 T2: deadlock 40P01"),
                events(t).stream().filter(e -> e.endsWith("40P01")).toList(), events(t).toString());
        assertEquals(TWO_KEYS, t.path("final_rows").toString());
    }

    /** The same two sessions with their keys sorted: one wait, no deadlock, both keys exist once. */
    @Test
    void severalKeysSortedDoNotDeadlockOnPostgres() throws Exception {
        JsonNode t = named("several-keys-sorted-postgresql", "--url", TestDatabases.embeddedUrl());
        assertRanToTheEnd(t);
        assertEquals(List.of(), events(t).stream().filter(e -> e.contains("deadlock")).toList(), events(t).toString());
        assertEquals(List.of("2 T2: BLOCKED by [T1]"), events(t).stream().filter(e -> e.contains("BLOCKED")).toList());
        assertEquals(TWO_KEYS, t.path("final_rows").toString());
    }

    /** InnoDB sees the cycle when T2's upsert closes it and rolls T2 back at once (1213); T1 commits both keys. */
    @Test
    void severalKeysInArrivalOrderDeadlockOnMariaDb() throws Exception {
        TestDatabase.MYSQL.assumeConfigured();
        JsonNode t = named("several-keys-arrival-mysql", "--url", MYSQL_URL, "--user", MYSQL_USER);
        assertRanToTheEnd(t);
        assertEquals(List.of("4 T2: deadlock 1213"),
                events(t).stream().filter(e -> e.endsWith("1213")).toList(), events(t).toString());
        assertEquals(TWO_KEYS, t.path("final_rows").toString());
    }

    /** Sorted on MariaDB: T2 waits for T1 on (2016, 5) once; no deadlock. */
    @Test
    void severalKeysSortedDoNotDeadlockOnMariaDb() throws Exception {
        TestDatabase.MYSQL.assumeConfigured();
        JsonNode t = named("several-keys-sorted-mysql", "--url", MYSQL_URL, "--user", MYSQL_USER);
        assertRanToTheEnd(t);
        assertEquals(List.of(), events(t).stream().filter(e -> e.contains("deadlock")).toList(), events(t).toString());
        assertEquals(List.of("2 T2: BLOCKED by [T1]"), events(t).stream().filter(e -> e.contains("BLOCKED")).toList());
        assertEquals(TWO_KEYS, t.path("final_rows").toString());
    }

    /**
     * GET_LOCK is the session's, so T1 holds it past COMMIT until RELEASE_LOCK. T2 asks only after
     * that: a GET_LOCK wait is no InnoDB lock wait, so the lock view could not show it as BLOCKED.
     */
    @Test
    void advisoryOnMariaDb() throws Exception {
        assertRanToTheEnd(mysql("advisory"));
    }

    /** SERIALIZABLE makes InnoDB's SELECTs shared-lock reads: both INSERTs wait on the other's gap lock. */
    @Test
    void serializableOnMariaDbDeadlocks() throws Exception {
        assertRanToTheEnd(mysql("serializable"));
    }

    /**
     * A user's scenario file: T3 waits for T2, which waits for T1. T3's wait counts as settled
     * although the session it waits for waits too, and each wait ends when the session ahead
     * commits. Literal parameters put T2's own row on another key. The file is in the older form (a
     * list of steps that name their session), which stays readable. Expected: {@code expected/chain.out}.
     */
    @Test
    void aUsersScenarioFileWithAChainOfWaits() throws Exception {
        Path f = tmp.resolve("chain.json");
        try (var in = ExplainIT.class.getResourceAsStream("queue-scenario.json")) {
            Files.copy(in, f);
        }
        JsonNode t = twice("--scenario", f.toString(), "--url", TestDatabases.embeddedUrl());
        assertGolden(t, "chain", "--scenario", "queue-scenario.json", "(embedded PostgreSQL)");
        assertEquals("insert into lockdemo_explain (jahr, monat, some_value) values (?, ?, 0)  -- ? = 2016, 6",
                t.path("timeline").get(3).path("sql").asText(), "literal parameters are shown");
        assertEquals("[{\"jahr\":2016,\"monat\":5,\"some_value\":0},{\"jahr\":2016,\"monat\":6,\"some_value\":0}]",
                t.path("final_rows").toString());
    }

    /** The default text, the schedule in columns, at 80 and 100 columns: {@code expected/naive-postgresql.columns-80.out}. */
    @Test
    void naiveOnPostgresInColumns() throws Exception {
        assertColumnsGolden("naive-postgresql", "--strategy", "naive", "--url", TestDatabases.embeddedUrl());
    }

    /** Three sessions' columns, two of them blocked at once, and a deadlock. */
    @Test
    void savepointOnMariaDbInColumns() throws Exception {
        TestDatabase.MYSQL.assumeConfigured();
        assertColumnsGolden("savepoint-mysql", "--strategy", "savepoint", "--url", MYSQL_URL, "--user", MYSQL_USER);
    }

    /** A column for T2', the client's second connection. */
    @Test
    void sequelizeFindOrCreateOnMariaDbInColumns() throws Exception {
        TestDatabase.MYSQL.assumeConfigured();
        assertColumnsGolden("sequelize-find-or-create-mysql", "--strategy", "sequelize-find-or-create", "--url", MYSQL_URL,
                "--user", MYSQL_USER);
    }

    /** Below the narrowest columns for the scenario's sessions: one line naming the minimum, exit 2, nothing run. */
    @Test
    void aWidthTooNarrowForTheColumns() {
        LockdemoRun r = LockdemoRun.run("explain", "--strategy", "savepoint", "--width", "43");
        assertEquals(2, r.exitCode(), r.toString());
        assertEquals("lockdemo: --width 43 is too narrow for 2 sessions' columns; the minimum is 44\n", r.err());
        assertEquals("", r.out());
    }

    @Test
    void listIsTheOneColumnForm() {
        LockdemoRun r = LockdemoRun.run("explain", "--strategy", "upsert", "--format", "list");
        assertEquals(0, r.exitCode(), r.toString());
        assertTrue(r.err().contains("starting an embedded PostgreSQL"), r.toString());
        assertTrue(r.out().contains("   2  T2       insert into lockdemo_explain (jahr, monat, some_value) values (?, ?, 0)"
                + " on conflict (jahr, monat) do nothing\n               -> BLOCKED (waiting for T1)\n"), r.out());
        assertTrue(r.out().contains("      T2       step 2, blocked until now, finishes -> 0 rows: the key exists, "
                + "nothing inserted\n"), r.out());
        assertTrue(r.out().contains("Reference: https://www.postgresql.org/docs/current/sql-insert.html"), r.out());
        assertTrue(r.out().contains("  2016      5           2\n"), r.out());
    }

    @Test
    void markdownHasOneColumnPerSession() {
        LockdemoRun r = LockdemoRun.run("explain", "--strategy", "savepoint", "--url", TestDatabases.embeddedUrl(),
                "--format", "markdown");
        assertEquals(0, r.exitCode(), r.toString());
        assertTrue(r.out().contains("| step | T1 | T2 |\n|---:|---|---|\n"), r.out());
        assertTrue(r.out().contains("| 7 | | `INSERT INTO lockdemo_explain (jahr, monat, some_value) VALUES (?, ?, 0)"
                + " RETURNING id`<br>→ **BLOCKED (waits for T1)** |\n"), r.out());
        assertTrue(r.out().contains("| 8 | `UPDATE lockdemo_explain SET some_value = ? WHERE id = ?  -- ? = some_value + 1 = 1, "
                + "id = 1`<br>→ 1 row updated | │ |\n"), r.out());
        assertTrue(r.out().contains("| 9 | `COMMIT`<br>→ ✓ committed | └→ **✗ ERROR unique_violation (SQLState 23505)"), r.out());
    }

    @Test
    void listShowsEveryScenarioWithItsLesson() {
        LockdemoRun r = LockdemoRun.run("explain", "--list");
        assertEquals(0, r.exitCode(), r.toString());
        assertEquals(org.lockdemo.explain.Scenarios.builtIn().size(), r.out().lines().count(), r.out());
        assertTrue(r.out().lines().anyMatch(l -> l.startsWith("merge-postgresql") && l.contains("MERGE's unique violation")),
                r.out());
        assertTrue(r.out().lines().anyMatch(l -> l.startsWith("rails-share-upgrade-mysql") && l.contains("(1213)")), r.out());
        assertTrue(r.out().lines().anyMatch(l -> l.startsWith("getorcreate-mysql") && l.contains("repeatable-read")
                && l.contains("#13906")), r.out());
    }

    @Test
    @RequiresDatabase(TestDatabase.MYSQL)
    void noScenarioForAStrategyIsAUsageError() {
        LockdemoRun r = LockdemoRun.run("explain", "--strategy", "upsert-returning", "--url", MYSQL_URL, "--user", MYSQL_USER);
        assertEquals(2, r.exitCode(), r.toString());
        assertTrue(r.err().startsWith("lockdemo: upsert-returning needs INSERT ... ON CONFLICT DO UPDATE ... RETURNING"),
                r.err());
    }

    @Test
    void syntaxErrorInAScenarioFile() throws Exception {
        Path f = write("broken.json", "{\"name\": \"x\",\n \"steps\": [ {\"session\": \"T1\" \"sql\": \"commit\"} ] }");
        LockdemoRun r = LockdemoRun.run("explain", "--scenario", f.toString(), "--url", TestDatabases.embeddedUrl());
        assertEquals(2, r.exitCode(), r.toString());
        assertTrue(r.err().startsWith("lockdemo: scenario " + f + ": not valid JSON at line 2, column 30: "), r.err());
        assertEquals(1, r.err().lines().count(), "one line, no stack trace: " + r.err());
    }

    @Test
    void unknownSessionInAScenarioFile() throws Exception {
        Path f = write("unknown.json", scenario("[\"T1\", \"T2\"]", step("T1", INSERT), step("T3", "commit")));
        LockdemoRun r = LockdemoRun.run("explain", "--scenario", f.toString(), "--url", TestDatabases.embeddedUrl());
        assertEquals(2, r.exitCode(), r.toString());
        assertEquals("lockdemo: scenario " + f + ": step 2: unknown session 'T3'; the scenario's sessions are T1, T2\n",
                r.err());
    }

    /**
     * A session's setup statement that the server refuses stops the run before step 1: one line
     * naming the session, the statement and the server's answer, exit 3, and the table it had
     * created is dropped.
     */
    @Test
    void aSetupStatementTheServerRefuses() throws Exception {
        Path f = write("setup.json", scenario("[\"T1\", \"T2\"]", step("T1", INSERT), step("T1", "commit"))
                .replace("\"sessions\":", "\"setup\": {\"T2\": [\"SET no_such_parameter = 1\"]}, \"sessions\":"));
        int before = explainTables();
        LockdemoRun r = LockdemoRun.run("explain", "--scenario", f.toString(), "--url", TestDatabases.embeddedUrl());
        assertEquals(3, r.exitCode(), r.toString());
        assertEquals("lockdemo: T2's setup statement 'SET no_such_parameter = 1' failed (SQLState 42704): ERROR: "
                + "unrecognized configuration parameter \"no_such_parameter\"\n", r.err());
        assertEquals(before, explainTables(), "the run's table is dropped");
    }

    /**
     * The built-in deadlock scenario's setup raises deadlock_timeout, which only a superuser (or,
     * from PostgreSQL 15, a user granted SET on it) may: a plain user gets one line that says so.
     */
    @Test
    void aSetupThatNeedsASuperuser() throws Exception {
        try (java.sql.Connection c = java.sql.DriverManager.getConnection(TestDatabases.embeddedUrl(), "postgres", "");
                java.sql.Statement s = c.createStatement()) {
            s.execute("DROP ROLE IF EXISTS lockdemo_plain");
            s.execute("CREATE ROLE lockdemo_plain LOGIN");
            s.execute("GRANT CREATE ON SCHEMA public TO lockdemo_plain");
        }
        int before = explainTables();
        String url = TestDatabases.embeddedUrl().replaceFirst("\\?.*", ""); // without its user=postgres
        LockdemoRun r = LockdemoRun.run("explain", "several-keys-arrival-postgresql", "--url", url, "--user", "lockdemo_plain");
        assertEquals(3, r.exitCode(), r.toString());
        assertEquals("lockdemo: T1's setup statement 'SET deadlock_timeout = '10s'' failed (SQLState 42501): ERROR: "
                + "permission denied to set parameter \"deadlock_timeout\"; setting it needs a superuser, or from "
                + "PostgreSQL 15 a GRANT SET ON PARAMETER to this user\n", r.err());
        assertEquals(before, explainTables(), "the run's table is dropped");
        try (java.sql.Connection c = java.sql.DriverManager.getConnection(TestDatabases.embeddedUrl(), "postgres", "");
                java.sql.Statement s = c.createStatement()) {
            s.execute("REVOKE CREATE ON SCHEMA public FROM lockdemo_plain");
            s.execute("DROP ROLE lockdemo_plain");
        }
    }

    /** How many of explain's tables the embedded PostgreSQL has. */
    private static int explainTables() throws Exception {
        try (java.sql.Connection c = java.sql.DriverManager.getConnection(TestDatabases.embeddedUrl(), "postgres", "");
                java.sql.ResultSet rs = c.createStatement().executeQuery(
                        "SELECT count(*) FROM pg_tables WHERE tablename LIKE 'lockdemo\\_explain\\_%'")) {
            rs.next();
            return rs.getInt(1);
        }
    }

    /** "id" before any SELECT or INSERT of the session: the file is refused before anything is created. */
    @Test
    void aLastRowParameterBeforeTheSessionReads() throws Exception {
        Path f = write("early.json", scenario("[\"T1\"]", saveById("T1"), step("T1", "commit")));
        LockdemoRun r = LockdemoRun.run("explain", "--scenario", f.toString(), "--url", TestDatabases.embeddedUrl());
        assertEquals(2, r.exitCode(), r.toString());
        assertEquals("lockdemo: scenario " + f + ": step 1: parameter \"some_value + 1\" binds the row T1 last read or "
                + "inserted, but no step of T1 before it reads or inserts one (a SELECT of id, or an INSERT)\n", r.err());
    }

    /** The read found no row, so there is no id to save by: stopped there, with the timeline so far. */
    @Test
    void aLastRowParameterAfterAReadOfNoRow() throws Exception {
        Path f = write("missed.json", scenario("[\"T1\"]",
                step("T1", "SELECT id, jahr, monat, some_value FROM {table} WHERE (jahr = ? AND monat = ?) LIMIT 21"),
                saveById("T1"), step("T1", "commit")));
        LockdemoRun r = LockdemoRun.run("explain", "--scenario", f.toString(), "--url", TestDatabases.embeddedUrl());
        assertEquals(5, r.exitCode(), r.toString());
        assertEquals("lockdemo: scenario missed: step 2 (T1) cannot be sent: parameter \"some_value + 1\" binds a value of "
                + "the row T1 last read or inserted, and there is none: T1's read at step 1 returned 0 rows\n", r.err());
        assertTrue(r.out().contains("   1  SELECT id, jahr, monat, some_value FROM"), r.out());
    }

    /** T2 waits for T1's INSERT, and nothing after it commits T1: stopped at once, not hung. */
    @Test
    void aScheduleThatEndsWithAStepStillBlocked() throws Exception {
        Path f = write("forever.json", scenario("[\"T1\", \"T2\"]", step("T1", INSERT), step("T2", INSERT)));
        LockdemoRun r = assertTimeout(Duration.ofSeconds(20), () -> LockdemoRun.run("explain", "--scenario", f.toString(),
                "--url", TestDatabases.embeddedUrl()));
        assertEquals(5, r.exitCode(), r.toString());
        assertTrue(r.out().contains("→ BLOCKED (waits for T1)"), "the timeline so far is printed: " + r.out());
        assertEquals("lockdemo: scenario forever: the schedule ended after step 2 with step 2 (T2) still waiting for T1: "
                + "no step releases that lock; add a commit or rollback of T1 after step 2\n", r.err());
        assertTrue(r.out().contains("Final rows of lockdemo_explain:\n  (none)\n"), "T1 was rolled back: " + r.out());
    }

    /** A blocked session cannot take its next step: the schedule can never release the lock. */
    @Test
    void aStepForASessionThatIsStillBlocked() throws Exception {
        Path f = write("selfblock.json", scenario("[\"T1\", \"T2\"]", step("T1", INSERT), step("T2", INSERT),
                step("T2", "commit"), step("T1", "commit")));
        LockdemoRun r = assertTimeout(Duration.ofSeconds(20), () -> LockdemoRun.run("explain", "--scenario", f.toString(),
                "--url", TestDatabases.embeddedUrl(), "--format", "json"));
        assertEquals(5, r.exitCode(), r.toString());
        JsonNode t = new ObjectMapper().readTree(r.out());
        assertEquals(List.of("1 T1: created (1 row)", "2 T2: BLOCKED by [T1]"), events(t));
        assertTrue(t.path("stuck").asText().startsWith("step 3 (T2) cannot be sent: T2 is still waiting at step 2 for T1"),
                t.path("stuck").asText());
    }

    /** A statement that neither finishes nor waits for a lock is stopped after --step-timeout. */
    @Test
    void aStepThatNeitherFinishesNorBlocksIsStopped() throws Exception {
        Path f = write("slow.json", scenario("[\"T1\"]", step("T1", "select pg_sleep(60)")));
        LockdemoRun r = assertTimeout(Duration.ofSeconds(20), () -> LockdemoRun.run("explain", "--scenario", f.toString(),
                "--url", TestDatabases.embeddedUrl(), "--step-timeout", "1s"));
        assertEquals(5, r.exitCode(), r.toString());
        assertEquals("lockdemo: scenario slow: step 1 (T1) neither finished nor showed as waiting for a lock within "
                + "1000 ms (--step-timeout); stopped it\n", r.err());
    }

    /**
     * SQLite in WAL, each statement in a deferred transaction of its own: both miss, nobody waits,
     * and T2's INSERT meets T1's committed row: SQLITE_CONSTRAINT_UNIQUE, shown by its extended code.
     */
    @Test
    void naiveOnSqlite() throws Exception {
        JsonNode t = sqlite("naive-sqlite");
        assertRanToTheEnd(t);
        assertEquals("7 T2: unique_violation 2067", events(t).get(6));
        assertTrue(t.path("timeline").get(6).path("result").asText().startsWith(
                "ERROR sqlite_constraint_unique (extended result code 2067) = unique_violation: "),
                t.path("timeline").get(6).toString());
        assertEquals(List.of(), blocked(t), "nobody waits");
    }

    /**
     * BEGIN DEFERRED in WAL: both read no row, T1 inserts and commits, and T2's INSERT, on a snapshot
     * older than T1's commit, is refused at once with SQLITE_BUSY_SNAPSHOT: never BLOCKED. T2's
     * retry in a new transaction finds T1's row; the key exists once, incremented twice.
     */
    @Test
    void savepointOnSqliteIsRefusedAtOnceUnderDeferred() throws Exception {
        JsonNode t = sqlite("savepoint-sqlite");
        assertRanToTheEnd(t);
        assertEquals("SERIALIZABLE", t.path("database").path("isolation").asText());
        assertEquals("BEGIN DEFERRED", sql(t, 1));
        assertEquals("11 T2: serialization_failure 517", events(t).get(10));
        assertEquals(List.of(), blocked(t), "a stale snapshot is refused, not made to wait");
        assertEquals("14 T2: " + ROW + "1", events(t).get(13), "the retry reads T1's row");
        assertEquals("[{\"jahr\":2016,\"monat\":5,\"some_value\":2}]", t.path("final_rows").toString());
    }

    /**
     * BEGIN IMMEDIATE: T2's BEGIN waits for T1, seen from T2's busy handler, with T1 named as the
     * holder; T1's COMMIT ends the wait, and T2 then reads T1's row. Nothing fails.
     */
    @Test
    void savepointOnSqliteWaitsAtBeginUnderImmediate() throws Exception {
        JsonNode t = sqlite("savepoint-immediate-sqlite");
        assertRanToTheEnd(t);
        assertEquals("BEGIN IMMEDIATE", sql(t, 3));
        assertEquals(List.of("3 T2: BLOCKED by [T1]"), blocked(t));
        assertTrue(events(t).contains("3 T2 finishes at 8: ok"), events(t).toString());
        assertEquals(List.of(), events(t).stream().filter(e -> e.contains("ERROR") || e.matches(".*: [a-z_]+ \\d+$"))
                .toList(), "no step fails");
        assertEquals("[{\"jahr\":2016,\"monat\":5,\"some_value\":2}]", t.path("final_rows").toString());
    }

    /** --strategy savepoint on SQLite picks the scenario of the --sqlite-begin given, else the deferred one. */
    @Test
    void theSqliteBeginModeChoosesTheSavepointScenario() throws Exception {
        JsonNode immediate = onceAsJson("--strategy", "savepoint", "--url", "sqlite", "--sqlite-begin", "immediate");
        assertEquals("savepoint-immediate-sqlite", immediate.path("scenario").asText(), immediate.toString());
        JsonNode deferred = onceAsJson("--strategy", "savepoint", "--url", "sqlite");
        assertEquals("savepoint-sqlite", deferred.path("scenario").asText(), deferred.toString());
    }

    /** The SQLite scenarios in columns, as the default text prints them: {@code expected/<name>.columns-80.out}. */
    @Test
    void theSqliteScenariosInColumns() throws Exception {
        for (String name : List.of("naive-sqlite", "savepoint-sqlite", "savepoint-immediate-sqlite")) {
            assertColumnsGolden(name, name, "--url", "sqlite");
        }
    }

    /**
     * A user's SQLite scenario on a user's file, checking the rules the write lock's holder is named
     * by against SQLite: a deferred transaction's first write waits for T1's write lock (BLOCKED by T1,
     * T1's COMMIT ends it, and T2 then sees T1's row: 2067); a write that fails on the unique key keeps
     * the lock, so T2's INSERT after a read is refused at once, without a wait. The file stays, without
     * lockdemo's table.
     */
    @Test
    void aUsersSqliteScenarioOnAUsersFile() throws Exception {
        Path f = tmp.resolve("deferred.json");
        try (var in = ExplainIT.class.getResourceAsStream("sqlite-deferred-scenario.json")) {
            Files.copy(in, f);
        }
        Path db = tmp.resolve("mine.db");
        JsonNode t = twice("--scenario", f.toString(), "--url", "jdbc:sqlite:" + db);
        assertEquals(List.of("1 T1: ok", "2 T1: created (1 row)", "3 T2: BLOCKED by [T1]", "4 T1: committed",
                "3 T2 finishes at 4: unique_violation 2067", "5 T2: rolled back", "6 T1: ok", "7 T1: 1 row: id = 1, some_value = 0",
                "8 T2: ok", "9 T2: 1 row: id = 1, some_value = 0", "10 T1: unique_violation 2067",
                "11 T2: serialization_failure 5", "12 T1: rolled back", "13 T2: rolled back"), events(t));
        assertEquals("sqlite_busy_without_wait", t.path("timeline").get(11).path("error").path("condition").asText());
        assertTrue(Files.exists(db), "a user's file stays");
        try (java.sql.Connection c = java.sql.DriverManager.getConnection("jdbc:sqlite:" + db);
                java.sql.Statement s = c.createStatement();
                java.sql.ResultSet rs = s.executeQuery("SELECT count(*) FROM sqlite_schema WHERE name LIKE 'lockdemo%'")) {
            assertTrue(rs.next());
            assertEquals(0, rs.getInt(1), "lockdemo's tables are dropped");
        }
    }

    /** Runs the built-in SQLite scenario {@code name} twice, each on a new file; the timeline must be {@code expected/<name>.out}. */
    private JsonNode sqlite(String name) throws Exception {
        JsonNode t = twice(name, "--url", "sqlite");
        assertGolden(t, name, name, "--url", "sqlite");
        return t;
    }

    /** The BLOCKED events, as {@link #events} writes them. */
    private static List<String> blocked(JsonNode t) {
        return events(t).stream().filter(e -> e.contains("BLOCKED")).toList();
    }

    /** One run of {@code explain --format json ARGS}, which must end with 0. */
    private static JsonNode onceAsJson(String... args) throws Exception {
        List<String> withJson = new ArrayList<>(List.of("explain", "--format", "json"));
        withJson.addAll(List.of(args));
        LockdemoRun r = LockdemoRun.run(System.getenv(), withJson.toArray(String[]::new));
        assertEquals(0, r.exitCode(), r.toString());
        return new ObjectMapper().readTree(r.out());
    }

    /** Runs {@code --strategy} twice on the embedded PostgreSQL; the timeline must be {@code expected/<strategy>-postgresql.out}. */
    private JsonNode pg(String strategy) throws Exception {
        JsonNode t = twice("--strategy", strategy, "--url", TestDatabases.embeddedUrl());
        assertGolden(t, strategy + "-postgresql", "--strategy", strategy, "(embedded PostgreSQL)");
        return t;
    }

    /**
     * Runs {@code --strategy} twice on MariaDB; the timeline must be {@code expected/<strategy>-mysql.out}
     * ({@code <strategy>-mysql.<level>.out} with {@code --isolation <level>}).
     */
    private JsonNode mysql(String strategy, String... more) throws Exception {
        TestDatabase.MYSQL.assumeConfigured();
        List<String> args = new ArrayList<>(List.of("--strategy", strategy, "--url", MYSQL_URL, "--user", MYSQL_USER));
        args.addAll(List.of(more));
        JsonNode t = twice(args.toArray(String[]::new));
        List<String> command = new ArrayList<>(List.of("--strategy", strategy));
        command.addAll(List.of(more));
        command.add("(MariaDB)");
        assertGolden(t, strategy + "-mysql" + (more.length == 2 && more[0].equals("--isolation") ? "." + more[1] : ""),
                command.toArray(String[]::new));
        return t;
    }

    /** Runs the built-in scenario {@code name} twice; the timeline must be {@code expected/<name>.out}. */
    private JsonNode named(String name, String... target) throws Exception {
        List<String> args = new ArrayList<>(List.of(name));
        args.addAll(List.of(target));
        JsonNode t = twice(args.toArray(String[]::new));
        assertGolden(t, name, name);
        return t;
    }

    /** Runs the command twice; the timelines (SQL, results, errors, final rows) must be identical. */
    static JsonNode twice(String... args) throws Exception {
        List<String> withJson = new ArrayList<>(List.of("explain", "--format", "json"));
        withJson.addAll(List.of(args));
        JsonNode[] runs = new JsonNode[2];
        for (int i = 0; i < 2; i++) {
            LockdemoRun r = LockdemoRun.run(System.getenv(), withJson.toArray(String[]::new));
            assertEquals(0, r.exitCode(), r.toString());
            runs[i] = new ObjectMapper().readTree(r.out());
        }
        assertEquals(runs[0], runs[1], "the same command must print the same timeline");
        return runs[0];
    }

    /**
     * The run as its golden file holds it: the isolation the server reports, each session's setup if
     * it has one, then each event as {@link #events} writes it with the SQL as shown below it, then
     * the final rows.
     */
    static String golden(JsonNode t) {
        StringBuilder b = new StringBuilder("isolation: " + t.path("database").path("isolation").asText() + "\n");
        t.path("setup").properties().forEach(e -> b.append("setup ").append(e.getKey()).append(": ")
                .append(e.getValue().toString()).append('\n'));
        List<String> events = events(t);
        for (int i = 0; i < events.size(); i++) {
            b.append(events.get(i)).append("\n    ").append(t.path("timeline").get(i).path("sql").asText()).append('\n');
        }
        return b.append("final rows: ").append(t.path("final_rows")).append('\n').toString();
    }

    /**
     * The default text of the command, after its first line (which names the server's version), matches
     * {@code expected/<name>.columns-80.out} with {@code --width 80} and {@code .columns-100.out} with
     * {@code --width 100}; see {@link ExplainGolden} to regenerate them.
     */
    private static void assertColumnsGolden(String name, String... args) throws Exception {
        for (int width : new int[] {80, 100}) {
            List<String> command = new ArrayList<>(List.of("explain"));
            command.addAll(List.of(args));
            command.addAll(List.of("--width", Integer.toString(width)));
            LockdemoRun r = LockdemoRun.run(System.getenv(), command.toArray(String[]::new));
            assertEquals(0, r.exitCode(), r.toString());
            String text = r.out().substring(r.out().indexOf('\n') + 1);
            text.lines().filter(l -> !l.startsWith("Reference: ")).forEach(l -> assertTrue(l.length() <= width,
                    "the text fits " + width + " columns: " + l));
            ExplainGolden.assertMatches(name + ".columns-" + width, List.of("lockdemo explain " + name + " --width " + width
                    + ": the schedule in columns (the default text) ExplainIT expects, after the first line"
                    + " (see ExplainGolden to regenerate)"), text);
        }
    }

    /** The run matches {@code expected/<name>.out}; see {@link ExplainGolden} to regenerate it. */
    static void assertGolden(JsonNode t, String name, String... command) throws Exception {
        ExplainGolden.assertMatches(name, List.of("lockdemo explain " + String.join(" ", command)
                + ": the timeline ExplainIT expects, each event then its SQL (see ExplainGolden to regenerate)"), golden(t));
    }

    /** The schedule ran to its end (its timeline and final rows are the golden file's). */
    private static void assertRanToTheEnd(JsonNode t) {
        assertTrue(t.path("stuck").isNull(), t.path("stuck").asText());
    }

    /** Each event as {@code 7 T2: BLOCKED by [T1]}, {@code 7 T2 finishes at 9: unique_violation 23505}, ... */
    static List<String> events(JsonNode t) {
        List<String> out = new ArrayList<>();
        for (JsonNode e : t.path("timeline")) {
            String head = e.path("step").asInt() + " " + e.path("session").asText();
            String what;
            if (e.path("event").asText().equals("blocked")) {
                List<String> holders = new ArrayList<>();
                e.path("waiting_for").forEach(h -> holders.add(h.asText()));
                what = "BLOCKED by " + holders;
            } else if (!e.path("error").isNull()) {
                JsonNode err = e.path("error");
                what = err.path("outcome").asText() + " "
                        + (err.path("vendor_code").asInt() != 0 ? err.path("vendor_code").asText() : err.path("sqlstate").asText());
            } else {
                what = e.path("result").asText();
            }
            if (e.path("event").asText().equals("finished")) {
                head += " finishes at " + e.path("at_step").asInt();
            }
            out.add(head + ": " + what);
        }
        return out;
    }

    private static String saveById(String session) {
        return "{\"session\": \"" + session + "\", \"sql\": \"UPDATE {table} SET some_value = ? WHERE id = ?\","
                + " \"params\": [\"some_value + 1\", \"id\"]}";
    }

    /** The SQL of the first event of step {@code step}, as shown. */
    private static String sql(JsonNode t, int step) {
        for (JsonNode e : t.path("timeline")) {
            if (e.path("step").asInt() == step) {
                return e.path("sql").asText();
            }
        }
        throw new AssertionError("no step " + step + " in " + t.toPrettyString());
    }

    private static String step(String session, String sql) {
        return "{\"session\": \"" + session + "\", \"sql\": \"" + sql + "\"}";
    }

    private static String scenario(String sessions, String... steps) {
        String name = "x";
        return "{\"name\": \"" + name + "\", \"dialects\": [\"postgresql\"], \"lesson\": \"l\", \"sessions\": " + sessions
                + ", \"steps\": [" + String.join(", ", steps) + "]}";
    }

    private Path write(String file, String text) throws Exception {
        Path f = tmp.resolve(file);
        Files.writeString(f, text.replace("\"name\": \"x\"", "\"name\": \"" + file.replace(".json", "") + "\""));
        return f;
    }
}
