package org.lockdemo.db;

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

    public DatabaseTarget(String url, String user, String password, boolean embedded) {
        this.url = url;
        this.user = user;
        this.password = password;
        this.embedded = embedded;
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

    /** Driver properties: user, password, plus the given extras. */
    Properties driverProperties(Properties extra) {
        Properties p = new Properties();
        p.putAll(extra);
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
