package org.lockdemo.report;

import java.io.IOException;
import java.io.PrintWriter;
import java.io.Writer;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import org.HdrHistogram.Histogram;
import org.lockdemo.check.Check;
import org.lockdemo.db.DatabaseInfo;
import org.lockdemo.model.Outcome;
import org.lockdemo.results.ClientCpu;
import org.lockdemo.results.EncodedHistogram;
import org.lockdemo.results.ErrorEntry;
import org.lockdemo.results.NodeEntry;
import org.lockdemo.results.Percentiles;
import org.lockdemo.results.RaceIntensityEntry;
import org.lockdemo.results.RunConfig;
import org.lockdemo.results.RunResult;
import org.lockdemo.results.StrategyEntry;
import org.lockdemo.results.Unrounded;

/**
 * Writes a {@link RunResult} as the console tables a person reads ({@link Format#CONSOLE}, and
 * {@link Format#CONSOLE_VERBOSE} with every check, error and the client's CPU).
 *
 * <p>The console rounds the measured figures itself (throughput to a whole number, racers to 0.1,
 * milliseconds to 0.01), so it reads them unrounded: percentiles from the result's exact histograms,
 * the rest from {@link StrategyEntry#unrounded()}. Rounding the file's already rounded figures again
 * could change a last digit. A result read from a file lacks the unrounded figures; the console then
 * falls back to the rounded ones.
 *
 * <p>Pure: writes only to the writer it is given, formats numbers with {@link Locale#US}.
 * Thread-safe (immutable).
 */
public final class ConsoleReport implements ReportFormat {
    /** Outcome columns that are always shown, so runs compare at a glance; others appear when non-zero. */
    private static final List<Outcome> ALWAYS = List.of(Outcome.CREATED, Outcome.FOUND, Outcome.FOUND_AFTER_CONFLICT,
            Outcome.UNIQUE_VIOLATION);

    private final boolean verbose;

    /** @param verbose also print passed checks, the errors, the lock-view note and the client's CPU */
    ConsoleReport(boolean verbose) {
        this.verbose = verbose;
    }

    /**
     * Writes and flushes; a {@link PrintWriter} is written through as is (its error flag stays the
     * caller's to check, as for any console output), any other writer reports a failed write.
     */
    @Override
    public void write(RunResult result, Writer out) throws IOException {
        if (out instanceof PrintWriter printWriter) {
            render(result, printWriter);
            return;
        }
        PrintWriter printWriter = new PrintWriter(out);
        render(result, printWriter);
        if (printWriter.checkError()) {
            throw new IOException("writing the console report failed");
        }
    }

