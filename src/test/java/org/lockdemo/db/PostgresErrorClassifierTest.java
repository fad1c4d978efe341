package org.lockdemo.db;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;

import java.sql.SQLException;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.lockdemo.model.Outcome;
import org.lockdemo.model.SqlStep;

class PostgresErrorClassifierTest {
    private final PostgresErrorClassifier classifier = new PostgresErrorClassifier();

    private static SQLException pg(String sqlState) {
        // pgjdbc reports vendor code 0 for every server error
        return new SQLException("ERROR: something (SQLState " + sqlState + ")", sqlState, 0);
    }

    @ParameterizedTest(name = "{0} at {1} -> {2}")
    @CsvSource({
        "23505, INSERT,      UNIQUE_VIOLATION",
        "55P03, LOCK_NOWAIT, LOCK_NOT_AVAILABLE",
        "55P03, LOCK,        LOCK_TIMEOUT",
        "55P03, INSERT,      LOCK_TIMEOUT",
        "40P01, LOCK,        DEADLOCK",
        "40P01, INSERT,      DEADLOCK",
        "40001, SELECT,      SERIALIZATION_FAILURE",
        "40001, COMMIT,      SERIALIZATION_FAILURE",
        "08006, LOCK,        CONNECTION_LOST",
        "08001, CONNECT,     CONNECTION_LOST",
        "57P01, UPDATE,      CONNECTION_LOST",
        "57P02, UPDATE,      CONNECTION_LOST",
        "57P03, CONNECT,     CONNECTION_LOST",
        "42P01, SELECT,      OTHER_ERROR",
        "57014, LOCK,        OTHER_ERROR",
    })
    void classifiesBySqlStateAndStep(String sqlState, SqlStep step, Outcome expected) {
        assertEquals(expected, classifier.classify(pg(sqlState), step));
    }

    @Test
    void noSqlStateIsOtherError() {
        SQLException e = new SQLException("no state at all");
        assertNull(e.getSQLState());
        assertEquals(Outcome.OTHER_ERROR, classifier.classify(e, SqlStep.INSERT));
        assertEquals(Outcome.OTHER_ERROR, classifier.classify(e, SqlStep.LOCK_NOWAIT));
        assertEquals("no_sqlstate", classifier.conditionName(e));
    }

    @Test
    void sqlStateOnTheCauseIsFound() {
        // e.g. a pool or wrapper that rethrows without copying the SQLState
        SQLException driver = new SQLException("ERROR: deadlock detected", "40P01", 0);
        SQLException wrapper = new SQLException("statement failed", driver);
        assertNull(wrapper.getSQLState());
        assertEquals(Outcome.DEADLOCK, classifier.classify(wrapper, SqlStep.LOCK));
        assertEquals("deadlock_detected", classifier.conditionName(wrapper));
    }

    @Test
    void sqlStateBehindANonSqlCauseIsFound() {
        SQLException driver = new SQLException("ERROR: could not obtain lock on row", "55P03", 0);
        SQLException wrapper = new SQLException("wrapped", new IllegalStateException("middle", driver));
        assertEquals(Outcome.LOCK_NOT_AVAILABLE, classifier.classify(wrapper, SqlStep.LOCK_NOWAIT));
        assertEquals(Outcome.LOCK_TIMEOUT, classifier.classify(wrapper, SqlStep.LOCK));
    }

    @Test
    void outerSqlStateWinsOverTheCause() {
        SQLException cause = new SQLException("io", "08006", 0);
        SQLException outer = new SQLException("duplicate key", "23505", 0, cause);
        assertEquals(Outcome.UNIQUE_VIOLATION, classifier.classify(outer, SqlStep.INSERT));
    }

    @ParameterizedTest(name = "{0} -> {1}")
    @CsvSource({
        "23505, unique_violation",
        "55P03, lock_not_available",
        "40P01, deadlock_detected",
        "40001, serialization_failure",
        "57P01, admin_shutdown",
        "57014, query_canceled",
        "28P01, invalid_password",
        "08006, connection_exception",
        "08001, connection_exception",
        "42P01, sqlstate_42P01",
    })
    void conditionNames(String sqlState, String name) {
        assertEquals(name, classifier.conditionName(pg(sqlState)));
    }

    @Test
    void vendorCodeIsTheFirstNonZeroInTheChain() {
        SQLException inner = new SQLException("inner", "HY000", 1205);
        SQLException outer = new SQLException("outer", "HY000", 0, inner);
        assertEquals(1205, SqlErrorClassifier.vendorCode(outer));
        assertEquals(0, SqlErrorClassifier.vendorCode(pg("23505")));
    }
}
