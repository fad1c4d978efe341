package org.lockdemo.db;

import java.time.Duration;
import java.util.Properties;

/**
 * Where to connect: a JDBC URL, a user and (optionally) a password. Immutable. The password is
 * never part of {@link #toString()} and is only handed to the driver.
 */
public final class DatabaseTarget {
    private final String url;
    private final String user;
    private final String password;
    private final boolean embedded;
    private final Duration connectTimeout;
    private final Duration socketTimeout;

    /** A target with the default timeouts: 10 s to connect, no socket timeout. */
    public DatabaseTarget(String url, String user, String password, boolean embedded) {
        this(url, user, password, embedded, DEFAULT_CONNECT_TIMEOUT, Duration.ZERO);
    }

    private DatabaseTarget(String url, String user, String password, boolean embedded, Duration connectTimeout,
            Duration socketTimeout) {
        this.url = url;
        this.user = user;
        this.password = password;
        this.embedded = embedded;
        this.connectTimeout = connectTimeout;
        this.socketTimeout = socketTimeout;
    }

    /** The default of {@code --connect-timeout}. */
    public static final Duration DEFAULT_CONNECT_TIMEOUT = Duration.ofSeconds(10);

    /**
     * The same target with these timeouts. {@code connectTimeout} bounds opening a connection and
     * waiting for one from the pool, so a server that is gone is noticed within it.
     * {@code socketTimeout} bounds waiting for any answer from an open connection (a server that
     * vanished without closing its sockets); it must exceed the longest legitimate statement, a
     * lock wait of up to {@code --lock-timeout}, so the caller derives it from that; zero means none.
     */
    public DatabaseTarget withTimeouts(Duration connectTimeout, Duration socketTimeout) {
        return new DatabaseTarget(url, user, password, embedded, connectTimeout, socketTimeout);
    }

    public Duration connectTimeout() {
        return connectTimeout;
    }

    public Duration socketTimeout() {
        return socketTimeout;
    }

    public String url() {
        return url;
    }

    /** The URL with any password removed: the only form that may be printed or stored. */
    public String redactedUrl() {
        return JdbcUrls.redact(url);
    }

    public String user() {
        return user;
    }

    /** The password for the driver, or {@code null}. Never print it. */
    String password() {
        return password;
    }

    public boolean hasPassword() {
        return password != null && !password.isEmpty();
    }

    public boolean isEmbedded() {
        return embedded;
    }

    /** Driver properties: the dialect's (with this target's timeouts), user and password. */
    Properties driverProperties(Dialect dialect) {
        Properties p = new Properties();
        p.putAll(dialect.driverProperties(connectTimeout, socketTimeout));
        if (user != null) {
            p.setProperty("user", user);
        }
        if (password != null) {
            p.setProperty("password", password);
        }
        return p;
    }

    @Override
    public String toString() {
        return redactedUrl() + (user == null ? "" : " as " + user);
    }
}
