package org.lockdemo.it;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.lockdemo.strategy.Framework;
import org.lockdemo.strategy.StrategyKind;

/**
 * Rails' get-or-create calls ({@code --strategy rails}) raced on the machine's PostgreSQL and
 * MariaDB, every thread on one fresh key per round (the race's start line is the barrier): the
 * counts add up exactly, and each generation shows the lesson it must. Only what happens on every
 * run is asserted: a lost update for the calls that lock nothing, deadlocks for the 2026 shared-lock
 * read-back (and for 7.1's find_or_create_by on InnoDB, rails/rails#54281), RecordNotFound for 7.1
 * under PostgreSQL REPEATABLE READ, and none of it where it cannot happen.
 */
class RailsStrategiesIT {
    private static final int THREADS = 8;
    private static final int ROUNDS = 20;
    private static final long LOSERS = (long) (THREADS - 1) * ROUNDS;

    @TempDir
    Path dir;

    private JsonNode race(String which, int exitCode, String... extra) throws Exception {
        String[] t = StrategiesIT.target(which);
        Path json = dir.resolve("race-" + System.nanoTime() + ".json");
        List<String> args = new ArrayList<>(List.of("race", "--url", t[0], "--user", t[1], "--threads",
                Integer.toString(THREADS), "--rounds", Integer.toString(ROUNDS), "--json", json.toString(), "-q"));
        args.addAll(List.of(extra));
        LockdemoRun run = LockdemoRun.run(args.toArray(String[]::new));
        assertEquals(exitCode, run.exitCode(), run.toString());
        JsonNode result = LockdemoRun.json(json);
        for (JsonNode s : result.get("strategies")) {
            String name = s.get("strategy").asText();
            assertEquals(THREADS * ROUNDS, s.get("attempts").asLong(), name);
            assertEquals(s.get("attempts").asLong(), LockdemoRun.sumOfOutcomes(s), name + " outcomes add up");
            assertEquals(0, LockdemoRun.outcome(s, "other_error"), name + ": " + s.get("errors"));
            assertEquals(ROUNDS, LockdemoRun.outcome(s, "created"), name + ": one creator per key");
        }
        return result;
    }

    /** READ COMMITTED on both servers: the group side by side. */
    private void readCommitted(String which, boolean innodb) throws Exception {
        JsonNode r = race(which, 0, "--strategy", "rails", "--isolation", "read-committed");
        List<String> ran = new ArrayList<>();
        r.get("strategies").forEach(s -> ran.add(s.get("strategy").asText()));
        assertEquals(StrategyKind.of(Framework.RAILS).stream().map(StrategyKind::id).toList(), ran);
        for (JsonNode s : r.get("strategies")) {
            String name = s.get("strategy").asText();
            if (StrategyKind.fromId(name).orElseThrow().expectedSafe()) {
                assertTrue(s.get("invariants_ok").asBoolean(), name + ": " + s.get("checks"));
                assertEquals(0, LockdemoRun.outcome(s, "unique_violation"), name);
                assertEquals(0, LockdemoRun.outcome(s, "missing_after_conflict"), name);
            }
        }
        // 6.0/6.1 and the no-transaction call: the read-back locks nothing, the save! loses updates;
        // every read-back is a fresh statement under READ COMMITTED, so every loser finds the row
        for (String id : List.of("rails-create-or-find-6-1", "rails-create-or-find-no-tx")) {
            JsonNode s = LockdemoRun.strategy(r, id);
            assertEquals(LOSERS, LockdemoRun.outcome(s, "found_after_conflict"), id + " " + s.get("outcomes"));
            assertFalse(check(s, "no_lost_update").get("passed").asBoolean(), id + ": " + s.get("checks"));
            assertEquals("lesson", s.get("verdict").asText(), id);
        }
        // 7.1's FOR UPDATE read-back: every loser locks the winner's row; nothing is lost
        JsonNode v71 = LockdemoRun.strategy(r, "rails-create-or-find-7-1");
        assertEquals(LOSERS, LockdemoRun.outcome(v71, "found_after_conflict"), v71.get("outcomes").toString());
        assertEquals("pass", v71.get("verdict").asText());
        // the 2026 shared-lock read-back: losers share the row, then both save: the lock upgrade deadlocks
        JsonNode v2026 = LockdemoRun.strategy(r, "rails-create-or-find-2026");
        long deadlocks = LockdemoRun.outcome(v2026, "deadlock");
        assertTrue(deadlocks > 0, "rails/rails#58733's warned-of upgrade deadlock: " + v2026.get("outcomes"));
        assertEquals(LOSERS, LockdemoRun.outcome(v2026, "found_after_conflict") + deadlocks, v2026.get("outcomes").toString());
        assertTrue(check(v2026, "no_lost_update").get("passed").asBoolean(), v2026.get("checks").toString());
        // find_or_create_by 7.1: a row found at once is not locked; on InnoDB the losers' shared locks
        // from the duplicate INSERT meet FOR UPDATE (rails/rails#54281)
        JsonNode foc71 = LockdemoRun.strategy(r, "rails-find-or-create-7-1");
        assertEquals(innodb, LockdemoRun.outcome(foc71, "deadlock") > 0, "rails/rails#54281: " + foc71.get("outcomes"));
        // its lost update needs a find_by that comes after the winner's commit and then saves without a
        // lock: the start line sends every thread to find_by at once, so it shows in some runs only
        assertTrue(foc71.get("invariants_ok").asBoolean(), foc71.get("checks").toString());
        // find_or_create_by 6.1: find_by || create, the race reaches the application
        JsonNode foc61 = LockdemoRun.strategy(r, "rails-find-or-create-6-1");
        assertTrue(LockdemoRun.outcome(foc61, "unique_violation") > 0, foc61.get("outcomes").toString());
    }

