package org.lockdemo.it;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import org.lockdemo.db.Dialect;
import org.lockdemo.db.Dialects;
import org.lockdemo.model.Outcome;
import org.lockdemo.model.RowKey;
import org.lockdemo.strategy.Attempt;
import org.lockdemo.strategy.GetOrCreate;
import org.lockdemo.strategy.RaceSchema;
import org.lockdemo.strategy.StrategyKind;
import org.lockdemo.strategy.StrategyOptions;

/**
 * Sequelize's strategies on the machine's PostgreSQL and MariaDB. First the conflict path, one
 * attempt, made to happen: another session inserts the key and holds it uncommitted; the attempt's
 * SELECT misses it and its INSERT waits (seen in the server's lock view, not slept for); the other
 * session commits; the INSERT meets the duplicate. Under REPEATABLE READ the re-find
 * {@code findOrCreate} runs outside its own transaction, on its second connection, finds the row,
 * where the re-find inside the caller's transaction does not. Then a real race with exact counts.
 */
class SequelizeIT {
    private static final RowKey KEY = RowKey.ofIndex(0);

    static Stream<Arguments> conflicts() {
        return Stream.of(
                // database, isolation, strategy, how the conflict path ends
                Arguments.of("mariadb", "repeatable-read", StrategyKind.SEQUELIZE_FIND_OR_CREATE, Outcome.FOUND_AFTER_CONFLICT),
                Arguments.of("mariadb", "repeatable-read", StrategyKind.SEQUELIZE_FIND_OR_CREATE_TX, Outcome.MISSING_AFTER_CONFLICT),
                Arguments.of("mariadb", "repeatable-read", StrategyKind.SEQUELIZE_FIND_CREATE_FIND, Outcome.FOUND_AFTER_CONFLICT),
                Arguments.of("mariadb", "repeatable-read", StrategyKind.SEQUELIZE_FIND_CREATE_FIND_TX, Outcome.MISSING_AFTER_CONFLICT),
                Arguments.of("mariadb", "read-committed", StrategyKind.SEQUELIZE_FIND_OR_CREATE, Outcome.FOUND_AFTER_CONFLICT),
                Arguments.of("mariadb", "read-committed", StrategyKind.SEQUELIZE_FIND_OR_CREATE_TX, Outcome.FOUND_AFTER_CONFLICT),
                Arguments.of("mariadb", "read-committed", StrategyKind.SEQUELIZE_FIND_CREATE_FIND_TX, Outcome.FOUND_AFTER_CONFLICT),
                Arguments.of("postgresql", "repeatable-read", StrategyKind.SEQUELIZE_FIND_OR_CREATE, Outcome.FOUND_AFTER_CONFLICT),
                Arguments.of("postgresql", "repeatable-read", StrategyKind.SEQUELIZE_FIND_OR_CREATE_TX, Outcome.MISSING_AFTER_CONFLICT),
                Arguments.of("postgresql", "repeatable-read", StrategyKind.SEQUELIZE_FIND_CREATE_FIND, Outcome.FOUND_AFTER_CONFLICT),
                // ON CONFLICT DO NOTHING cannot skip a row its snapshot does not see
                Arguments.of("postgresql", "repeatable-read", StrategyKind.SEQUELIZE_FIND_CREATE_FIND_TX, Outcome.SERIALIZATION_FAILURE),
                Arguments.of("postgresql", "read-committed", StrategyKind.SEQUELIZE_FIND_OR_CREATE, Outcome.FOUND_AFTER_CONFLICT),
                Arguments.of("postgresql", "read-committed", StrategyKind.SEQUELIZE_FIND_OR_CREATE_TX, Outcome.FOUND_AFTER_CONFLICT),
                Arguments.of("postgresql", "read-committed", StrategyKind.SEQUELIZE_FIND_CREATE_FIND_TX, Outcome.FOUND_AFTER_CONFLICT));
    }

    private static String[] target(String which) {
        if (which.equals("postgresql")) {
            TestDatabase.MACHINE_POSTGRESQL.assumeConfigured();
            return new String[] {TestDatabases.machinePgUrl(), "postgres"};
        }
        TestDatabase.MYSQL.assumeConfigured();
        return new String[] {System.getenv("LOCKDEMO_TEST_MYSQL_URL"), "root"};
    }

