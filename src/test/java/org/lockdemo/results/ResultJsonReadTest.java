package org.lockdemo.results;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * Result files written by earlier lockdemo versions (kept under report/results/) read into the
 * records and, written again, come out byte for byte as they were: the codec loses nothing it
 * knows, and adds nothing to a file that lacked it.
 */
class ResultJsonReadTest {
    static String resource(String name) throws IOException {
        try (InputStream in = ResultJsonReadTest.class.getResourceAsStream("/org/lockdemo/report/results/" + name)) {
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        }
    }

    @ParameterizedTest
    @ValueSource(strings = {"mariadb.json", "postgresql-embedded.json"})
    void anOldFileReadsAndWritesBackUnchanged(String name) throws IOException {
        String text = resource(name);
        RunResult r = ResultJson.read(text);
        assertEquals("lockdemo", r.tool());
        assertTrue(r.strategies().size() > 1);
        assertEquals(text.endsWith("\n") ? text : text + "\n", ResultJson.toText(r));
    }

    @ParameterizedTest
    @ValueSource(strings = {"mariadb.json"})
    void fieldsAnOldFileLacksAreNull(String name) throws IOException {
        RunResult r = ResultJson.read(resource(name));
        assertNull(r.config().statementDelayUs(), "written before --statement-delay");
        assertEquals(RunConfig.CLOSED, r.config().modeOrClosed());
    }
}
