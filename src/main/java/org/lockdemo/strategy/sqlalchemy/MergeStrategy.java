package org.lockdemo.strategy.sqlalchemy;

import java.sql.Connection;
import java.sql.SQLException;
import java.util.List;
import org.lockdemo.model.Outcome;
import org.lockdemo.model.RowKey;
import org.lockdemo.strategy.AssignedIds;
import org.lockdemo.strategy.Attempt;
import org.lockdemo.strategy.GetOrCreate;
import org.lockdemo.strategy.RaceSchema;

/**
 * SQLAlchemy's {@code Session.merge()} of a new {@code T(id=..., jahr=..., monat=...)} whose id the
 * application derived from the key ({@link AssignedIds}), in {@code session.begin()}, then
 * {@code t.some_value += 1}: {@code merge()} loads by primary key; if absent, the object is pending
 * and the commit's flush INSERTs it with the value already added ({@code some_value} 1); if present,
 * the flush UPDATEs the value. It never retries: two sessions that both miss both INSERT, and one
 * gets the IntegrityError, as naive does. No lock: concurrent updates of the value get lost. The
 * statements are SQLAlchemy's ({@link SqlAlchemySql}). Thread-safe (stateless).
 */
public final class MergeStrategy implements GetOrCreate {
    private final SqlAlchemySql sql;

    public MergeStrategy(RaceSchema s) {
        sql = new SqlAlchemySql(s);
    }

    @Override
    public Outcome attempt(Connection c, RowKey key, Attempt a) throws SQLException, InterruptedException {
        long id = AssignedIds.of(key);
        // session.merge(T(id=i, jahr=j, monat=m)): SELECT by primary key
        boolean found = a.getRowById(c, sql.queryById, id);
        a.work(); // the long computation (t.some_value += 1), holding no lock
        if (found) {
            a.saveValue(c, sql.updateValue, a.rowId(), a.rowValue() + 1);
        } else {
            // the pending object's INSERT at the flush, carrying the added one; a concurrent twin
            // makes it fail with the duplicate key, raised to the application
            a.insertRowWithId(c, sql.insertWithId, SqlAlchemySql.INSERT_WITH_ID_COLUMNS, key, id, 1);
        }
        a.commit(c);
        return found ? Outcome.FOUND : Outcome.CREATED;
    }

    @Override
    public List<String> statements() {
        return List.of(sql.queryById, sql.updateValue, sql.insertWithId);
    }
}
