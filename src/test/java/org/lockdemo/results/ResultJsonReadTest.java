package org.lockdemo.results;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.List;
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
    @ValueSource(strings = {"mariadb.json", "postgresql-embedded.json"})
    void anOldFileMergesWithItself(String name) throws Exception {
        RunResult r = ResultJson.read(resource(name));
        RunResult merged = ResultMerger.merge(List.of(new ResultMerger.Input("a/" + name, r),
                new ResultMerger.Input("b/" + name, r)), "test").result();
        assertEquals(r.strategyIds(), merged.strategyIds());
        for (int i = 0; i < r.strategies().size(); i++) {
            StrategyEntry one = r.strategies().get(i);
            StrategyEntry two = merged.strategies().get(i);
            assertEquals(2 * one.attempts(), two.attempts(), one.strategy());
            assertEquals(2 * one.latencyUs().count(), two.latencyUs().count(), one.strategy());
            assertEquals(one.latencyUs().p99Us(), two.latencyUs().p99Us(), one.strategy());
            assertEquals(one.verdict(), two.verdict(), one.strategy());
        }
        if (r.config().timed()) {
            assertEquals(r.config().durationS(), merged.config().durationS(), "side by side: the longest");
        } else {
            assertEquals(2 * r.config().rounds(), merged.config().rounds(), "rounds add");
        }
    }

    @ParameterizedTest
    @ValueSource(strings = {"mariadb.json"})
    void fieldsAnOldFileLacksAreNull(String name) throws IOException {
        RunResult r = ResultJson.read(resource(name));
        assertNull(r.config().statementDelayUs(), "written before --statement-delay");
        assertEquals(RunConfig.CLOSED, r.config().modeOrClosed());
    }
}
