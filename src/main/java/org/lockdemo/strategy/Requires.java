package org.lockdemo.strategy;

import java.util.Optional;
import java.util.Set;

/**
 * What a strategy needs of the server: the dialects that have its SQL at all, checked before
 * anything connects, and the oldest PostgreSQL major (and MariaDB/MySQL flavour) that has it,
 * checked once the server has said its version. Immutable.
 *
 * @param dialects      the dialect ids it can run on ({@code postgresql}, {@code mysql})
 * @param postgresMajor the oldest PostgreSQL major that has the feature; 0 for any
 * @param mariaDbOnly   whether, in the MySQL family, only MariaDB has it (e.g. {@code INSERT ... RETURNING})
 * @param feature       the feature in a few words, for the refusal: {@code MERGE}, {@code RETURNING old/new}
 */
public record Requires(Set<String> dialects, int postgresMajor, boolean mariaDbOnly, String feature) {
    /** Runs everywhere lockdemo does. */
    public static final Requires ANY = new Requires(Set.of("postgresql", "mysql"), 0, false, "");

    /** PostgreSQL only, any version lockdemo supports. */
    public static Requires postgres(String feature) {
        return new Requires(Set.of("postgresql"), 0, false, feature);
    }

    /** PostgreSQL {@code major} or later. */
    public static Requires postgres(int major, String feature) {
        return new Requires(Set.of("postgresql"), major, false, feature);
    }

    /** MySQL and MariaDB only. */
    public static Requires mysql(String feature) {
        return new Requires(Set.of("mysql"), 0, false, feature);
    }

    /** Why the strategy {@code id} cannot run on a server of {@code dialectId}, or empty if it may. */
    public Optional<String> unmetOn(String id, String dialectId) {
        if (dialects.contains(dialectId)) {
            return Optional.empty();
        }
        return Optional.of(id + " needs " + feature + ", which " + dialectName(dialectId) + " not have");
    }

    /** Why it cannot run on {@code server}, or empty if it can: the dialect, then the version. */
    public Optional<String> unmetOn(String id, ServerVersion server) {
        Optional<String> dialect = unmetOn(id, server.dialectId());
        if (dialect.isPresent()) {
            return dialect;
        }
        if (server.isPostgres() && server.major() < postgresMajor) {
            return Optional.of(id + " needs PostgreSQL " + postgresMajor + " or later for " + feature + "; the server is "
                    + server.describe());
        }
        if (!server.isPostgres() && mariaDbOnly && !server.isMariaDb()) {
            return Optional.of(id + " needs MariaDB for " + feature + "; the server is " + server.describe());
        }
        return Optional.empty();
    }

    private static String dialectName(String dialectId) {
        return "postgresql".equals(dialectId) ? "PostgreSQL does" : "MySQL and MariaDB do";
    }
}
