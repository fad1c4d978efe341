package org.lockdemo.it;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import org.lockdemo.db.Connections;
import org.lockdemo.db.DatabaseTarget;
import org.lockdemo.db.SqliteDialect;
import org.lockdemo.db.SqliteSession;
import org.lockdemo.db.SqliteSettings;
import org.lockdemo.db.SqliteSettings.Begin;
import org.lockdemo.db.SqliteSettings.Journal;
import org.lockdemo.model.Outcome;
import org.lockdemo.model.SqlStep;
import org.lockdemo.strategy.StrategyKind;

/**
 * SQLite in process, on real files: every built-in strategy raced (or refused) in both journal
 * modes under all three begin modes, the settings in the JSON, the busy handler's exact count, the
 * temporary file of {@code --url sqlite}; and SQLite's answers classified as they happen, each
 * brought about step by step on two connections (no sleeps: the one wait is observed through the
 * busy handler's own count). Short: 4 threads, 3 rounds per cell.
 */
class SqliteIT {
    /** What runs on SQLite: the strategies whose {@code Requires} has {@code sqlite}. */
    private static final Set<String> RUN_ON_SQLITE = Set.of("naive", "getorcreate", "savepoint", "django-autocommit",
            "create-first", "upsert", "upsert-multirow", "insert-where-not-exists");
    private static final Pattern NOTE = Pattern.compile("busy handler called (\\d+) times in (\\d+) waits, (\\d+) of which");

    @TempDir
    Path tmp;

    static Stream<Arguments> cells() {
        List<Arguments> cells = new ArrayList<>();
        for (Journal j : Journal.values()) {
            for (Begin b : Begin.values()) {
                cells.add(Arguments.of(j, b));
            }
        }
        return cells.stream();
    }

    @ParameterizedTest(name = "{0} {1}")
    @MethodSource("cells")
    void everyStrategyRunsOrIsRefusedInEveryJournalAndBeginMode(Journal journal, Begin begin) throws Exception {
        Path file = tmp.resolve("race-" + journal + "-" + begin + ".db");
        JsonNode run = race(0, "--url", "jdbc:sqlite:" + file, "--sqlite-journal", journal.toString(),
                "--sqlite-begin", begin.toString(), "--strategy", "all", "--threads", "4", "--rounds", "3");

        JsonNode db = run.path("database");
        assertEquals("sqlite", db.path("dialect").asText());
        assertEquals("SQLite", db.path("product").asText());
        assertEquals(begin.toString(), db.path("settings").path("sqlite_begin").asText());
        assertEquals(journal.toString(), db.path("settings").path("journal_mode").asText());
        assertEquals("30000ms", db.path("settings").path("busy_timeout").asText());
        assertTrue(run.path("blocked_waits_method").asText().contains("busy handler"), run.path("blocked_waits_method").asText());

        Set<String> ran = new TreeSet<>();
        for (JsonNode s : run.path("strategies")) {
            String id = s.path("strategy").asText();
            ran.add(id);
            String what = journal + "/" + begin + " " + id + ": " + s.path("outcomes") + " " + s.path("errors");
            assertEquals(12, s.path("attempts").asLong(), what);
            assertEquals(12, LockdemoRun.sumOfOutcomes(s), what);
            // the only failures SQLite has for these: a duplicate, a stale snapshot or refused upgrade
            for (String none : List.of("other_error", "deadlock", "lock_not_available", "missing_after_conflict",
                    "lock_timeout", "connection_lost")) {
                assertEquals(0, LockdemoRun.outcome(s, none), what);
            }
            if (begin != Begin.DEFERRED) {
                // the write lock at BEGIN: no transaction has read before it could write
                assertEquals(0, LockdemoRun.outcome(s, "serialization_failure"), what);
            }
            boolean safe = StrategyKind.fromId(id).orElseThrow().expectedSafe();
            if (safe) {
                assertEquals(0, LockdemoRun.outcome(s, "unique_violation"), what);
            }
            // one writer at a time: never a duplicate row, and (one transaction's read and write in one
            // serializable transaction) never a lost update, whatever the strategy
            for (JsonNode c : s.path("checks")) {
                if (Set.of("one_row_per_key", "rows_match_inserts", "attempts_add_up", "no_unclassified_error")
                        .contains(c.path("name").asText())) {
                    assertTrue(c.path("passed").asBoolean(), what + " " + c);
                }
            }
            for (JsonNode e : s.path("errors")) {
                assertTrue(e.path("sqlstate").isNull(), "SQLite has no SQLState: " + e);
                String expectedCondition = switch (e.path("outcome").asText()) {
                    case "unique_violation" -> "sqlite_constraint_unique";
                    case "serialization_failure" -> e.path("condition").asText().equals("sqlite_busy_snapshot")
                            ? "sqlite_busy_snapshot" : "sqlite_busy_without_wait";
                    default -> throw new AssertionError("unexpected error " + e);
                };
                assertEquals(expectedCondition, e.path("condition").asText(), e.toString());
            }
            // the count is the busy handler's, exact: the same as the note's waits
            Matcher m = NOTE.matcher(s.path("lock_view_note").asText());
            assertTrue(m.find(), s.path("lock_view_note").asText());
            assertEquals(s.path("blocked_waits").asLong(), Long.parseLong(m.group(2)), what);
            assertTrue(Long.parseLong(m.group(1)) >= Long.parseLong(m.group(2)), "every wait is at least one call");
            assertEquals(0, Long.parseLong(m.group(3)), "no wait ran out of 30 s");
        }
        assertEquals(new TreeSet<>(RUN_ON_SQLITE), ran, "the strategies that run on SQLite, and only they");
    }

