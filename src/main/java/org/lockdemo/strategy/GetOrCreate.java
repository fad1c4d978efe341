package org.lockdemo.strategy;

import java.sql.Connection;
import java.sql.SQLException;
import org.lockdemo.model.Outcome;
import org.lockdemo.model.RowKey;

/**
 * One get-or-create-and-lock algorithm. An implementation holds only SQL rendered once at
 * construction, so one instance is shared by all workers: it must be stateless and thread-safe.
 *
 * <p>What each implementation sends, per dialect and per path (found, created, conflict), is the
 * golden file {@code src/test/resources/org/lockdemo/strategy/statements-<dialect>.txt}, generated
 * from the implementations by {@code StrategyStatementsTest} and held to the real framework's
 * transcripts where those exist: the constructors do not restate their SQL in comments.
 */
public interface GetOrCreate {

    /**
     * Runs one attempt on {@code c} (auto-commit off): find or create the row for {@code key}, lock
     * it, do the work while holding the lock, increment its counter and commit.
     *
     * @return the outcome, when the attempt ended without an exception; a returned failure outcome
     *         means the caller must roll back
     * @throws SQLException ends the attempt; the caller classifies it with {@link Attempt#step()}
     *         and rolls back
     */
    Outcome attempt(Connection c, RowKey key, Attempt a) throws SQLException, InterruptedException;

    /**
     * How many connections of the pool one attempt uses at once: 1, the connection passed to
     * {@link #attempt}; 2 for a strategy that, like the ORM it models, sends a read on another
     * pooled connection while its transaction on the first is open (it gets that one from
     * {@link Attempt#secondConnection()}). The worker borrows and keeps that many, and the pool is
     * sized to the threads times the largest count among a run's strategies. The count must be the
     * same on every dialect.
     */
    default int connectionsPerAttempt() {
        return 1;
    }

    /**
     * The connections each worker thread of a run of {@code kinds} on the dialect {@code dialectId}
     * keeps: the largest {@link RaceStrategy#connectionsPerAttempt()} among those the dialect can
     * run (the pool is one for the whole run). Builds no strategy, so it costs nothing at start-up.
     */
    static int connectionsPerThread(java.util.List<? extends RaceStrategy> kinds, String dialectId) {
        return kinds.stream().filter(k -> k.unsupportedOn(dialectId).isEmpty())
                .mapToInt(RaceStrategy::connectionsPerAttempt).max().orElse(1);
    }

    /** Every SQL statement it may send, in the order they appear in its code, as sent. */
    java.util.List<String> statements();
}
