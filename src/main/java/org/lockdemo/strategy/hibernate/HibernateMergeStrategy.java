package org.lockdemo.strategy.hibernate;

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
 * Hibernate's {@code session.merge(new T(id, j, m))} of an entity whose id the application
 * assigned ({@link AssignedIds}) in {@code session.inTransaction}, then {@code t.someValue++}: what
 * Spring Data JPA's {@code save()} does with an entity that has an id. {@code merge()} selects by
 * id; if absent, the flush INSERTs the new entity (value 0) and then UPDATEs its changed value; if
 * present, it UPDATEs every column. It never retries: two sessions that both miss both INSERT, the
 * later one's {@code ConstraintViolationException} ends the Session's transaction (rolled back, as
 * Hibernate requires) and reaches the application. No lock: concurrent updates get lost. The
 * statements are Hibernate's ({@link HibernateSql}). Thread-safe (stateless).
 */
public final class HibernateMergeStrategy implements GetOrCreate {
    private final HibernateSql sql;

    public HibernateMergeStrategy(RaceSchema s) {
        sql = new HibernateSql(s);
    }

    @Override
    public Outcome attempt(Connection c, RowKey key, Attempt a) throws SQLException, InterruptedException {
        long id = AssignedIds.of(key);
        // merge(new T(id, j, m)): select by id
        boolean found = a.getRowById(c, sql.selectById, id);
        a.work(); // the long computation (t.someValue++), holding no lock
        if (!found) {
            // the flush: the merged entity's INSERT (its value as merged, 0), then its dirty value
            a.insertRowWithId(c, sql.insertWithId, HibernateSql.INSERT_WITH_ID_COLUMNS, key, id, 0);
        }
        a.saveAll(c, sql.updateAll, key, a.rowId(), a.rowValue() + 1);
        a.commit(c);
        return found ? Outcome.FOUND : Outcome.CREATED;
    }

    @Override
    public List<String> statements() {
        return List.of(sql.selectById, sql.insertWithId, sql.updateAll);
    }
}
