package org.lockdemo.db;

import com.mysql.cj.exceptions.CJCommunicationsException;
import com.mysql.cj.jdbc.exceptions.CommunicationsException;
import java.sql.SQLException;
import org.lockdemo.model.Outcome;
import org.lockdemo.model.SqlStep;

/**
 * MySQL's and MariaDB's errors, by vendor code first and SQLState only as a fallback: Connector/J
 * reports SQLState 40001 for both 1205 (lock wait timeout) and 1213 (deadlock), and 23000 for
 * every integrity error, so the SQLState alone cannot tell the outcomes apart.
 *
 * <p>Server codes are from the MySQL 8.0 "Server Error Message Reference" and the MariaDB
 * "MariaDB Error Code Reference"; 2006/2013 from the MySQL "Client Error Message Reference".
 *
 * <p>On a MariaDB Galera node ({@code wsrep_on=ON}) 1213 has a second meaning: the cluster aborted
 * the transaction because a conflicting write set from another node was certified first, and
 * Galera reports that as 1213 (MariaDB's Galera documentation; seen on MariaDB 10.11 with Galera
 * 26.4). At COMMIT that is the only possible meaning, because InnoDB takes no row
 * lock in COMMIT and so cannot choose a COMMIT as a deadlock victim; that case is classified as
 * {@link Outcome#CERTIFICATION_FAILURE}. A 1213 on an earlier statement is either an InnoDB deadlock
 * on this node or a brute-force abort by an applier; the error carries nothing that tells them
 * apart, so it stays {@link Outcome#DEADLOCK} and the run reports the nodes' wsrep_local_bf_aborts
 * and Innodb_deadlocks counters beside it (see docs/galera.md).
 * Immutable; thread-safe.
 */
public final class MySqlErrorClassifier implements SqlErrorClassifier {

    // --- server errors, both products unless noted ---
    static final int ER_CON_COUNT_ERROR = 1040; // Too many connections (SQLState 08004)
    static final int ER_DBACCESS_DENIED_ERROR = 1044; // Access denied for user to database
    static final int ER_ACCESS_DENIED_ERROR = 1045; // Access denied for user (using password: YES/NO)
    static final int ER_NO_DB_ERROR = 1046; // No database selected
    static final int ER_BAD_DB_ERROR = 1049; // Unknown database
    static final int ER_TABLE_EXISTS_ERROR = 1050; // Table already exists
    static final int ER_SERVER_SHUTDOWN = 1053; // Server shutdown in progress (SQLState 08S01)
    static final int ER_DUP_ENTRY = 1062; // Duplicate entry for key (SQLState 23000)
    static final int ER_CHECKREAD = 1020; // Record has changed since last read: MariaDB with innodb_snapshot_isolation=ON
    static final int ER_TABLEACCESS_DENIED_ERROR = 1142; // <command> command denied to user for table
    static final int ER_ERROR_DURING_COMMIT = 1180; // Got error during COMMIT (storage engine error, not a conflict)
    static final int ER_TOO_MANY_USER_CONNECTIONS = 1203; // User already has more than max_user_connections
    static final int ER_LOCK_WAIT_TIMEOUT = 1205; // Lock wait timeout exceeded; MariaDB also for NOWAIT / SKIP LOCKED
    static final int ER_LOCK_DEADLOCK = 1213; // Deadlock found when trying to get lock (SQLState 40001)
    static final int ER_QUERY_INTERRUPTED = 1317; // Query execution was interrupted (KILL QUERY, max_statement_time)
    static final int ER_AUTOINC_READ_FAILED = 1467; // Failed to read auto-increment value from storage engine (HY000)
    static final int ER_DUP_ENTRY_WITH_KEY_NAME = 1586; // Duplicate entry for key (with key name)
    static final int ER_ACCESS_DENIED_NO_PASSWORD_ERROR = 1698; // Access denied for user (no password; e.g. unix_socket root)
    static final int ER_CONNECTION_KILLED = 1927; // MariaDB: Connection was killed (SQLState 70100)
    static final int ER_LOCK_NOWAIT = 3572; // MySQL 8: lock(s) could not be acquired immediately and NOWAIT is set
    static final int ER_CLIENT_INTERACTION_TIMEOUT = 4031; // MySQL 8.0.24+: disconnected for wait_timeout inactivity

