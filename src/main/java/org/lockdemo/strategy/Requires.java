package org.lockdemo.strategy;

import java.util.Optional;
import java.util.Set;

/**
 * What a strategy needs of the server: the dialects that have its SQL at all, checked before
 * anything connects, and the oldest PostgreSQL major (and MariaDB/MySQL flavour) that has it,
 * checked once the server has said its version. Immutable.
 *
 * @param dialects      the dialect ids it can run on ({@code postgresql}, {@code mysql}, {@code sqlite})
 * @param postgresMajor the oldest PostgreSQL major that has the feature; 0 for any
 * @param mariaDbOnly   whether, in the MySQL family, only MariaDB has it (e.g. {@code INSERT ... RETURNING})
 * @param feature       the feature in a few words, for the refusal: {@code MERGE}, {@code RETURNING old/new}
 * @param sqliteLacks   why it has no meaning on SQLite, for that refusal when {@code dialects} has no
 *                      {@code sqlite}; empty: its statements are known only for the servers (a framework's,
 *                      captured there)
 */
public record Requires(Set<String> dialects, int postgresMajor, boolean mariaDbOnly, String feature, String sqliteLacks) {
    /** Runs on both servers, PostgreSQL and MySQL/MariaDB; not on SQLite (a framework's statements, captured on the servers). */
    public static final Requires ANY = new Requires(Set.of("postgresql", "mysql"), 0, false, "");

    /** Runs on every engine lockdemo has, SQLite included (where a locking read is a plain read: see {@code RaceSchema#forUpdate}). */
    public static final Requires EVERY_ENGINE = new Requires(Set.of("postgresql", "mysql", "sqlite"), 0, false, "", "");

    /** As {@link #ANY} with a word on SQLite where it does not say it. */
    public Requires(Set<String> dialects, int postgresMajor, boolean mariaDbOnly, String feature) {
        this(dialects, postgresMajor, mariaDbOnly, feature, "");
    }

    /** Both servers, not SQLite, which lacks {@code sqliteLacks} (e.g. {@code FOR UPDATE NOWAIT}). */
    public static Requires bothServers(String sqliteLacks) {
        return new Requires(Set.of("postgresql", "mysql"), 0, false, "", sqliteLacks);
    }

    /** This, saying why SQLite has it not. */
    public Requires notOnSqlite(String lacks) {
        return new Requires(dialects, postgresMajor, mariaDbOnly, feature, lacks);
    }

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
        if ("sqlite".equals(dialectId)) {
            return Optional.of(id + " does not run on SQLite: " + (!sqliteLacks.isEmpty() ? "it needs " + sqliteLacks
                    : !feature.isEmpty() ? "it needs " + feature + ", which SQLite does not have"
                    : "lockdemo has its statements for PostgreSQL and MySQL/MariaDB only (as captured from its framework there)"));
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
        return "postgresql".equals(dialectId) ? "PostgreSQL does" : "mysql".equals(dialectId) ? "MySQL and MariaDB do"
                : "SQLite does";
    }
}
