package org.lockdemo.strategy.sqlalchemy;

import java.sql.Connection;
import java.sql.SQLException;
import java.util.List;
import org.lockdemo.model.Outcome;
import org.lockdemo.model.RowKey;
import org.lockdemo.strategy.Attempt;
import org.lockdemo.strategy.GetOrCreate;
import org.lockdemo.strategy.RaceSchema;

/**
 * SQLAlchemy's documented savepoint recipe as a get-or-create, in {@code session.begin()}: a query
 * by the key; if absent, {@code session.add(T(...))} inside {@code session.begin_nested()} (a
 * savepoint around the INSERT of the flush); on {@code IntegrityError} the savepoint is rolled back
 * and the same query runs again with {@code .one()}; then {@code t.some_value += 1}, flushed at the
 * commit. No statement takes a row lock, so concurrent read-modify-writes of the value lose updates;
 * under InnoDB REPEATABLE READ the second query reads the first one's snapshot, finds nothing and
 * {@code .one()} raises {@code NoResultFound}. The statements are SQLAlchemy's ({@link SqlAlchemySql}).
 * Thread-safe (stateless).
 */
public final class BeginNestedStrategy implements GetOrCreate {
    private final SqlAlchemySql sql;

    public BeginNestedStrategy(RaceSchema s) {
        sql = new SqlAlchemySql(s);
    }

    @Override
    public Outcome attempt(Connection c, RowKey key, Attempt a) throws SQLException, InterruptedException {
        Outcome outcome = Outcome.FOUND;
        // session.query(T).filter_by(jahr=j, monat=m).one_or_none()
        if (!a.getRow(c, sql.queryByKey, key)) {
            // with session.begin_nested(): session.add(T(jahr=j, monat=m)) -- flushed when the block ends
            a.savepointStatement(c, SqlAlchemySql.SAVEPOINT);
            try {
                a.insertRow(c, sql.insert, key, sql.insertReturning);
                a.savepointStatement(c, SqlAlchemySql.RELEASE);
                outcome = Outcome.CREATED;
            } catch (SQLException e) {
                if (!a.isUniqueViolation(e)) {
                    throw e;
                }
                // except IntegrityError: the savepoint was rolled back; query again, no lock, .one()
                a.rollbackToSavepoint(c, SqlAlchemySql.ROLLBACK_TO);
                if (!a.getRow(c, sql.queryByKey, key)) {
                    return Outcome.MISSING_AFTER_CONFLICT; // NoResultFound reaches the application
                }
                outcome = Outcome.FOUND_AFTER_CONFLICT;
            }
        }
        a.work(); // the long computation, holding no lock
        // t.some_value += 1, flushed by the commit
        a.saveValue(c, sql.updateValue, a.rowId(), a.rowValue() + 1);
        a.commit(c);
        return outcome;
    }

    @Override
    public List<String> statements() {
        return List.of(sql.queryByKey, SqlAlchemySql.SAVEPOINT, sql.insert, SqlAlchemySql.RELEASE,
                SqlAlchemySql.ROLLBACK_TO, sql.updateValue);
    }
}
