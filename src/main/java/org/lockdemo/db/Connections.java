package org.lockdemo.db;

import java.sql.Connection;
import java.sql.SQLException;

/** Opens single, unpooled connections (setup, checks, the lock-view sampler). Stateless. */
public final class Connections {
    private Connections() {
    }

    /** An auto-commit connection to {@code target}. */
    public static Connection open(DatabaseTarget target, Dialect dialect) throws SQLException {
        Connection c = dialect.open(target);
        c.setAutoCommit(true);
        return c;
    }
}
