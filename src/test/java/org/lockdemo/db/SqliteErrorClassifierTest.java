package org.lockdemo.db;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.sql.SQLException;
import org.junit.jupiter.api.Test;
import org.lockdemo.model.Outcome;
import org.lockdemo.model.SqlStep;
import org.sqlite.SQLiteErrorCode;
import org.sqlite.SQLiteException;

/**
 * Each SQLite answer to its outcome, as sqlite-jdbc reports it (the extended code in the result
 * code, the primary one as the vendor code, no SQLState). SqliteIT brings each about on a real file.
 */
class SqliteErrorClassifierTest {
    private final SqliteErrorClassifier classifier = new SqliteErrorClassifier();

    private static SQLiteException sqlite(SQLiteErrorCode code) {
        return new SQLiteException("[" + code.name() + "] " + code.message, code);
    }

    @Test
    void duplicateKeysAreUniqueViolations() {
        SQLiteException unique = sqlite(SQLiteErrorCode.SQLITE_CONSTRAINT_UNIQUE);
        assertEquals(2067, SqliteErrorClassifier.resultCode(unique));
        assertEquals(19, unique.getErrorCode(), "the primary code, SQLITE_CONSTRAINT, as the vendor code");
        assertEquals(Outcome.UNIQUE_VIOLATION, classifier.classify(unique, SqlStep.INSERT));
        assertEquals(Outcome.UNIQUE_VIOLATION, classifier.classify(sqlite(SQLiteErrorCode.SQLITE_CONSTRAINT_PRIMARYKEY),
                SqlStep.INSERT));
        assertEquals("sqlite_constraint_unique", classifier.conditionName(unique));
        // a NOT NULL violation is a constraint too, but not a duplicate
        assertEquals(Outcome.OTHER_ERROR, classifier.classify(sqlite(SQLiteErrorCode.SQLITE_CONSTRAINT_NOTNULL),
                SqlStep.INSERT));
    }

    @Test
    void aStaleSnapshotAndARefusedUpgradeAreSerializationFailures() {
        assertEquals(Outcome.SERIALIZATION_FAILURE, classifier.classify(sqlite(SQLiteErrorCode.SQLITE_BUSY_SNAPSHOT),
                SqlStep.INSERT));
        SQLException refused = new SqliteSession.BusyWithoutWait(sqlite(SQLiteErrorCode.SQLITE_BUSY));
        assertEquals(Outcome.SERIALIZATION_FAILURE, classifier.classify(refused, SqlStep.UPDATE));
        assertEquals("sqlite_busy_without_wait", classifier.conditionName(refused));
        assertEquals(5, SqlErrorClassifier.vendorCode(refused));
    }

    @Test
    void aBusyWaitThatRanOutIsALockTimeout() {
        SQLiteException busy = sqlite(SQLiteErrorCode.SQLITE_BUSY);
        assertEquals(Outcome.LOCK_TIMEOUT, classifier.classify(busy, SqlStep.INSERT));
        assertEquals("sqlite_busy", classifier.conditionName(busy));
    }

    @Test
    void anExceptionWithoutAResultCodeIsNotGuessed() {
        SQLException plain = new SQLException("something else");
        assertEquals(Outcome.OTHER_ERROR, classifier.classify(plain, SqlStep.INSERT));
        assertEquals("no_result_code", classifier.conditionName(plain));
    }
}
