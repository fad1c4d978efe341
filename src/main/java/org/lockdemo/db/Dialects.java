package org.lockdemo.db;

import java.util.Locale;
import java.util.Optional;

/** Chooses the {@link Dialect} for a JDBC URL. Stateless. */
public final class Dialects {
    private static final String MYSQL_PREFIX = "jdbc:mysql:";
    /** MariaDB Connector/J's single-host form; its failover forms have no Connector/J equivalent. */
    private static final String MARIADB_PREFIX = "jdbc:mariadb://";
    /** sqlite-jdbc's: {@code jdbc:sqlite:PATH}. */
    public static final String SQLITE_PREFIX = "jdbc:sqlite:";

    private Dialects() {
    }

    /** The dialect for {@code url}, or empty if lockdemo does not support that database. */
    public static Optional<Dialect> forUrl(String url) {
        String u = normalizeUrl(url).toLowerCase(Locale.ROOT);
        if (u.startsWith("jdbc:postgresql:")) {
            return Optional.of(new PostgresDialect());
        }
        if (u.startsWith(MYSQL_PREFIX)) {
            return Optional.of(new MySqlDialect());
        }
        if (u.startsWith(SQLITE_PREFIX)) {
            return Optional.of(new SqliteDialect(SqliteSettings.DEFAULTS));
        }
        return Optional.empty();
    }

    /**
     * The URL to hand to the driver: {@code jdbc:mariadb://host...} becomes
     * {@code jdbc:mysql://host...}, because lockdemo ships MySQL Connector/J, which speaks to
     * MariaDB too, and not the MariaDB driver. Query parameters are passed on unchanged, so an
     * option only the MariaDB driver knows is ignored by Connector/J. Every other URL is returned
     * as it is. Callers must use the result both for {@link #forUrl} and for connecting.
     */
    public static String normalizeUrl(String url) {
        if (url.regionMatches(true, 0, MARIADB_PREFIX, 0, MARIADB_PREFIX.length())) {
            return MYSQL_PREFIX + url.substring("jdbc:mariadb:".length());
        }
        return url;
    }

    /** For error messages: the URL schemes lockdemo accepts. */
    public static String supportedSchemes() {
        return "jdbc:postgresql://HOST[:PORT]/DB, jdbc:mysql://HOST[:PORT]/DB (MySQL 8, MariaDB), "
                + "jdbc:mariadb://HOST[:PORT]/DB (connected through MySQL Connector/J), jdbc:sqlite:PATH or sqlite "
                + "(a new SQLite file in a temporary directory)";
    }
}
