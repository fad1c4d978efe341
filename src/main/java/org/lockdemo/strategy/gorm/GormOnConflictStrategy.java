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
 * The GORM maintainers' advice for FirstOrCreate's race (go-gorm/gorm#5803; gorm.io "Upsert / On
 * Conflict"), as an application writes it:
 * {@code res := db.Clauses(clause.OnConflict{DoNothing: true}).Create(&t)}; when
 * {@code res.RowsAffected == 0} (the key existed), {@code db.Where(&T{Jahr: j, Monat: m}).First(&t)};
 * then {@code db.Model(&t).Update("some_value", t.SomeValue+1)}. The INSERT waits for a concurrent
 * uncommitted twin and then does nothing, so no duplicate-key error reaches the application; the
 * read and the update take no lock, so concurrent updates are lost. Every call runs in GORM's
 * default transaction or none (outside a caller's transaction). Statements in {@link GormSql}.
 * Thread-safe (stateless).
 */
final class GormOnConflictStrategy implements GetOrCreate {
    private final GormSql sql;

    GormOnConflictStrategy(RaceSchema s) {
        sql = new GormSql(s);
    }

    @Override
    public Outcome attempt(Connection c, RowKey key, Attempt a) throws SQLException, InterruptedException {
        // Create with ON CONFLICT DO NOTHING, in the default transaction; the new id by RETURNING or LastInsertId
        boolean inserted = a.upsertRow(c, sql.createOnConflictDoNothing, key, sql.onConflictReturning);
        a.commit(c);
        if (!inserted) {
            // RowsAffected == 0: db.Where(...).First(&t), no transaction
            boolean found = a.getRow(c, sql.first, key);
            a.commit(c);
            if (!found) {
                return Outcome.MISSING_AFTER_CONFLICT; // First returns ErrRecordNotFound
            }
        }
        a.work(); // the long computation, holding no lock
        a.saveValue(c, sql.update, a.rowId(), a.rowValue() + 1);
        a.commit(c);
        return inserted ? Outcome.CREATED : Outcome.FOUND;
    }

    @Override
    public List<String> statements() {
        return List.of(sql.createOnConflictDoNothing, sql.first, sql.update);
    }
}
