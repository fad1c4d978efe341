package org.lockdemo.report;

import static org.lockdemo.model.Outcome.CREATED;
import static org.lockdemo.model.Outcome.FOUND;
import static org.lockdemo.model.Outcome.FOUND_AFTER_CONFLICT;
import static org.lockdemo.model.Outcome.LOCK_NOT_AVAILABLE;
import static org.lockdemo.model.Outcome.UNIQUE_VIOLATION;

import java.sql.SQLException;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.lockdemo.check.Checker;
import org.lockdemo.check.KeyRow;
import org.lockdemo.check.RunFacts;
import org.lockdemo.check.Verdict;
import org.lockdemo.db.DatabaseInfo;
import org.lockdemo.db.PostgresErrorClassifier;
import org.lockdemo.db.SqlErrorClassifier;
import org.lockdemo.metrics.Measurement;
import org.lockdemo.metrics.WorkerStats;
import org.lockdemo.model.Isolation;
import org.lockdemo.model.Outcome;
import org.lockdemo.model.RowKey;
import org.lockdemo.model.SqlStep;
import org.lockdemo.race.RaceResult;
import org.lockdemo.race.RaceSpec;
import org.lockdemo.race.StrategyResult;
import org.lockdemo.strategy.StrategyKind;

/**
 * A fixed, hand-made hot-key run of all three strategies (4 threads x 5 rounds), as the runner
 * would have produced it: per-worker stats merged into a {@link Measurement}, a {@link Verdict}
 * from the {@link Checker} over a consistent table. No clock, no randomness.
 */
final class ReportFixture {
    static final int THREADS = 4;
    static final int ROUNDS = 5;
    private static final long US = 1_000L;
    private static final SqlErrorClassifier CLASSIFIER = new PostgresErrorClassifier();

    // each line is one round on a fresh key; position i in a round is worker i
    private static final Outcome[][] NAIVE = {
        {CREATED, FOUND, FOUND, UNIQUE_VIOLATION},
        {CREATED, FOUND, UNIQUE_VIOLATION, FOUND},
        {CREATED, UNIQUE_VIOLATION, FOUND, FOUND},
        {CREATED, FOUND, FOUND, FOUND},
        {CREATED, FOUND, FOUND, FOUND},
    };
    private static final Outcome[][] SAVEPOINT = {
        {CREATED, FOUND_AFTER_CONFLICT, FOUND_AFTER_CONFLICT, FOUND},
        {CREATED, FOUND_AFTER_CONFLICT, FOUND_AFTER_CONFLICT, FOUND},
        {CREATED, FOUND_AFTER_CONFLICT, FOUND, FOUND},
        {CREATED, FOUND_AFTER_CONFLICT, FOUND, FOUND},
        {CREATED, FOUND, FOUND, FOUND},
    };
    private static final Outcome[][] NOWAIT = {
        {CREATED, LOCK_NOT_AVAILABLE, LOCK_NOT_AVAILABLE, FOUND_AFTER_CONFLICT},
        {CREATED, LOCK_NOT_AVAILABLE, LOCK_NOT_AVAILABLE, FOUND_AFTER_CONFLICT},
        {CREATED, LOCK_NOT_AVAILABLE, LOCK_NOT_AVAILABLE, FOUND},
        {CREATED, LOCK_NOT_AVAILABLE, LOCK_NOT_AVAILABLE, FOUND},
        {CREATED, LOCK_NOT_AVAILABLE, LOCK_NOT_AVAILABLE, FOUND},
    };

    private ReportFixture() {
    }

    static RaceSpec spec() {
        return new RaceSpec(List.of(StrategyKind.NAIVE, StrategyKind.SAVEPOINT, StrategyKind.NOWAIT), THREADS,
                ROUNDS, null, 0, 10, Isolation.DEFAULT, 42L, Duration.ofSeconds(30), Duration.ofMillis(1), false, 10);
    }

    static DatabaseInfo database() {
        return new DatabaseInfo("postgresql", "PostgreSQL", "18.3", "jdbc:postgresql://localhost:54321/postgres",
                "read committed", true, Map.of("lock_timeout", "30s", "max_connections", "100"));
    }

    static RaceResult result() {
        return result(null);
    }

