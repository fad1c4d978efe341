package org.lockdemo.db;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import org.jooq.SQLDialect;
import org.postgresql.PGConnection;

/** PostgreSQL (9.6 and later; tested on 15 and 18). Stateless; thread-safe. */
public final class PostgresDialect implements Dialect {

    /** Prefix of the comment that records a table's creation time; see {@link #markCreated}. */
    private static final String CREATED_MARK = "lockdemo table created at ";

    /** pgjdbc's {@code prepareThreshold}: prepare server-side on the first execution. */
    static final int PREPARE_THRESHOLD = 1;

    private static final PostgresErrorClassifier CLASSIFIER = new PostgresErrorClassifier();
    private static final LockView LOCK_VIEW = new PostgresLockView();

    @Override
    public String id() {
        return "postgresql";
    }

    @Override
    public SQLDialect jooqDialect() {
        return SQLDialect.POSTGRES;
    }

    @Override
    public SqlErrorClassifier classifier() {
        return CLASSIFIER;
    }

    @Override
    public LockTables lockTables() {
        return LockTables.PG_LOCKS;
    }

    @Override
    public LockView lockView() {
        return LOCK_VIEW;
    }

    @Override
    public Properties driverProperties(Duration connectTimeout, Duration socketTimeout) {
        Properties p = new Properties();
        // pgjdbc takes whole seconds: round up, so 500ms means 1 s, not "forever" (0)
        long connectSeconds = Math.max(1, (connectTimeout.toMillis() + 999) / 1000);
        p.setProperty("connectTimeout", Long.toString(connectSeconds)); // an unreachable host fails fast
        p.setProperty("loginTimeout", Long.toString(connectSeconds));
        // a server that stops answering without closing the socket (a network partition): a read
        // fails after this long (08006); 0 waits forever. See DatabaseTarget for how it is chosen.
        p.setProperty("socketTimeout", Long.toString((socketTimeout.toMillis() + 999) / 1000));
        p.setProperty("ApplicationName", "lockdemo");
        return p;
    }

    @Override
    public Properties poolDriverProperties() {
        Properties p = new Properties();
        // Server-side prepare on a statement's first execution (pgjdbc's default, 5, sends the first
        // four executions of each PreparedStatement as unnamed statements, parsed and planned every
        // time). Workers keep their connection and their PreparedStatements (see Worker, Attempt), so
        // each statement is parsed once per connection and then only bound and executed, like
        // pgbench -M prepared; PreparedOnceIT checks it in pg_prepared_statements. Not -1: that also
        // forces binary transfer, which costs an extra Describe round trip on first use.
        p.setProperty("prepareThreshold", Integer.toString(PREPARE_THRESHOLD));
        // One blocking read(2) per answer instead of read, EAGAIN, poll, read (see
        // BlockingSocketFactory); with no socket timeout, which would make every read a timed one:
        // the race's answer watchdog bounds a statement's wait for its answer instead.
        p.setProperty("socketFactory", BlockingSocketFactory.class.getName());
        p.setProperty("socketTimeout", "0");
        return p;
    }

    @Override
    public String sessionInitSql(Duration lockTimeout) {
        // lock_timeout bounds every wait for a heavyweight lock (row locks, the unique-index wait of
        // a duplicate INSERT); it raises 55P03 like NOWAIT does. Applied per session so the
        // server's configuration is left alone.
        return lockTimeout.isZero() ? "" : "SET lock_timeout = '" + lockTimeout.toMillis() + "ms'";
    }

    @Override
    public long sessionId(Connection c) throws SQLException {
        return c.unwrap(PGConnection.class).getBackendPID();
    }

    @Override
    public String effectiveIsolation(Connection c) throws SQLException {
        return show(c, "transaction_isolation");
    }

    @Override
    public Map<String, String> outcomeSettings(Connection c) throws SQLException {
        Map<String, String> m = new LinkedHashMap<>();
        for (String name : List.of("lock_timeout", "deadlock_timeout", "max_connections",
                "synchronous_commit", "fsync", "default_transaction_isolation")) {
            m.put(name, show(c, name));
        }
        // the driver's, as this connection runs with it: it decides how often the server parses
        m.put("pgjdbc.prepareThreshold", Integer.toString(c.unwrap(PGConnection.class).getPrepareThreshold()));
        return m;
    }

    @Override
    public String[] productAndVersion(Connection c) throws SQLException {
        return new String[] {"PostgreSQL", show(c, "server_version")};
    }

    @Override
    public int availableConnections(Connection c) throws SQLException {
        String sql = "SELECT current_setting('max_connections')::int"
                + " - (SELECT count(*) FROM pg_stat_activity WHERE backend_type = 'client backend')::int"
                + " - CASE WHEN (SELECT rolsuper FROM pg_roles WHERE rolname = current_user) THEN 0"
                + "   ELSE current_setting('superuser_reserved_connections')::int"
                + "      + coalesce(current_setting('reserved_connections', true)::int, 0) END";
        try (Statement s = c.createStatement(); ResultSet rs = s.executeQuery(sql)) {
            rs.next();
            return rs.getInt(1);
        }
    }

    @Override
    public String connectionLimitDescription(Connection c) throws SQLException {
        return "max_connections=" + show(c, "max_connections");
    }

