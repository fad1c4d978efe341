package org.lockdemo.report;

import java.io.IOException;
import java.math.BigDecimal;
import java.io.Writer;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Function;
import org.lockdemo.model.Outcome;
import org.lockdemo.results.Percentiles;
import org.lockdemo.results.RunResult;
import org.lockdemo.results.StrategyEntry;

/**
 * The per-strategy summary as CSV (RFC 4180: comma separated, CRLF line ends, fields with a comma,
 * quote or line break quoted, quotes doubled), one row per strategy, read from the result's records
 * so a race and a merge export the same way. Numbers are written as the JSON holds them (a dot for
 * decimals in every locale). Pure; thread-safe.
 */
public final class CsvReport implements ReportFormat {
    private static final List<String> PERCENTILES = List.of("p50", "p90", "p99", "p999", "max", "mean");
    private static final List<Function<Percentiles, Double>> PERCENTILE_VALUES = List.of(Percentiles::p50Us,
            Percentiles::p90Us, Percentiles::p99Us, Percentiles::p999Us, Percentiles::maxUs, Percentiles::meanUs);
    private static final List<String> HISTOGRAMS = List.of("latency_us", "lock_wait_us");
    private static final List<Function<StrategyEntry, Percentiles>> HISTOGRAM_VALUES = List.of(
            StrategyEntry::latencyUs, StrategyEntry::lockWaitUs);

    CsvReport() {
    }

    /** The header row's columns, in order. */
    public static List<String> columns() {
        List<String> c = new ArrayList<>(List.of("strategy", "attempts"));
        for (Outcome o : Outcome.all()) {
            c.add(o.id());
        }
        c.addAll(List.of("blocked_waits", "retries"));
        for (String h : HISTOGRAMS) {
            String prefix = h.substring(0, h.length() - "_us".length());
            PERCENTILES.forEach(p -> c.add(prefix + "_" + p + "_us"));
        }
        c.addAll(List.of("throughput_per_s", "invariants_ok", "verdict"));
        return c;
    }

    @Override
    public void write(RunResult result, Writer out) throws IOException {
        row(columns(), out);
        for (StrategyEntry s : result.strategies()) {
            List<String> r = new ArrayList<>(List.of(text(s.strategy()), number(s.attempts())));
            for (Outcome o : Outcome.all()) {
                r.add(number(s.outcomes() == null ? null : s.outcomes().get(o.id())));
            }
            r.add(number(s.blockedWaits()));
            r.add(number(s.retries()));
            for (Function<StrategyEntry, Percentiles> h : HISTOGRAM_VALUES) {
                Percentiles p = h.apply(s);
                PERCENTILE_VALUES.forEach(v -> r.add(number(p == null ? null : v.apply(p))));
            }
            r.add(number(s.throughputPerS()));
            r.add(s.invariantsOk() == null ? "" : s.invariantsOk().toString());
            r.add(text(s.verdict()));
            row(r, out);
        }
        out.flush();
    }

    /** A number as the JSON writes it, without locale or exponent; empty for a value the result lacks. */
    private static String number(Number n) {
        if (n == null) {
            return "";
        }
        return (n instanceof Double d ? BigDecimal.valueOf(d) : BigDecimal.valueOf(n.longValue())).toPlainString();
    }

    private static String text(String s) {
        return s == null ? "" : s;
    }

    private static void row(List<String> fields, Writer out) throws IOException {
        for (int i = 0; i < fields.size(); i++) {
            if (i > 0) {
                out.write(',');
            }
            out.write(quote(fields.get(i)));
        }
        out.write("\r\n");
    }

    static String quote(String field) {
        if (field.indexOf(',') < 0 && field.indexOf('"') < 0 && field.indexOf('\n') < 0 && field.indexOf('\r') < 0) {
            return field;
        }
        return '"' + field.replace("\"", "\"\"") + '"';
    }
}
