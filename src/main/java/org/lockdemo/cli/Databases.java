package org.lockdemo.cli;

import java.io.IOException;
import java.util.List;
import org.lockdemo.db.DatabaseTarget;
import org.lockdemo.db.Dialect;
import org.lockdemo.db.EmbeddedPostgresServer;

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

    Databases(Dialect dialect, List<DatabaseTarget> targets, String password, EmbeddedPostgresServer embedded,
            ShutdownGuard guard) {
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

    /** Stops the embedded server, if one was started. */
    @Override
    public void close() throws IOException {
        if (embedded != null) {
            try {
                embedded.close();
            } finally {
                guard.unregister(embedded);
            }
        }
    }
}
