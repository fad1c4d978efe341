package org.lockdemo.db;

import java.io.PrintWriter;
import java.sql.Connection;
import java.sql.SQLException;
import java.sql.SQLFeatureNotSupportedException;
import java.util.logging.Logger;
import javax.sql.DataSource;

/**
 * The pool's source of connections for a dialect that opens its own ({@link Dialect#open}):
 * each connection as {@link Connections#open} would give it. Stateless apart from its target;
 * thread-safe as the dialect is.
 */
final class DialectDataSource implements DataSource {
    private final DatabaseTarget target;
    private final Dialect dialect;
    private PrintWriter logWriter;

    DialectDataSource(DatabaseTarget target, Dialect dialect) {
        this.target = target;
        this.dialect = dialect;
    }

    @Override
    public Connection getConnection() throws SQLException {
        return dialect.open(target);
    }

    /** The target's user and password are the ones used; a file database has none. */
    @Override
    public Connection getConnection(String username, String password) throws SQLException {
        return getConnection();
    }

    @Override
    public PrintWriter getLogWriter() {
        return logWriter;
    }

    @Override
    public void setLogWriter(PrintWriter out) {
        logWriter = out;
    }

    @Override
    public void setLoginTimeout(int seconds) {
        // no network: opening a file does not wait for a server
    }

    @Override
    public int getLoginTimeout() {
        return 0;
    }

    @Override
    public Logger getParentLogger() throws SQLFeatureNotSupportedException {
        throw new SQLFeatureNotSupportedException("no java.util.logging here");
    }

    @Override
    public <T> T unwrap(Class<T> iface) throws SQLException {
        if (iface.isInstance(this)) {
            return iface.cast(this);
        }
        throw new SQLException("not a wrapper of " + iface.getName());
    }

    @Override
    public boolean isWrapperFor(Class<?> iface) {
        return iface.isInstance(this);
    }
}