    private void render(RunResult result, PrintWriter out) {
        RunConfig config = result.config();
        out.println(header(result));
        out.println();
        List<Outcome> columns = outcomeColumns(result);
        List<String> head = new ArrayList<>(List.of("strategy", "attempts"));
        boolean intensity = result.strategies().stream().anyMatch(r -> r.raceIntensity() != null);
        boolean hot = hotKey(config);
        if (intensity) {
            head.addAll(List.of(hot ? "racers/round" : "raced %", "start p50 us"));
        }
        columns.forEach(o -> head.add(o.id()));
        boolean retries = result.strategies().stream().anyMatch(r -> r.retriesOrZero() > 0);
        if (retries) {
            head.add("retries");
        }
        head.addAll(List.of("blocked", "p50 ms", "p99 ms", "max ms", "lock p99 ms"));
        boolean open = config.openLoop();
        if (open) {
            head.addAll(List.of("lag p99 ms", "lag max ms", "unstarted"));
        }
        head.addAll(List.of("attempts/s", "verdict"));
        List<List<String>> rows = new ArrayList<>();
        for (StrategyEntry r : result.strategies()) {
            List<String> row = new ArrayList<>(List.of(r.strategy(), Long.toString(r.attemptsOrZero())));
            if (intensity) {
                row.add(racers(r, hot));
                row.add(startSpread(r));
            }
            columns.forEach(o -> row.add(Long.toString(r.count(o.id()))));
            if (retries) {
                row.add(Long.toString(r.retriesOrZero()));
            }
            row.add(Long.toString(orZero(r.blockedWaits())));
            Figures latency = Figures.of(r.histograms() == null ? null : r.histograms().latency(), r.latencyUs());
            Figures lockWait = Figures.of(r.histograms() == null ? null : r.histograms().lockWait(), r.lockWaitUs());
            row.add(latency.ms(50));
            row.add(latency.ms(99));
            row.add(ms(latency.maxNanos()));
            row.add(lockWait.ms(99));
            if (open) {
                Figures lag = Figures.of(r.histograms() == null ? null : r.histograms().scheduleLag(),
                        r.scheduleLagUs());
                row.add(lag.ms(99));
                row.add(lag.empty() ? "-" : ms(lag.maxNanos()));
                row.add(Long.toString(orZero(r.unstarted())));
            }
            row.add(String.format(Locale.US, "%.0f", throughput(r)));
            row.add(verdictWord(r));
            rows.add(row);
        }
        Table.render(head, rows, out);
        out.println();
        for (StrategyEntry r : result.strategies()) {
            out.println(r.strategy() + ": " + r.explanation());
            if (r.warmup() != null) {
                double elapsedS = r.unrounded() != null && r.unrounded().warmupElapsedNanos() != null
                        ? r.unrounded().warmupElapsedNanos() / 1e9 : r.warmup().elapsedS();
                out.println(String.format(Locale.US, "  warm-up: %s for %.1f s on a throwaway table, %d attempts, "
                        + "not counted above", r.strategy(), elapsedS, r.warmup().attempts()));
            }
            for (Check c : r.checks()) {
                if (!c.passed() && c.enforced()) {
                    out.println("  FAILED " + c.name() + ": expected " + c.expected() + ", got " + c.actual()
                            + " (" + c.evidence() + ")");
                } else if (!c.passed()) {
                    out.println("  lesson " + c.name() + ": expected of a safe strategy " + c.expected() + ", got "
                            + c.actual() + " (" + c.evidence() + ")");
                } else if (verbose) {
                    out.println("  ok " + c.name() + ": " + c.actual() + " (" + c.evidence() + ")");
                }
            }
            for (NodeEntry node : r.nodes()) {
                out.println("  " + nodeLine(node));
            }
            if (verbose) {
                for (ErrorEntry e : r.errors()) {
                    out.println("  " + e.count() + "x " + e.outcome() + " at " + step(e) + " SQLState "
                            + e.sqlState() + (e.vendorCode() != null && e.vendorCode() != 0 ? " code " + e.vendorCode()
                                    : "")
                            + " " + e.condition() + ": " + e.firstMessage());
                }
                out.println("  " + r.lockViewNote());
                ClientCpu cpu = r.clientCpu();
                if (cpu != null) {
                    long attempts = r.attemptsOrZero();
                    double nanosPerAttempt = attempts == 0 ? 0 : (double) cpu.nanos() / attempts;
                    out.println(String.format(Locale.US, "  client CPU: %.3f s while the workers ran, %.1f us per "
                            + "attempt (the whole lockdemo process: workers, lock-view sampler, GC, JIT)",
                            cpu.nanos() / 1e9, nanosPerAttempt / 1e3));
                }
            }
        }
        out.println();
        out.println("blocked = attempts the server's lock view showed waiting for another session (a lower bound); "
                + "lock = time inside SELECT ... FOR UPDATE and INSERT.");
        if (intensity) {
            out.println((hot ? "racers/round = mean attempts per round" : "raced % = share of attempts")
                    + " whose first statement on the key's row found none (the winner included; >= marks a lower "
                    + "bound, see docs/race.md); start p50 us = median time from the first to the last thread "
                    + "leaving the start line.");
        }
        if (open) {
            out.println("open loop: latency counts from each attempt's intended start; lag = actual start - intended "
                    + "start; unstarted = attempts meant to start before the end that a thread was too late for.");
        }
        if (!result.complete()) {
            out.println("PARTIAL RESULTS: the run stopped early: " + result.stopReason());
        }
        out.flush();
    }

    /** The verdict column: {@code FAIL} shouts, {@code pass} and {@code lesson} do not. */
    private static String verdictWord(StrategyEntry r) {
        return StrategyEntry.FAIL.equals(r.verdict()) ? "FAIL" : r.verdict();
    }

    /** The SQL step as the runner names it ({@link org.lockdemo.model.SqlStep}); the file holds it in lower case. */
    private static String step(ErrorEntry e) {
        return e.step() == null ? null : e.step().toUpperCase(Locale.ROOT);
    }

    private static double throughput(StrategyEntry r) {
        if (r.unrounded() != null) {
            return r.unrounded().throughputPerSecond();
        }
        return r.throughputPerS() == null ? 0 : r.throughputPerS();
    }

    private static String racers(StrategyEntry r, boolean hot) {
        RaceIntensityEntry ri = r.raceIntensity();
        if (ri == null) {
            return "-";
        }
        Unrounded exact = r.unrounded();
        String bound = ri.lowerBound() ? ">=" : "";
        if (hot) {
            Double mean = exact != null ? exact.racersPerRoundMean()
                    : ri.racersPerRound() == null ? null : ri.racersPerRound().mean();
            return mean == null ? "-" : bound + String.format(Locale.US, "%.1f", mean);
        }
        Double share = exact != null ? exact.racedShare() : ri.racedShare();
        return bound + String.format(Locale.US, "%.1f", 100 * (share == null ? 0 : share));
    }

