package org.lockdemo.report;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.nio.ByteBuffer;
import java.util.Base64;
import java.util.List;
import org.HdrHistogram.Histogram;
import org.junit.jupiter.api.Test;
import org.lockdemo.results.EncodedHistogram;
import org.lockdemo.results.MergeException;

/**
 * Merging the fixture run split in two (rounds 0-2 and 3-4, as two processes would have measured
 * them) gives exactly what one run with all five rounds gives.
 */
class ResultMergerTest {
    private static final ObjectMapper MAPPER = new ObjectMapper();

    private static ObjectNode split(String runId, int from, int to) {
        return TestResults.tree(ReportFixture.result(runId, from, to, 0, null), "1.0");
    }

    private static TestResults.Merged merge(JsonNode... results) throws MergeException {
        return TestResults.merge(results);
    }

    @Test
    void twoHalvesMergeToTheWhole() throws Exception {
        JsonNode whole = TestResults.tree(ReportFixture.result("whole", 0, 5, 0, null), "1.0");
        JsonNode merged = merge(split("a", 0, 3), split("b", 3, 5)).result();
        assertEquals(whole.get("config").toString(), merged.get("config").toString());
        assertEquals(5, merged.get("config").get("rounds").asInt());
        for (int i = 0; i < 3; i++) {
            JsonNode w = whole.get("strategies").get(i);
            JsonNode m = merged.get("strategies").get(i);
            String name = w.get("strategy").asText();
            assertEquals(name, m.get("strategy").asText());
            for (String field : List.of("attempts", "outcomes", "retries", "inserts_committed", "commits_unknown", "throughput_per_s",
                    "elapsed_s", "latency_us", "lock_wait_us", "acquire_us", "invariants_ok", "verdict")) {
                assertEquals(w.get(field), m.get(field), name + "." + field);
            }
            assertEquals(20, m.get("attempts").asLong());
            for (String h : List.of("latency_ns", "lock_wait_ns", "acquire_ns")) {
                assertEquals(decode(w.get("histograms").get(h)), decode(m.get("histograms").get(h)), name + " " + h);
            }
            for (int c = 0; c < w.get("checks").size(); c++) {
                assertEquals(w.get("checks").get(c).get("name"), m.get("checks").get(c).get("name"));
                assertEquals(w.get("checks").get(c).get("passed"), m.get("checks").get(c).get("passed"), name);
            }
            assertEquals(sumCounts(w.get("errors")), sumCounts(m.get("errors")), name + " errors");
        }
        // savepoint's blocked waits: 12 in each half (the fixture's constant), so 24 in the merge
        assertEquals(24, merged.get("strategies").get(1).get("blocked_waits").asLong());
        assertTrue(merged.get("checks_ok").asBoolean());
        assertEquals("complete", merged.get("status").asText());
        assertEquals(List.of("in0.json", "in1.json"),
                List.of(merged.get("merged_from").get(0).get("file").asText(),
                        merged.get("merged_from").get(1).get("file").asText()));
    }

    @Test
    void raceIntensitySumsTheRacedAttemptsAndLeavesPerRunFiguresUnmerged() throws Exception {
        ObjectNode a = split("a", 0, 3);
        ObjectNode b = split("b", 3, 5);
        int i = 0;
        for (ObjectNode half : List.of(a, b)) {
            ObjectNode ri = ((ObjectNode) half.get("strategies").get(0)).putObject("race_intensity");
            ri.put("raced", 5 + i);
            ri.put("raced_is_lower_bound", i == 1);
            ri.put("lower_bound_reason", "because");
            ri.putObject("racers_per_round").put("mean", 3.0);
            i++;
        }
        JsonNode m = merge(a, b).result().get("strategies").get(0);
        JsonNode ri = m.get("race_intensity");
        assertEquals(11, ri.get("raced").asLong(), ri.toString());
        assertEquals(11.0 / m.get("attempts").asLong(), ri.get("raced_share").asDouble(), 1e-4);
        assertTrue(ri.get("raced_is_lower_bound").asBoolean(), "a lower bound in one input is one in the merge");
        assertTrue(ri.get("racers_per_round").isNull(), ri.toString());
        assertTrue(ri.get("start_spread_us").isNull(), ri.toString());
        // an input without the figures (an older result file): the merge has none either
        assertTrue(!merge(a, split("c", 3, 5)).result().get("strategies").get(0).has("race_intensity"));
    }

    @Test
    void theMergeIsReadBackTheSameFromItsJson() throws Exception {
        JsonNode merged = merge(split("a", 0, 3), split("b", 3, 5)).result();
        JsonNode again = MAPPER.readTree(MAPPER.writeValueAsString(merged));
        // a merge of merges is still exact: merging the whole with itself doubles every count
        JsonNode doubled = merge(again, again).result();
        assertEquals(40, doubled.get("strategies").get(0).get("attempts").asLong());
        assertEquals(merged.get("strategies").get(0).get("latency_us").get("p99"),
                doubled.get("strategies").get(0).get("latency_us").get("p99"));
        assertEquals(10, doubled.get("config").get("rounds").asInt());
    }

