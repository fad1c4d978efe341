package org.lockdemo.spi.v1;

import java.sql.Connection;

/**
 * A get-or-create the user brings: find the key's row or create it, lock it, update its counter,
 * on the connection lockdemo hands over, inside the transaction lockdemo owns.
 *
 * <p><b>The transaction.</b> {@link #getOrCreate} gets a connection with auto-commit off, a
 * transaction not yet begun, at the run's isolation level. It sends its statements (savepoints
 * included) and returns; it must not commit, roll back or close the connection. lockdemo then
 * commits (counting what the commit made durable) or, when the method throws, rolls back and
 * classifies the error like any other: an {@link java.sql.SQLException} anywhere in the cause
 * chain is classified by its SQLState and vendor code (a duplicate key is {@code unique_violation},
 * a deadlock {@code deadlock}, ...), any other exception is {@code other_error} with its message
 * kept in the JSON's {@code errors}.
 *
 * <p><b>Threads.</b> lockdemo creates one instance per run, with the public no-argument
 * constructor, and calls it from all worker threads at once: an implementation must be
 * thread-safe (keep per-call state on the stack, as a repository bean is).
 *
 * <p><b>The table.</b> {@link Key#table()} names lockdemo's table for the run, with the columns
 * {@code id} (generated), {@code jahr}, {@code monat} (unique together) and {@code some_value} (the
 * counter). lockdemo creates it before the run and drops it after; the class must not create or
 * drop tables.
 */
public interface GetOrCreateStrategy {

    /**
     * Finds or creates the row of {@code key} on {@code connection} and updates its counter, inside
     * the open transaction, and says how it got the row.
     *
     * @return {@link Result#CREATED} exactly when this call inserted the row, else how it found it
     * @throws Exception anything the code throws ends the attempt: it is rolled back and classified
     */
    Result getOrCreate(Connection connection, Key key) throws Exception;

    /** The name of the strategy in the run and its results (lower case, digits, {@code -}); default: from the class. */
    default String name() {
        return getClass().getSimpleName().replaceAll("([a-z0-9])([A-Z])", "$1-$2").toLowerCase(java.util.Locale.ROOT);
    }

    /**
     * Whether every successful call incremented {@code some_value} of the row by exactly one
     * (lockdemo's {@code no_lost_update} check then holds the counters to the commits); false, the
     * default: that check is reported "not applicable".
     */
    default boolean updatesCounter() {
        return false;
    }

    /** Whether it claims that no duplicate-key error reaches the application (default: true). */
    default boolean expectedSafe() {
        return true;
    }

    /** Whether it updates the counter under a row lock, so a lost update is a failure (default: true). */
    default boolean locksRow() {
        return true;
    }
}
