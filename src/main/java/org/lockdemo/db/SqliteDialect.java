package org.lockdemo.db;

import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Properties;
import org.jooq.SQLDialect;
import org.sqlite.BusyHandler;

/**
 * SQLite in process (sqlite-jdbc, SQLite 3.53): one file, each worker with its own connection to
 * it. There are no row locks: the database's write lock is the lock, and when a transaction takes
 * it is the {@link SqliteSettings.Begin} mode of its BEGIN, which {@link SqliteSession} sends
 * before the transaction's first statement. Every connection it opens sets the journal mode and
 * gets a busy handler of this dialect's {@link SqliteBusyWaits}, which counts every wait exactly
 * and keeps the busy timeout. Immutable apart from those counters; thread-safe.
 */
public final class SqliteDialect implements Dialect {
    private static final SqliteErrorClassifier CLASSIFIER = new SqliteErrorClassifier();

    private final SqliteSettings settings;
    private final SqliteBusyWaits busyWaits = new SqliteBusyWaits();
    private final LockView lockView;

    public SqliteDialect(SqliteSettings settings) {
        this.settings = settings;
        this.lockView = new SqliteLockView(busyWaits);
    }

    public SqliteSettings settings() {
        return settings;
    }

    /** The waits of every connection this dialect opened, counted by their busy handlers. */
    public SqliteBusyWaits busyWaits() {
        return busyWaits;
    }

    @Override
    public String id() {
        return "sqlite";
    }

    @Override
    public SQLDialect jooqDialect() {
        return SQLDialect.SQLITE;
    }

    @Override
    public SqlErrorClassifier classifier() {
        return CLASSIFIER;
    }

    @Override
    public LockView lockView() {
        return lockView;
    }

    @Override
    public LockTables lockTables() {
        return LockTables.NONE;
    }

    /** sqlite-jdbc's properties: the journal mode, applied as {@code PRAGMA journal_mode} at open. */
    /** In process: no socket, no server to stop answering. */
    @Override
    public boolean overNetwork() {
        return false;
    }

    @Override
    public Properties driverProperties(Duration connectTimeout, Duration socketTimeout) {
        Properties p = new Properties();
        p.setProperty("journal_mode", settings.journal().name()); // no network: the timeouts do not apply
        return p;
    }

    /**
     * A connection to the file: the driver's, in auto-commit, with this dialect's busy handler,
     * wrapped so its transactions begin in the chosen mode.
     */
    @Override
    public Connection open(DatabaseTarget target) throws SQLException {
        Connection driver = DriverManager.getConnection(target.url(), target.driverProperties(this));
        try {
            SqliteBusyWaits.Handler handler = busyWaits.handler(settings.busyTimeout().toMillis());
            BusyHandler.setHandler(driver, handler);
            return SqliteSession.wrap(driver, settings.begin(), handler);
        } catch (SQLException | RuntimeException e) {
            try {
                driver.close();
            } catch (SQLException closing) {
                e.addSuppressed(closing);
            }
            throw e;
        }
    }

    @Override
    public boolean opensItsOwnConnections() {
        return true;
    }

    /** The busy timeout is the busy handler's ({@code --sqlite-busy-timeout}); nothing to set per session. */
    @Override
    public String sessionInitSql(Duration lockTimeout) {
        return "";
    }

    /** SQLite has no session id: lockdemo numbers its connections ({@link SqliteSession.Id}). */
    @Override
    public long sessionId(Connection c) throws SQLException {
        return c.unwrap(SqliteSession.Id.class).sessionId();
    }

    /** SQLite's transactions are serializable: one writer at a time (sqlite.org/isolation.html). */
    @Override
    public String effectiveIsolation(Connection c) {
        return "SERIALIZABLE";
    }

    @Override
    public Map<String, String> outcomeSettings(Connection c) throws SQLException {
        Map<String, String> m = new LinkedHashMap<>();
        m.put("sqlite_begin", settings.begin().toString());
        m.put("journal_mode", pragma(c, "journal_mode"));
        m.put("busy_timeout", settings.busyTimeout().toMillis() + "ms");
        m.put("busy_handler", "lockdemo's: counts every wait, SQLite's back-off until busy_timeout");
        m.put("synchronous", pragma(c, "synchronous")); // 2 FULL (rollback journal's default), 1 NORMAL
        m.put("locking_mode", pragma(c, "locking_mode"));
        return m;
    }

