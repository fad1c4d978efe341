package org.lockdemo.report;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.io.StringWriter;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import org.HdrHistogram.Histogram;
import org.junit.jupiter.api.Test;
import org.lockdemo.check.Checker;
import org.lockdemo.check.KeyRow;
import org.lockdemo.check.RunFacts;
import org.lockdemo.metrics.Measurement;
import org.lockdemo.metrics.WorkerStats;
import org.lockdemo.model.Outcome;
import org.lockdemo.model.RowKey;
import org.lockdemo.race.RaceIntensity;
import org.lockdemo.race.RaceResult;
import org.lockdemo.race.RaceSpec;
import org.lockdemo.race.StrategyResult;
import org.lockdemo.race.Warmup;
import org.lockdemo.results.ResultJson;
import org.lockdemo.results.RunResult;
import org.lockdemo.results.RunResults;
import org.lockdemo.strategy.StrategyKind;

/**
 * The console rounds the measured figures, not the result file's already rounded ones: figures on
 * a rounding edge, where rounding twice changes the printed digit.
 */
class ConsoleRoundingTest {
    private static final long SECOND = 1_000_000_000L;

    /**
     * 49 attempts in 20 s: 2.45/s, which the file rounds to 2.5 (and the console would print as 3);
     * a start spread of 1450 ns, which the file rounds to 1.5 µs (2); a warm-up of 1.2496 s, which
     * the file rounds to 1.250 s (1.3).
     */
    private static RaceResult onTheEdges() {
        WorkerStats stats = new WorkerStats();
        for (int i = 0; i < 49; i++) {
            Outcome o = i == 0 ? Outcome.CREATED : Outcome.FOUND;
            stats.attemptStarted();
            stats.attemptEnded(o, 1_000_000, 0, 20_000, o == Outcome.CREATED, true, 0);
        }
        Measurement m = Measurement.merge(List.of(stats), 20 * SECOND, 0);
        RunFacts facts = new RunFacts(StrategyKind.SAVEPOINT.expectedSafe(), m.attempts(), m.outcomes(),
                m.insertsCommitted(), m.incrementsPerKey());
        Histogram spread = new Histogram(3);
        spread.recordValue(1_450);
        RaceIntensity intensity = new RaceIntensity(1, 49, null, spread, null);
        Warmup warmup = new Warmup(Duration.ofSeconds(1), 1_249_600_000L, 7, "lockdemo_warmup");
        StrategyResult r = new StrategyResult(StrategyKind.SAVEPOINT, m,
                Checker.check(facts, List.of(new KeyRow(RowKey.ofIndex(0), 1, m.incrementsPerKey()[0]))),
                "lockdemo_t_savepoint", "lock view polled 0 times", List.of(), 60_000_000L, warmup, intensity);
        RaceSpec spec = new RaceSpec(List.of(StrategyKind.SAVEPOINT), 1, 49, null, 10, 0,
                ReportFixture.spec().isolation(), 42L, Duration.ofSeconds(30), Duration.ofMillis(1), false, 10);
        return new RaceResult("t", ReportFixture.database(), spec, List.of(r), Instant.parse("2025-01-01T12:00:00Z"),
                Instant.parse("2025-01-01T12:00:20Z"), null, "pg_stat_activity polled (test)");
    }

    /** The wide console: every column, and the header on one line. */
    private static String console(RunResult result) throws IOException {
        StringWriter text = new StringWriter();
        Format.console(false, ConsoleView.WIDE).write(result, text);
        return text.toString().replace(System.lineSeparator(), "\n");
    }

    private static String row(String console) {
        return console.lines().filter(l -> l.startsWith("savepoint ")).findFirst().orElseThrow();
    }

    @Test
    void roundsTheMeasuredFiguresOnce() throws IOException {
        String text = console(RunResults.of(onTheEdges(), "test"));
        assertTrue(row(text).matches("savepoint +49 +2\\.0 +1 .* 2 +pass"), text); // raced %, start p50 us, attempts/s
        assertTrue(text.contains("  warm-up: savepoint for 1.2 s on a throwaway table, 7 attempts"), text);
    }

    /** Why the record keeps the unrounded figures: from the file's figures, each of them would change. */
    @Test
    void fromAResultFileTheFiguresAreTheFilesRoundedOnes() throws IOException {
        RunResult measured = RunResults.of(onTheEdges(), "test");
        String text = console(ResultJson.read(ResultJson.toText(measured)));
        assertTrue(row(text).matches("savepoint +49 +2\\.0 +2 .* 3 +pass"), text);
        assertTrue(text.contains("  warm-up: savepoint for 1.3 s on a throwaway table, 7 attempts"), text);
    }

    @Test
    void theResultFileIsTheSameWithOrWithoutTheUnroundedFigures() throws IOException {
        RunResult measured = RunResults.of(onTheEdges(), "test");
        RunResult read = ResultJson.read(ResultJson.toText(measured));
        assertEquals(ResultJson.toText(measured), ResultJson.toText(read));
        assertEquals(null, read.strategies().get(0).unrounded());
        assertEquals(null, read.config().statementDelayNanos());
    }

    @Test
    void theHeaderShowsASubMicrosecondStatementDelayExactly() throws IOException {
        RaceResult r = onTheEdges();
        RaceSpec s = r.spec();
        RaceSpec delayed = new RaceSpec(s.strategies(), s.threads(), s.rounds(), s.duration(), s.keys(),
                s.holdMillis(), s.isolation(), s.seed(), s.lockTimeout(), s.lockViewInterval(), s.keep(),
                s.maxRetries(), 0, Duration.ofNanos(1_500));
        RaceResult withDelay = new RaceResult(r.runId(), r.database(), delayed, r.strategies(), r.startedAt(),
                r.finishedAt(), null, r.lockViewMethod());
        String text = console(RunResults.of(withDelay, "test"));
        assertTrue(text.lines().findFirst().orElseThrow().contains(", statement delay 0.00150 ms, seed 42"), text);
    }
}
