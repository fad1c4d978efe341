package org.lockdemo.strategy.gorm;

import java.sql.Connection;
import java.sql.SQLException;
import java.util.List;
import org.lockdemo.model.Outcome;
import org.lockdemo.model.RowKey;
import org.lockdemo.strategy.Attempt;
import org.lockdemo.strategy.GetOrCreate;
import org.lockdemo.strategy.RaceSchema;

/**
 * GORM's {@code db.Where(&T{Jahr: j, Monat: m}).FirstOrCreate(&t)}, then
 * {@code db.Model(&t).Update("some_value", t.SomeValue+1)}, outside a transaction (GORM v1.31):
 * {@code Find} with {@code LIMIT 1} (no transaction: a query runs no callback that opens one); if
 * it found no row, {@code Create}, in GORM's default transaction (BEGIN, INSERT, COMMIT). It never
 * retries: a concurrent twin's INSERT fails with the unique violation, which GORM returns to the
 * application ({@code tx.Error}). The update runs in its own default transaction, with no lock.
 * Statements in {@link GormSql}. Thread-safe (stateless).
 */
final class GormFirstOrCreateStrategy implements GetOrCreate {
    private final GormSql sql;

    GormFirstOrCreateStrategy(RaceSchema s) {
        sql = new GormSql(s);
    }

    @Override
    public Outcome attempt(Connection c, RowKey key, Attempt a) throws SQLException, InterruptedException {
        Outcome outcome = Outcome.FOUND;
        // queryTx.Find(dest, conds...): no transaction of its own
        boolean found = a.getRow(c, sql.first, key);
        a.commit(c);
        if (!found) {
            // RowsAffected == 0: tx.Create(dest), in the default transaction; a duplicate fails the call
            a.insertRow(c, sql.create, key, sql.createReturning);
            a.commit(c);
            outcome = Outcome.CREATED;
        }
        a.work(); // the long computation, holding no lock
        // db.Model(&t).Update("some_value", ...): the default transaction around one UPDATE
        a.saveValue(c, sql.update, a.rowId(), a.rowValue() + 1);
        a.commit(c);
        return outcome;
    }

    @Override
    public List<String> statements() {
        return List.of(sql.first, sql.create, sql.update);
    }
}
