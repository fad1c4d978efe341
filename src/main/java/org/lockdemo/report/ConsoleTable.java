package org.lockdemo.report;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import org.HdrHistogram.Histogram;
import org.lockdemo.model.Outcome;
import org.lockdemo.results.EncodedHistogram;
import org.lockdemo.results.Percentiles;
import org.lockdemo.results.RaceIntensityEntry;
import org.lockdemo.results.RunConfig;
import org.lockdemo.results.RunResult;
import org.lockdemo.results.StrategyEntry;
import org.lockdemo.results.Unrounded;

/**
 * The columns of the console's table of strategies for one result: every one ({@code --wide}), or
 * those that matter ({@link #fitted}: the outcome columns that are non-zero for some strategy, under
 * short names ({@link #label}), latency as one {@code p50/p99 ms} column), which {@link ColumnFit}
 * then fits to a width. Pure; stateless.
 */
final class ConsoleTable {
    private ConsoleTable() {
    }

    /** Every column, as the table was before it was fitted: the outcome ids, latency apart. */
    static List<ColumnFit.Column> wide(RunResult result) {
        return columns(result, true);
    }

    /** The columns that matter for this result, before fitting them to a width. */
    static List<ColumnFit.Column> fitted(RunResult result) {
        return columns(result, false);
    }

    /**
     * An outcome's short name in the fitted table; the footnote spells out the ones that differ from
     * the id ({@code --expect} and the JSON use the ids).
     */
    static String label(Outcome o) {
        return switch (o) {
            case CREATED -> "created";
            case FOUND -> "found";
            case FOUND_AFTER_CONFLICT -> "conflict";
            case UNIQUE_VIOLATION -> "unique";
            case MISSING_AFTER_CONFLICT -> "missing";
            case LOCK_NOT_AVAILABLE -> "no_lock";
            case DEADLOCK -> "deadlock";
            case SERIALIZATION_FAILURE -> "serial";
            case CERTIFICATION_FAILURE -> "cert";
            case LOCK_TIMEOUT -> "timeout";
            case CONNECTION_LOST -> "lost";
            case INTERRUPTED -> "stopped";
            case OTHER_ERROR -> "other";
        };
    }

    /** Outcome columns: in the wide table the first four always (runs compare at a glance), the rest when non-zero. */
    static List<Outcome> outcomes(RunResult result, boolean wide) {
        List<Outcome> always = wide ? List.of(Outcome.CREATED, Outcome.FOUND, Outcome.FOUND_AFTER_CONFLICT,
                Outcome.UNIQUE_VIOLATION) : List.of();
        List<Outcome> cols = new ArrayList<>();
        for (Outcome o : Outcome.all()) {
            boolean nonZero = result.strategies().stream().anyMatch(r -> r.count(o.id()) > 0);
            if (always.contains(o) || nonZero) {
                cols.add(o);
            }
        }
        return cols;
    }

    static boolean intensity(RunResult result) {
        return result.strategies().stream().anyMatch(r -> r.raceIntensity() != null);
    }

    /** Hot key: {@code --keys 0}, all threads on one fresh key per round. */
    static boolean hotKey(RunConfig c) {
        return c.keys() != null && c.keys() == 0;
    }

    /** {@code racers/round} (hot key; {@code racers} in the fitted table) or {@code raced %}. */
    static String intensityHeader(boolean hotKey, boolean wide) {
        return hotKey ? wide ? "racers/round" : "racers" : "raced %";
    }

