package org.lockdemo.strategy;

import java.sql.Connection;
import java.sql.SQLException;
import java.util.List;
import org.lockdemo.model.Outcome;
import org.lockdemo.model.RowKey;

/**
 * Several keys in one transaction with a strategy's per-key part: the application's loop
 * {@code for key in keys: get_or_create(key)} inside one transaction, then one COMMIT. The first
 * key whose part fails ends the attempt (the caller rolls everything back). Thread-safe
 * (stateless).
 */
final class OneKeyAfterAnother implements GetOrCreateMany {
    private final PerKeyGetOrCreate strategy;

    OneKeyAfterAnother(PerKeyGetOrCreate strategy) {
        this.strategy = strategy;
    }

    @Override
    public Outcome attempt(Connection c, List<RowKey> keys, Attempt a) throws SQLException, InterruptedException {
        for (int i = 0; i < keys.size(); i++) {
            a.atKey(i);
            Outcome outcome = strategy.forKey(c, keys.get(i), a);
            if (!outcome.isSuccess()) {
                return outcome;
            }
            a.keyDone(i, outcome);
        }
        a.commit(c);
        return KeysOutcome.of(a.state());
    }
}
