package org.lockdemo.db;

import java.sql.SQLException;
import org.postgresql.util.PSQLException;
import org.postgresql.util.ServerErrorMessage;
import org.lockdemo.model.Outcome;
import org.lockdemo.model.SqlStep;

/**
 * PostgreSQL's errors, by SQLState (PostgreSQL has no separate vendor codes; pgjdbc reports 0).
 * Codes from the PostgreSQL manual, Appendix A "PostgreSQL Error Codes".
 * Stateless; thread-safe.
 */
public final class PostgresErrorClassifier implements SqlErrorClassifier {

    static final String UNIQUE_VIOLATION = "23505"; // unique_violation
    static final String LOCK_NOT_AVAILABLE = "55P03"; // lock_not_available: NOWAIT *and* lock_timeout
    static final String DEADLOCK_DETECTED = "40P01"; // deadlock_detected
    static final String SERIALIZATION_FAILURE = "40001"; // serialization_failure
    static final String ADMIN_SHUTDOWN = "57P01"; // admin_shutdown: pg_terminate_backend, fast shutdown
    static final String CRASH_SHUTDOWN = "57P02"; // crash_shutdown
    static final String CANNOT_CONNECT_NOW = "57P03"; // cannot_connect_now: server starting or stopping
    static final String CONNECTION_EXCEPTION_CLASS = "08"; // class 08: connection_exception and friends
    static final String QUERY_CANCELED = "57014"; // query_canceled: statement_timeout or a cancel request

    @Override
    public Outcome classify(SQLException e, SqlStep step) {
        String state = SqlErrorClassifier.sqlState(e);
        if (state == null) {
            return Outcome.OTHER_ERROR;
        }
        switch (state) {
            case UNIQUE_VIOLATION:
                return Outcome.UNIQUE_VIOLATION;
            case LOCK_NOT_AVAILABLE:
                // The same SQLState for "FOR UPDATE NOWAIT found it locked" and for "lock_timeout
                // expired while waiting"; only the statement tells them apart.
                return step == SqlStep.LOCK_NOWAIT ? Outcome.LOCK_NOT_AVAILABLE : Outcome.LOCK_TIMEOUT;
            case DEADLOCK_DETECTED:
                return Outcome.DEADLOCK;
            case SERIALIZATION_FAILURE:
                return Outcome.SERIALIZATION_FAILURE;
            case ADMIN_SHUTDOWN:
            case CRASH_SHUTDOWN:
            case CANNOT_CONNECT_NOW:
                return Outcome.CONNECTION_LOST;
            default:
                return state.startsWith(CONNECTION_EXCEPTION_CLASS) ? Outcome.CONNECTION_LOST : Outcome.OTHER_ERROR;
        }
    }

    @Override
    public String conditionName(SQLException e) {
        String state = SqlErrorClassifier.sqlState(e);
        if (state == null) {
            return "no_sqlstate";
        }
        switch (state) {
            case UNIQUE_VIOLATION: return "unique_violation";
            case LOCK_NOT_AVAILABLE: return "lock_not_available";
            case DEADLOCK_DETECTED: return "deadlock_detected";
            case SERIALIZATION_FAILURE: return "serialization_failure";
            case ADMIN_SHUTDOWN: return "admin_shutdown";
            case CRASH_SHUTDOWN: return "crash_shutdown";
            case CANNOT_CONNECT_NOW: return "cannot_connect_now";
            case QUERY_CANCELED: return "query_canceled";
            case "28P01": return "invalid_password";
            case "28000": return "invalid_authorization_specification";
            case "3D000": return "invalid_catalog_name";
            case "42501": return "insufficient_privilege";
            case "42P07": return "duplicate_table";
            case "53300": return "too_many_connections";
            default: return state.startsWith(CONNECTION_EXCEPTION_CLASS) ? "connection_exception" : "sqlstate_" + state;
        }
    }

    /** pgjdbc's {@link ServerErrorMessage#getDetail()}: the DETAIL line the server sent, e.g. a deadlock's cycle. */
    @Override
    public String serverDetail(SQLException e) {
        for (Throwable t = e; t != null; t = t.getCause()) {
            if (t instanceof PSQLException p && p.getServerErrorMessage() != null
                    && p.getServerErrorMessage().getDetail() != null) {
                return p.getServerErrorMessage().getDetail();
            }
        }
        return "";
    }
}
