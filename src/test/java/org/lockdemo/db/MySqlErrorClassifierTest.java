package org.lockdemo.db;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;

import com.mysql.cj.exceptions.CJCommunicationsException;
import com.mysql.cj.exceptions.MysqlErrorNumbers;
import com.mysql.cj.jdbc.exceptions.SQLError;
import java.net.ConnectException;
import java.sql.SQLException;
import java.sql.SQLIntegrityConstraintViolationException;
import java.sql.SQLTransactionRollbackException;
import org.junit.jupiter.api.Test;
import org.lockdemo.model.Outcome;
import org.lockdemo.model.SqlStep;

/**
 * The exceptions are built the way Connector/J builds them from a server error: the SQLState from
 * its own vendor-code table, and the exception class that goes with it. That is why 1205 and 1213
 * both arrive as SQLState 40001, and why the classifier must look at the vendor code first.
 */
class MySqlErrorClassifierTest {
    private final MySqlErrorClassifier classifier = new MySqlErrorClassifier();

    /** As Connector/J reports server error {@code code}, e.g. from a MariaDB or MySQL error packet. */
    private static SQLException serverError(int code, String message) {
        return SQLError.createSQLException(message, MysqlErrorNumbers.mysqlToSqlstate(code), code, null);
    }

    @Test
    void duplicateKeyIsUniqueViolation() {
        SQLException e = serverError(1062, "Duplicate entry '1-1' for key 'jahr_monat_key'");
        assertInstanceOf(SQLIntegrityConstraintViolationException.class, e);
        assertEquals("23000", e.getSQLState());
        assertEquals(Outcome.UNIQUE_VIOLATION, classifier.classify(e, SqlStep.INSERT));
        assertEquals("ER_DUP_ENTRY", classifier.conditionName(e));
    }

    @Test
    void mariaDbNowaitFailureIs1205OnTheNowaitRead() {
        // MariaDB answers FOR UPDATE NOWAIT on a locked row with 1205, like an expired wait
        SQLException e = serverError(1205, "Lock wait timeout exceeded; try restarting transaction");
        assertInstanceOf(SQLTransactionRollbackException.class, e);
        assertEquals("40001", e.getSQLState());
        assertEquals(Outcome.LOCK_NOT_AVAILABLE, classifier.classify(e, SqlStep.LOCK_NOWAIT));
        assertEquals("ER_LOCK_WAIT_TIMEOUT", classifier.conditionName(e));
    }

    @Test
    void lockWaitTimeoutOnABlockingStatementIsLockTimeout() {
        SQLException e = serverError(1205, "Lock wait timeout exceeded; try restarting transaction");
        // the INSERT after a NOWAIT read still waits (insert intention vs. a gap lock), and so do
        // plain FOR UPDATE and UPDATE: those 1205s are innodb_lock_wait_timeout expiring
        assertEquals(Outcome.LOCK_TIMEOUT, classifier.classify(e, SqlStep.INSERT));
        assertEquals(Outcome.LOCK_TIMEOUT, classifier.classify(e, SqlStep.LOCK));
        assertEquals(Outcome.LOCK_TIMEOUT, classifier.classify(e, SqlStep.UPDATE));
    }

    @Test
    void mysqlNowaitFailureIs3572() {
        SQLException e = serverError(3572,
                "Statement aborted because lock(s) could not be acquired immediately and NOWAIT is set.");
        assertEquals(Outcome.LOCK_NOT_AVAILABLE, classifier.classify(e, SqlStep.LOCK_NOWAIT));
        assertEquals("ER_LOCK_NOWAIT", classifier.conditionName(e));
    }

    @Test
    void deadlockIsDeadlockThoughItSharesSqlState40001() {
        SQLException e = serverError(1213, "Deadlock found when trying to get lock; try restarting transaction");
        assertEquals("40001", e.getSQLState());
        assertEquals(Outcome.DEADLOCK, classifier.classify(e, SqlStep.INSERT));
        assertEquals(Outcome.DEADLOCK, classifier.classify(e, SqlStep.LOCK));
        assertEquals("ER_LOCK_DEADLOCK", classifier.conditionName(e));
    }

    /** A deadlock victim waiting for the table's AUTO-INC lock (INSERT ... SELECT) is told as 1467, and rolled back. */
    @Test
    void autoIncrementLockDeadlockIsADeadlock() {
        SQLException e = serverError(1467, "Failed to read auto-increment value from storage engine");
        assertEquals(Outcome.DEADLOCK, classifier.classify(e, SqlStep.INSERT));
        assertEquals("ER_AUTOINC_READ_FAILED", classifier.conditionName(e));
    }

    @Test
    void unknownCodeWith40001IsNotGuessedToBeASerializationFailure() {
        SQLException e = new SQLException("something else", "40001", 9999);
        assertEquals(Outcome.OTHER_ERROR, classifier.classify(e, SqlStep.UPDATE));
        assertEquals("error_9999", classifier.conditionName(e));
    }