    /** One thread has no one to wait for: the busy handler is never called, and nothing fails. */
    @Test
    void oneThreadNeverWaits() throws Exception {
        JsonNode run = race(0, "--url", "jdbc:sqlite:" + tmp.resolve("one.db"), "--strategy", "all", "--threads", "1",
                "--rounds", "5", "--sqlite-journal", "delete");
        for (JsonNode s : run.path("strategies")) {
            assertEquals(0, s.path("blocked_waits").asLong(), s.toString());
            assertTrue(s.path("lock_view_note").asText().startsWith("busy handler called 0 times in 0 waits"),
                    s.path("lock_view_note").asText());
            assertEquals(5, LockdemoRun.outcome(s, "created") + LockdemoRun.outcome(s, "found")
                    + LockdemoRun.outcome(s, "found_after_conflict"), s.path("outcomes").toString());
        }
    }

    /** {@code --url sqlite}: a new file in a temporary directory, gone after the run. */
    @Test
    void temporaryFileIsRemovedAfterTheRun() throws Exception {
        JsonNode run = race(0, "--url", "sqlite", "--strategy", "savepoint", "--threads", "2", "--rounds", "2");
        String url = run.path("database").path("url").asText();
        assertTrue(url.startsWith("jdbc:sqlite:") && url.endsWith("/lockdemo.db"), url);
        Path file = Path.of(url.substring("jdbc:sqlite:".length()));
        assertTrue(file.getParent().getFileName().toString().startsWith("lockdemo-sqlite-"), url);
        assertFalse(Files.exists(file.getParent()), "left behind: " + file.getParent());
    }

    // --- SQLite's answers, one at a time on two connections of one file ---

    private SqliteDialect dialect(Journal journal, Begin begin, Duration busyTimeout) {
        return new SqliteDialect(new SqliteSettings(begin, journal, busyTimeout));
    }

    private DatabaseTarget file(String name) {
        return new DatabaseTarget("jdbc:sqlite:" + tmp.resolve(name), null, null, false);
    }

    private static void table(Connection c) throws SQLException {
        try (Statement s = c.createStatement()) {
            s.execute("CREATE TABLE t (id INTEGER PRIMARY KEY, k integer NOT NULL UNIQUE)");
        }
    }

    private static void exec(Connection c, String sql) throws SQLException {
        try (Statement s = c.createStatement()) {
            s.execute(sql);
        }
    }

    @Test
    void duplicateKeyIsUniqueViolation() throws Exception {
        SqliteDialect d = dialect(Journal.WAL, Begin.DEFERRED, Duration.ofSeconds(5));
        try (Connection a = Connections.open(file("dup.db"), d)) {
            table(a);
            exec(a, "INSERT INTO t (k) VALUES (1)");
            SQLException e = assertThrows(SQLException.class, () -> exec(a, "INSERT INTO t (k) VALUES (1)"));
            assertEquals(Outcome.UNIQUE_VIOLATION, d.classifier().classify(e, SqlStep.INSERT));
            assertEquals("sqlite_constraint_unique", d.classifier().conditionName(e));
        }
    }

    /** WAL, DEFERRED: a transaction that read, then another commits a write: its write is 517. */
    @Test
    void staleSnapshotIsSerializationFailure() throws Exception {
        SqliteDialect d = dialect(Journal.WAL, Begin.DEFERRED, Duration.ofSeconds(5));
        DatabaseTarget f = file("snapshot.db");
        try (Connection a = Connections.open(f, d); Connection b = Connections.open(f, d)) {
            table(a);
            a.setAutoCommit(false);
            exec(a, "SELECT count(*) FROM t"); // BEGIN DEFERRED, then the read: a snapshot
            exec(b, "INSERT INTO t (k) VALUES (1)"); // committed since
            SQLException e = assertThrows(SQLException.class, () -> exec(a, "INSERT INTO t (k) VALUES (2)"));
            assertEquals("sqlite_busy_snapshot", d.classifier().conditionName(e));
            assertEquals(Outcome.SERIALIZATION_FAILURE, d.classifier().classify(e, SqlStep.INSERT));
            a.rollback();
            assertEquals(0, d.busyWaits().waits(), "SQLite does not wait for a stale snapshot");
        }
    }

