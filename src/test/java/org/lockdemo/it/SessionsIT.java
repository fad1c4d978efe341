package org.lockdemo.it;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.lockdemo.db.Dialects;

/**
 * {@code lockdemo sessions} driven through a pipe, in-process, on real databases: T1 inserts the
 * key, T2's INSERT of it shows as BLOCKED (from the server's lock view) and T2 refuses a second
 * statement meanwhile, T1's COMMIT releases it and T2's step finishes with the unique violation,
 * SQLState, vendor code and lockdemo's condition; a syntax error is shown in its session and the
 * REPL goes on; {@code \schedule} draws the columns; {@code \save} writes a scenario that
 * {@code explain --scenario} replays to the very same columns; and the table is gone afterwards.
 */
class SessionsIT {
    private static final String MYSQL_URL = System.getenv("LOCKDEMO_TEST_MYSQL_URL");
    private static final String MYSQL_USER = System.getenv().getOrDefault("LOCKDEMO_TEST_MYSQL_USER", "root");
    private static final String INSERT = "insert into lockdemo_explain (jahr, monat, some_value) values (2016, 5, 0);";
    private static final Pattern TABLE = Pattern.compile("table lockdemo_explain \\((lockdemo_explain_[a-z0-9]+)\\)");

    @TempDir
    Path tmp;

    @Test
    void theDuplicateInsertOnTheEmbeddedPostgres() throws Exception {
        String url = TestDatabases.embeddedUrl();
        String out = typed(url, "postgres", "T2 waits for ShareLock on T1's transaction id (held by T1)",
                "T2: step 2 finished at step 3 → ERROR unique_violation (SQLState 23505): duplicate key value violates "
                        + "unique constraint \"lockdemo_explain_jahr_monat_key\"",
                "T1: step 4 → ERROR sqlstate_42601 (SQLState 42601) = other_error: syntax error at or near \"selec\"");
        assertTrue(out.contains("on PostgreSQL 18."), out);
    }

    @Test
    @RequiresDatabase(TestDatabase.MACHINE_POSTGRESQL)
    void theDuplicateInsertOnTheMachinesPostgres() throws Exception {
        typed(TestDatabases.machinePgUrl(), "postgres", "T2 waits for ShareLock on T1's transaction id (held by T1)",
                "T2: step 2 finished at step 3 → ERROR unique_violation (SQLState 23505)",
                "T1: step 4 → ERROR sqlstate_42601 (SQLState 42601) = other_error");
    }

    @Test
    @RequiresDatabase(TestDatabase.MYSQL)
    void theDuplicateInsertOnMariaDb() throws Exception {
        typed(MYSQL_URL, MYSQL_USER, "T2 waits for S on index entry (2016, 5) (held by T1)",
                "T2: step 2 finished at step 3 → ERROR ER_DUP_ENTRY (vendor code 1062, SQLState 23000) = unique_violation: "
                        + "Duplicate entry '2016-5' for key 'jahr_monat_key'",
                "T1: step 4 → ERROR error_1064 (vendor code 1064, SQLState 42000)");
    }

    /**
     * Galera: T1 on node 1 and T2 on node 2 lock nothing (no row yet) and both INSERT the key
     * without waiting, since a row lock exists only on its node; T1 commits first and T2's COMMIT
     * fails certification (1213). The replay on the same nodes draws the same columns.
     */
    @Test
    @RequiresDatabase(TestDatabase.GALERA_CLUSTER)
    void twoNodesOfAGaleraCluster() throws Exception {
        List<String> nodes = TestDatabases.galeraUrls().subList(0, 2);
        Path saved = tmp.resolve("galera.json");
        String lock = "select id, some_value from lockdemo_explain where jahr = 2016 and monat = 5 for update;";
        String script = String.join("\n", lock, INSERT, "T2: " + lock, INSERT, "T1: commit;", "T2: commit;",
                "\\schedule", "\\save " + saved, "");
        LockdemoRun r = LockdemoRun.withInput(script, "sessions", "--user", MYSQL_USER, "--url", nodes.get(0),
                "--url", nodes.get(1));
        assertEquals(0, r.exitCode(), r.toString());
        String out = r.out();
        assertTrue(out.startsWith("lockdemo sessions: T1 on node 1, T2 on node 2 on MariaDB"), out);
        assertTrue(out.contains("\nT2: step 4 → created (1 row)\n"), "no wait across nodes: " + out);
        assertTrue(out.contains("\nT2: step 6 → ERROR ER_LOCK_DEADLOCK (vendor code 1213, SQLState 40001) = "
                + "certification_failure: "), out);
        List<String> schedule = between(out, "T2> \\schedule\n", "T2> \\save");
        Matcher m = TABLE.matcher(out);
        assertTrue(m.find(), out);
        for (String node : nodes) {
            assertEquals(List.of(), TestDatabases.lockdemoTables(Dialects.normalizeUrl(node), MYSQL_USER, m.group(1)),
                    "table left behind on " + node);
        }
        LockdemoRun replay = LockdemoRun.run("explain", "--scenario", saved.toString(), "--user", MYSQL_USER,
                "--url", nodes.get(0), "--url", nodes.get(1));
        assertEquals(0, replay.exitCode(), replay.toString());
        assertTrue(replay.out().contains(String.join("\n", schedule) + "\n"), replay.out());
        assertTrue(Files.readString(saved).contains("\"nodes\" : {\n    \"T1\" : 1,\n    \"T2\" : 2\n  }"),
                Files.readString(saved));
    }

