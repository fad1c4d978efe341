package org.lockdemo.db;

import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;

/**
 * One auto-commit connection for setup, checks and cleanup that survives the server restarting
 * or the session being killed: {@link #get()} checks it and opens a new one if it died. Each new
 * session runs {@code initSql} (the lock timeout), so dropping a table another session holds a
 * lock on fails after {@code --lock-timeout} instead of waiting forever.
 *
 * <p>Not thread-safe: one owner (the runner's thread) uses it.
 */
public final class ReopeningConnection implements AutoCloseable {
    private final DatabaseTarget target;
    private final Dialect dialect;
    private final String initSql;
    private Connection connection;

    public ReopeningConnection(DatabaseTarget target, Dialect dialect, String initSql) {
        this.target = target;
        this.dialect = dialect;
        this.initSql = initSql;
    }

    /** The live connection, reopened if the old one no longer answers. */
    public Connection get() throws SQLException {
        if (connection != null && !connection.isValid(validSeconds())) {
            close();
        }
        if (connection == null) {
            Connection c = Connections.open(target, dialect);
            if (!initSql.isEmpty()) {
                try (Statement s = c.createStatement()) {
                    s.execute(initSql);
                } catch (SQLException e) {
                    c.close();
                    throw e;
                }
            }
            connection = c;
        }
        return connection;
    }

    private int validSeconds() {
        return (int) Math.max(1, target.connectTimeout().toSeconds());
    }

    @Override
    public void close() {
        if (connection != null) {
            try {
                connection.close();
            } catch (SQLException e) {
                // the session is already gone; nothing to release
            }
            connection = null;
        }
    }
}
