package org.lockdemo.report;

import org.HdrHistogram.Histogram;
import org.lockdemo.race.RaceIntensity;
import java.io.PrintWriter;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import org.HdrHistogram.Histogram;
import org.lockdemo.check.Check;
import org.lockdemo.db.DatabaseInfo;
import org.lockdemo.metrics.ErrorSample;
import org.lockdemo.metrics.Measurement;
import org.lockdemo.metrics.ProcessCpu;
import org.lockdemo.model.Outcome;
import org.lockdemo.race.RaceResult;
import org.lockdemo.race.NodeResult;
import org.lockdemo.race.RaceSpec;
import org.lockdemo.race.StrategyResult;

/**
 * Renders a {@link RaceResult} as the console tables a person reads. Pure: writes only to the
 * writer it is given, formats numbers with {@link Locale#US}. Thread-safe (stateless).
 */
public final class ConsoleReport {
    /** Outcome columns that are always shown, so runs compare at a glance; others appear when non-zero. */
    private static final List<Outcome> ALWAYS = List.of(Outcome.CREATED, Outcome.FOUND, Outcome.FOUND_AFTER_CONFLICT,
            Outcome.UNIQUE_VIOLATION);

    private ConsoleReport() {
    }

    private static String racers(RaceIntensity ri, boolean hot) {
        if (ri == null) {
            return "-";
        }
        String bound = ri.lowerBound() ? ">=" : "";
        if (hot) {
            Histogram h = ri.racersPerRound();
            return h == null || h.getTotalCount() == 0 ? "-" : bound + String.format(Locale.US, "%.1f", h.getMean());
        }
        return bound + String.format(Locale.US, "%.1f", 100 * ri.racedShare());
    }

    private static String startSpread(RaceIntensity ri) {
        Histogram h = ri == null ? null : ri.startSpreadNanos();
        return h == null || h.getTotalCount() == 0 ? "-"
                : String.format(Locale.US, "%.0f", h.getValueAtPercentile(50) / 1e3);
    }

