package org.lockdemo.strategy;

import java.util.List;
import org.jooq.SQLDialect;

/**
 * Renders the chosen strategies' SQL once on a background thread, for a table no run uses, so that
 * jOOQ's classes are loaded and initialized while the embedded server starts and the pool fills.
 * The first rendering in a JVM takes about half a second on this machine (seconds under load); the
 * run's own rendering, after this, takes milliseconds. Pure: no database is touched, and nothing
 * waits for it (class initialization is thread-safe, so a run that renders first only does the same
 * work itself). Stateless.
 */
public final class SqlWarmUp {
    private static final String UNUSED_TABLE = "lockdemo_warmup_never_created";

    private SqlWarmUp() {
    }

    /** Starts the rendering on a daemon thread and returns at once. */
    public static void start(List<? extends RaceStrategy> kinds, SQLDialect dialect, int maxRetries) {
        Thread t = new Thread(() -> {
            RaceSchema schema = new RaceSchema(UNUSED_TABLE, dialect);
            for (RaceStrategy k : kinds) {
                k.create(schema, new StrategyOptions(maxRetries));
            }
        }, "lockdemo-sql-warmup");
        t.setDaemon(true);
        t.setUncaughtExceptionHandler((thread, e) -> {
            // nothing depends on the warm-up: the run renders the same SQL itself and reports any failure
        });
        t.start();
    }
}
