package org.lockdemo.report;

import java.io.PrintWriter;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import org.HdrHistogram.Histogram;
import org.lockdemo.check.Check;
import org.lockdemo.db.DatabaseInfo;
import org.lockdemo.metrics.ErrorSample;
import org.lockdemo.metrics.Measurement;
import org.lockdemo.model.Outcome;
import org.lockdemo.race.RaceResult;
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

    public static void render(RaceResult result, PrintWriter out, boolean verbose) {
        out.println(header(result));
        out.println();
        List<Outcome> columns = outcomeColumns(result);
        List<String> head = new ArrayList<>(List.of("strategy", "attempts"));
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
            if (verbose) {
                for (ErrorSample e : r.measurement().errors()) {
                    out.println("  " + e.count() + "x " + e.outcome().id() + " at " + e.step() + " SQLState "
                            + e.sqlState() + (e.vendorCode() != 0 ? " code " + e.vendorCode() : "") + " "
                            + e.condition() + ": " + e.firstMessage());
                }
                out.println("  " + r.lockViewNote());
            }
        }
        out.println();
        out.println("blocked = attempts the server's lock view showed waiting for another session (a lower bound); "
                + "lock = time inside SELECT ... FOR UPDATE and INSERT.");
        if (open) {
            out.println("open loop: latency counts from each attempt's intended start; lag = actual start - intended "
                    + "start; unstarted = attempts meant to start before the end that a thread was too late for.");
        }
        if (!result.complete()) {
            out.println("PARTIAL RESULTS: the run stopped early: " + result.stopReason());
        }
        out.flush();
    }

    static String header(RaceResult result) {
        DatabaseInfo db = result.database();
        RaceSpec s = result.spec();
        String shape = s.hotKey() ? "hot key (all threads on one fresh key per round)" : s.keys() + " keys at random";
        String length = s.duration() != null ? formatSeconds(s.duration().toMillis()) + " per strategy"
                : s.rounds() + " rounds";
        String loop = s.openLoop() ? String.format(Locale.US, ", open loop at %s attempts/s (%s/s per thread)",
                rate(s.ratePerSecond()), rate(s.ratePerSecond() / s.threads())) : "";
        return String.format(Locale.US, "lockdemo race: %s %s%s, isolation %s, %d threads, %s, %s, hold %d ms%s, seed %d",
                db.product(), db.version(), db.embedded() ? " (embedded)" : "", db.isolation(), s.threads(), shape,
                length, s.holdMillis(), loop, s.seed());
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