    // --- client errors (libmysqlclient; Connector/J reports these conditions as SQLState 08S01 instead) ---
    static final int CR_SERVER_GONE_ERROR = 2006; // MySQL server has gone away
    static final int CR_SERVER_LOST = 2013; // Lost connection to MySQL server during query

    static final String CONNECTION_EXCEPTION_CLASS = "08"; // SQL standard class 08: connection exception

    private final boolean galeraNode;

    /** For a server that is not a Galera cluster node (MySQL, MariaDB with wsrep_on=OFF). */
    public MySqlErrorClassifier() {
        this(false);
    }

    /** @param galeraNode true when the server is a Galera cluster node ({@code wsrep_on=ON}) */
    public MySqlErrorClassifier(boolean galeraNode) {
        this.galeraNode = galeraNode;
    }

    @Override
    public Outcome classify(SQLException e, SqlStep step) {
        switch (SqlErrorClassifier.vendorCode(e)) {
            case ER_DUP_ENTRY:
            case ER_DUP_ENTRY_WITH_KEY_NAME:
                return Outcome.UNIQUE_VIOLATION;
            case ER_LOCK_NOWAIT:
                return Outcome.LOCK_NOT_AVAILABLE;
            case ER_LOCK_WAIT_TIMEOUT:
                // MariaDB implements NOWAIT as a lock wait timeout of zero and answers it with 1205,
                // the same code as an expired innodb_lock_wait_timeout; only the statement tells them
                // apart (MariaDB KB "WAIT and NOWAIT"). MySQL 8 answers NOWAIT with 3572 instead.
                return step == SqlStep.LOCK_NOWAIT ? Outcome.LOCK_NOT_AVAILABLE : Outcome.LOCK_TIMEOUT;
            case ER_LOCK_DEADLOCK:
                // see the class comment: at COMMIT on a Galera node, only certification can answer 1213
                return galeraNode && step == SqlStep.COMMIT ? Outcome.CERTIFICATION_FAILURE : Outcome.DEADLOCK;
            case ER_AUTOINC_READ_FAILED:
                // InnoDB's answer when a statement that takes the table's AUTO-INC lock (INSERT ...
                // SELECT, under innodb_autoinc_lock_mode=1, MariaDB's default) is chosen as the victim
                // of a deadlock while waiting for that lock: the deadlock is not passed on as 1213.
                // Seen on MariaDB 10.11 with insert-where-not-exists under REPEATABLE READ (two
                // sessions' shared gap locks against each other's AUTO-INC lock); the transaction is
                // rolled back, as for 1213 (docs/strategies.md, "Plain SQL").
                return Outcome.DEADLOCK;
            case ER_CHECKREAD:
                // The only InnoDB error that is a true snapshot conflict: a locking read or write of a
                // row changed after this REPEATABLE READ snapshot, with innodb_snapshot_isolation=ON
                // (MariaDB 10.6.18+/10.11.8+, default ON from 11.6). Otherwise InnoDB never raises
                // serialization failures: conflicts surface as lock waits and deadlocks.
                return Outcome.SERIALIZATION_FAILURE;
            case ER_SERVER_SHUTDOWN:
            case ER_CONNECTION_KILLED:
            case ER_CLIENT_INTERACTION_TIMEOUT:
            case CR_SERVER_GONE_ERROR:
            case CR_SERVER_LOST:
                return Outcome.CONNECTION_LOST;
            default:
                break;
        }
        if (isCommunicationsFailure(e)) {
            return Outcome.CONNECTION_LOST;
        }
        // No SQLState fallback for 40001: Connector/J maps 1205, 1213 and others to it, none of
        // which InnoDB means as a serialization failure; an unknown code there is other_error.
        String state = SqlErrorClassifier.sqlState(e);
        return state != null && state.startsWith(CONNECTION_EXCEPTION_CLASS) ? Outcome.CONNECTION_LOST : Outcome.OTHER_ERROR;
    }