    @Test
    void checksAndVerdictsCombineConservatively() throws Exception {
        ObjectNode a = split("a", 0, 3);
        ObjectNode b = split("b", 3, 5);
        ObjectNode savepointB = (ObjectNode) b.get("strategies").get(1);
        savepointB.put("verdict", "fail").put("invariants_ok", false);
        ObjectNode check = (ObjectNode) savepointB.get("checks").get(1);
        check.put("passed", false).put("actual", "1 keys with duplicates");
        b.put("checks_ok", false);
        JsonNode merged = merge(a, b).result();
        JsonNode savepoint = merged.get("strategies").get(1);
        assertEquals("fail", savepoint.get("verdict").asText());
        assertFalse(savepoint.get("invariants_ok").asBoolean());
        assertFalse(savepoint.get("checks").get(1).get("passed").asBoolean());
        assertTrue(savepoint.get("checks").get(1).get("actual").asText().contains("[in1.json] 1 keys with duplicates"));
        assertFalse(merged.get("checks_ok").asBoolean());
        assertEquals("lesson", merged.get("strategies").get(0).get("verdict").asText()); // naive: lesson in both
    }

    @Test
    void timelinesAddElementByElementFromTheStart() throws Exception {
        ObjectNode a = split("a", 0, 3);
        ObjectNode b = split("b", 3, 5);
        timeline(a, new long[] {5, 7, 1}, new long[] {4, 6, 1});
        timeline(b, new long[] {3, 2}, new long[] {3, 1});
        JsonNode t = merge(a, b).result().get("strategies").get(0).get("timeline");
        assertEquals(1000, t.get("interval_ms").asInt());
        assertEquals("[8,9,1]", t.get("attempts").toString());
        assertEquals("[7,7,1]", t.get("successes").toString());
    }

    @Test
    void aTimelineMissingFromOneInputIsLeftOutWithANote() throws Exception {
        ObjectNode a = split("a", 0, 3);
        timeline(a, new long[] {5}, new long[] {4});
        TestResults.Merged m = merge(a, withoutTimeline(split("b", 3, 5)));
        assertFalse(m.result().get("strategies").get(0).has("timeline"));
        assertTrue(m.notes().get(0).contains("only 1 of 2 inputs"), m.notes().toString());
        assertFalse(merge(withoutTimeline(split("a", 0, 3)), withoutTimeline(split("b", 3, 5))).result()
                .get("strategies").get(0).has("timeline"));
    }

    /** A result file written before lockdemo recorded timelines. */
    private static ObjectNode withoutTimeline(ObjectNode result) {
        for (var s : result.get("strategies")) {
            ((ObjectNode) s).remove("timeline");
        }
        return result;
    }

    @Test
    void differentConfigurationsAreRefusedWithOneLine() {
        ObjectNode a = split("a", 0, 3);
        ObjectNode b = split("b", 3, 5);
        ((ObjectNode) b.get("config")).put("threads", 64);
        MergeException e = assertThrows(MergeException.class, () -> merge(a, b));
        assertEquals("cannot merge in1.json with in0.json: config.threads differs (64 vs 4); merge only results of the "
                + "same configuration", e.getMessage());

        ObjectNode c = split("c", 3, 5);
        ((ObjectNode) c.get("database")).put("product", "MariaDB");
        assertTrue(assertThrows(MergeException.class, () -> merge(a, c)).getMessage().contains("database.product differs"));

        ObjectNode d = split("d", 3, 5);
        ((ArrayNode) d.get("config").get("strategies")).remove(2);
        assertTrue(assertThrows(MergeException.class, () -> merge(a, d)).getMessage().contains("config.strategies differs"));

        ObjectNode notOurs = MAPPER.createObjectNode().put("tool", "wrk");
        assertEquals("in1.json is not a lockdemo result file",
                assertThrows(MergeException.class, () -> merge(a, notOurs)).getMessage());
        assertThrows(MergeException.class, () -> merge(a));
    }

    /** The fixture as if run with --keys-per-attempt 3: its config and per strategy the keys' outcomes. */
    private static ObjectNode severalKeys(ObjectNode result, String order) {
        ((ObjectNode) result.get("config")).put("keys_per_attempt", 3).put("key_order", order);
        for (JsonNode s : result.get("strategies")) {
            ((ObjectNode) s).putObject("key_outcomes").put("created", 3).put("found", 6).put("found_after_conflict", 0);
        }
        return result;
    }

    @Test
    void severalKeysPerAttemptMergeOnlyWithTheSameKeysAndOrderAndTheirKeyOutcomesAdd() throws Exception {
        ObjectNode one = split("a", 0, 3);
        String m = assertThrows(MergeException.class, () -> merge(one, severalKeys(split("b", 3, 5), "sorted")))
                .getMessage();
        assertTrue(m.contains("config.keys_per_attempt differs (3 vs "), m);
        m = assertThrows(MergeException.class, () -> merge(severalKeys(split("c", 0, 3), "sorted"),
                severalKeys(split("d", 3, 5), "arrival"))).getMessage();
        assertTrue(m.contains("config.key_order differs (\"arrival\" vs \"sorted\")"), m);
        JsonNode merged = merge(severalKeys(split("e", 0, 3), "sorted"), severalKeys(split("f", 3, 5), "sorted")).result();
        assertEquals(3, merged.get("config").get("keys_per_attempt").asInt());
        assertEquals(6, merged.get("strategies").get(0).get("key_outcomes").get("created").asLong());
        assertEquals(12, merged.get("strategies").get(0).get("key_outcomes").get("found").asLong());
    }

