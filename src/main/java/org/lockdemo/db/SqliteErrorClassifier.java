package org.lockdemo.db;

import java.sql.SQLException;
import java.util.Locale;
import org.lockdemo.model.Outcome;
import org.lockdemo.model.SqlStep;
import org.sqlite.SQLiteErrorCode;
import org.sqlite.SQLiteException;

/**
 * SQLite's errors, by extended result code (sqlite.org/rescode.html). SQLite has no SQLState;
 * sqlite-jdbc reports the primary code (5, 19) as the vendor code and the extended one (517, 2067)
 * in {@link SQLiteException#getResultCode()}, which is what tells a stale snapshot from a lock wait
 * that ran out, and a duplicate key from a NOT NULL violation. (sqlite-jdbc 3.53 reports the
 * extended code without being asked; {@code SqliteIT} meets each code on a real file, so a driver
 * that stopped doing so would fail there.) Stateless; thread-safe.
 *
 * <p>Why these outcomes:
 * <ul>
 * <li>{@code SQLITE_BUSY_SNAPSHOT} (517) is {@link Outcome#SERIALIZATION_FAILURE}: in WAL mode a
 *     DEFERRED transaction that has read wants to write, but another connection committed since its
 *     read began. Its snapshot can never become the latest, so no wait can help and SQLite does not
 *     call the busy handler; like PostgreSQL's 40001, the only remedy is to run the transaction
 *     again. {@code --sqlite-begin immediate} avoids it by taking the write lock before the read.
 * <li>{@code SQLITE_BUSY} (5) after the busy handler waited for the busy timeout and gave up is
 *     {@link Outcome#LOCK_TIMEOUT}: a lock wait that ran out, as PostgreSQL's lock_timeout.
 * <li>{@code SQLITE_BUSY} (5) that SQLite answered at once, with no wait ({@link SqliteSession.BusyWithoutWait}:
 *     a transaction that has read wants to write while another connection writes) is
 *     {@link Outcome#SERIALIZATION_FAILURE}, as 517: SQLite does not let it wait because the wait
 *     could only end in a deadlock (rollback journal: sqlite3_busy_handler's documentation) or a stale
 *     snapshot (WAL). The code is the same as a timeout's; the connection's busy handler, which did
 *     not give up during the statement, tells them apart.
 * <li>{@code SQLITE_CONSTRAINT_UNIQUE} (2067) and {@code SQLITE_CONSTRAINT_PRIMARYKEY} (1555) are
 *     {@link Outcome#UNIQUE_VIOLATION}: a duplicate key, surfaced to the application.
 * </ul>
 */
public final class SqliteErrorClassifier implements SqlErrorClassifier {
    static final int SQLITE_BUSY = 5; // the database file is locked: the busy handler gave up, or no wait was possible
    static final int SQLITE_LOCKED = 6; // a table is locked within this process's shared cache (lockdemo uses none)
    static final int SQLITE_IOERR = 10; // a disk I/O error
    static final int SQLITE_CANTOPEN = 14; // unable to open the database file
    static final int SQLITE_NOTADB = 26; // file is not a database
    static final int SQLITE_BUSY_RECOVERY = 261; // another connection is recovering the WAL: a short wait
    static final int SQLITE_BUSY_SNAPSHOT = 517; // WAL: a read transaction's snapshot is stale and it tried to write
    static final int SQLITE_CONSTRAINT_PRIMARYKEY = 1555; // PRIMARY KEY constraint failed
    static final int SQLITE_CONSTRAINT_UNIQUE = 2067; // UNIQUE constraint failed

    @Override
    public Outcome classify(SQLException e, SqlStep step) {
        if (e instanceof SqliteSession.BusyWithoutWait) {
            return Outcome.SERIALIZATION_FAILURE;
        }
        switch (resultCode(e)) {
            case SQLITE_CONSTRAINT_UNIQUE:
            case SQLITE_CONSTRAINT_PRIMARYKEY:
                return Outcome.UNIQUE_VIOLATION;
            case SQLITE_BUSY_SNAPSHOT:
                return Outcome.SERIALIZATION_FAILURE;
            case SQLITE_BUSY:
            case SQLITE_BUSY_RECOVERY:
                return Outcome.LOCK_TIMEOUT;
            default:
                return Outcome.OTHER_ERROR;
        }
    }

    /** SQLite's own name, lower case: {@code sqlite_busy_snapshot}; {@code no_result_code} off sqlite-jdbc's exceptions. */
    @Override
    public String conditionName(SQLException e) {
        if (e instanceof SqliteSession.BusyWithoutWait) {
            return "sqlite_busy_without_wait";
        }
        for (Throwable t = e; t != null; t = t.getCause()) {
            if (t instanceof SQLiteException s && s.getResultCode() != SQLiteErrorCode.UNKNOWN_ERROR) {
                return s.getResultCode().name().toLowerCase(Locale.ROOT);
            }
        }
        return "no_result_code";
    }

    /** The extended result code: {@code SQLITE_BUSY_SNAPSHOT} is 517, where the vendor code says only 5. */
    @Override
    public int shownCode(SQLException e) {
        return resultCode(e);
    }

    @Override
    public String shownCodeName() {
        return "extended result code";
    }

    /** The extended result code of the first sqlite-jdbc exception in the chain, else the vendor code, else 0. */
    static int resultCode(SQLException e) {
        for (Throwable t = e; t != null; t = t.getCause()) {
            if (t instanceof SQLiteException s && s.getResultCode() != SQLiteErrorCode.UNKNOWN_ERROR) {
                return s.getResultCode().code;
            }
        }
        return SqlErrorClassifier.vendorCode(e);
    }
}