    @Test
    void readCommittedOnPostgresql() throws Exception {
        readCommitted("machine-postgresql", false);
    }

    @Test
    void readCommittedOnMariaDb() throws Exception {
        readCommitted("mariadb", true);
    }

    /**
     * PostgreSQL REPEATABLE READ: the INSERT took the snapshot before the winner committed, so 7.1's
     * FOR UPDATE read-back cannot see the winner's row (RecordNotFound), and the checks fail.
     */
    @Test
    void createOrFind71RaisesRecordNotFoundUnderPostgresqlRepeatableRead() throws Exception {
        JsonNode s = LockdemoRun.strategy(race("machine-postgresql", 4, "--strategy", "rails-create-or-find-7-1",
                "--isolation", "repeatable-read"), "rails-create-or-find-7-1");
        assertTrue(LockdemoRun.outcome(s, "missing_after_conflict") > 0, s.get("outcomes").toString());
        assertEquals("fail", s.get("verdict").asText());
    }

    /**
     * InnoDB REPEATABLE READ: 6.1's plain read-back does NOT miss the row here, unlike Django's
     * get_or_create (#13906): create_or_find_by's first statement is the INSERT, so the snapshot is
     * taken by the read-back itself, after the winner committed. The lesson is the lost update only.
     */
    @Test
    void createOrFind61FindsTheRowUnderInnoDbRepeatableRead() throws Exception {
        JsonNode s = LockdemoRun.strategy(race("mariadb", 0, "--strategy", "rails-create-or-find-6-1",
                "--isolation", "repeatable-read"), "rails-create-or-find-6-1");
        assertEquals(0, LockdemoRun.outcome(s, "missing_after_conflict"), s.get("outcomes").toString());
        assertEquals(LOSERS, LockdemoRun.outcome(s, "found_after_conflict"), s.get("outcomes").toString());
        assertFalse(check(s, "no_lost_update").get("passed").asBoolean(), s.get("checks").toString());
    }

    private static JsonNode check(JsonNode strategy, String name) {
        for (JsonNode c : strategy.get("checks")) {
            if (c.get("name").asText().equals(name)) {
                return c;
            }
        }
        throw new AssertionError("no check " + name + " in " + strategy.get("checks"));
    }
}