    @Test
    void snapshotConflictIsSerializationFailure() {
        SQLException e = serverError(1020, "Record has changed since last read in table 'lockdemo_x'");
        assertEquals(Outcome.SERIALIZATION_FAILURE, classifier.classify(e, SqlStep.LOCK));
    }

    @Test
    void communicationsLinkFailureIsConnectionLost() {
        SQLException e = SQLError.createCommunicationsException("Communications link failure",
                new ConnectException("Connection refused"), null);
        assertEquals("08S01", e.getSQLState());
        assertEquals(0, e.getErrorCode());
        assertEquals(Outcome.CONNECTION_LOST, classifier.classify(e, SqlStep.UPDATE));
        assertEquals("communications_link_failure", classifier.conditionName(e));
    }

    @Test
    void communicationsFailureFoundInTheCauseChain() {
        SQLException e = new SQLException("wrapped", null, 0,
                new CJCommunicationsException("Communications link failure"));
        assertEquals(Outcome.CONNECTION_LOST, classifier.classify(e, SqlStep.COMMIT));
    }

    @Test
    void killedConnectionAndShutdownAreConnectionLost() {
        assertEquals(Outcome.CONNECTION_LOST,
                classifier.classify(serverError(1927, "Connection was killed"), SqlStep.LOCK));
        assertEquals(Outcome.CONNECTION_LOST,
                classifier.classify(serverError(1053, "Server shutdown in progress"), SqlStep.INSERT));
        assertEquals(Outcome.CONNECTION_LOST,
                classifier.classify(new SQLException("No operations allowed after connection closed.", "08003"),
                        SqlStep.ROLLBACK));
    }

    @Test
    void vendorCodeIsFoundInTheCauseChain() {
        SQLException wrapped = new SQLException("pool wrapper", null, 0,
                serverError(1213, "Deadlock found when trying to get lock; try restarting transaction"));
        assertEquals(Outcome.DEADLOCK, classifier.classify(wrapped, SqlStep.LOCK));
    }

    @Test
    void queryInterruptedIsNotAConnectionLoss() {
        SQLException e = serverError(1317, "Query execution was interrupted");
        assertEquals("70100", e.getSQLState());
        assertEquals(Outcome.OTHER_ERROR, classifier.classify(e, SqlStep.LOCK));
        assertEquals("ER_QUERY_INTERRUPTED", classifier.conditionName(e));
    }

    @Test
    void onAGaleraNodeA1213AtCommitIsACertificationFailure() {
        // InnoDB takes no row lock in COMMIT, so it never picks a COMMIT as a deadlock victim: on a
        // cluster node a 1213 there is the cluster refusing the write set
        MySqlErrorClassifier galera = new MySqlErrorClassifier(true);
        SQLException e = serverError(1213, "Deadlock found when trying to get lock; try restarting transaction");
        assertEquals("40001", e.getSQLState());
        assertEquals(Outcome.CERTIFICATION_FAILURE, galera.classify(e, SqlStep.COMMIT));
        assertEquals("ER_LOCK_DEADLOCK", galera.conditionName(e));
    }

    @Test
    void onAGaleraNodeA1213BeforeCommitStaysADeadlock() {
        // a local InnoDB deadlock or a brute-force abort: the error alone does not say which
        MySqlErrorClassifier galera = new MySqlErrorClassifier(true);
        SQLException e = serverError(1213, "Deadlock found when trying to get lock; try restarting transaction");
        for (SqlStep step : new SqlStep[] {SqlStep.LOCK, SqlStep.INSERT, SqlStep.UPDATE, SqlStep.SELECT}) {
            assertEquals(Outcome.DEADLOCK, galera.classify(e, step), step.name());
        }
    }

    @Test
    void onPlainMariaDbA1213AtCommitIsADeadlock() {
        SQLException e = serverError(1213, "Deadlock found when trying to get lock; try restarting transaction");
        assertEquals(Outcome.DEADLOCK, classifier.classify(e, SqlStep.COMMIT));
        assertEquals(Outcome.DEADLOCK, new MySqlErrorClassifier(false).classify(e, SqlStep.COMMIT));
    }

    @Test
    void onAGaleraNodeOtherErrorsAtCommitAreUnchanged() {
        MySqlErrorClassifier galera = new MySqlErrorClassifier(true);
        assertEquals(Outcome.LOCK_TIMEOUT, galera.classify(
                serverError(1205, "Lock wait timeout exceeded; try restarting transaction"), SqlStep.COMMIT));
        assertEquals(Outcome.UNIQUE_VIOLATION, galera.classify(
                serverError(1062, "Duplicate entry '1-1' for key 'PRIMARY'"), SqlStep.INSERT));
    }
}
