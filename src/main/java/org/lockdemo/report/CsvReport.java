package org.lockdemo.report;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.IOException;
import java.io.Writer;
import java.util.ArrayList;
import java.util.List;
import org.lockdemo.model.Outcome;

/**
 * The per-strategy summary as CSV (RFC 4180: comma separated, CRLF line ends, fields with a comma,
 * quote or line break quoted, quotes doubled), one row per strategy, read from the result's JSON
 * form so a race and a merge export the same way. Numbers are written as the JSON holds them
 * (a dot for decimals in every locale). Pure; thread-safe.
 */
public final class CsvReport {
    private static final List<String> PERCENTILES = List.of("p50", "p90", "p99", "p999", "max", "mean");
    private static final List<String> HISTOGRAMS = List.of("latency_us", "lock_wait_us");

    private CsvReport() {
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

    public static void write(JsonNode result, Writer out) throws IOException {
        row(columns(), out);
        for (JsonNode s : result.path("strategies")) {
            List<String> r = new ArrayList<>(List.of(s.path("strategy").asText(), number(s.path("attempts"))));
            for (Outcome o : Outcome.all()) {
                r.add(number(s.path("outcomes").path(o.id())));
            }
            r.add(number(s.path("blocked_waits")));
            r.add(number(s.path("retries")));
            for (String h : HISTOGRAMS) {
                PERCENTILES.forEach(p -> r.add(number(s.path(h).path(p))));
            }
            r.add(number(s.path("throughput_per_s")));
            r.add(s.path("invariants_ok").asText());
            r.add(s.path("verdict").asText());
            row(r, out);
        }
        out.flush();
    }

    /** A JSON number as text without locale or exponent; empty for a field the result lacks. */
    private static String number(JsonNode n) {
        if (n.isMissingNode() || n.isNull()) {
            return "";
        }
        return n.isNumber() ? n.decimalValue().toPlainString() : n.asText();
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
