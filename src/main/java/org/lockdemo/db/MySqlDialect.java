package org.lockdemo.db;

import com.mysql.cj.conf.PropertyKey;
import com.mysql.cj.jdbc.JdbcConnection;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Properties;
import org.jooq.SQLDialect;

/**
 * MySQL 8 and MariaDB (tested on MariaDB 10.11) through MySQL Connector/J. Which of the two a
 * connection talks to is read from the server version of its handshake (MariaDB's contains
 * {@code MariaDB}), so every method that differs decides per connection, without a round trip.
 * Whether the server is a Galera cluster node is known only after connecting: {@link #onServer}
 * returns the dialect for such a node, whose classifier tells certification failures apart.
 * Immutable; thread-safe.
 */
public final class MySqlDialect implements Dialect {

    private static final MySqlErrorClassifier CLASSIFIER = new MySqlErrorClassifier();
    private static final MySqlErrorClassifier GALERA_CLASSIFIER = new MySqlErrorClassifier(true);
    private static final LockView LOCK_VIEW = new MySqlLockView();

    /** innodb_lock_wait_timeout's maximum (MySQL and MariaDB manuals): about 34 years, i.e. forever. */
    static final long MAX_LOCK_WAIT_TIMEOUT_SECONDS = 1_073_741_824L;

    /** MariaDB prefixes its handshake version with this so old MySQL replication clients accept it. */
    private static final String MARIADB_REPLICATION_PREFIX = "5.5.5-";

    private final boolean galeraNode;
    private final boolean insertReturning;

    /**
     * The dialect chosen from a URL, before the server has said what it is: not a cluster node, and
     * taken for a server without {@code INSERT ... RETURNING} until {@link #onServer} knows better.
     */
    public MySqlDialect() {
        this(false, false);
    }

    private MySqlDialect(boolean galeraNode, boolean insertReturning) {
        this.galeraNode = galeraNode;
        this.insertReturning = insertReturning;
    }

    @Override
    public String id() {
        return "mysql"; // also the resource directory of the DDL, for both products
    }

    /**
     * This dialect for the server {@code c} is connected to: a Galera node's when it is one
     * ({@code wsrep_on=ON}), and with {@code INSERT ... RETURNING} on MariaDB 10.5 and later.
     */
    @Override
    public Dialect onServer(Connection c) throws SQLException {
        boolean galera = GaleraStatus.isClusterNode(c);
        boolean returning = hasInsertReturning(productAndVersion(c));
        return galera == galeraNode && returning == insertReturning ? this : new MySqlDialect(galera, returning);
    }

    /** MariaDB has {@code INSERT ... RETURNING} since 10.5 (Django's {@code can_return_columns_from_insert}); MySQL has none. */
    static boolean hasInsertReturning(String[] productAndVersion) {
        if (!"MariaDB".equals(productAndVersion[0])) {
            return false;
        }
        String[] parts = productAndVersion[1].split("[.-]");
        try {
            int major = Integer.parseInt(parts[0]);
            int minor = parts.length > 1 ? Integer.parseInt(parts[1]) : 0;
            return major > 10 || (major == 10 && minor >= 5);
        } catch (NumberFormatException e) {
            return false; // an unparseable version: the plain INSERT, which every version takes
        }
    }

    @Override
    public boolean insertReturning() {
        return insertReturning;
    }

    /** The OK packet's last insert id, which Connector/J gives as the generated key (Django reads it as {@code cursor.lastrowid}). */
    @Override
    public boolean insertIdWithoutReturning() {
        return true;
    }

    @Override
    public Optional<GaleraStatus> clusterStatus(Connection c) throws SQLException {
        return galeraNode ? Optional.of(GaleraStatus.read(c)) : Optional.empty();
    }

    @Override
    public Map<String, Long> clusterCounters(Connection c) throws SQLException {
        return galeraNode ? GaleraStatus.counters(c) : Map.of();
    }