    @Test
    void theMergedFileReadsAndWritesBackUnchanged() throws Exception {
        ObjectNode merged = merge(split("a", 0, 3), split("b", 3, 5)).result();
        String text = org.lockdemo.results.ResultJson.toText(org.lockdemo.results.ResultJson.read(merged));
        assertEquals(MAPPER.writerWithDefaultPrettyPrinter().writeValueAsString(merged) + "\n", text);
    }

    @Test
    void inputsWithDifferentStrategyResultsAreRefused() {
        ObjectNode a = split("a", 0, 3);
        ObjectNode b = split("b", 3, 5);
        ((ArrayNode) b.get("strategies")).remove(2); // stopped before its last strategy
        assertEquals("cannot merge in1.json with in0.json: it has 2 strategy results, the first input 3; merge only "
                + "results of the same configuration", assertThrows(MergeException.class, () -> merge(a, b)).getMessage());
    }

    /** The fixture as if run with --rate: mode, rate, and per strategy a schedule-lag histogram and unstarted. */
    private static ObjectNode openLoop(ObjectNode result, long lagNanos, long unstarted) {
        ((ObjectNode) result.get("config")).put("mode", "open").put("rate_per_s", 100.0);
        for (JsonNode s : result.get("strategies")) {
            Histogram lag = org.lockdemo.metrics.Histograms.newMergeHistogram();
            lag.recordValue(lagNanos);
            ((ObjectNode) s).put("unstarted", unstarted);
            ((ObjectNode) s.get("histograms")).put("schedule_lag_ns", EncodedHistogram.of(lag).base64());
        }
        return result;
    }

    @Test
    void openAndClosedLoopResultsAreNotMerged() {
        ObjectNode closed = split("a", 0, 3);
        ObjectNode open = openLoop(split("b", 3, 5), 1_000_000, 0);
        assertEquals("cannot merge in1.json with in0.json: config.mode differs (open vs closed); an open-loop result "
                + "measures latency from intended starts, a closed-loop one from actual starts; merge only results of "
                + "the same configuration", assertThrows(MergeException.class, () -> merge(closed, open)).getMessage());
        ObjectNode faster = openLoop(split("c", 3, 5), 1_000_000, 0);
        ((ObjectNode) faster.get("config")).put("rate_per_s", 200.0);
        assertTrue(assertThrows(MergeException.class, () -> merge(openLoop(split("d", 0, 3), 1, 0), faster))
                .getMessage().contains("config.rate_per_s differs (200.0 vs 100.0)"));
    }

    @Test
    void aResultWithoutAModeRanClosedAndMergesWithAClosedOne() throws Exception {
        ObjectNode old = split("a", 0, 3);
        ((ObjectNode) old.get("config")).remove("mode");
        ObjectNode closed = split("b", 3, 5);
        long attempts = old.get("strategies").get(0).get("attempts").asLong()
                + closed.get("strategies").get(0).get("attempts").asLong();
        JsonNode merged = merge(old, closed).result();
        assertEquals(attempts, merged.get("strategies").get(0).get("attempts").asLong());
        assertTrue(merged.get("strategies").get(0).path("schedule_lag_us").isMissingNode());
    }

    @Test
    void openLoopResultsMergeTheirLagHistogramsAndUnstarted() throws Exception {
        JsonNode merged = merge(openLoop(split("a", 0, 3), 2_000_000, 3), openLoop(split("b", 3, 5), 9_000_000, 4))
                .result();
        JsonNode s = merged.get("strategies").get(0);
        assertEquals(7, s.get("unstarted").asLong());
        Histogram lag = decode(s.get("histograms").get("schedule_lag_ns"));
        assertEquals(2, lag.getTotalCount());
        assertEquals(9_000.0, s.get("schedule_lag_us").get("max").asDouble(), 9.0);
        assertEquals("open", merged.get("config").get("mode").asText());
    }

    private static void timeline(ObjectNode result, long[] attempts, long[] successes) {
        ObjectNode t = ((ObjectNode) result.get("strategies").get(0)).putObject("timeline");
        t.put("interval_ms", 1000);
        ArrayNode at = t.putArray("attempts");
        ArrayNode su = t.putArray("successes");
        for (long v : attempts) {
            at.add(v);
        }
        for (long v : successes) {
            su.add(v);
        }
    }

    private static Histogram decode(JsonNode base64) throws Exception {
        return Histogram.decodeFromCompressedByteBuffer(ByteBuffer.wrap(Base64.getDecoder().decode(base64.asText())), 0);
    }

    private static long sumCounts(JsonNode errors) {
        long n = 0;
        for (JsonNode e : errors) {
            n += e.get("count").asLong();
        }
        return n;
    }
}
