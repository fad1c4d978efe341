package org.lockdemo.strategy;

import java.sql.Connection;
import java.sql.SQLException;
import org.lockdemo.model.Outcome;
import org.lockdemo.model.RowKey;

/**
 * A get-or-create whose attempt is one transaction: its part for the key, then a COMMIT. Such a
 * strategy can get or create several keys in one transaction ({@code --keys-per-attempt N}) by
 * running its part for each key in turn and committing once ({@link OneKeyAfterAnother}), as an
 * application does that loops over its keys inside one {@code atomic()} / {@code BEGIN}. Strategies
 * that commit in the middle (naive's three transactions, autocommit, a retry loop, a session lock
 * taken outside the transaction) are not of this kind. Same contract as {@link GetOrCreate}:
 * stateless, thread-safe.
 */
public interface PerKeyGetOrCreate extends GetOrCreate {

    /**
     * The part of the attempt for {@code key}, in a transaction that is already open and that the
     * caller commits: find or create the row, lock it, do the work while holding the lock and
     * increment its counter. Sends no COMMIT.
     *
     * @return the outcome of the key's part; a failure outcome means the caller must roll back
     */
    Outcome forKey(Connection c, RowKey key, Attempt a) throws SQLException, InterruptedException;

    /** One key: its part, and a COMMIT when it succeeded. */
    @Override
    default Outcome attempt(Connection c, RowKey key, Attempt a) throws SQLException, InterruptedException {
        Outcome outcome = forKey(c, key, a);
        if (outcome.isSuccess()) {
            a.commit(c);
        }
        return outcome;
    }
}