    /**
     * {@code wsrep_sync_wait = 1}: a read first waits until this node has applied every write set
     * the cluster had committed when the read began (MariaDB KB "wsrep_sync_wait"), so a check
     * sees the cluster's latest state, not a lagging node's.
     */
    @Override
    public String clusterSyncedReadsSql() {
        return galeraNode ? "SET SESSION wsrep_sync_wait = 1" : "";
    }

    /**
     * {@link SQLDialect#MYSQL} for both products: the dialect is chosen from the URL before the
     * server has said what it is, and jOOQ 3.19 renders every lockdemo statement identically under
     * MYSQL and MARIADB, including {@code ... FOR UPDATE NOWAIT} (MariaDB 10.3+); MySqlDialectTest
     * keeps that true across jOOQ upgrades.
     */
    @Override
    public SQLDialect jooqDialect() {
        return SQLDialect.MYSQL;
    }

    @Override
    public SqlErrorClassifier classifier() {
        return galeraNode ? GALERA_CLASSIFIER : CLASSIFIER;
    }

    @Override
    public LockTables lockTables() {
        return LockTables.INNODB_MONITOR;
    }

    @Override
    public LockView lockView() {
        return LOCK_VIEW;
    }

    @Override
    public Properties driverProperties(Duration connectTimeout, Duration socketTimeout) {
        Properties p = new Properties();
        // milliseconds; an unreachable host fails fast (--connect-timeout)
        p.setProperty("connectTimeout", Long.toString(Math.max(1, connectTimeout.toMillis())));
        // a server that stops answering without closing the socket (a network partition): a read
        // fails after this long; 0 (lock waits unbounded) waits forever. See DatabaseTarget.
        p.setProperty("socketTimeout", Long.toString(socketTimeout.toMillis()));
        // Shows in performance_schema.session_connect_attrs, like PostgreSQL's application_name.
        p.setProperty("connectionAttributes", "program_name:lockdemo");
        // Report rows actually changed, not rows matched: the upsert strategy's
        // INSERT ... ON DUPLICATE KEY UPDATE some_value = some_value then answers 1 for an insert and 0
        // for an existing key (with found rows, the default, both answer 1). lockdemo's UPDATEs always
        // change their row, so nothing else reads differently.
        p.setProperty("useAffectedRows", "true");
        // sslMode stays at Connector/J's default PREFERRED (TLS when the server offers it); nothing
        // here needs it off. allowPublicKeyRetrieval stays off: it is only needed for MySQL 8
        // caching_sha2_password accounts over a connection without TLS, and explainSetupFailure
        // tells the user to opt in when that is the case.
        return p;
    }

    @Override
    public Properties poolDriverProperties() {
        Properties p = new Properties();
        // Server-side prepared statements (COM_STMT_PREPARE once, then COM_STMT_EXECUTE with binary
        // parameters), instead of Connector/J's default of interpolating the parameters into a new
        // SQL text that the server parses on every execution. Workers keep their connection and their
        // PreparedStatements (see Worker, Attempt), so each statement is prepared once per
        // connection. cachePrepStmts stays off on purpose: lockdemo never closes and re-prepares a
        // statement on a live connection, and without the driver's cache a regression that did
        // would show in the session's Com_stmt_prepare, which PreparedOnceIT checks. MariaDB 10.3+
        // and MySQL 8 accept every statement lockdemo sends as a prepared statement (SAVEPOINT and
        // SET TRANSACTION included); Connector/J falls back to client-side preparing for any a
        // server refuses (emulateUnsupportedPstmts, on by default). A race holds at most threads x
        // the strategy's statements (7) server-side, counted against the server-wide
        // max_prepared_stmt_count (16382 by default).
        //
        // Not on a Galera node: there, with the binary protocol, the error of a transaction that a
        // replicated write set aborted (brute-force abort, 1213) can be lost. The session then goes on
        // in a new transaction, and its RELEASE SAVEPOINT fails with 1305 or, worse, its COMMIT
        // answers OK for a transaction whose INSERT was rolled back, so an attempt counted "created"
        // has no row. Seen on MariaDB 10.11 / Galera 26.4 in every 3-node savepoint race (GaleraRaceIT
        // fails on rows_match_inserts); with the text protocol it never happened. Connector/J then
        // prepares on the client: each PreparedStatement is still created once per connection.
        p.setProperty("useServerPrepStmts", Boolean.toString(!galeraNode));
        // One blocking read per answer, and no socket timeout: see PostgresDialect's pool properties
        p.setProperty("socketFactory", BlockingMySqlSocketFactory.class.getName());
        p.setProperty("socketTimeout", "0");
        return p;
    }

