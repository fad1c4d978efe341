package org.lockdemo.report;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.lockdemo.results.ErrorEntry;
import org.lockdemo.results.Percentiles;
import org.lockdemo.results.StrategyEntry;

/**
 * What a CI reader wants to see of one strategy in its {@code outcomes} testcase: the verdict, the
 * counts of every outcome that occurred, latency and lock wait, the errors, and the explanation.
 * Plain text, numbers with {@link Locale#ROOT}. Stateless.
 */
final class JunitStrategySummary {
    private JunitStrategySummary() {
    }

    static String of(StrategyEntry s) {
        List<String> lines = new ArrayList<>();
        lines.add(s.strategy() + ": verdict " + orUnknown(s.verdict()) + ", " + s.attemptsOrZero() + " attempts in "
                + (s.elapsedS() == null ? "?" : JunitReport.seconds(s.elapsedS())) + " s"
                + (s.throughputPerS() == null ? "" : String.format(Locale.ROOT, " (%.1f attempts/s)", s.throughputPerS())));
        List<String> occurred = new ArrayList<>();
        if (s.outcomes() != null) {
            for (Map.Entry<String, Long> o : s.outcomes().entrySet()) {
                if (o.getValue() != null && o.getValue() > 0) {
                    occurred.add(o.getKey() + " " + o.getValue());
                }
            }
        }
        lines.add("outcomes: " + (occurred.isEmpty() ? "none" : String.join(", ", occurred)));
        lines.add("retries " + s.retriesOrZero() + ", blocked waits " + (s.blockedWaits() == null ? 0 : s.blockedWaits()));
        lines.add("latency ms: " + percentiles(s.latencyUs()));
        lines.add("lock wait ms: " + percentiles(s.lockWaitUs()));
        for (ErrorEntry e : s.errors()) {
            lines.add("error " + e.outcome() + " at " + e.step() + (e.sqlState() == null ? "" : ", SQLState " + e.sqlState())
                    + (e.vendorCode() == null || e.vendorCode() == 0 ? "" : ", vendor code " + e.vendorCode()) + ": "
                    + e.count() + " x, first: " + firstLine(e.firstMessage()));
        }
        if (s.explanation() != null && !s.explanation().isBlank()) {
            lines.add(s.explanation());
        }
        return String.join("\n", lines);
    }

    private static String percentiles(Percentiles p) {
        if (p == null || p.p50Us() == null) {
            return "none";
        }
        return String.format(Locale.ROOT, "p50 %.2f, p99 %.2f, max %.2f", p.p50Us() / 1e3, orZero(p.p99Us()) / 1e3,
                orZero(p.maxUs()) / 1e3);
    }

    private static double orZero(Double d) {
        return d == null ? 0 : d;
    }

    private static String firstLine(String s) {
        if (s == null) {
            return "";
        }
        int nl = s.indexOf('\n');
        return nl < 0 ? s : s.substring(0, nl);
    }

    private static String orUnknown(String s) {
        return s == null ? "unknown" : s;
    }
}