    @Override
    public String explainSetupFailure(SQLException e, DatabaseTarget target, String whatFailed) {
        String state = SqlErrorClassifier.sqlState(e);
        String code = state == null ? "" : " (SQLState " + state + " " + CLASSIFIER.conditionName(e) + ")";
        String detail = firstLine(e.getMessage());
        String user = target.user() == null ? "(default)" : target.user();
        if (state == null || state.startsWith("08")) {
            return whatFailed + ": cannot connect to " + target.redactedUrl() + code + ": " + detail
                    + "; is the server running and the host/port right?";
        }
        switch (state) {
            case "28P01":
            case "28000":
                return whatFailed + ": authentication failed for user " + user + code
                        + "; check --user and the password (--password, --password-env, PGPASSWORD or LOCKDEMO_PASSWORD)";
            case "3D000":
                return whatFailed + ": " + detail + code + "; create it or name an existing database in --url";
            case "42501":
                return whatFailed + ": user " + user + " lacks a privilege" + code + ": " + detail
                        + "; lockdemo needs CREATE on the schema to create its own table";
            case "42P07":
                return whatFailed + ": " + detail + code + "; lockdemo never reuses or drops a table it did not "
                        + "create; run again (a new run id, a new table name) or see 'lockdemo cleanup'";
            case "53300":
                return whatFailed + ": the server has no free connections" + code + ": " + detail
                        + "; lower --threads or raise max_connections";
            default:
                return whatFailed + code + ": " + detail;
        }
    }

    /** PostgreSQL keeps no creation time for a table: lockdemo writes it into the table's comment. */
    @Override
    public void markCreated(Connection c, String table, Instant createdAt) throws SQLException {
        try (Statement s = c.createStatement()) {
            // the name is checked by RaceTable; the instant is ISO-8601, no quotes possible
            s.execute("COMMENT ON TABLE " + table + " IS '" + CREATED_MARK + createdAt + "'");
        }
    }

    @Override
    public Map<String, Duration> lockdemoTableAges(Connection c) throws SQLException {
        String sql = "SELECT c.relname, obj_description(c.oid, 'pg_class') FROM pg_class c"
                + " JOIN pg_namespace n ON n.oid = c.relnamespace"
                + " WHERE c.relkind = 'r' AND n.nspname = current_schema() AND c.relname LIKE 'lockdemo\\_%'"
                + " ORDER BY 1";
        Map<String, Duration> ages = new LinkedHashMap<>();
        Instant now = Instant.now();
        try (Statement s = c.createStatement(); ResultSet rs = s.executeQuery(sql)) {
            while (rs.next()) {
                String comment = rs.getString(2);
                Duration age = null;
                if (comment != null && comment.startsWith(CREATED_MARK)) {
                    try {
                        age = Duration.between(Instant.parse(comment.substring(CREATED_MARK.length())), now);
                    } catch (DateTimeParseException e) {
                        age = null; // someone changed the comment: the age is unknown
                    }
                }
                ages.put(rs.getString(1), age);
            }
        }
        return ages;
    }

    static String firstLine(String message) {
        if (message == null) {
            return "";
        }
        int nl = message.indexOf('\n');
        return JdbcUrls.redact(nl < 0 ? message : message.substring(0, nl)).trim();
    }

    private static String show(Connection c, String setting) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement("SELECT current_setting(?)")) {
            ps.setString(1, setting);
            try (ResultSet rs = ps.executeQuery()) {
                rs.next();
                return rs.getString(1);
            }
        }
    }

    /**
     * Blocked sessions from {@code pg_stat_activity}: a backend whose {@code wait_event_type} is
     * {@code Lock} is waiting for a heavyweight lock (row lock, transaction id of an uncommitted
     * duplicate) that another session holds; {@code pg_blocking_pids} names the holders. Reading
     * {@code pg_stat_activity} takes no lock-manager lock; {@code pg_blocking_pids} does, but only
     * for the rows that are actually waiting.
     */
    private static final class PostgresLockView implements LockView {
        private static final String SQL = "SELECT pid, pg_blocking_pids(pid) FROM pg_stat_activity"
                + " WHERE wait_event_type = 'Lock' AND datname = current_database() AND pid <> pg_backend_pid()";
        /**
         * The race's sampler: without {@code pg_blocking_pids}, which takes every lock-manager
         * partition lock for each waiting backend. Polled every millisecond with 64 waiters on one
         * row, those calls took about a quarter of the hot key's throughput (the backends hand the
         * row lock over through the same lock manager); a backend waiting on a Lock is blocked by
         * another session by definition.
         */
        private static final String IDS_SQL = "SELECT pid FROM pg_stat_activity"
                + " WHERE wait_event_type = 'Lock' AND datname = current_database() AND pid <> pg_backend_pid()";

        @Override
        public long[] blockedSessionIds(Connection observer) throws SQLException {
            long[] ids = new long[8];
            int n = 0;
            try (PreparedStatement ps = observer.prepareStatement(IDS_SQL); ResultSet rs = ps.executeQuery()) {
                while (rs.next()) {
                    if (n == ids.length) {
                        ids = java.util.Arrays.copyOf(ids, n * 2);
                    }
                    ids[n++] = rs.getInt(1);
                }
            }
            return java.util.Arrays.copyOf(ids, n);
        }

        @Override
        public List<BlockedSession> blockedSessions(Connection observer) throws SQLException {
            List<BlockedSession> out = new ArrayList<>();
            try (PreparedStatement ps = observer.prepareStatement(SQL); ResultSet rs = ps.executeQuery()) {
                while (rs.next()) {
                    Integer[] blockers = (Integer[]) rs.getArray(2).getArray();
                    long[] ids = new long[blockers.length];
                    for (int i = 0; i < ids.length; i++) {
                        ids[i] = blockers[i];
                    }
                    out.add(new BlockedSession(rs.getInt(1), ids));
                }
            }
            return out;
        }

        @Override
        public String method() {
            return "pg_stat_activity polled for backends with wait_event_type = 'Lock', at each interval at which "
                    + "some attempt had lasted an interval; an attempt counts as blocked if seen waiting at least once, "
                    + "so waits shorter than about two polling intervals can be missed: a lower bound, never an overcount";
        }
    }
}
