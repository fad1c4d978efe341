package org.lockdemo.results;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.ObjectMapper;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;

/** The codec's reading side on files that are not, or only partly, results. */
class ResultJsonTest {
    private static final ObjectMapper MAPPER = new ObjectMapper();

    @Test
    void whatIsNotAResultIsSaidInOneLine() throws Exception {
        assertEquals(Optional.of("not a lockdemo result (no \"tool\": \"lockdemo\"; make one with lockdemo race "
                + "--json FILE)"), ResultJson.notAResult(MAPPER.readTree("{\"name\": \"package.json\"}")));
        assertTrue(ResultJson.notAResult(MAPPER.readTree("[1, 2]")).isPresent());
        assertEquals(Optional.of("not a lockdemo result (no \"strategies\" list)"),
                ResultJson.notAResult(MAPPER.readTree("{\"tool\": \"lockdemo\"}")));
        assertEquals(Optional.empty(), ResultJson.notAResult(MAPPER.readTree("{\"tool\": \"lockdemo\", \"strategies\": []}")));
        assertThrows(IllegalArgumentException.class, () -> ResultJson.read(MAPPER.readTree("[]")));
    }

    @Test
    void aPartialFileReadsWithNullsAndWritesOnlyWhatItHad() throws Exception {
        String text = "{\"tool\":\"lockdemo\",\"strategies\":[{\"strategy\":\"naive\",\"attempts\":3,"
                + "\"latency_us\":{\"p99\":12.5}}]}";
        RunResult r = ResultJson.read(text);
        StrategyEntry naive = r.strategy("naive");
        assertEquals(3L, naive.attempts());
        assertEquals(12.5, naive.latencyUs().p99Us());
        assertNull(naive.latencyUs().p50Us());
        assertNull(naive.retries());
        assertNull(r.config());
        var back = ResultJson.toTree(r).get("strategies").get(0);
        assertEquals("{\"p99\":12.5}", back.get("latency_us").toString());
        assertTrue(!back.has("retries") && !back.has("histograms"), back.toString());
    }

    @Test
    void literalsAreJsonTextAndEmptyForAMissingValue() {
        assertEquals("4", ResultJson.literal(4L));
        assertEquals("\"serializable\"", ResultJson.literal("serializable"));
        assertEquals("[\"naive\",\"nowait\"]", ResultJson.literal(List.of("naive", "nowait")));
        assertEquals("{\"a\":\"1\",\"b\":\"2\"}", ResultJson.literal(Map.of("b", "2", "a", "1")));
        assertEquals("", ResultJson.literal(null));
    }
}