    @ParameterizedTest(name = "{0} {1} {2}")
    @MethodSource("conflicts")
    void theConflictPathEndsAsTheIsolationLevelDecides(String which, String isolation, StrategyKind kind, Outcome expected)
            throws Exception {
        String[] t = target(which);
        int level = isolation.equals("read-committed") ? Connection.TRANSACTION_READ_COMMITTED
                : Connection.TRANSACTION_REPEATABLE_READ;
        Dialect dialect;
        String table = "lockdemo_seqit_" + Long.toHexString(System.nanoTime());
        try (Connection admin = DriverManager.getConnection(t[0], t[1], null)) {
            dialect = Dialects.forUrl(t[0]).orElseThrow().onServer(admin);
            try (Statement s = admin.createStatement()) {
                s.execute(which.equals("postgresql")
                        ? "CREATE TABLE " + table + " (id bigserial PRIMARY KEY, jahr integer NOT NULL, monat smallint NOT NULL, "
                                + "some_value bigint NOT NULL DEFAULT 0, UNIQUE (jahr, monat))"
                        : "CREATE TABLE " + table + " (id bigint NOT NULL AUTO_INCREMENT PRIMARY KEY, jahr int NOT NULL, "
                                + "monat smallint NOT NULL, some_value bigint NOT NULL DEFAULT 0, UNIQUE (jahr, monat)) ENGINE=InnoDB");
            }
            ExecutorService loser = Executors.newSingleThreadExecutor();
            try (Connection winner = open(t, level); Connection c1 = open(t, level); Connection c2 = open(t, level)) {
                GetOrCreate strategy = kind.create(new RaceSchema(table, dialect.jooqDialect(), true), StrategyOptions.DEFAULTS);
                Attempt a = new Attempt(dialect.classifier(), 0);
                a.reset();
                if (strategy.connectionsPerAttempt() == 2) {
                    a.useSecondConnection(c2);
                }
                insertUncommitted(winner, table);
                long loserSession = dialect.sessionId(c1);
                Future<Outcome> attempt = loser.submit(() -> {
                    try {
                        Outcome o = strategy.attempt(c1, KEY, a);
                        if (!o.isSuccess()) {
                            a.rollback(c1);
                        }
                        return o;
                    } catch (SQLException e) {
                        a.rollback(c1);
                        return a.classify(e);
                    }
                });
                awaitBlocked(dialect, admin, loserSession, attempt);
                winner.commit(); // the INSERT waiting on the winner's row now meets the duplicate
                Outcome outcome = attempt.get(30, TimeUnit.SECONDS);
                assertEquals(expected, outcome, which + " " + isolation + " " + kind.id());
                assertFalse(a.insertCommitted(), "the winner inserted the row, not the attempt");
                assertEquals(outcome.isSuccess(), a.incrementCommitted());
                // exactly one row, counted once by the attempt if it succeeded
                try (Statement s = admin.createStatement();
                        ResultSet rs = s.executeQuery("SELECT COUNT(*), MAX(some_value) FROM " + table)) {
                    assertTrue(rs.next());
                    assertEquals(1, rs.getLong(1));
                    assertEquals(outcome.isSuccess() ? 1 : 0, rs.getLong(2));
                }
            } finally {
                loser.shutdownNow();
                try (Statement s = admin.createStatement()) {
                    s.execute("DROP TABLE " + table);
                }
            }
        }
    }

    private static Connection open(String[] t, int level) throws SQLException {
        Connection c = DriverManager.getConnection(t[0], t[1], null);
        c.setAutoCommit(false);
        c.setTransactionIsolation(level);
        return c;
    }

    private static void insertUncommitted(Connection winner, String table) throws SQLException {
        try (PreparedStatement ps = winner.prepareStatement("INSERT INTO " + table + " (jahr, monat) VALUES (?, ?)")) {
            ps.setInt(1, KEY.jahr());
            ps.setShort(2, (short) KEY.monat());
            ps.executeUpdate();
        }
    }

