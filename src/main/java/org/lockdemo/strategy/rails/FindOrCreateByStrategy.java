package org.lockdemo.strategy.rails;

import java.sql.Connection;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;
import org.lockdemo.model.Outcome;
import org.lockdemo.model.RowKey;
import org.lockdemo.strategy.Attempt;
import org.lockdemo.strategy.GetOrCreate;
import org.lockdemo.strategy.RaceSchema;
import org.lockdemo.strategy.rails.CreateOrFindByStrategy.ReadBack;

/**
 * ActiveRecord's {@code find_or_create_by} in the caller's transaction, then "read, add one,
 * save": {@code T.transaction { t = T.find_or_create_by(jahr:, monat:); t.some_value += 1; t.save! }}.
 * A plain {@code find_by}; if it finds nothing, either (6.1) a plain {@code create}, whose duplicate
 * reaches the application as {@code RecordNotUnique}, or (7.1 and later, rails/rails#45720)
 * {@code create_or_find_by} with that version's read-back. Thread-safe (stateless).
 */
final class FindOrCreateByStrategy implements GetOrCreate {
    private final RailsSql sql;
    /** The create_or_find_by it falls back to, or null for 6.1's plain create. */
    private final ReadBack createOrFind;

    /** @param createOrFind the read-back of the create_or_find_by it calls, or null for 6.1's {@code create} */
    FindOrCreateByStrategy(RaceSchema s, ReadBack createOrFind) {
        this.sql = new RailsSql(s);
        this.createOrFind = createOrFind;
    }

    @Override
    public Outcome attempt(Connection c, RowKey key, Attempt a) throws SQLException, InterruptedException {
        Outcome outcome = Outcome.FOUND;
        if (!a.getRow(c, sql.findBy, key)) { // find_by(attributes)
            if (createOrFind == null) {
                // 6.1: || create(attributes), no savepoint: a duplicate raises RecordNotUnique to the caller
                a.insertRow(c, sql.insert, key, sql.insertReturning);
                outcome = Outcome.CREATED;
            } else {
                outcome = CreateOrFindByStrategy.createOrFindBy(sql, createOrFind, c, key, a);
                if (!outcome.isSuccess()) {
                    return outcome;
                }
            }
        }
        a.work(); // the long computation; a row found by the first find_by is not locked
        a.saveValue(c, sql.saveValue, a.rowId(), a.rowValue() + 1);
        a.commit(c);
        return outcome;
    }

    @Override
    public List<String> statements() {
        List<String> all = new ArrayList<>(List.of(sql.findBy));
        if (createOrFind == null) {
            all.add(sql.insert);
        } else {
            all.addAll(List.of(RailsSql.SAVEPOINT, sql.insert, RailsSql.RELEASE, RailsSql.ROLLBACK_TO));
            String readBack = CreateOrFindByStrategy.readBackSql(sql, createOrFind);
            if (!readBack.equals(sql.findBy)) {
                all.add(readBack);
            }
        }
        all.add(sql.saveValue);
        return List.copyOf(all);
    }
}
