package org.lockdemo.strategy.laravel;

import java.sql.Connection;
import java.sql.SQLException;
import org.lockdemo.strategy.Attempt;

/**
 * Whether the application wraps the call in {@code DB::transaction(...)} or runs it in PDO's
 * autocommit mode. Both were captured from Laravel 8.83 ({@code <call>-tx-*.sql} and
 * {@code <call>-*.sql}). lockdemo's connection has auto-commit off, so an autocommit statement is
 * sent as a transaction of its own, ended by a COMMIT: the same on the server. Immutable.
 */
public enum CallerTransaction {
    /** {@code DB::transaction(fn () => ...)}: one transaction, committed at the end. */
    DB_TRANSACTION,
    /** No transaction of the caller's: every statement commits on its own. */
    NONE;

    /** After a statement: in autocommit mode it committed by itself. */
    void statementDone(Attempt a, Connection c) throws SQLException {
        if (this == NONE) {
            a.commit(c);
        }
    }
}