    /** Until the server's lock view shows {@code session} waiting (the attempt's INSERT on the winner's row). */
    private static void awaitBlocked(Dialect dialect, Connection observer, long session, Future<?> attempt) throws Exception {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(30);
        while (Arrays.stream(dialect.lockView().blockedSessionIds(observer)).noneMatch(id -> id == session)) {
            if (attempt.isDone()) {
                throw new AssertionError("the attempt ended before its INSERT waited: " + attempt.get());
            }
            assertTrue(System.nanoTime() < deadline, "the attempt's INSERT never waited for the winner's row");
            Thread.onSpinWait();
        }
    }

    /** A real race: the counts add up, and the two unsafe forms show their lesson where it must show. */
    @Test
    void raceOnMariaDbRepeatableRead(@TempDir Path dir) throws Exception {
        String[] t = target("mariadb");
        JsonNode result = race(dir, t, "repeatable-read");
        for (JsonNode s : result.get("strategies")) {
            String name = s.get("strategy").asText();
            assertEquals(THREADS * ROUNDS, s.get("attempts").asLong(), name);
            assertEquals(s.get("attempts").asLong(), LockdemoRun.sumOfOutcomes(s), name + " outcomes add up");
            assertEquals(0, LockdemoRun.outcome(s, "other_error"), name + ": " + s.get("errors"));
            assertEquals(0, LockdemoRun.outcome(s, "unique_violation"), name + ": the duplicate never reaches the caller as such");
        }
        // the outside-transaction re-find sees the winner's row; the re-find in the caller's snapshot does not
        JsonNode outside = LockdemoRun.strategy(result, "sequelize-find-or-create");
        assertEquals(0, LockdemoRun.outcome(outside, "missing_after_conflict"), outside.get("outcomes").toString());
        assertTrue(LockdemoRun.outcome(outside, "found_after_conflict") > 0, outside.get("outcomes").toString());
        JsonNode inside = LockdemoRun.strategy(result, "sequelize-find-or-create-tx");
        assertTrue(LockdemoRun.outcome(inside, "missing_after_conflict") > 0, inside.get("outcomes").toString());
        assertEquals(0, LockdemoRun.outcome(inside, "found_after_conflict"), inside.get("outcomes").toString());
        assertEquals(0, LockdemoRun.outcome(LockdemoRun.strategy(result, "sequelize-find-create-find"),
                "missing_after_conflict"));
    }

    @Test
    void raceOnPostgresReadCommitted(@TempDir Path dir) throws Exception {
        String[] t = target("postgresql");
        JsonNode result = race(dir, t, "read-committed");
        for (JsonNode s : result.get("strategies")) {
            String name = s.get("strategy").asText();
            assertEquals(THREADS * ROUNDS, s.get("attempts").asLong(), name);
            assertEquals(s.get("attempts").asLong(), LockdemoRun.sumOfOutcomes(s), name + " outcomes add up");
            // one creator per key; everyone else found the row, before or after the conflict; no error at all
            assertEquals(ROUNDS, LockdemoRun.outcome(s, "created"), name + ": " + s.get("outcomes"));
            assertEquals(THREADS * ROUNDS, LockdemoRun.outcome(s, "created") + LockdemoRun.outcome(s, "found")
                    + LockdemoRun.outcome(s, "found_after_conflict"), name + ": " + s.get("outcomes"));
            // PostgreSQL's PL/pgSQL wrapper and ON CONFLICT report no error: the losers never saw one
            assertEquals("lesson", s.get("verdict").asText(), name + ": no lock, so updates are lost");
        }
    }

    private static final int THREADS = 8;
    private static final int ROUNDS = 10;

    private static JsonNode race(Path dir, String[] t, String isolation) throws Exception {
        Path json = dir.resolve("race.json");
        LockdemoRun run = LockdemoRun.run("race", "--url", t[0], "--user", t[1], "--strategy", "sequelize", "--threads",
                Integer.toString(THREADS), "--rounds", Integer.toString(ROUNDS), "--isolation", isolation, "--json",
                json.toString(), "-q");
        assertEquals(0, run.exitCode(), run.toString());
        JsonNode result = LockdemoRun.json(json);
        assertEquals(List.of("sequelize-find-or-create", "sequelize-find-or-create-tx", "sequelize-find-create-find",
                "sequelize-find-create-find-tx"), result.get("strategies").findValuesAsText("strategy"));
        return result;
    }
}
