package org.lockdemo.db;

import java.lang.reflect.InvocationHandler;
import java.lang.reflect.Method;
import java.lang.reflect.Proxy;
import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.Set;
import java.util.concurrent.atomic.AtomicLong;

/**
 * One SQLite connection as lockdemo's strategies see it: a JDBC connection whose transactions
 * begin with the chosen {@link SqliteSettings.Begin} mode, sent just before the transaction's first
 * statement. sqlite-jdbc itself sends its {@code BEGIN} at once when auto-commit is switched off and
 * again right after every commit and rollback, so with IMMEDIATE or EXCLUSIVE an idle pooled
 * connection would hold the database's write lock between attempts, and the next BEGIN's wait would
 * surface inside {@code commit()}. Here the driver's connection stays in auto-commit, and this
 * proxy sends {@code BEGIN <mode>} before the first statement of each transaction, {@code COMMIT}
 * or {@code ROLLBACK} at its end (nothing when no statement ran): the BEGIN is the attempt's first
 * statement and its wait is the attempt's, as on a server. Each connection has a session id of its
 * own for the lock view and messages (SQLite has none), and {@link Control} for {@code explain}: its
 * BEGIN as a step of its own, and whether its statement waits in the busy handler now. Used by one
 * thread at a time, as a JDBC connection is, except {@link Control#waitingForLock}, which any thread
 * may call.
 */
public final class SqliteSession implements InvocationHandler {
    /** What {@link Connection#unwrap} gives for a SQLite session: its id. */
    public interface Id {
        long sessionId();
    }

    /**
     * What {@code explain}'s sessions ask of a SQLite session beyond JDBC, through
     * {@link Connection#unwrap}: SQLite has no lock view, so whether a session waits is its own
     * busy handler's to say, and a scenario shows its BEGIN as a step of its own.
     */
    public interface Control {
        /**
         * Whether the statement in flight has waited in the busy handler and not yet returned: another
         * connection holds a lock it needs. Any thread.
         */
        boolean waitingForLock();

        /** The BEGIN this session sends, e.g. {@code BEGIN IMMEDIATE}. */
        String beginSql();

        /**
         * Sends the BEGIN now, on the connection's thread, instead of before the next statement; with
         * a transaction already open SQLite's own answer is the error
         * ({@code cannot start a transaction within a transaction}).
         */
        void begin() throws SQLException;
    }

    private static final AtomicLong NEXT_ID = new AtomicLong(1);
    private static final Set<String> EXECUTING = Set.of("execute", "executeQuery", "executeUpdate",
            "executeLargeUpdate", "executeBatch", "executeLargeBatch");

    /**
     * SQLITE_BUSY that SQLite answered at once, without a wait: the statement wanted the write lock
     * in a transaction that had already read, and another connection holds the write lock or took it
     * since. SQLite calls no busy handler then (btree.c, sqlite3BtreeBeginTrans: only a connection
     * with no read transaction waits), because waiting could only end in a deadlock (rollback
     * journal) or a stale snapshot (WAL). Told apart from a wait that ran out by the connection's
     * busy handler, which did not give up during the statement. The cause is the driver's exception.
     */
    public static final class BusyWithoutWait extends SQLException {
        private static final long serialVersionUID = 1L;

        BusyWithoutWait(SQLException e) {
            super(e.getMessage() + " (at once, without a wait: this transaction had read, and another connection "
                    + "holds the write lock or has written since)", e.getSQLState(), e.getErrorCode(), e);
        }
    }

    private final Connection driver;
    private final SqliteSettings.Begin begin;
    private final SqliteBusyWaits.Handler busy;
    private final long id = NEXT_ID.getAndIncrement();
    private boolean autoCommit = true;
    private boolean inTransaction;

    private SqliteSession(Connection driver, SqliteSettings.Begin begin, SqliteBusyWaits.Handler busy) {
        this.driver = driver;
        this.begin = begin;
        this.busy = busy;
    }

    /**
     * {@code driver} (in auto-commit) as a connection whose transactions begin in {@code begin} mode;
     * {@code busy} is the busy handler installed on it.
     */
    static Connection wrap(Connection driver, SqliteSettings.Begin begin, SqliteBusyWaits.Handler busy)
            throws SQLException {
        driver.setAutoCommit(true);
        return (Connection) Proxy.newProxyInstance(SqliteSession.class.getClassLoader(),
                new Class<?>[] {Connection.class, Id.class, Control.class}, new SqliteSession(driver, begin, busy));
    }

