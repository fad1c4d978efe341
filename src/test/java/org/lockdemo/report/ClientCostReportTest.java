package org.lockdemo.report;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.io.UncheckedIOException;
import java.time.Duration;
import java.util.List;
import java.util.Locale;
import org.junit.jupiter.api.Test;
import org.lockdemo.race.RaceResult;
import org.lockdemo.race.StrategyResult;
import org.lockdemo.race.Warmup;
import org.lockdemo.results.RunResults;

/** Client CPU and the warm-up in the JSON and the console, and their absence when not measured. */
class ClientCostReportTest {

    /** The fixture's run, each strategy with 60 ms of client CPU (3 ms per attempt) and a warm-up. */
    private static RaceResult measured() {
        RaceResult r = ReportFixture.result();
        List<StrategyResult> strategies = r.strategies().stream().map(s -> new StrategyResult(s.strategy(),
                s.measurement(), s.verdict(), s.table(), s.lockViewNote(), s.nodes(), 60_000_000L,
                new Warmup(Duration.ofSeconds(2), 2_004_000_000L, 1234, s.table() + "_w"), s.intensity())).toList();
        return new RaceResult(r.runId(), r.database(), r.spec(), strategies, r.startedAt(), r.finishedAt(),
                r.stopReason(), r.lockViewMethod());
    }

    @Test
    void jsonCarriesClientCpuPerAttemptAndTheWarmup() throws Exception {
        JsonNode s = new ObjectMapper().readTree(TestResults.tree(measured(), "t").toString())
                .get("strategies").get(0);
        assertEquals(20, s.get("attempts").asLong());
        assertEquals(60_000_000L, s.get("client_cpu_nanos").asLong());
        assertEquals(3000.0, s.get("client_cpu_us_per_attempt").asDouble(), 1e-9); // 60 ms / 20 attempts
        JsonNode w = s.get("warmup");
        assertEquals(2.0, w.get("duration_s").asDouble());
        assertEquals(2.004, w.get("elapsed_s").asDouble());
        assertEquals(1234, w.get("attempts").asLong());
        assertEquals("lockdemo_20250101t120000z_a1b2_naive_w", w.get("table").asText());
    }

    @Test
    void jsonLeavesThemOutWhenNotMeasured() throws Exception {
        JsonNode s = new ObjectMapper().readTree(TestResults.tree(ReportFixture.result(), "t").toString())
                .get("strategies").get(0);
        assertFalse(s.has("client_cpu_nanos"));
        assertFalse(s.has("client_cpu_us_per_attempt"));
        assertFalse(s.has("warmup"));
    }

    @Test
    void mergeSumsTheProcessesCpuAndDropsItWhenOneInputLacksIt() throws Exception {
        JsonNode withCpu = TestResults.tree(measured(), "t");
        JsonNode merged = TestResults.merge(List.of("a.json", "b.json"), withCpu, withCpu).result()
                .get("strategies").get(0);
        assertEquals(40, merged.get("attempts").asLong());
        assertEquals(120_000_000L, merged.get("client_cpu_nanos").asLong());
        assertEquals(3000.0, merged.get("client_cpu_us_per_attempt").asDouble(), 1e-9);
        JsonNode without = TestResults.tree(ReportFixture.result(), "t");
        JsonNode mixed = TestResults.merge(List.of("a.json", "c.json"), withCpu, without).result()
                .get("strategies").get(0);
        assertFalse(mixed.has("client_cpu_nanos"), mixed.toString());
    }

    @Test
    void consoleShowsTheWarmupAlwaysAndTheCpuWhenVerbose() {
        for (Locale locale : List.of(Locale.US, Locale.GERMANY)) {
            Locale saved = Locale.getDefault();
            try {
                Locale.setDefault(locale);
                String quiet = render(false);
                String verbose = render(true);
                assertTrue(quiet.contains("  warm-up: savepoint for 2.0 s on a throwaway table, 1234 attempts, "
                        + "not counted above\n"), quiet);
                assertFalse(quiet.contains("client CPU"), quiet);
                assertTrue(verbose.contains("  client CPU: 0.060 s while the workers ran, 3000.0 us per attempt"),
                        verbose);
            } finally {
                Locale.setDefault(saved);
            }
        }
    }

    private static String render(boolean verbose) {
        StringWriter text = new StringWriter();
        try { // a StringWriter: never fails
            (verbose ? Format.CONSOLE_VERBOSE : Format.CONSOLE).write(RunResults.of(measured(), "test"), new PrintWriter(text));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return text.toString().replace("\r\n", "\n");
    }
}
