package org.lockdemo.report;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.io.StringWriter;
import java.nio.ByteBuffer;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.TreeSet;
import java.util.zip.DataFormatException;
import org.HdrHistogram.Histogram;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.lockdemo.metrics.Measurement;
import org.lockdemo.model.Outcome;
import org.lockdemo.race.RaceResult;
import org.lockdemo.race.StrategyResult;
import org.lockdemo.results.Percentiles;
import org.lockdemo.results.ResultJson;
import org.lockdemo.results.RunResults;

/** The JSON as written and read back, checked against the documented shape. */
class JsonReportTest {
    private static final List<String> PERCENTILE_KEYS = List.of("p50", "p90", "p99", "p999", "max", "mean");
    private static RaceResult result;
    private static JsonNode root;

    @BeforeAll
    static void writeAndParse() throws IOException {
        result = ReportFixture.result();
        Locale saved = Locale.getDefault();
        StringWriter text = new StringWriter();
        try {
            Locale.setDefault(Locale.GERMANY); // numbers must still be JSON numbers
            ResultJson.write(RunResults.of(result, "9.9.9-test"), text);
        } finally {
            Locale.setDefault(saved);
        }
        assertTrue(text.toString().endsWith("\n"));
        root = new ObjectMapper().readTree(text.toString());
    }

    private static void assertHas(JsonNode node, String where, String... keys) {
        for (String k : keys) {
            assertTrue(node.has(k), where + " has \"" + k + "\": " + node);
            assertFalse(node.get(k).isNull(), where + "." + k + " is not null");
        }
    }

    @Test
    void topLevel() {
        assertHas(root, "root", "tool", "version", "database", "config", "strategies");
        assertEquals("lockdemo", root.get("tool").asText());
        assertEquals("9.9.9-test", root.get("version").asText());
        assertEquals(ResultJson.FORMAT_VERSION, root.get("format_version").asInt());
        assertEquals("complete", root.get("status").asText());
        assertFalse(root.has("stop_reason"));
        assertEquals("2025-01-01T12:00:00Z", root.get("started_at").asText());
        assertEquals("2025-01-01T12:00:01.500Z", root.get("finished_at").asText());
        assertTrue(root.get("checks_ok").asBoolean());
    }

    @Test
    void database() {
        JsonNode db = root.get("database");
        assertHas(db, "database", "product", "version", "url", "isolation");
        assertEquals("PostgreSQL", db.get("product").asText());
        assertEquals("18.3", db.get("version").asText());
        assertEquals("jdbc:postgresql://localhost:54321/postgres", db.get("url").asText());
        assertEquals("read committed", db.get("isolation").asText());
        assertEquals("30s", db.get("settings").get("lock_timeout").asText());
    }

    @Test
    void config() {
        JsonNode c = root.get("config");
        assertHas(c, "config", "threads", "rounds", "keys", "hold_ms", "seed");
        assertEquals(4, c.get("threads").asInt());
        assertEquals(5, c.get("rounds").asInt());
        assertEquals(0, c.get("keys").asInt());
        assertEquals(10, c.get("hold_ms").asLong());
        assertEquals(42, c.get("seed").asLong());
        assertTrue(c.get("seed").isIntegralNumber());
        assertEquals(List.of("naive", "savepoint", "nowait"), texts(c.get("strategies")));
    }

    @Test
    void oneEntryPerStrategyWithTheDocumentedKeys() {
        JsonNode strategies = root.get("strategies");
        assertTrue(strategies.isArray());
        assertEquals(List.of("naive", "savepoint", "nowait"), texts(strategies, "strategy"));
        for (JsonNode s : strategies) {
            String where = "strategies[" + s.get("strategy").asText() + "]";
            assertHas(s, where, "strategy", "attempts", "outcomes", "blocked_waits", "latency_us", "lock_wait_us",
                    "throughput_per_s", "invariants_ok", "checks");
            assertHas(s.get("latency_us"), where + ".latency_us", PERCENTILE_KEYS.toArray(String[]::new));
            assertHas(s.get("lock_wait_us"), where + ".lock_wait_us", PERCENTILE_KEYS.toArray(String[]::new));
            for (String p : PERCENTILE_KEYS) {
                assertTrue(s.get("latency_us").get(p).isNumber(), where + ".latency_us." + p + " is a number");
            }
            assertTrue(s.get("throughput_per_s").isNumber());
            assertTrue(s.get("checks").isArray());
            assertEquals(6, s.get("checks").size());
            for (JsonNode c : s.get("checks")) {
                assertHas(c, where + ".checks[]", "name", "passed", "enforced", "expected", "actual", "evidence");
            }
        }
    }

    @Test
    void timelineCountsEveryAttemptInItsSecond() {
        JsonNode naive = root.get("strategies").get(0);
        assertEquals("naive", naive.get("strategy").asText());
        JsonNode t = naive.get("timeline");
        assertEquals(1000, t.get("interval_ms").asInt());
        // four rounds of four attempts end in second 0, the fifth round in second 1
        assertEquals("[16,4]", t.get("attempts").toString());
        // naive's unique violations (one in each of the first three rounds) are not successes
        assertEquals("[13,4]", t.get("successes").toString());
        for (JsonNode s : root.get("strategies")) {
            long sum = 0;
            for (JsonNode v : s.get("timeline").get("attempts")) {
                sum += v.asLong();
            }
            assertEquals(s.get("attempts").asLong(), sum, s.get("strategy").asText());
        }
    }