    static RaceResult result(String stopReason) {
        return result("20250101t120000z-a1b2", 0, ROUNDS, 0, stopReason);
    }

    /**
     * The run of rounds {@code fromRound} (inclusive) to {@code toRound} (exclusive) only, as one
     * process of a split run would have measured them; {@code blockedOffset} shifts its blocked waits.
     */
    static RaceResult result(String runId, int fromRound, int toRound, long blockedOffset, String stopReason) {
        List<StrategyResult> strategies = List.of(
                strategy(StrategyKind.NAIVE, slice(NAIVE, fromRound, toRound), fromRound, 0, 1_000 * US, 0),
                strategy(StrategyKind.SAVEPOINT, slice(SAVEPOINT, fromRound, toRound), fromRound, 12 + blockedOffset,
                        1_500 * US, 40),
                strategy(StrategyKind.NOWAIT, slice(NOWAIT, fromRound, toRound), fromRound, 0, 1_250 * US, 80));
        RaceSpec all = spec();
        RaceSpec spec = new RaceSpec(all.strategies(), THREADS, toRound - fromRound, null, all.keys(),
                all.holdMillis(), all.isolation(), all.seed(), all.lockTimeout(), all.lockViewInterval(), all.keep(),
                all.maxRetries());
        return new RaceResult(runId, database(), spec, strategies,
                Instant.parse("2025-01-01T12:00:00Z"), Instant.parse("2025-01-01T12:00:01.500Z"), stopReason,
                "pg_stat_activity polled (test)");
    }

    private static Outcome[][] slice(Outcome[][] rounds, int from, int to) {
        return java.util.Arrays.copyOfRange(rounds, from, to);
    }

    /**
     * @param baseNanos latency of the first attempt; each later attempt of a round takes 250 µs
     *                  more, each round 37 µs more, so the percentiles land on distinct values
     */
    private static StrategyResult strategy(StrategyKind kind, Outcome[][] rounds, int firstRound, long blockedWaits,
            long baseNanos, long lockPolls) {
        List<WorkerStats> workers = new ArrayList<>();
        for (int w = 0; w < THREADS; w++) {
            workers.add(new WorkerStats());
        }
        for (int i = 0; i < rounds.length; i++) {
            int round = firstRound + i;
            for (int w = 0; w < THREADS; w++) {
                Outcome o = rounds[i][w];
                WorkerStats s = workers.get(w);
                long latency = baseNanos + w * 250 * US + round * 37 * US;
                long lock = o == LOCK_NOT_AVAILABLE ? 15 * US : w * 200 * US + round * 11 * US;
                s.attemptStarted();
                if (o == UNIQUE_VIOLATION) {
                    s.errorSeen(o, SqlStep.INSERT, new SQLException("ERROR: duplicate key value violates unique "
                            + "constraint \"lockdemo_pkey\"\n  Detail: Key (jahr, monat)=(1, " + (round + 1)
                            + ") already exists.", "23505", 0), CLASSIFIER);
                } else if (o == LOCK_NOT_AVAILABLE) {
                    s.errorSeen(o, SqlStep.LOCK_NOWAIT, new SQLException("ERROR: could not obtain lock on row in "
                            + "relation \"lockdemo\"", "55P03", 0), CLASSIFIER);
                }
                s.attemptEnded(o, latency, lock, 20 * US + w * US, o == CREATED, o.isSuccess(), round);
            }
        }
        Measurement m = Measurement.merge(workers, 125_000 * US, blockedWaits);
        // the table as a correct database would leave it: one row per key, every committed increment in it
        long[] increments = m.incrementsPerKey();
        List<KeyRow> table = new ArrayList<>();
        for (int k = 0; k < increments.length; k++) {
            if (increments[k] == 0) {
                continue; // a key of a round another process ran
            }
            table.add(new KeyRow(RowKey.ofIndex(k), 1, increments[k]));
        }
        RunFacts facts = new RunFacts(kind.expectedSafe(), m.attempts(), m.outcomes(), m.insertsCommitted(),
                increments);
        return new StrategyResult(kind, m, Checker.check(facts, table), "lockdemo_20250101t120000z_a1b2_" + kind.id(),
                "lock view polled " + lockPolls + " times");
    }
}
