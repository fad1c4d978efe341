package org.lockdemo.strategy;

import java.sql.Connection;
import java.sql.SQLException;
import java.util.List;
import java.util.Optional;
import org.lockdemo.model.Outcome;
import org.lockdemo.model.RowKey;

/**
 * A get-or-create of several keys in one transaction ({@code --keys-per-attempt N}): the batch that
 * deadlocks when two transactions take overlapping keys in different orders. The keys come in the
 * order the run's {@code --key-order} gave them; the strategy takes them in that order. Same
 * contract as {@link GetOrCreate}: stateless, thread-safe.
 */
public interface GetOrCreateMany {

    /**
     * Runs one attempt on {@code c} (auto-commit off) for {@code keys}, all distinct: gets or
     * creates each, locks it, increments its counter, and commits once. Before each key's
     * statements it calls {@link Attempt#atKey(int)} with the key's position in {@code keys}, and
     * after each key's part {@link Attempt#keyDone(int, Outcome)}.
     *
     * @return the attempt's outcome ({@link KeysOutcome#of}); a failure outcome means the caller
     *         must roll back
     */
    Outcome attempt(Connection c, List<RowKey> keys, Attempt a) throws SQLException, InterruptedException;

    /**
     * Why this instance cannot take several keys after all, or empty: for a strategy whose form
     * decides it (a strategy file whose transaction commits in the middle).
     */
    default Optional<String> severalKeysRefused() {
        return Optional.empty();
    }

    /**
     * The several-keys form of {@code strategy}: itself when it is one ({@link MultiRowUpsertStrategy}),
     * its per-key part run for each key in turn when it has one ({@link PerKeyGetOrCreate}), else
     * empty: a strategy that commits in the middle cannot put several keys in one transaction.
     */
    static Optional<GetOrCreateMany> of(GetOrCreate strategy) {
        if (strategy instanceof GetOrCreateMany many) {
            return many.severalKeysRefused().isEmpty() ? Optional.of(many) : Optional.empty();
        }
        if (strategy instanceof PerKeyGetOrCreate perKey) {
            return Optional.of(new OneKeyAfterAnother(perKey));
        }
        return Optional.empty();
    }
}