    @Test
    void everyOutcomeIsPresentAndTheyAddUpToAttempts() {
        Set<String> ids = new TreeSet<>();
        for (Outcome o : Outcome.all()) {
            ids.add(o.id());
        }
        for (JsonNode s : root.get("strategies")) {
            JsonNode outcomes = s.get("outcomes");
            Set<String> keys = new TreeSet<>();
            outcomes.fieldNames().forEachRemaining(keys::add);
            assertEquals(ids, keys);
            long sum = 0;
            for (JsonNode n : outcomes) {
                sum += n.asLong();
            }
            assertEquals(s.get("attempts").asLong(), sum, s.get("strategy").asText());
            assertEquals(20, s.get("attempts").asLong());
        }
    }

    @Test
    void valuesComeFromTheMeasurement() {
        JsonNode naive = root.get("strategies").get(0);
        assertEquals(3, naive.get("outcomes").get("unique_violation").asLong());
        assertEquals(12, naive.get("outcomes").get("found").asLong());
        assertEquals(160.0, naive.get("throughput_per_s").asDouble());
        assertEquals(1898.0, naive.get("latency_us").get("max").asDouble(), 2.0); // 1.898 ms, HdrHistogram precision
        assertEquals(20, naive.get("latency_us").get("count").asLong());
        assertTrue(naive.get("invariants_ok").asBoolean(), "the naive race is the lesson, not a failure");
        assertEquals("lesson", naive.get("verdict").asText());
        JsonNode uv = find(naive.get("checks"), "no_unique_violation_surfaced");
        assertFalse(uv.get("passed").asBoolean());
        assertFalse(uv.get("enforced").asBoolean());
        assertEquals("unique_violation", naive.get("errors").get(0).get("condition").asText());
        assertEquals(3, naive.get("errors").get(0).get("count").asLong());

        JsonNode savepoint = root.get("strategies").get(1);
        assertEquals(12, savepoint.get("blocked_waits").asLong());
        assertEquals("pass", savepoint.get("verdict").asText());
    }

    @Test
    void histogramsDecodeToTheSameCounts() throws DataFormatException {
        for (int i = 0; i < result.strategies().size(); i++) {
            StrategyResult r = result.strategies().get(i);
            JsonNode s = root.get("strategies").get(i);
            JsonNode h = s.get("histograms");
            Measurement m = r.measurement();
            assertDecodes(h.get("latency_ns").asText(), m.latencyNanos(), s.get("latency_us").get("count").asLong());
            assertDecodes(h.get("lock_wait_ns").asText(), m.lockWaitNanos(), s.get("lock_wait_us").get("count").asLong());
            assertDecodes(h.get("acquire_ns").asText(), m.acquireNanos(), s.get("acquire_us").get("count").asLong());
        }
    }

    private static void assertDecodes(String base64, Histogram original, long countInJson) throws DataFormatException {
        Histogram decoded = Histogram.decodeFromCompressedByteBuffer(ByteBuffer.wrap(Base64.getDecoder().decode(base64)), 0);
        assertEquals(original.getTotalCount(), decoded.getTotalCount());
        assertEquals(countInJson, decoded.getTotalCount());
        assertEquals(20, decoded.getTotalCount());
        assertEquals(original.getMaxValue(), decoded.getMaxValue());
        assertEquals(original.getValueAtPercentile(50), decoded.getValueAtPercentile(50));
    }

    @Test
    void aStoppedRunIsPartialWithItsReason() {
        JsonNode partial = TestResults.tree(ReportFixture.result("interrupted by a signal"), "x");
        assertEquals("partial", partial.get("status").asText());
        assertEquals("interrupted by a signal", partial.get("stop_reason").asText());
    }

    @Test
    void emptyHistogramsGiveZeros() {
        Percentiles n = Percentiles.of(new Histogram(3));
        List<Double> values = List.of(n.p50Us(), n.p90Us(), n.p99Us(), n.p999Us(), n.maxUs(), n.meanUs());
        for (int i = 0; i < PERCENTILE_KEYS.size(); i++) {
            assertEquals(0.0, values.get(i), PERCENTILE_KEYS.get(i));
        }
        assertEquals(0, n.count());
    }

    private static JsonNode find(JsonNode checks, String name) {
        for (JsonNode c : checks) {
            if (c.get("name").asText().equals(name)) {
                return c;
            }
        }
        throw new AssertionError("no check " + name);
    }

    private static List<String> texts(JsonNode array) {
        List<String> out = new ArrayList<>();
        array.forEach(n -> out.add(n.asText()));
        return out;
    }

    private static List<String> texts(JsonNode array, String field) {
        List<String> out = new ArrayList<>();
        array.forEach(n -> out.add(n.get(field).asText()));
        return out;
    }
}
