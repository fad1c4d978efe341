package org.lockdemo.cli;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.List;
import org.lockdemo.db.DatabaseTarget;
import org.lockdemo.db.Dialect;
import org.lockdemo.db.EmbeddedPostgresServer;
import org.lockdemo.db.SqliteTempFile;

/**
 * What a command runs on, resolved from {@link DatabaseOptions#resolve}: the dialect, one target
 * per node (in {@code --url} order), and the embedded server started for the command, which
 * {@link #close()} stops. Used by the command's thread.
 */
public final class Databases implements AutoCloseable {
    private final Dialect dialect;
    private final List<DatabaseTarget> targets;
    private final String password;
    private final EmbeddedPostgresServer embedded;
    private final ShutdownGuard guard;
    private final SqliteTempFile temporaryFiles;

    Databases(Dialect dialect, List<DatabaseTarget> targets, String password, EmbeddedPostgresServer embedded,
            ShutdownGuard guard) {
        this(dialect, targets, password, embedded, guard, null);
    }

    /** @param temporaryFiles removed by {@link #close()}: the temporary SQLite file of {@code --url sqlite}, or null */
    Databases(Dialect dialect, List<DatabaseTarget> targets, String password, EmbeddedPostgresServer embedded,
            ShutdownGuard guard, SqliteTempFile temporaryFiles) {
        this.temporaryFiles = temporaryFiles;
        this.dialect = dialect;
        this.targets = List.copyOf(targets);
        this.password = password;
        this.embedded = embedded;
        this.guard = guard;
    }

    public Dialect dialect() {
        return dialect;
    }

    /** One target per node, in the order of {@code --url}; the embedded server's alone without one. */
    public List<DatabaseTarget> targets() {
        return targets;
    }

    /** The password sent, to scrub from stack traces; null if none. */
    String password() {
        return password;
    }

    /** Stops the embedded server, if one was started; removes the temporary SQLite file, if one was made. */
    @Override
    public void close() throws IOException {
        try {
            if (embedded != null) {
                try {
                    embedded.close();
                } finally {
                    guard.unregister(embedded);
                }
            }
        } finally {
            if (temporaryFiles != null) {
                try {
                    temporaryFiles.close();
                } catch (UncheckedIOException e) {
                    throw e.getCause();
                }
            }
        }
    }
}
