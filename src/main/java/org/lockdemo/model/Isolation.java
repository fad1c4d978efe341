package org.lockdemo.model;

import java.sql.Connection;

/** Transaction isolation levels lockdemo can run under; {@link #DEFAULT} keeps the server's. */
public enum Isolation {
    DEFAULT("server default", -1),
    READ_COMMITTED("read committed", Connection.TRANSACTION_READ_COMMITTED),
    REPEATABLE_READ("repeatable read", Connection.TRANSACTION_REPEATABLE_READ),
    SERIALIZABLE("serializable", Connection.TRANSACTION_SERIALIZABLE);

    private final String sqlName;
    private final int jdbcLevel;

    Isolation(String sqlName, int jdbcLevel) {
        this.sqlName = sqlName;
        this.jdbcLevel = jdbcLevel;
    }

    /** The name as SQL spells it, e.g. {@code read committed}. */
    public String sqlName() {
        return sqlName;
    }

    /** The {@link Connection} constant, or -1 for {@link #DEFAULT}. */
    public int jdbcLevel() {
        return jdbcLevel;
    }

    /** The command-line spelling, e.g. {@code read-committed}. */
    public String cliName() {
        return name().toLowerCase(java.util.Locale.ROOT).replace('_', '-');
    }
}
