package org.lockdemo.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.sql.SQLException;
import org.junit.jupiter.api.Test;

class SecretsTest {

    @Test
    void stackTraceLosesUrlPasswordsAndTheKnownPasswordButKeepsItsLines() {
        SQLException e = new SQLException("cannot connect to jdbc:postgresql://db/app?user=u&password=hunter2",
                new IllegalStateException("driver said: bad secret Tr0ub4dor for u"));
        String trace = Secrets.stackTrace(e, "Tr0ub4dor");
        assertFalse(trace.contains("hunter2"), trace);
        assertFalse(trace.contains("Tr0ub4dor"), trace);
        assertTrue(trace.contains("password=***"), trace);
        assertTrue(trace.contains("\tat org.lockdemo.cli.SecretsTest"), "the frames stay: " + trace);
        assertTrue(trace.contains("Caused by: java.lang.IllegalStateException: driver said: bad secret *** for u"), trace);
    }

    @Test
    void aPasswordParameterCannotSwallowTheNextLine() {
        assertEquals("url?password=***\nnext line\n", Secrets.scrub("url?password=x\nnext line\n", null));
    }
}
