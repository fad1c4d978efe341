package org.lockdemo.db;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertSame;

import java.sql.SQLException;
import java.util.List;
import org.junit.jupiter.api.Test;

class DatabaseSetupExceptionTest {

    @Test
    void warningsGatheredBeforeTheFailureTravelWithItAndTheMessageStays() {
        SQLException cause = new SQLException("gone", "08006");
        DatabaseSetupException e = new DatabaseSetupException("creating table lockdemo_x: gone", cause);
        assertEquals(List.of(), e.warnings());
        assertSame(e, e.withWarnings(List.of()));

        DatabaseSetupException w = e.withWarnings(List.of("table lockdemo_a was left behind"));
        assertEquals(List.of("table lockdemo_a was left behind"), w.warnings());
        assertEquals(e.getMessage(), w.getMessage());
        assertSame(cause, w.getCause());
    }
}