    @Override
    public String[] productAndVersion(Connection c) throws SQLException {
        return new String[] {"SQLite", c.getMetaData().getDatabaseProductVersion()};
    }

    /** No connection limit: every connection is the same process opening the file. */
    @Override
    public int availableConnections(Connection c) {
        return -1;
    }

    @Override
    public String connectionLimitDescription(Connection c) {
        return "none (SQLite in process)";
    }

    /** SQLite keeps no creation time: the ages are unknown. */
    @Override
    public Map<String, Duration> lockdemoTableAges(Connection c) throws SQLException {
        Map<String, Duration> ages = new LinkedHashMap<>();
        String sql = "SELECT name FROM sqlite_schema WHERE type = 'table' AND name LIKE 'lockdemo\\_%' ESCAPE '\\'"
                + " ORDER BY 1";
        try (Statement s = c.createStatement(); ResultSet rs = s.executeQuery(sql)) {
            while (rs.next()) {
                ages.put(rs.getString(1), null);
            }
        }
        return ages;
    }

    @Override
    public String explainSetupFailure(SQLException e, DatabaseTarget target, String whatFailed) {
        int code = SqliteErrorClassifier.resultCode(e);
        String path = path(target.url());
        String detail = PostgresDialect.firstLine(e.getMessage());
        String name = " (" + CLASSIFIER.conditionName(e) + ")";
        switch (code & 0xff) { // the primary code: SQLITE_CANTOPEN_* are 14 in the low byte
            case SqliteErrorClassifier.SQLITE_CANTOPEN:
                return whatFailed + ": cannot open the SQLite file " + path + name
                        + "; its directory must exist and be writable";
            case SqliteErrorClassifier.SQLITE_NOTADB:
                return whatFailed + ": " + path + " is not a SQLite database" + name
                        + "; name a new file or a SQLite database in --url jdbc:sqlite:PATH";
            case SqliteErrorClassifier.SQLITE_IOERR:
            case 8: // SQLITE_READONLY: a file or directory that cannot be written
                return whatFailed + ": cannot write the SQLite file " + path + name + ": " + detail
                        + "; its directory must be writable";
            default:
                return whatFailed + name + ": " + detail;
        }
    }

    /** The file of a {@code jdbc:sqlite:PATH} URL, without its query parameters. */
    static String path(String url) {
        String p = url.substring("jdbc:sqlite:".length());
        int q = p.indexOf('?');
        return q < 0 ? p : p.substring(0, q);
    }

    private static String pragma(Connection c, String name) throws SQLException {
        try (Statement s = c.createStatement(); ResultSet rs = s.executeQuery("PRAGMA " + name)) {
            return rs.next() ? rs.getString(1) : "";
        }
    }

    /**
     * Blocked waits from the busy handlers: not a view polled from outside, but every wait counted
     * on its own thread as it begins. {@link #blockedSessions} is empty, since no connection can see
     * another's wait; the race reads {@link #exactWaits()} before and after a strategy instead.
     */
    private static final class SqliteLockView implements LockView {
        private final SqliteBusyWaits waits;

        SqliteLockView(SqliteBusyWaits waits) {
            this.waits = waits;
        }

        @Override
        public List<BlockedSession> blockedSessions(Connection observer) {
            return List.of();
        }

        @Override
        public Optional<ExactWaits> exactWaits() {
            return Optional.of(waits);
        }

        @Override
        public String method() {
            return "SQLite's busy handler (sqlite3_busy_handler) on every worker connection: SQLite calls it only when "
                    + "a lock the connection needs is held by another connection, so each wait is counted as it begins, "
                    + "exactly, not sampled; blocked_waits counts waits (a transaction can wait more than once: at BEGIN, "
                    + "at its first write, at COMMIT), not attempts";
        }
    }
}