    private static String startSpread(StrategyEntry r) {
        if (r.raceIntensity() == null) {
            return "-";
        }
        Double p50Us;
        if (r.unrounded() != null) {
            Long nanos = r.unrounded().startSpreadP50Nanos();
            p50Us = nanos == null ? null : nanos / 1e3;
        } else {
            RaceIntensityEntry.StartSpread spread = r.raceIntensity().startSpread();
            p50Us = spread == null || spread.releases() == 0 ? null : spread.p50Us();
        }
        return p50Us == null ? "-" : String.format(Locale.US, "%.0f", p50Us);
    }

    /**
     * One node's share of a strategy's attempts: its outcomes that occurred, and how its counters of
     * aborted transactions moved (server-wide: other clients' aborts on the node count too).
     */
    static String nodeLine(NodeEntry node) {
        List<String> parts = new ArrayList<>();
        for (Outcome o : Outcome.all()) {
            if (node.count(o.id()) > 0) {
                parts.add(o.id() + " " + node.count(o.id()));
            }
        }
        if (node.retries() > 0) {
            parts.add("retries " + node.retries());
        }
        StringBuilder line = new StringBuilder(String.format(Locale.US, "%s (%s): %d attempts", node.node(),
                node.url(), node.attempts()));
        if (!parts.isEmpty()) {
            line.append(": ").append(String.join(", ", parts));
        }
        if (!node.counterDeltas().isEmpty()) {
            List<String> deltas = new ArrayList<>();
            node.counterDeltas().forEach((k, v) -> deltas.add(k + " +" + v));
            line.append("; server counters ").append(String.join(", ", deltas));
        }
        return line.toString();
    }

    static String header(RunResult result) {
        DatabaseInfo db = result.database();
        RunConfig c = result.config();
        String shape = hotKey(c) ? "hot key (all threads on one fresh key per round)" : c.keys() + " keys at random";
        String length = c.timed() ? formatSeconds(c.durationMillis()) + " per strategy" : c.rounds() + " rounds";
        String where = db.nodes().size() > 1 ? String.format(Locale.US, " across %d nodes of a cluster", db.nodes().size())
                : "";
        String loop = c.openLoop() ? String.format(Locale.US, ", open loop at %s attempts/s (%s/s per thread)",
                rate(c.ratePerS()), rate(c.ratePerS() / c.threads())) : "";
        long delayNanos = c.statementDelayNanosOrFromUs();
        return String.format(Locale.US, "lockdemo race: %s %s%s%s, isolation %s, %d threads, %s, %s, hold %d ms%s, seed %d",
                db.product(), db.version(), db.embedded() ? " (embedded)" : "", where, db.isolation(), c.threads(), shape,
                length, c.holdMs(), loop + (delayNanos == 0 ? ""
                        : String.format(Locale.US, ", statement delay %s ms", rate(delayNanos / 1e6))),
                c.seed());
    }

    /** Hot key: {@code --keys 0}, all threads on one fresh key per round. */
    private static boolean hotKey(RunConfig c) {
        return c.keys() != null && c.keys() == 0;
    }

    private static String rate(double perSecond) {
        return perSecond == Math.rint(perSecond) ? String.format(Locale.US, "%.0f", perSecond)
                : String.format(Locale.US, "%.3g", perSecond);
    }

    private static List<Outcome> outcomeColumns(RunResult result) {
        List<Outcome> cols = new ArrayList<>();
        for (Outcome o : Outcome.all()) {
            boolean nonZero = result.strategies().stream().anyMatch(r -> r.count(o.id()) > 0);
            if (ALWAYS.contains(o) || nonZero) {
                cols.add(o);
            }
        }
        return cols;
    }

    private static long orZero(Long n) {
        return n == null ? 0 : n;
    }

    private static String ms(long nanos) {
        return String.format(Locale.US, "%.2f", nanos / 1e6);
    }

    private static String formatSeconds(long millis) {
        return millis % 1000 == 0 ? (millis / 1000) + " s" : String.format(Locale.US, "%.3f s", millis / 1000.0);
    }

    /**
     * A histogram's figures in nanoseconds: exact from the result's histogram, or, in a file without
     * it, from the summary's microseconds.
     */
    private record Figures(Histogram exact, Percentiles summary) {
        static Figures of(EncodedHistogram encoded, Percentiles summary) {
            return new Figures(encoded == null ? null : encoded.decode(), summary);
        }

        boolean empty() {
            return exact != null ? exact.getTotalCount() == 0 : summary == null || summary.empty();
        }

        /** {@code -} for an empty histogram. */
        String ms(double percentile) {
            if (empty()) {
                return "-";
            }
            if (exact != null) {
                return ConsoleReport.ms(exact.getValueAtPercentile(percentile));
            }
            Double us = percentile == 50 ? summary.p50Us() : percentile == 99 ? summary.p99Us() : null;
            return us == null ? "-" : ConsoleReport.ms(Math.round(us * 1e3));
        }

        long maxNanos() {
            if (exact != null) {
                return exact.getMaxValue();
            }
            return summary == null || summary.maxUs() == null ? 0 : Math.round(summary.maxUs() * 1e3);
        }
    }
}