    @Override
    public Object invoke(Object proxy, Method m, Object[] args) throws Throwable {
        switch (m.getName()) {
            case "sessionId":
                return id;
            case "waitingForLock":
                return busy.waiting();
            case "beginSql":
                return begin.sql();
            case "begin":
                sendBegin();
                return null;
            case "getAutoCommit":
                return autoCommit;
            case "setAutoCommit":
                boolean on = (Boolean) args[0];
                if (on && inTransaction) {
                    end("COMMIT"); // JDBC: switching auto-commit on commits the open transaction
                }
                autoCommit = on;
                return null;
            case "commit":
                end("COMMIT");
                return null;
            case "rollback":
                if (args == null) {
                    end("ROLLBACK");
                    return null;
                }
                break;
            case "unwrap":
                if (((Class<?>) args[0]).isInstance(proxy)) {
                    return proxy;
                }
                break;
            case "isWrapperFor":
                if (((Class<?>) args[0]).isInstance(proxy)) {
                    return true;
                }
                break;
            case "close":
                if (inTransaction) {
                    end("ROLLBACK");
                }
                break;
            default:
                break;
        }
        Object result = JdbcProxy.invoke(driver, m, args);
        if (result instanceof Statement s) {
            Class<? extends Statement> type = s instanceof java.sql.CallableStatement ? java.sql.CallableStatement.class
                    : s instanceof java.sql.PreparedStatement ? java.sql.PreparedStatement.class : Statement.class;
            return JdbcProxy.of(type, s, (sm, sargs) -> {
                if (EXECUTING.contains(sm.getName())) {
                    beginIfNeeded();
                    long gaveUpBefore = busy.gaveUp();
                    try {
                        return JdbcProxy.invoke(s, sm, sargs);
                    } catch (SQLException e) {
                        throw busyWithoutWait(e, gaveUpBefore);
                    } finally {
                        busy.statementEnded();
                    }
                } else if ("getConnection".equals(sm.getName())) {
                    return proxy;
                }
                return JdbcProxy.invoke(s, sm, sargs);
            });
        }
        return result;
    }

    /** Sends the BEGIN before a transaction's first statement, when auto-commit is off. */
    private void beginIfNeeded() throws SQLException {
        if (!autoCommit && !inTransaction) {
            sendBegin();
        }
    }

    /** Sends {@code BEGIN <mode>}; with a transaction open already, SQLite answers it with an error. */
    private void sendBegin() throws SQLException {
        long gaveUpBefore = busy.gaveUp();
        try (Statement s = driver.createStatement()) {
            s.execute(begin.sql());
        } catch (SQLException e) {
            throw busyWithoutWait(e, gaveUpBefore);
        } finally {
            busy.statementEnded();
        }
        inTransaction = true;
    }

    /** {@code e}, or a {@link BusyWithoutWait} when it is a plain SQLITE_BUSY and the busy handler did not give up. */
    private SQLException busyWithoutWait(SQLException e, long gaveUpBefore) {
        boolean plainBusy = SqliteErrorClassifier.resultCode(e) == SqliteErrorClassifier.SQLITE_BUSY;
        return plainBusy && busy.gaveUp() == gaveUpBefore ? new BusyWithoutWait(e) : e;
    }

    private void end(String sql) throws SQLException {
        if (!inTransaction) {
            return;
        }
        if (!driver.getAutoCommit()) {
            throw new IllegalStateException("the SQLite driver left auto-commit");
        }
        inTransaction = false;
        long gaveUpBefore = busy.gaveUp();
        try (Statement s = driver.createStatement()) {
            s.execute(sql);
        } catch (SQLException e) {
            if ("COMMIT".equals(sql)) {
                rollbackAfterFailedCommit(e);
                throw busyWithoutWait(e, gaveUpBefore);
            }
            if (!noTransactionActive(e)) {
                throw e;
            }
            // a ROLLBACK of a transaction SQLite had already rolled back itself (after SQLITE_FULL,
            // SQLITE_IOERR, SQLITE_NOMEM, some SQLITE_BUSY; sqlite.org/lang_transaction.html,
            // "Response To Errors Within A Transaction"): ended, as the caller asked
        } finally {
            busy.statementEnded();
        }
    }

    /** SQLite's answer to a ROLLBACK with no transaction open (vdbe.c, OP_AutoCommit); SQLITE_ERROR carries nothing more. */
    private static boolean noTransactionActive(SQLException e) {
        return e.getMessage() != null && e.getMessage().contains("no transaction is active");
    }

    /**
     * After a failed COMMIT (SQLITE_BUSY: a reader kept the writer from its exclusive lock) SQLite
     * keeps the transaction open; JDBC's caller takes the commit as failed and goes on, so it is
     * rolled back here. A rollback that fails too is added to the commit's exception, not lost.
     */
    private void rollbackAfterFailedCommit(SQLException commitFailure) {
        try (Statement s = driver.createStatement()) {
            s.execute("ROLLBACK");
        } catch (SQLException e) {
            if (!noTransactionActive(e)) { // else the failed COMMIT had ended it already
                commitFailure.addSuppressed(e);
            }
        }
    }
}
