package org.lockdemo.strategy.sequelize;

import java.sql.Connection;
import java.sql.SQLException;
import java.util.List;
import org.lockdemo.model.Outcome;
import org.lockdemo.model.RowKey;
import org.lockdemo.strategy.Attempt;
import org.lockdemo.strategy.GetOrCreate;
import org.lockdemo.strategy.RaceSchema;

/**
 * Sequelize 6.37's {@code Model.findCreateFind({ where })} ({@code lib/model.js}), then
 * {@code row.some_value++; row.save()}: {@code findOne}; if absent, {@code create}; on a
 * {@code UniqueConstraintError} (or the {@code EmptyResultError} of an insert that ignored the
 * duplicate) {@code findOne} again, on the same connection and in the same transaction, if any. On
 * PostgreSQL inside a transaction the create ignores duplicates
 * ({@code INSERT ... ON CONFLICT DO NOTHING RETURNING ...}). It opens no transaction of its own:
 * without the caller's every statement is its own autocommit transaction, and the re-find sees the
 * winner's row. In the caller's transaction under REPEATABLE READ the re-find reads the old
 * snapshot: on MariaDB it returns {@code null} (the application has no row); on PostgreSQL the
 * {@code ON CONFLICT} itself fails with a serialization failure. No lock: the save can lose updates.
 * Thread-safe (stateless).
 */
final class FindCreateFindStrategy implements GetOrCreate {
    private final SequelizeSql sql;
    /** Inside the caller's transaction ({@code findCreateFind({ where, transaction: t })}). */
    private final boolean callerTransaction;

    FindCreateFindStrategy(RaceSchema s, boolean callerTransaction) {
        this.sql = new SequelizeSql(s);
        this.callerTransaction = callerTransaction;
    }

    @Override
    public Outcome attempt(Connection c, RowKey key, Attempt a) throws SQLException, InterruptedException {
        boolean found = a.getRow(c, sql.findOne, key);
        autocommit(c, a);
        if (found) {
            return sql.saveAndCommit(c, a, Outcome.FOUND);
        }
        if (create(c, a, key)) {
            autocommit(c, a);
            return sql.saveAndCommit(c, a, Outcome.CREATED);
        }
        boolean foundAgain = a.getRow(c, sql.findOne, key);
        autocommit(c, a);
        if (!foundAgain) {
            return Outcome.MISSING_AFTER_CONFLICT; // findCreateFind returns [null, false]
        }
        return sql.saveAndCommit(c, a, Outcome.FOUND_AFTER_CONFLICT);
    }

    /** True if it inserted the row; false after a duplicate (error, or nothing returned). */
    private boolean create(Connection c, Attempt a, RowKey key) throws SQLException {
        if (callerTransaction && sql.postgres) {
            return a.insertRowIfAbsent(c, sql.createIgnoringDuplicates, key); // ignoreDuplicates: true
        }
        boolean created = sql.createOrDuplicate(a, c, key);
        if (!created && !callerTransaction) {
            a.rollback(c); // the failed autocommit INSERT
        }
        return created;
    }

    /** Without the caller's transaction each statement commits on its own. */
    private void autocommit(Connection c, Attempt a) throws SQLException {
        if (!callerTransaction) {
            a.commit(c);
        }
    }

    @Override
    public List<String> statements() {
        return List.of(sql.findOne, callerTransaction && sql.postgres ? sql.createIgnoringDuplicates : sql.create,
                sql.save);
    }
}
