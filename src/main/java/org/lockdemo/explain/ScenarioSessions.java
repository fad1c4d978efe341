package org.lockdemo.explain;

import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.lockdemo.db.Connections;
import org.lockdemo.db.DatabaseSetupException;
import org.lockdemo.db.DatabaseTarget;
import org.lockdemo.db.Dialect;
import org.lockdemo.db.RaceTable;
import org.lockdemo.db.SqliteDialect;
import org.lockdemo.db.SqliteSession;
import org.lockdemo.metrics.ErrorMessages;
import org.lockdemo.model.Isolation;
import org.lockdemo.strategy.ServerVersion;
import org.lockdemo.text.Shown;

/**
 * A scenario's sessions on a new table, ready for steps: one observer per node
 * ({@link NodeObservers}), lockdemo's table created on node 1 (and seen replicated on the
 * others), and one {@link Session} per scenario session on its node, at the isolation asked. What
 * {@code explain} runs a schedule on and the sessions REPL types into. {@link #close} rolls back
 * every session and drops the table, whatever happened before.
 *
 * <p>Not thread-safe: opened, used and closed from one thread (the sessions' own threads run only
 * their statements).
 */
final class ScenarioSessions {
    private final List<DatabaseTarget> nodes;
    private final Dialect dialect;
    private final NodeObservers observers;
    private final RaceTable table;
    private final String[] product;
    private final Map<String, Session> sessions = new LinkedHashMap<>();
    private final long closeWaitMillis;
    /** On SQLite, who holds the write lock, which no connection can see: learnt from the steps. Else null. */
    private final SqliteSessionLocks sqliteLocks;
    private String effectiveIsolation;
    private boolean sessionsClosed;
    private boolean closed;

    private ScenarioSessions(List<DatabaseTarget> nodes, Dialect dialect, NodeObservers observers, RaceTable table,
            String[] product, long closeWaitMillis) {
        this.nodes = nodes;
        this.dialect = dialect;
        this.observers = observers;
        this.table = table;
        this.product = product;
        this.closeWaitMillis = closeWaitMillis;
        this.sqliteLocks = dialect instanceof SqliteDialect sqlite ? new SqliteSessionLocks(sqlite.settings().begin())
                : null;
    }

    /**
     * @param nodes       one target per node the scenario uses, in node order
     * @param lockTimeout the server-side bound on each lock wait (PostgreSQL's lock_timeout,
     *                    InnoDB's innodb_lock_wait_timeout); also how long closing waits for a session
     * @param isolation   the level every session runs at ({@link Isolation#DEFAULT}: the server's)
     * @throws DatabaseSetupException when a database cannot be reached or the table not created,
     *                                or a cluster's node is not Synced
     * @throws ScenarioException      when a cluster scenario's nodes are not Galera nodes of one cluster
     */
    static ScenarioSessions open(List<DatabaseTarget> nodes, Dialect dialect, Duration lockTimeout, Scenario scenario,
            Isolation isolation) throws DatabaseSetupException, ScenarioException, InterruptedException {
        if (nodes.size() != scenario.nodeCount()) {
            throw new IllegalArgumentException(scenario.name() + " runs on " + scenario.nodeCount() + " node(s), given "
                    + nodes.size());
        }
        NodeObservers observers = NodeObservers.open(nodes, dialect);
        ScenarioSessions opened = null;
        try {
            if (scenario.clustered()) {
                observers.checkCluster(scenario);
            }
            Connection first = observers.first();
            RaceTable table = new RaceTable(ExplainRunner.tableName(), dialect);
            String[] product;
            try {
                product = dialect.productAndVersion(first);
                refuseAnOlderServer(scenario, dialect, product);
                table.create(first);
            } catch (SQLException e) {
                throw new DatabaseSetupException(dialect.explainSetupFailure(e, nodes.get(0), "create the table"), e);
            }
            opened = new ScenarioSessions(List.copyOf(nodes), dialect, observers, table, product, lockTimeout.toMillis());
            observers.awaitOnEveryNode(table.name(), true);
            opened.openSessions(scenario, isolation, lockTimeout);
            return opened;
        } catch (Throwable e) {
            if (opened != null) {
                opened.close(e);
            } else {
                observers.close(e);
            }
            throw e;
        }
    }

    /**
     * A scenario tied to a strategy that needs a newer server (MERGE from PostgreSQL 15, RETURNING
     * old/new from 18) is refused in one line before anything is created, as {@code race} refuses
     * the strategy, instead of showing the statements fail with a syntax error.
     */
    private static void refuseAnOlderServer(Scenario scenario, Dialect dialect, String[] product)
            throws ScenarioException {
        if (scenario.strategy().isPresent()) {
            var why = scenario.strategy().get().unsupportedOn(new ServerVersion(dialect.id(), product[0], product[1]));
            if (why.isPresent()) {
                throw new ScenarioException(scenario.name() + " cannot run here: " + why.get());
            }
        }
    }

    private void openSessions(Scenario scenario, Isolation isolation, Duration lockTimeout) throws DatabaseSetupException {
        try {
            for (String name : scenario.sessions()) {
                sessions.put(name, open(name, isolation, scenario, lockTimeout));
            }
            Connection first = sessions.values().iterator().next().connection();
            effectiveIsolation = dialect.effectiveIsolation(first);
            first.commit(); // the query above must not leave a transaction (and a snapshot) open
        } catch (SetupFailed e) {
            throw new DatabaseSetupException(e.getMessage(), e.getCause());
        } catch (SQLException e) {
            throw new DatabaseSetupException(dialect.explainSetupFailure(e, nodes.get(0), "open the sessions"), e);
        }
    }