    /** Two keys taken in opposite orders: the server breaks the deadlock, and the REPL draws its cycle. */
    @Test
    void aDeadlockIsShownWithItsCycleOnPostgres() {
        assertDeadlockDrawn(TestDatabases.embeddedUrl(), "postgres", "ERROR deadlock_detected (SQLState 40P01) = deadlock");
    }

    @Test
    @RequiresDatabase(TestDatabase.MYSQL)
    void aDeadlockIsShownWithItsCycleOnMariaDb() {
        assertDeadlockDrawn(MYSQL_URL, MYSQL_USER, "ERROR ER_LOCK_DEADLOCK (vendor code 1213, SQLState 40001) = deadlock");
    }

    private static void assertDeadlockDrawn(String url, String user, String error) {
        String six = "insert into lockdemo_explain (jahr, monat, some_value) values (2016, 6, 0);";
        String script = String.join("\n", INSERT, "T2: " + six, "T1: " + six, "T2: " + INSERT, "");
        LockdemoRun r = LockdemoRun.withInput(script, "sessions", "--url", url, "--user", user);
        assertEquals(0, r.exitCode(), r.toString());
        assertTrue(r.out().contains("\nT1: step 3 BLOCKED (waits for T2)\n"), r.out());
        assertTrue(r.out().contains(error), r.out());
        assertTrue(r.out().contains("\n  DEADLOCK at step 4: T1 ──waits for──▶ T2 ──waits for──▶ T1\n")
                || r.out().contains("\n  DEADLOCK at step 4: T2 ──waits for──▶ T1 ──waits for──▶ T2\n"), r.out());
        assertTrue(r.out().contains("as the victim: its statement failed with the deadlock error"), r.out());
    }

    @Test
    void badOptionsAreOneLineAndExitTwo() {
        LockdemoRun r = LockdemoRun.withInput("", "sessions", "--sessions", "4");
        assertEquals(2, r.exitCode(), r.toString());
        assertTrue(r.err().startsWith("lockdemo: --sessions must be 2 or 3, got 4\n"), r.err());
        r = LockdemoRun.withInput("", "sessions", "--node", "T5=1", "--url", "jdbc:postgresql://127.0.0.1:1/none");
        assertEquals(2, r.exitCode(), r.toString());
        assertTrue(r.err().startsWith("lockdemo: --node T5=1: no session T5; the sessions are T1, T2\n"), r.err());
    }

    /**
     * Types the race into T1 and T2 and checks what the REPL printed, that the table is gone, and
     * that the saved scenario replays to the same columns.
     *
     * @param lock     the line of {@code \locks} that shows T2 waiting for T1, as the server names the lock
     * @param finished the line of T2's step when T1's commit releases it (a prefix of it)
     * @param syntax   the line of T1's misspelt statement (a prefix of it)
     * @return the REPL's output
     */
    private String typed(String url, String user, String lock, String finished, String syntax) throws Exception {
        Path saved = tmp.resolve("typed.json");
        String script = String.join("\n",
                "-- the race of issue 17, typed",
                INSERT,
                "T2: " + INSERT,
                "select 1;",
                "\\locks",
                "T1> commit;",
                "selec 1;",
                "T2: rollback;",
                "\\schedule",
                "\\save " + saved,
                "\\q",
                "");
        LockdemoRun r = LockdemoRun.withInput(script, "sessions", "--url", url, "--user", user);
        assertEquals(0, r.exitCode(), r.toString());
        String out = r.out();
        assertTrue(out.contains("\nT1: step 1 → created (1 row)\n"), out);
        assertTrue(out.contains("\nT2: step 2 BLOCKED (waits for T1)\n"), out);
        assertTrue(out.contains("\nT2> select 1;\nT2: not sent: T2 is still waiting at step 2 for T1, and a session runs "
                + "one statement at a time; type into T1 (e.g. COMMIT;)\n"), "a blocked session refuses: " + out);
        assertTrue(out.contains("\n  " + lock + "\n"), "\\locks: " + out);
        assertTrue(out.contains("\nT1: step 3 → committed\n" + finished), out);
        assertTrue(out.contains("\n" + syntax), "an error is shown in its session, and the REPL goes on: " + out);
        assertTrue(out.contains("\nT2: step 5 → rolled back\n"), out);
        List<String> schedule = between(out, "T2> \\schedule\n", "T2> \\save");
        assertTrue(schedule.stream().anyMatch(l -> l.contains("→ BLOCKED (waits for T1)")), out);
        assertTrue(out.contains("saved 5 steps to " + saved), out);
        Matcher m = TABLE.matcher(out);
        assertTrue(m.find(), out);
        String table = m.group(1);
        assertTrue(out.endsWith("rolled back T1, T2 and dropped " + table + "\n"), out);
        assertEquals(List.of(), TestDatabases.lockdemoTables(Dialects.normalizeUrl(url), user, table), "table left behind");

        LockdemoRun replay = LockdemoRun.run("explain", "--scenario", saved.toString(), "--url", url, "--user", user);
        assertEquals(0, replay.exitCode(), replay.toString());
        assertTrue(replay.out().contains(String.join("\n", schedule) + "\n"),
                "the replay draws the columns typed:\n" + String.join("\n", schedule) + "\n--- replay\n" + replay.out());
        assertTrue(Files.readString(saved).contains("\"T1 commit\""), Files.readString(saved));
        return out;
    }

    /** The lines of {@code text} after {@code from} and before {@code to}. */
    private static List<String> between(String text, String from, String to) {
        int start = text.indexOf(from);
        int end = text.indexOf(to, start);
        assertTrue(start >= 0 && end > start, "no " + from + " ... " + to + " in " + text);
        return text.substring(start + from.length(), end).lines().toList();
    }
}