    @Override
    public String conditionName(SQLException e) {
        int code = SqlErrorClassifier.vendorCode(e);
        switch (code) {
            case ER_CON_COUNT_ERROR: return "ER_CON_COUNT_ERROR";
            case ER_DBACCESS_DENIED_ERROR: return "ER_DBACCESS_DENIED_ERROR";
            case ER_ACCESS_DENIED_ERROR: return "ER_ACCESS_DENIED_ERROR";
            case ER_NO_DB_ERROR: return "ER_NO_DB_ERROR";
            case ER_BAD_DB_ERROR: return "ER_BAD_DB_ERROR";
            case ER_TABLE_EXISTS_ERROR: return "ER_TABLE_EXISTS_ERROR";
            case ER_SERVER_SHUTDOWN: return "ER_SERVER_SHUTDOWN";
            case ER_DUP_ENTRY: return "ER_DUP_ENTRY";
            case ER_AUTOINC_READ_FAILED: return "ER_AUTOINC_READ_FAILED";
            case ER_CHECKREAD: return "ER_CHECKREAD";
            case ER_TABLEACCESS_DENIED_ERROR: return "ER_TABLEACCESS_DENIED_ERROR";
            case ER_ERROR_DURING_COMMIT: return "ER_ERROR_DURING_COMMIT";
            case ER_TOO_MANY_USER_CONNECTIONS: return "ER_TOO_MANY_USER_CONNECTIONS";
            case ER_LOCK_WAIT_TIMEOUT: return "ER_LOCK_WAIT_TIMEOUT";
            case ER_LOCK_DEADLOCK: return "ER_LOCK_DEADLOCK";
            case ER_QUERY_INTERRUPTED: return "ER_QUERY_INTERRUPTED";
            case ER_DUP_ENTRY_WITH_KEY_NAME: return "ER_DUP_ENTRY_WITH_KEY_NAME";
            case ER_ACCESS_DENIED_NO_PASSWORD_ERROR: return "ER_ACCESS_DENIED_NO_PASSWORD_ERROR";
            case ER_CONNECTION_KILLED: return "ER_CONNECTION_KILLED";
            case ER_LOCK_NOWAIT: return "ER_LOCK_NOWAIT";
            case ER_CLIENT_INTERACTION_TIMEOUT: return "ER_CLIENT_INTERACTION_TIMEOUT";
            case CR_SERVER_GONE_ERROR: return "CR_SERVER_GONE_ERROR";
            case CR_SERVER_LOST: return "CR_SERVER_LOST";
            default: break;
        }
        if (code != 0) {
            return "error_" + code;
        }
        if (isCommunicationsFailure(e)) {
            return "communications_link_failure";
        }
        String state = SqlErrorClassifier.sqlState(e);
        if (state == null) {
            return "no_sqlstate";
        }
        return state.startsWith(CONNECTION_EXCEPTION_CLASS) ? "connection_exception" : "sqlstate_" + state;
    }

    /**
     * Connector/J's "Communications link failure": the socket broke or never connected. It carries
     * SQLState 08S01 and vendor code 0, so it is recognised by type as well as by SQLState.
     */
    static boolean isCommunicationsFailure(Throwable e) {
        for (Throwable t = e; t != null; t = t.getCause()) {
            if (t instanceof CommunicationsException || t instanceof CJCommunicationsException) {
                return true;
            }
        }
        return false;
    }
}