    public static void render(RaceResult result, PrintWriter out, boolean verbose) {
        out.println(header(result));
        out.println();
        List<Outcome> columns = outcomeColumns(result);
        List<String> head = new ArrayList<>(List.of("strategy", "attempts"));
        boolean intensity = result.strategies().stream().anyMatch(r -> r.intensity() != null);
        boolean hot = result.spec().hotKey();
        if (intensity) {
            head.addAll(List.of(hot ? "racers/round" : "raced %", "start p50 us"));
        }
        columns.forEach(o -> head.add(o.id()));
        boolean retries = result.strategies().stream().anyMatch(r -> r.measurement().retries() > 0);
        if (retries) {
            head.add("retries");
        }
        head.addAll(List.of("blocked", "p50 ms", "p99 ms", "max ms", "lock p99 ms"));
        boolean open = result.spec().openLoop();
        if (open) {
            head.addAll(List.of("lag p99 ms", "lag max ms", "unstarted"));
        }
        head.addAll(List.of("attempts/s", "verdict"));
        List<List<String>> rows = new ArrayList<>();
        for (StrategyResult r : result.strategies()) {
            Measurement m = r.measurement();
            List<String> row = new ArrayList<>(List.of(r.strategy().id(), Long.toString(m.attempts())));
            if (intensity) {
                row.add(racers(r.intensity(), hot));
                row.add(startSpread(r.intensity()));
            }
            columns.forEach(o -> row.add(Long.toString(m.count(o))));
            if (retries) {
                row.add(Long.toString(m.retries()));
            }
            row.add(Long.toString(m.blockedWaits()));
            row.add(ms(m.latencyNanos(), 50));
            row.add(ms(m.latencyNanos(), 99));
            row.add(ms(m.latencyNanos().getMaxValue()));
            row.add(ms(m.lockWaitNanos(), 99));
            if (open) {
                row.add(ms(m.scheduleLagNanos(), 99));
                row.add(m.scheduleLagNanos().getTotalCount() == 0 ? "-" : ms(m.scheduleLagNanos().getMaxValue()));
                row.add(Long.toString(m.unstarted()));
            }
            row.add(String.format(Locale.US, "%.0f", m.throughputPerSecond()));
            row.add(Explanations.verdictWord(r));
            rows.add(row);
        }
        Table.render(head, rows, out);
        out.println();
        for (StrategyResult r : result.strategies()) {
            out.println(r.strategy().id() + ": " + Explanations.explain(r, result.database().dialect()));
            if (r.warmup() != null) {
                out.println(String.format(Locale.US, "  warm-up: %s for %.1f s on a throwaway table, %d attempts, "
                        + "not counted above", r.strategy().id(), r.warmup().elapsedNanos() / 1e9, r.warmup().attempts()));
            }
            for (Check c : r.verdict().checks()) {
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
            for (NodeResult node : r.nodes()) {
                out.println("  " + nodeLine(node));
            }
            if (verbose) {
                for (ErrorSample e : r.measurement().errors()) {
                    out.println("  " + e.count() + "x " + e.outcome().id() + " at " + e.step() + " SQLState "
                            + e.sqlState() + (e.vendorCode() != 0 ? " code " + e.vendorCode() : "") + " "
                            + e.condition() + ": " + e.firstMessage());
                }
                out.println("  " + r.lockViewNote());
                if (r.clientCpuNanos() != ProcessCpu.UNKNOWN) {
                    out.println(String.format(Locale.US, "  client CPU: %.3f s while the workers ran, %.1f us per "
                            + "attempt (the whole lockdemo process: workers, lock-view sampler, GC, JIT)",
                            r.clientCpuNanos() / 1e9, Math.max(0, r.clientCpuNanosPerAttempt()) / 1e3));
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

    /**
     * One node's share of a strategy's attempts: its outcomes that occurred, and how its counters of
     * aborted transactions moved (server-wide: other clients' aborts on the node count too).
     */
    static String nodeLine(NodeResult node) {
        Measurement m = node.measurement();
        List<String> parts = new ArrayList<>();
        for (Outcome o : Outcome.all()) {
            if (m.count(o) > 0) {
                parts.add(o.id() + " " + m.count(o));
            }
        }
        if (m.retries() > 0) {
            parts.add("retries " + m.retries());
        }
        StringBuilder line = new StringBuilder(String.format(Locale.US, "%s (%s): %d attempts", node.node(),
                node.url(), m.attempts()));
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

    static String header(RaceResult result) {
        DatabaseInfo db = result.database();
        RaceSpec s = result.spec();
        String shape = s.hotKey() ? "hot key (all threads on one fresh key per round)" : s.keys() + " keys at random";
        String length = s.duration() != null ? formatSeconds(s.duration().toMillis()) + " per strategy"
                : s.rounds() + " rounds";
        String where = db.nodes().size() > 1 ? String.format(Locale.US, " across %d nodes of a cluster", db.nodes().size())
                : "";
        String loop = s.openLoop() ? String.format(Locale.US, ", open loop at %s attempts/s (%s/s per thread)",
                rate(s.ratePerSecond()), rate(s.ratePerSecond() / s.threads())) : "";
        return String.format(Locale.US, "lockdemo race: %s %s%s%s, isolation %s, %d threads, %s, %s, hold %d ms%s, seed %d",
                db.product(), db.version(), db.embedded() ? " (embedded)" : "", where, db.isolation(), s.threads(), shape,
                length, s.holdMillis(), loop + (s.statementDelay().isZero() ? ""
                        : String.format(Locale.US, ", statement delay %s ms", rate(s.statementDelay().toNanos() / 1e6))),
                s.seed());
    }

    private static String rate(double perSecond) {
        return perSecond == Math.rint(perSecond) ? String.format(Locale.US, "%.0f", perSecond)
                : String.format(Locale.US, "%.3g", perSecond);
    }

    private static List<Outcome> outcomeColumns(RaceResult result) {
        List<Outcome> cols = new ArrayList<>();
        for (Outcome o : Outcome.all()) {
            boolean nonZero = result.strategies().stream().anyMatch(r -> r.measurement().count(o) > 0);
            if (ALWAYS.contains(o) || nonZero) {
                cols.add(o);
            }
        }
        return cols;
    }

    private static String ms(Histogram h, double percentile) {
        return h.getTotalCount() == 0 ? "-" : ms(h.getValueAtPercentile(percentile));
    }

    private static String ms(long nanos) {
        return String.format(Locale.US, "%.2f", nanos / 1e6);
    }

    private static String formatSeconds(long millis) {
        return millis % 1000 == 0 ? (millis / 1000) + " s" : String.format(Locale.US, "%.3f s", millis / 1000.0);
    }
}
