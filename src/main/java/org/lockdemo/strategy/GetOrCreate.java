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

    /** Every SQL statement it may send, in the order they appear in its code, as sent. */
    java.util.List<String> statements();
}
