package org.lockdemo.it;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import org.lockdemo.strategy.StrategyKind;

/**
 * Django's get_or_create() outside atomic(), GORM's FirstOrCreate and its OnConflict advice, and
 * Prisma's emulated upsert, raced for real on the machine's PostgreSQL (READ COMMITTED) and MariaDB
 * (READ COMMITTED and REPEATABLE READ), 16 threads on one hot key per round behind lockdemo's start
 * line: the counts add up exactly, and each shows what it reliably shows. FirstOrCreate and the
 * emulated upsert surface unique violations; the OnConflict form and Django outside atomic() never
 * do, and Django outside atomic() never ends missing_after_conflict, not even on InnoDB under
 * REPEATABLE READ (its re-read runs in a fresh autocommit snapshot). None of them locks the row.
 */
class GormPrismaDjangoIT {
    private static final int THREADS = 16;
    private static final int ROUNDS = 10;
    private static final List<String> STRATEGIES = List.of("django-autocommit", "gorm-first-or-create",
            "gorm-on-conflict", "prisma-upsert");

    static Stream<Arguments> targets() {
        return Stream.of(Arguments.of("postgresql", "read-committed"), Arguments.of("mariadb", "read-committed"),
                Arguments.of("mariadb", "repeatable-read"));
    }

    @ParameterizedTest(name = "{0} {1}")
    @MethodSource("targets")
    void eachShowsItsLesson(String database, String isolation, @TempDir Path dir) throws Exception {
        String url;
        String user;
        if (database.equals("postgresql")) {
            TestDatabase.MACHINE_POSTGRESQL.assumeConfigured();
            url = TestDatabases.machinePgUrl();
            user = "postgres";
        } else {
            TestDatabase.MYSQL.assumeConfigured();
            url = System.getenv("LOCKDEMO_TEST_MYSQL_URL");
            user = "root";
        }
        Path json = dir.resolve("race.json");
        LockdemoRun run = LockdemoRun.run("race", "--url", url, "--user", user, "--isolation", isolation,
                "--threads", Integer.toString(THREADS), "--rounds", Integer.toString(ROUNDS),
                "--strategy", String.join(",", STRATEGIES), "--json", json.toString(), "-q");
        assertEquals(0, run.exitCode(), run.toString());
        JsonNode result = LockdemoRun.json(json);
        long attempts = (long) THREADS * ROUNDS;
        for (String name : STRATEGIES) {
            JsonNode s = LockdemoRun.strategy(result, name);
            String what = database + " " + isolation + " " + name + ": " + s.get("outcomes");
            assertEquals(attempts, s.get("attempts").asLong(), what);
            assertEquals(attempts, LockdemoRun.sumOfOutcomes(s), what + ": outcomes add up");
            assertEquals(0, LockdemoRun.outcome(s, "other_error"), what + " " + s.get("errors"));
            // one creator per key and round: the first INSERT of the key wins, and its update goes through
            assertEquals(ROUNDS, LockdemoRun.outcome(s, "created"), what);
            if (StrategyKind.fromId(name).orElseThrow().expectedSafe()) {
                assertTrue(s.get("invariants_ok").asBoolean(), what + " " + s.get("checks"));
                assertEquals(0, LockdemoRun.outcome(s, "unique_violation"), what);
                assertEquals(0, LockdemoRun.outcome(s, "missing_after_conflict"), what);
            }
            assertEquals("lesson", s.get("verdict").asText(), what + " " + s.get("checks"));
        }

        // FirstOrCreate never retries, nor does Prisma's emulated upsert: under a hot key the losers'
        // INSERTs fail, and every attempt either created, found, or got the unique violation
        for (String name : List.of("gorm-first-or-create", "prisma-upsert")) {
            JsonNode s = LockdemoRun.strategy(result, name);
            long uv = LockdemoRun.outcome(s, "unique_violation");
            assertTrue(uv > 0, name + ": " + s.get("outcomes"));
            assertEquals(attempts, ROUNDS + LockdemoRun.outcome(s, "found") + uv, name + ": " + s.get("outcomes"));
        }

        // the OnConflict form: the INSERT waits for the winner and does nothing; every loser reads the row
        JsonNode onConflict = LockdemoRun.strategy(result, "gorm-on-conflict");
        assertEquals(attempts - ROUNDS, LockdemoRun.outcome(onConflict, "found"), onConflict.get("outcomes").toString());

        // Django outside atomic(): the losers of the INSERT race find the row with the re-read, on every
        // database and isolation level here (InnoDB REPEATABLE READ included: Django #13906 cannot happen)
        JsonNode django = LockdemoRun.strategy(result, "django-autocommit");
        assertTrue(LockdemoRun.outcome(django, "found_after_conflict") > 0, django.get("outcomes").toString());
        assertEquals(attempts, ROUNDS + LockdemoRun.outcome(django, "found")
                + LockdemoRun.outcome(django, "found_after_conflict"), django.get("outcomes").toString());
    }
}