    private static List<ColumnFit.Column> columns(RunResult result, boolean wide) {
        RunConfig config = result.config();
        List<StrategyEntry> all = result.strategies();
        List<ColumnFit.Column> cols = new ArrayList<>();
        cols.add(column(ColumnFit.Kind.STRATEGY, "strategy", all, StrategyEntry::strategy));
        cols.add(column(ColumnFit.Kind.ATTEMPTS, "attempts", all, r -> Long.toString(r.attemptsOrZero())));
        boolean hot = hotKey(config);
        if (intensity(result)) {
            cols.add(column(ColumnFit.Kind.INTENSITY, intensityHeader(hot, wide), all, r -> racers(r, hot)));
            cols.add(column(ColumnFit.Kind.START_SPREAD, "start p50 us", all, ConsoleTable::startSpread));
        }
        for (Outcome o : outcomes(result, wide)) {
            cols.add(column(o == Outcome.CREATED ? ColumnFit.Kind.CREATED : ColumnFit.Kind.OUTCOME, wide ? o.id() : label(o), all,
                    r -> Long.toString(r.count(o.id()))));
        }
        if (all.stream().anyMatch(r -> r.retriesOrZero() > 0)) {
            cols.add(column(ColumnFit.Kind.RETRIES, "retries", all, r -> Long.toString(r.retriesOrZero())));
        }
        cols.add(column(ColumnFit.Kind.BLOCKED, "blocked", all, r -> Long.toString(orZero(r.blockedWaits()))));
        if (wide) {
            cols.add(column(ColumnFit.Kind.LATENCY, "p50 ms", all, r -> latency(r).ms(50)));
            cols.add(column(ColumnFit.Kind.LATENCY, "p99 ms", all, r -> latency(r).ms(99)));
        } else {
            cols.add(column(ColumnFit.Kind.LATENCY, "p50/p99 ms", all, r -> {
                Figures f = latency(r);
                return f.empty() ? "-" : f.ms(50) + "/" + f.ms(99);
            }));
        }
        cols.add(column(ColumnFit.Kind.MAX, "max ms", all, r -> ms(latency(r).maxNanos())));
        cols.add(column(ColumnFit.Kind.LOCK_WAIT, "lock p99 ms", all,
                r -> Figures.of(r.histograms() == null ? null : r.histograms().lockWait(), r.lockWaitUs()).ms(99)));
        if (config.openLoop()) {
            cols.add(column(ColumnFit.Kind.LAG_P99, "lag p99 ms", all, r -> lag(r).ms(99)));
            cols.add(column(ColumnFit.Kind.LAG_MAX, "lag max ms", all, r -> lag(r).empty() ? "-" : ms(lag(r).maxNanos())));
            cols.add(column(ColumnFit.Kind.UNSTARTED, "unstarted", all, r -> Long.toString(orZero(r.unstarted()))));
        }
        cols.add(column(ColumnFit.Kind.THROUGHPUT, "attempts/s", all, r -> String.format(Locale.US, "%.0f", throughput(r))));
        cols.add(column(ColumnFit.Kind.VERDICT, "verdict", all, ConsoleTable::verdictWord));
        return cols;
    }

    private static ColumnFit.Column column(ColumnFit.Kind kind, String header, List<StrategyEntry> strategies,
            java.util.function.Function<StrategyEntry, String> cell) {
        return new ColumnFit.Column(kind, header, strategies.stream().map(cell).toList());
    }

    private static Figures latency(StrategyEntry r) {
        return Figures.of(r.histograms() == null ? null : r.histograms().latency(), r.latencyUs());
    }

    private static Figures lag(StrategyEntry r) {
        return Figures.of(r.histograms() == null ? null : r.histograms().scheduleLag(), r.scheduleLagUs());
    }

    /** The verdict column: {@code FAIL} shouts, {@code pass} and {@code lesson} do not. */
    private static String verdictWord(StrategyEntry r) {
        return StrategyEntry.FAIL.equals(r.verdict()) ? "FAIL" : r.verdict();
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

    private static long orZero(Long n) {
        return n == null ? 0 : n;
    }

    private static String ms(long nanos) {
        return String.format(Locale.US, "%.2f", nanos / 1e6);
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
                return ConsoleTable.ms(exact.getValueAtPercentile(percentile));
            }
            Double us = percentile == 50 ? summary.p50Us() : percentile == 99 ? summary.p99Us() : null;
            return us == null ? "-" : ConsoleTable.ms(Math.round(us * 1e3));
        }

        long maxNanos() {
            if (exact != null) {
                return exact.getMaxValue();
            }
            return summary == null || summary.maxUs() == null ? 0 : Math.round(summary.maxUs() * 1e3);
        }
    }
}
