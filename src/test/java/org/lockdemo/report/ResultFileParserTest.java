package org.lockdemo.report;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import org.junit.jupiter.api.Test;

class ResultFileParserTest {
    private static ObjectNode tree() {
        return TestResults.tree(ReportFixture.result(), "test");
    }

    private static String failure(ObjectNode tree) {
        return assertThrows(ResultFileParser.BadResultFile.class, () -> ResultFileParser.parse(tree, "r.json"))
                .getMessage();
    }

    @Test
    void readsWhatTheRaceWrote() throws Exception {
        ResultFile f = ResultFileParser.parse(tree(), "r.json");
        assertEquals("PostgreSQL 18.3 (embedded)", f.database());
        assertEquals("isolation read committed, 4 threads, hot key, 5 rounds, hold 10 ms", f.setup());
        assertEquals("2025-01-01 12:00:00Z", f.startedAt());
        assertEquals(3, f.strategies().size());
        ResultFile.Strategy naive = f.strategy("naive");
        assertEquals(20, naive.attempts());
        assertEquals(3, naive.outcomes().get("unique_violation"));
        assertEquals(20, naive.latencyNanos().getTotalCount(), "the histogram decoded");
        assertEquals(20, naive.lockWaitNanos().getTotalCount());
        assertArrayEquals(new long[] {16, 4}, naive.timelineAttempts());
        assertEquals("lesson", naive.verdict());
        assertEquals(6, naive.checks().size());
    }

    @Test
    void aFileWithoutTimelineStillReads() throws Exception {
        ObjectNode t = tree();
        ((ObjectNode) t.get("strategies").get(0)).remove("timeline");
        assertEquals(0, ResultFileParser.parse(t, "old.json").strategy("naive").timelineAttempts().length);
    }

    @Test
    void somethingElseIsNotALockdemoResult() throws Exception {
        assertEquals("r.json: not a lockdemo result (no \"tool\": \"lockdemo\"; make one with lockdemo race --json FILE)",
                failure((ObjectNode) new ObjectMapper().readTree("{\"name\": \"package.json\"}")));
        ObjectNode t = tree();
        t.remove("strategies");
        assertEquals("r.json: not a lockdemo result (no \"strategies\" list)", failure(t));
    }

    @Test
    void aBrokenFieldIsNamed() {
        ObjectNode t = tree();
        ((ObjectNode) t.get("strategies").get(1).get("histograms")).put("lock_wait_ns", "bm90IGEgaGlzdG9ncmFt");
        String m = failure(t);
        assertTrue(m.startsWith("r.json: strategies[1].histograms.lock_wait_ns: not a base64 HdrHistogram ("), m);
        t = tree();
        ((ObjectNode) t.get("strategies").get(2)).remove("attempts");
        assertEquals("r.json: strategies[2].attempts: missing or not a number", failure(t));
        t = tree();
        ((ObjectNode) t.get("strategies").get(0).get("timeline")).putArray("successes").add(1);
        assertEquals("r.json: strategies[0].timeline: 2 seconds of attempts but 1 of successes", failure(t));
    }
}