    /**
     * {@code innodb_lock_wait_timeout} bounds every InnoDB row-lock wait, including an INSERT's
     * insert-intention wait on another session's gap lock, which NOWAIT does not cover; it raises
     * 1205. It takes whole seconds, so a timeout is rounded up (300 ms waits 1 s). Zero, "wait
     * forever", sets the maximum, because leaving the variable alone would mean the server's
     * default of 50 s rather than forever.
     */
    @Override
    public String sessionInitSql(Duration lockTimeout) {
        long seconds = lockTimeout.isZero() ? MAX_LOCK_WAIT_TIMEOUT_SECONDS
                : Math.min(MAX_LOCK_WAIT_TIMEOUT_SECONDS, Math.max(1, ceilSeconds(lockTimeout)));
        return "SET SESSION innodb_lock_wait_timeout = " + seconds;
    }

    /** InnoDB records CREATE_TIME itself; the age is computed by the server, so no clock skew. */
    @Override
    public Map<String, Duration> lockdemoTableAges(Connection c) throws SQLException {
        String sql = "SELECT table_name, TIMESTAMPDIFF(SECOND, create_time, NOW()) FROM information_schema.tables"
                + " WHERE table_schema = DATABASE() AND table_name LIKE 'lockdemo\\_%' ORDER BY 1";
        Map<String, Duration> ages = new LinkedHashMap<>();
        try (Statement s = c.createStatement(); ResultSet rs = s.executeQuery(sql)) {
            while (rs.next()) {
                long seconds = rs.getLong(2);
                ages.put(rs.getString(1), rs.wasNull() ? null : Duration.ofSeconds(seconds));
            }
        }
        return ages;
    }

    @Override
    public long sessionId(Connection c) throws SQLException {
        // The thread id the server sent in its handshake: CONNECTION_ID(), and the id INNODB_TRX and
        // performance_schema.threads report.
        return c.unwrap(JdbcConnection.class).getId();
    }

    @Override
    public String effectiveIsolation(Connection c) throws SQLException {
        return selectString(c, "SELECT @@SESSION." + isolationVariable(c));
    }

    @Override
    public Map<String, String> outcomeSettings(Connection c) throws SQLException {
        boolean mariaDb = isMariaDb(c);
        List<String> names = mariaDb
                ? List.of("innodb_lock_wait_timeout", "innodb_deadlock_detect", "innodb_rollback_on_timeout",
                        "innodb_snapshot_isolation", "max_connections", "innodb_flush_log_at_trx_commit")
                : List.of("innodb_lock_wait_timeout", "innodb_deadlock_detect", "innodb_rollback_on_timeout",
                        "max_connections", "innodb_flush_log_at_trx_commit");
        // SESSION: innodb_lock_wait_timeout as lockdemo's sessions run with it; global-only variables
        // show their global value. A variable this server does not have (innodb_snapshot_isolation
        // before MariaDB 10.6.18/10.11.8) is left out rather than failing.
        Map<String, String> found = new LinkedHashMap<>();
        String sql = "SHOW SESSION VARIABLES WHERE Variable_name IN ('" + String.join("', '", names) + "')";
        try (Statement s = c.createStatement(); ResultSet rs = s.executeQuery(sql)) {
            while (rs.next()) {
                found.put(rs.getString(1).toLowerCase(Locale.ROOT), rs.getString(2));
            }
        }
        Map<String, String> m = new LinkedHashMap<>();
        for (String name : names) {
            if (found.containsKey(name)) {
                m.put(name, found.get(name));
            }
        }
        // The default new sessions get; the session's own level is DatabaseInfo.isolation.
        String iso = isolationVariable(c);
        m.put("global." + iso, selectString(c, "SELECT @@GLOBAL." + iso));
        // the driver's, as this connection runs with it: server-side prepared statements or not
        m.put("connectorj.useServerPrepStmts", c.unwrap(JdbcConnection.class).getPropertySet()
                .getBooleanProperty(PropertyKey.useServerPrepStmts).getValue().toString());
        return m;
    }

