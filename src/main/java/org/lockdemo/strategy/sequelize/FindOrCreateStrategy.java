package org.lockdemo.strategy.sequelize;

import java.sql.Connection;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;
import org.lockdemo.model.Outcome;
import org.lockdemo.model.RowKey;
import org.lockdemo.strategy.Attempt;
import org.lockdemo.strategy.GetOrCreate;
import org.lockdemo.strategy.RaceSchema;

/**
 * Sequelize 6.37's {@code Model.findOrCreate({ where })} ({@code lib/model.js}), then the "long
 * computation" ({@code row.some_value++; row.save()}). It always works in a transaction: the
 * caller's, in which it opens a savepoint it never releases, or, with no caller transaction, one of
 * its own, committed in a {@code finally}. There it runs {@code findOne}; if absent, a
 * {@code create} that expects a duplicate ({@link SequelizeSql#createExpectingDuplicate}); after a
 * {@code UniqueConstraintError}, {@code findOne} again with
 * {@code transaction: internalTransaction ? null : transaction}.
 *
 * <p>Without a caller transaction that re-find runs <em>outside</em> findOrCreate's own, still open,
 * transaction: on another connection of the pool, in autocommit, so it reads a fresh snapshot and
 * finds the winner's row even under REPEATABLE READ. This strategy therefore uses two connections
 * per attempt ({@link Attempt#secondConnection()}), as Sequelize does. In the caller's transaction the
 * re-find reads that transaction's snapshot, and under REPEATABLE READ it finds nothing:
 * {@code findOrCreate} rethrows the {@code UniqueConstraintError}. Neither form locks the row: the
 * save is a read-modify-write that can lose concurrent updates.
 *
 * <p>Sequelize commits its own transaction even when the call fails with an error that is not a
 * unique violation; lockdemo leaves such an error to the worker, which rolls back. Thread-safe
 * (stateless).
 */
final class FindOrCreateStrategy implements GetOrCreate {
    private final SequelizeSql sql;
    /** Inside the caller's transaction ({@code findOrCreate({ where, transaction: t })}). */
    private final boolean callerTransaction;

    FindOrCreateStrategy(RaceSchema s, boolean callerTransaction) {
        this.sql = new SequelizeSql(s);
        this.callerTransaction = callerTransaction;
    }

    @Override
    public Outcome attempt(Connection c, RowKey key, Attempt a) throws SQLException, InterruptedException {
        if (callerTransaction) {
            a.savepointStatement(c, sql.savepoint); // sequelize.transaction({ transaction: t }), never released
        }
        if (a.getRow(c, sql.findOne, key)) {
            endOwnTransaction(c, a);
            return sql.saveAndCommit(c, a, Outcome.FOUND);
        }
        if (sql.createExpectingDuplicate(a, c, key)) {
            endOwnTransaction(c, a);
            return sql.saveAndCommit(c, a, Outcome.CREATED);
        }
        // UniqueConstraintError: findOne({ transaction: internalTransaction ? null : transaction })
        Connection reFind = callerTransaction ? c : a.secondConnection();
        boolean found = a.getRow(reFind, sql.findOne, key);
        if (!callerTransaction) {
            a.commit(reFind); // the re-find's autocommit, on the other connection
            a.commit(c); // then the finally: findOrCreate's own transaction.commit()
        }
        if (!found) {
            return Outcome.MISSING_AFTER_CONFLICT; // "if (otherCreated === null) throw err"
        }
        return sql.saveAndCommit(c, a, Outcome.FOUND_AFTER_CONFLICT);
    }

    /** The {@code finally} of findOrCreate: its own transaction is committed; the caller's goes on. */
    private void endOwnTransaction(Connection c, Attempt a) throws SQLException {
        if (!callerTransaction) {
            a.commit(c);
        }
    }

    @Override
    public int connectionsPerAttempt() {
        return callerTransaction ? 1 : 2;
    }

    @Override
    public List<String> statements() {
        List<String> all = new ArrayList<>();
        if (callerTransaction) {
            all.add(sql.savepoint);
        }
        all.add(sql.findOne);
        all.add(sql.postgres ? sql.createCatching : sql.create);
        all.add(sql.save);
        return List.copyOf(all);
    }
}
