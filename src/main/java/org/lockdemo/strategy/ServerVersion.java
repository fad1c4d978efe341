package org.lockdemo.strategy;

import java.util.Locale;

/**
 * The server a strategy is to run on, as far as a strategy's requirements care: the dialect
 * ({@code postgresql}, {@code mysql}), whether it is MariaDB, and the major version the
 * server reports. Immutable.
 *
 * @param dialectId {@code postgresql} or {@code mysql}
 * @param product   as the server names itself, e.g. {@code PostgreSQL}, {@code MariaDB}, {@code MySQL}
 * @param version   as the server reports it, e.g. {@code 15.20}, {@code 10.11.19-MariaDB-0+deb12u1}
 */
public record ServerVersion(String dialectId, String product, String version) {

    /** The server's major version (PostgreSQL 15, MariaDB 10, MySQL 8), or 0 when it cannot be read. */
    public int major() {
        return part(0);
    }

    public boolean isPostgres() {
        return "postgresql".equals(dialectId);
    }

    public boolean isMariaDb() {
        return product.toLowerCase(Locale.ROOT).contains("mariadb") || version.toLowerCase(Locale.ROOT).contains("mariadb");
    }

    /** {@code PostgreSQL 15.20}, for messages. */
    public String describe() {
        return product + " " + version.split("[ (]")[0];
    }

    private int part(int i) {
        String[] parts = version.trim().split("[^0-9]+");
        if (parts.length <= i) {
            return 0;
        }
        try {
            return Integer.parseInt(parts[i]);
        } catch (NumberFormatException e) {
            return 0;
        }
    }
}