    @Override
    public String[] productAndVersion(Connection c) throws SQLException {
        String version = serverVersion(c);
        if (isMariaDb(version) && version.startsWith(MARIADB_REPLICATION_PREFIX)) {
            version = version.substring(MARIADB_REPLICATION_PREFIX.length());
        }
        return new String[] {isMariaDb(version) ? "MariaDB" : "MySQL", version};
    }

    /**
     * {@code max_connections} minus {@code Threads_connected} (which counts lockdemo's own setup
     * connection). Both products allow one connection beyond max_connections for an administrator
     * (SUPER / CONNECTION ADMIN); that one is for emergencies and not counted here. MariaDB's
     * {@code extra_max_connections} belong to the separate {@code extra_port} and do not count
     * either. A per-account {@code max_user_connections} is not checked in advance: hitting it
     * fails with 1203, which {@link #explainSetupFailure} explains.
     */
    @Override
    public int availableConnections(Connection c) throws SQLException {
        long max = Long.parseLong(selectString(c, "SELECT @@GLOBAL.max_connections"));
        long connected = Long.parseLong(threadsConnected(c));
        return (int) Math.max(0, max - connected);
    }

    @Override
    public String connectionLimitDescription(Connection c) throws SQLException {
        return "max_connections=" + selectString(c, "SELECT @@GLOBAL.max_connections")
                + ", Threads_connected=" + threadsConnected(c);
    }

    @Override
    public String explainSetupFailure(SQLException e, DatabaseTarget target, String whatFailed) {
        int code = SqlErrorClassifier.vendorCode(e);
        String state = SqlErrorClassifier.sqlState(e);
        String condition = " (" + (code != 0 ? "error " + code + " " : "")
                + (state != null ? "SQLState " + state + " " : "") + CLASSIFIER.conditionName(e) + ")";
        String detail = firstLine(e.getMessage());
        String user = target.user() == null ? "(default)" : target.user();
        switch (code) {
            case MySqlErrorClassifier.ER_ACCESS_DENIED_ERROR:
            case MySqlErrorClassifier.ER_ACCESS_DENIED_NO_PASSWORD_ERROR:
                return whatFailed + ": access denied for user " + user + condition + ": " + detail
                        + "; check --user and the password (--password, --password-env, MYSQL_PWD or LOCKDEMO_PASSWORD)";
            case MySqlErrorClassifier.ER_BAD_DB_ERROR:
                return whatFailed + ": " + detail + condition
                        + "; create it (CREATE DATABASE) or name an existing database in --url";
            case MySqlErrorClassifier.ER_NO_DB_ERROR:
                return whatFailed + ": " + detail + condition
                        + "; name a database in --url, e.g. jdbc:mysql://127.0.0.1:3306/test";
            case MySqlErrorClassifier.ER_DBACCESS_DENIED_ERROR:
            case MySqlErrorClassifier.ER_TABLEACCESS_DENIED_ERROR:
                return whatFailed + ": user " + user + " lacks a privilege" + condition + ": " + detail
                        + "; lockdemo needs CREATE, DROP, SELECT, INSERT and UPDATE on the database to manage its own table";
            case MySqlErrorClassifier.ER_TABLE_EXISTS_ERROR:
                return whatFailed + ": " + detail + condition + "; lockdemo never reuses or drops a table it did not "
                        + "create; run again (a new run id, a new table name) or see 'lockdemo cleanup'";
            case MySqlErrorClassifier.ER_CON_COUNT_ERROR:
                return whatFailed + ": the server has no free connections" + condition + ": " + detail
                        + "; lower --threads or raise max_connections";
            case MySqlErrorClassifier.ER_TOO_MANY_USER_CONNECTIONS:
                return whatFailed + ": user " + user + " has reached its connection limit" + condition + ": " + detail
                        + "; lower --threads or raise max_user_connections for this account";
            default:
                break;
        }
        if (detail.contains("Public Key Retrieval is not allowed")) {
            return whatFailed + ": the account uses caching_sha2_password and the connection is not encrypted"
                    + condition + "; enable TLS on the server, or add allowPublicKeyRetrieval=true to --url";
        }
        if (code == 0 && (MySqlErrorClassifier.isCommunicationsFailure(e) || state == null || state.startsWith("08"))) {
            return whatFailed + ": cannot connect to " + target.redactedUrl() + condition + ": " + detail
                    + rootCause(e) + "; is the server running and the host/port right?";
        }
        return whatFailed + condition + ": " + detail;
    }

