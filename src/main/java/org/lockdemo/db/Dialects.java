package org.lockdemo.db;

import java.util.Locale;
import java.util.Optional;

/** Chooses the {@link Dialect} for a JDBC URL. Stateless. */
public final class Dialects {
    private Dialects() {
    }

    /** The dialect for {@code url}, or empty if lockdemo does not support that database. */
    public static Optional<Dialect> forUrl(String url) {
        String u = url.toLowerCase(Locale.ROOT);
        if (u.startsWith("jdbc:postgresql:")) {
            return Optional.of(new PostgresDialect());
        }
        return Optional.empty();
    }

    /** For error messages: the URL schemes lockdemo accepts. */
    public static String supportedSchemes() {
        return "jdbc:postgresql://HOST[:PORT]/DB";
    }
}