    /** A session's {@code "setup"} statement failed: one line naming the session, the statement and the server's answer. */
    private static final class SetupFailed extends SQLException {
        private static final long serialVersionUID = 1L;

        SetupFailed(String session, String sql, SQLException e) {
            super(session + "'s setup statement " + Shown.quote(sql) + " failed"
                    + (e.getSQLState() == null ? "" : " (SQLState " + e.getSQLState() + ")") + ": "
                    + Shown.escaped(ErrorMessages.oneLine(e))
                    + ("42501".equals(e.getSQLState())
                            ? "; setting it needs a superuser, or from PostgreSQL 15 a GRANT SET ON PARAMETER "
                                    + "to this user"
                            : ""), e.getSQLState(), e.getErrorCode(), e);
        }
    }

    private Session open(String name, Isolation isolation, Scenario scenario, Duration lockTimeout) throws SQLException {
        int node = scenario.node(name);
        Connection c = Connections.open(nodes.get(node - 1), dialect);
        try {
            String init = dialect.sessionInitSql(lockTimeout);
            try (Statement s = c.createStatement()) {
                if (!init.isEmpty()) {
                    s.execute(init);
                }
                if (scenario.clustered()) {
                    // causal reads: a step's read sees every transaction committed on any node before
                    // it, so what a session reads does not depend on how far replication has got
                    s.execute(GaleraNodes.SYNC_READS_SQL);
                }
                for (String sql : scenario.setup(name)) {
                    try {
                        s.execute(sql); // the scenario's session setup, shown above its schedule
                    } catch (SQLException e) {
                        throw new SetupFailed(name, sql, e);
                    }
                }
            }
            c.setAutoCommit(false);
            if (isolation != Isolation.DEFAULT) {
                c.setTransactionIsolation(isolation.jdbcLevel());
            }
            // on a Galera node, the classifier that tells a certification failure from a deadlock
            Dialect server = dialect.onServer(c);
            return new Session(name, node, c, server.sessionId(c), server.classifier(), table.name(),
                    ExplainRunner.DISPLAY_TABLE, scenario.key(), server.insertReturning(), server.insertIdWithoutReturning(),
                    sqliteLocks != null ? sqliteLocks::ran : Session.StepListener.NONE);
        } catch (SQLException | RuntimeException e) {
            c.close();
            throw e;
        }
    }

    /** The sessions by name, in the scenario's order. */
    Map<String, Session> sessions() {
        return Collections.unmodifiableMap(sessions);
    }

    /**
     * Who waits for whom on every node, in the sessions' names: the server's lock view, or on SQLite,
     * which has none, each session's busy handler and the write lock's holder by SQLite's rules.
     */
    SessionLockView lockView() {
        if (sqliteLocks != null) {
            Map<String, SqliteSession.Control> controls = new LinkedHashMap<>();
            for (Session s : sessions.values()) {
                try {
                    controls.put(s.name(), s.connection().unwrap(SqliteSession.Control.class));
                } catch (SQLException e) {
                    throw new IllegalStateException("a SQLite session's connection is not lockdemo's SqliteSession", e);
                }
            }
            return new SqliteLockView(controls, sqliteLocks);
        }
        return observers.lockView(sessions.values());
    }

    /**
     * The key's lock reader on every node ({@code explain --locks}, the REPL's {@code \locks}),
     * over {@code waits}; the caller closes it (it may have changed a server setting).
     *
     * @throws DatabaseSetupException when the lock view cannot be read (e.g. a missing privilege)
     */
    KeyLockReader keyLocks(Scenario scenario, SessionLockView waits) throws DatabaseSetupException {
        return observers.keyLocks(sessions.values(), scenario, table.name(), waits);
    }

    /** The server's product name, e.g. {@code MariaDB}. */
    String product() {
        return product[0];
    }

    String version() {
        return product[1];
    }

    /** The isolation level the sessions run at, as the server names it. */
    String effectiveIsolation() {
        return effectiveIsolation;
    }

    /** The table's real name, with its random suffix. */
    String tableName() {
        return table.name();
    }

    /** The rows committed in the table now, in key order (on a cluster: every node agrees). */
    List<Timeline.FinalRow> committedRows(Scenario scenario) throws DatabaseSetupException {
        return observers.finalRows(scenario, table.name());
    }

    /** Cancels any statement in flight, rolls every session back and closes it; idempotent. */
    void closeSessions() throws InterruptedException {
        if (sessionsClosed) {
            return;
        }
        sessionsClosed = true;
        for (Session s : sessions.values()) {
            s.cancel();
        }
        for (Session s : sessions.values()) {
            s.close(closeWaitMillis);
        }
    }

    /**
     * Closes the sessions, drops the table (and waits until no node has it), closes the
     * observers; idempotent.
     *
     * @throws DatabaseSetupException when the table cannot be dropped
     */
    void close() throws DatabaseSetupException, InterruptedException {
        if (closed) {
            return;
        }
        closed = true;
        try {
            closeSessions();
            try {
                table.drop(observers.first());
            } catch (SQLException e) {
                throw new DatabaseSetupException(dialect.explainSetupFailure(e, nodes.get(0), "drop " + table.name()), e);
            }
            observers.awaitOnEveryNode(table.name(), false);
        } catch (Throwable e) {
            observers.close(e);
            throw e;
        }
        observers.close();
    }

    /** Closes as {@link #close()} after {@code earlier} failed: any failure here is added to it as suppressed. */
    void close(Throwable earlier) {
        try {
            close();
        } catch (DatabaseSetupException | RuntimeException e) {
            earlier.addSuppressed(e); // the first failure is the one to report
        } catch (InterruptedException e) {
            earlier.addSuppressed(e);
            Thread.currentThread().interrupt();
        }
    }
}
