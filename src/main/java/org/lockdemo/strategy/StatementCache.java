package org.lockdemo.strategy;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.util.Arrays;

/**
 * The {@link PreparedStatement}s of one connection, each created on first use and then reused by
 * every later attempt on that connection: the client parses and builds a statement once per
 * connection, not once per attempt, and with the drivers' settings (PostgreSQL
 * {@code prepareThreshold=1}, Connector/J {@code useServerPrepStmts=true}, see the dialects) the
 * server prepares it once too and afterwards only binds and executes it.
 *
 * <p>Statements are looked up by their SQL string; strategies keep their SQL in final fields, so the
 * lookup is an identity comparison over a handful of entries, with no allocation and no hashing. The
 * cache holds at most the strategy's {@code statements()}, so it is bounded by its SQL, never by the
 * number of attempts.
 *
 * <p>The statements belong to the connection: when it changes (a worker got a new one after its
 * connection broke) the old statements are closed and forgotten. Not thread-safe: one per worker.
 */
final class StatementCache {
    private Connection connection;
    private String[] sqls = new String[8];
    private PreparedStatement[] statements = new PreparedStatement[8];
    private int size;

    /** The statement for {@code sql} on {@code c}, prepared on first use. */
    PreparedStatement get(Connection c, String sql) throws SQLException {
        return get(c, sql, false);
    }

    /**
     * The same; with {@code generatedKeys} a statement prepared to return the keys it generates
     * (an INSERT on a server without {@code RETURNING}). One SQL string is always prepared one way.
     */
    PreparedStatement get(Connection c, String sql, boolean generatedKeys) throws SQLException {
        if (c != connection) {
            close();
            connection = c;
        }
        for (int i = 0; i < size; i++) {
            if (sqls[i] == sql) {
                return statements[i];
            }
        }
        for (int i = 0; i < size; i++) {
            if (sqls[i].equals(sql)) {
                return statements[i];
            }
        }
        PreparedStatement ps = generatedKeys ? c.prepareStatement(sql, java.sql.Statement.RETURN_GENERATED_KEYS)
                : c.prepareStatement(sql);
        if (size == sqls.length) {
            sqls = Arrays.copyOf(sqls, size * 2);
            statements = Arrays.copyOf(statements, size * 2);
        }
        sqls[size] = sql;
        statements[size] = ps;
        size++;
        return ps;
    }

    /**
     * Closes every statement and forgets the connection. Call before giving the connection back to
     * the pool. All statements are closed even if one fails; the first failure is thrown with the
     * others suppressed.
     */
    void close() throws SQLException {
        SQLException failure = null;
        for (int i = 0; i < size; i++) {
            try {
                statements[i].close();
            } catch (SQLException e) {
                if (failure == null) {
                    failure = e;
                } else {
                    failure.addSuppressed(e);
                }
            }
            statements[i] = null;
            sqls[i] = null;
        }
        size = 0;
        connection = null;
        if (failure != null) {
            throw failure;
        }
    }
}