    /** DEFERRED in both journals: a transaction that read wants to write while another holds the write lock: BUSY at once. */
    @ParameterizedTest
    @MethodSource("journals")
    void upgradeWhileAnotherWritesIsRefusedWithoutAWait(Journal journal) throws Exception {
        SqliteDialect d = dialect(journal, Begin.DEFERRED, Duration.ofSeconds(30));
        DatabaseTarget f = file("upgrade-" + journal + ".db");
        try (Connection a = Connections.open(f, d); Connection b = Connections.open(f, d)) {
            table(a);
            a.setAutoCommit(false);
            b.setAutoCommit(false);
            exec(a, "SELECT count(*) FROM t");
            exec(b, "INSERT INTO t (k) VALUES (1)"); // b holds the write lock, uncommitted
            SQLException e = assertThrows(SQLException.class, () -> exec(a, "INSERT INTO t (k) VALUES (2)"));
            assertInstanceOf(SqliteSession.BusyWithoutWait.class, e);
            assertEquals(Outcome.SERIALIZATION_FAILURE, d.classifier().classify(e, SqlStep.INSERT));
            assertEquals(0, d.busyWaits().waits(), "no wait: SQLite calls no busy handler for the upgrade");
            a.rollback();
            b.commit();
        }
    }

    static Stream<Journal> journals() {
        return Stream.of(Journal.values());
    }

    /** IMMEDIATE: the second BEGIN waits for the first transaction's write lock; the handler counts exactly one wait. */
    @ParameterizedTest
    @MethodSource("journals")
    void immediateWaitsAtBeginAndTheWaitIsCountedOnce(Journal journal) throws Exception {
        SqliteDialect d = dialect(journal, Begin.IMMEDIATE, Duration.ofSeconds(30));
        DatabaseTarget f = file("immediate-" + journal + ".db");
        ExecutorService pool = Executors.newSingleThreadExecutor();
        try (Connection a = Connections.open(f, d); Connection b = Connections.open(f, d)) {
            table(a);
            a.setAutoCommit(false);
            b.setAutoCommit(false);
            exec(a, "INSERT INTO t (k) VALUES (1)"); // BEGIN IMMEDIATE: a holds the write lock
            assertEquals(0, d.busyWaits().waits());
            Future<Long> second = pool.submit(() -> {
                try (Statement s = b.createStatement()) {
                    s.execute("SELECT count(*) FROM t"); // its BEGIN IMMEDIATE waits here, before the read
                    try (var rs = s.getResultSet()) {
                        rs.next();
                        return rs.getLong(1);
                    }
                }
            });
            Poll.until(Duration.ofSeconds(10), "b's BEGIN IMMEDIATE to wait", () -> d.busyWaits().calls() > 0);
            assertFalse(second.isDone(), "b must wait while a holds the write lock");
            // what explain shows as BLOCKED on SQLite: the waiting connection's own busy handler
            assertTrue(b.unwrap(SqliteSession.Control.class).waitingForLock(), "b waits in its busy handler");
            assertFalse(a.unwrap(SqliteSession.Control.class).waitingForLock(), "a holds the lock, it does not wait");
            a.commit();
            assertEquals(1L, second.get(10, TimeUnit.SECONDS), "b runs after a's commit and sees its row");
            assertFalse(b.unwrap(SqliteSession.Control.class).waitingForLock(), "b's statement returned: no longer waiting");
            b.commit();
            assertEquals(1, d.busyWaits().waits(), "one wait, counted once, however often the handler retried");
            assertEquals(0, d.busyWaits().timedOut());
        } finally {
            pool.shutdownNow();
        }
    }

    /** A busy timeout of 0: the wait gives up at once, and that BUSY is lock_timeout. */
    @Test
    void busyTimeoutThatRunsOutIsLockTimeout() throws Exception {
        SqliteDialect d = dialect(Journal.WAL, Begin.IMMEDIATE, Duration.ZERO);
        DatabaseTarget f = file("timeout.db");
        try (Connection a = Connections.open(f, d); Connection b = Connections.open(f, d)) {
            table(a);
            a.setAutoCommit(false);
            b.setAutoCommit(false);
            exec(a, "INSERT INTO t (k) VALUES (1)");
            SQLException e = assertThrows(SQLException.class, () -> exec(b, "INSERT INTO t (k) VALUES (2)"));
            assertFalse(e instanceof SqliteSession.BusyWithoutWait, e.toString());
            assertEquals("sqlite_busy", d.classifier().conditionName(e));
            assertEquals(Outcome.LOCK_TIMEOUT, d.classifier().classify(e, SqlStep.INSERT));
            assertEquals(1, d.busyWaits().waits());
            assertEquals(1, d.busyWaits().timedOut());
            b.rollback();
            a.commit();
        }
    }

    /** Runs race in process; asserts the exit code; returns the JSON. */
    private JsonNode race(int exitCode, String... args) throws Exception {
        Path json = tmp.resolve("r" + System.nanoTime() + ".json");
        List<String> all = new ArrayList<>(List.of("race", "--json", json.toString(), "-q"));
        all.addAll(List.of(args));
        LockdemoRun run = LockdemoRun.run(all.toArray(String[]::new));
        assertEquals(exitCode, run.exitCode(), () -> String.join(" ", all) + "\n" + run);
        JsonNode result = LockdemoRun.json(json);
        assertEquals("complete", result.path("status").asText());
        return result;
    }
}
