package org.lockdemo.db;

import java.sql.Connection;
import java.sql.SQLException;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import java.util.Optional;
import java.util.Properties;
import org.jooq.SQLDialect;

/**
 * Everything that differs by database vendor. One implementation per vendor family; each is
 * stateless and thread-safe.
 */
public interface Dialect {

    /** Short name used in output and resource paths, e.g. {@code postgresql}. */
    String id();

    SQLDialect jooqDialect();

    SqlErrorClassifier classifier();

    LockView lockView();

    /** Where the server lists every lock on a row or index entry, held or waited for ({@code explain --locks}). */
    LockTables lockTables();

    /**
     * Extra driver properties for every connection: protocol options, and the timeouts of
     * {@link DatabaseTarget#connectTimeout()} and {@link DatabaseTarget#socketTimeout()} in the
     * driver's own units ({@code socketTimeout} zero means none).
     */
    Properties driverProperties(Duration connectTimeout, Duration socketTimeout);

    /**
     * Driver properties for the race's pooled connections only, on top of {@link #driverProperties}:
     * how to prepare statements. Workers keep their connection and their PreparedStatements, so these
     * make the server prepare each statement once per connection and then only execute it. And how
     * to read: blocking sockets without a socket timeout, since the race's answer watchdog bounds a
     * statement's wait for its answer (its workers are the pool's only users). Other
     * connections (explain sessions, the admin and lock-view sessions) keep the driver's defaults,
     * which also keep explain's result column names as the server names unprepared statements.
     */
    default Properties poolDriverProperties() {
        return new Properties();
    }

    /**
     * SQL run once on every new pooled connection to bound each lock wait by {@code lockTimeout};
     * zero means as long as the server allows (PostgreSQL: forever; InnoDB: its maximum, since
     * leaving it unset would mean the server's default). Empty if nothing needs to be set.
     */
    String sessionInitSql(Duration lockTimeout);

    /** The server-side session id of {@code c}, as the {@link LockView} reports it. No round trip. */
    long sessionId(Connection c) throws SQLException;

    /** The effective isolation level of {@code c}'s session, as the server names it. */
    String effectiveIsolation(Connection c) throws SQLException;

    /** Server settings that change the outcome or the numbers, in a stable order. */
    Map<String, String> outcomeSettings(Connection c) throws SQLException;

    /** Product name and version as the server reports them: {@code [product, version]}. */
    String[] productAndVersion(Connection c) throws SQLException;

    /**
     * Connections the server can still give this user, or -1 if unknown. Used to refuse a run that
     * would exhaust {@code max_connections}, before it starts.
     */
    int availableConnections(Connection c) throws SQLException;

    /** The server's connection limit as the user knows it (e.g. {@code max_connections=100}). */
    String connectionLimitDescription(Connection c) throws SQLException;

    /**
     * Records a just-created lockdemo table's creation time where {@code lockdemo cleanup} can
     * read it, if the server does not record it itself (PostgreSQL does not). Autocommit.
     */
    default void markCreated(Connection c, String table, Instant createdAt) throws SQLException {
    }

    /**
     * Tables in the connection's schema whose name starts with {@code lockdemo_}, with their age,
     * or null for a table whose creation time is unknown; for {@code lockdemo cleanup}.
     */
    Map<String, Duration> lockdemoTableAges(Connection c) throws SQLException;

    /**
     * The dialect for the server {@code c} is connected to, once it has answered: e.g. MySQL's for
     * a Galera cluster node, whose errors mean more. This dialect when nothing differs.
     */
    default Dialect onServer(Connection c) throws SQLException {
        return this;
    }

    /**
     * Whether the server answers {@code INSERT ... RETURNING}: known for MySQL's family only after
     * {@link #onServer}. PostgreSQL always does.
     */
    default boolean insertReturning() {
        return true;
    }

    /**
     * Whether an INSERT without {@code RETURNING} reports the new row's id with its answer, as JDBC
     * generated keys, without a change to the statement: MySQL's OK packet carries it. PostgreSQL's
     * driver would have to append {@code RETURNING *}, which is not what a strategy sends.
     */
    default boolean insertIdWithoutReturning() {
        return false;
    }

    /** The node's state in its multi-primary cluster; empty when the server is not a cluster node. */
    default Optional<GaleraStatus> clusterStatus(Connection c) throws SQLException {
        return Optional.empty();
    }

    /**
     * The server's counters of transactions the cluster aborted, by name (e.g.
     * {@code wsrep_local_cert_failures}), read before and after each strategy; empty when not a
     * cluster node.
     */
    default Map<String, Long> clusterCounters(Connection c) throws SQLException {
        return Map.of();
    }

    /** SQL that makes a session's reads see the whole cluster's latest commits; empty when not a cluster node. */
    default String clusterSyncedReadsSql() {
        return "";
    }

    /**
     * Opens one connection to {@code target}, auto-commit on: the JDBC driver's by default. A dialect
     * that must prepare or wrap each connection (SQLite: its busy handler, its BEGIN mode) opens them
     * itself and says so in {@link #opensItsOwnConnections()}, and the pool then opens through this.
     */
    default Connection open(DatabaseTarget target) throws SQLException {
        Connection c = java.sql.DriverManager.getConnection(target.url(), target.driverProperties(this));
        c.setAutoCommit(true);
        return c;
    }

    /**
     * Whether its connections talk to a server over a socket, so a server can stop answering while
     * a connection stays open (the race's answer watchdog looks out for it); SQLite's do not.
     */
    default boolean overNetwork() {
        return true;
    }

    /** Whether {@link #open} is more than the driver's connection, so the pool must open through it. */
    default boolean opensItsOwnConnections() {
        return false;
    }

    /** A one-line, actionable message for a failure to connect or to prepare. */
    String explainSetupFailure(SQLException e, DatabaseTarget target, String whatFailed);
}