    /** True when {@code c} talks to MariaDB; from the handshake, no round trip. */
    static boolean isMariaDb(Connection c) throws SQLException {
        return isMariaDb(serverVersion(c));
    }

    private static boolean isMariaDb(String serverVersion) {
        return serverVersion.toLowerCase(Locale.ROOT).contains("mariadb");
    }

    /** Connector/J answers from the handshake, e.g. {@code 5.5.5-10.11.19-MariaDB-0+deb12u1} or {@code 8.4.3}. */
    private static String serverVersion(Connection c) throws SQLException {
        return c.getMetaData().getDatabaseProductVersion();
    }

    /**
     * MariaDB has {@code tx_isolation} (10.11; {@code transaction_isolation} only from 11.1), MySQL 8
     * only {@code transaction_isolation} ({@code tx_isolation} was removed in 8.0.3).
     */
    private static String isolationVariable(Connection c) throws SQLException {
        return isMariaDb(c) ? "tx_isolation" : "transaction_isolation";
    }

    private static String threadsConnected(Connection c) throws SQLException {
        try (Statement s = c.createStatement();
                ResultSet rs = s.executeQuery("SHOW GLOBAL STATUS LIKE 'Threads_connected'")) {
            if (!rs.next()) {
                throw new SQLException("SHOW GLOBAL STATUS returned no Threads_connected");
            }
            return rs.getString(2);
        }
    }

    private static String selectString(Connection c, String sql) throws SQLException {
        try (Statement s = c.createStatement(); ResultSet rs = s.executeQuery(sql)) {
            rs.next();
            return rs.getString(1);
        }
    }

    /** Connector/J's "Communications link failure" hides the reason (refused, unknown host) in its cause. */
    private static String rootCause(Throwable e) {
        Throwable root = e;
        while (root.getCause() != null && root.getCause() != root) {
            root = root.getCause();
        }
        return root == e || root.getMessage() == null ? ""
                : " (" + root.getClass().getSimpleName() + ": " + firstLine(root.getMessage()) + ")";
    }

    private static long ceilSeconds(Duration d) {
        long seconds = d.getSeconds();
        return d.getNano() > 0 ? seconds + 1 : seconds;
    }

    private static String firstLine(String message) {
        if (message == null) {
            return "";
        }
        int nl = message.indexOf('\n');
        return JdbcUrls.redact(nl < 0 ? message : message.substring(0, nl)).trim();
    }
}
