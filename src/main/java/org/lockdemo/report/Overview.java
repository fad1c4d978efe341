package org.lockdemo.report;

import static org.lockdemo.report.svg.Markup.escape;
import static org.lockdemo.report.svg.Markup.number;

import java.util.ArrayList;
import java.util.List;
import org.HdrHistogram.Histogram;
import org.lockdemo.model.Outcome;
import org.lockdemo.report.svg.MetricBarsChart;
import org.lockdemo.report.svg.MillisAxis;
import org.lockdemo.report.svg.OutcomeMixChart;
import org.lockdemo.report.svg.PercentileChart;

/**
 * The top of the report: every strategy of every file on shared axes, so "which strategy, at what
 * price" reads in one look. How the attempts ended (one stacked bar per strategy and run),
 * attempts per second and blocked waits beside the outcomes, the latency and lock-wait percentiles
 * of every strategy overlaid (one chart per file, all files on one y axis), and the same numbers as
 * a table for reading without hovering.
 * Pure; stateless.
 */
final class Overview {
    static final int MIX_WIDTH = 760;
    static final int LATENCY_WIDTH = 760;
    static final int LATENCY_HEIGHT = 300;
    static final int LATENCY_LEGEND_WIDTH = 150;

    /** One strategy in one file: a row of the overview. {@code colour} is the strategy's place in the report. */
    record Entry(String strategy, int fileNumber, ResultFile file, ResultFile.Strategy result, int colour,
            boolean severalFiles) {
        /** {@code naive}, or {@code naive #2} when the report has several files. */
        String label() {
            return severalFiles ? strategy + " #" + fileNumber : strategy;
        }

        /** The label with the run's database, for tooltips. */
        String longLabel() {
            return label() + (severalFiles ? " (" + file.database() + ")" : "");
        }

        String cssClass() {
            return ReportStyle.seriesClass(colour);
        }
    }

    private Overview() {
    }

    /** Strategy by strategy in the report's order, within one strategy file by file. */
    static List<Entry> entries(List<ResultFile> files) {
        List<String> strategies = HtmlReport.strategyOrder(files);
        List<Entry> entries = new ArrayList<>();
        for (int si = 0; si < strategies.size(); si++) {
            for (int fi = 0; fi < files.size(); fi++) {
                ResultFile.Strategy s = files.get(fi).strategy(strategies.get(si));
                if (s != null) {
                    entries.add(new Entry(strategies.get(si), fi + 1, files.get(fi), s, si, files.size() > 1));
                }
            }
        }
        return entries;
    }

    /** A strategy's outcomes that happened, in the documented order, unknown ones (a newer file) last. */
    static List<OutcomeMixChart.Part> parts(ResultFile.Strategy s) {
        List<OutcomeMixChart.Part> parts = new ArrayList<>();
        for (Outcome o : Outcome.all()) {
            long n = s.outcomes().getOrDefault(o.id(), 0L);
            if (n > 0) {
                parts.add(new OutcomeMixChart.Part(o.id(), n, ReportStyle.outcomeClass(o.id()), o.ordinal()));
            }
        }
        s.outcomes().forEach((id, n) -> {
            if (n > 0 && ReportStyle.outcomeClass(id).equals("o-unknown")) {
                parts.add(new OutcomeMixChart.Part(id, n, "o-unknown", Integer.MAX_VALUE));
            }
        });
        return parts;
    }

    static List<OutcomeMixChart.Row> mixRows(List<Entry> entries) {
        List<OutcomeMixChart.Row> rows = new ArrayList<>();
        for (Entry e : entries) {
            rows.add(new OutcomeMixChart.Row(e.label(), e.longLabel(), e.result().attempts(), parts(e.result())));
        }
        return rows;
    }

    /** The two distributions the overview overlays. */
    enum Metric {
        LATENCY("overview-latency", "Latency of an attempt", "latency"),
        LOCK_WAIT("overview-lock-wait", "Lock wait (SELECT … FOR UPDATE, INSERT)", "lock wait");

        final String kind;
        final String caption;
        final String title;

        Metric(String kind, String caption, String title) {
            this.kind = kind;
            this.caption = caption;
            this.title = title;
        }

        Histogram of(ResultFile.Strategy s) {
            return this == LATENCY ? s.latencyNanos() : s.lockWaitNanos();
        }
    }

    /** One file's strategies' curves of {@code metric}, each in its strategy's colour. */
    static List<PercentileChart.Series> series(List<Entry> entries, int fileNumber, Metric metric) {
        List<PercentileChart.Series> series = new ArrayList<>();
        for (Entry e : entries) {
            if (e.fileNumber() == fileNumber) {
                Histogram h = metric.of(e.result());
                series.add(new PercentileChart.Series(e.strategy(), PercentileChart.points(h), h.getTotalCount(),
                        e.cssClass()));
            }
        }
        return series;
    }

    /** The log y axis over {@code metric} of every strategy in every file, so the runs' charts compare. */
    private static MillisAxis yAxis(List<ResultFile> files, List<Entry> entries, Metric metric) {
        List<PercentileChart.Series> all = new ArrayList<>();
        for (int i = 1; i <= files.size(); i++) {
            all.addAll(series(entries, i, metric));
        }
        return MillisAxis.logOver(all);
    }

    /** The chart of {@code metric} of file {@code fileNumber}, every strategy overlaid. */
    private static void percentiles(StringBuilder b, List<ResultFile> files, List<Entry> entries, int fileNumber,
            Metric metric, MillisAxis y) {
        boolean several = files.size() > 1;
        String run = several ? " on #" + fileNumber + " " + files.get(fileNumber - 1).database() : "";
        b.append("<figure>\n<figcaption>").append(escape(metric.caption + run))
                .append(" <span>by percentile; log scales: x is 1/(1−p), y is ms")
                .append(several ? ", the same for every run" : "").append("</span></figcaption>\n");
        b.append(PercentileChart.svg(metric.kind, metric.title + " by percentile of every strategy" + run,
                series(entries, fileNumber, metric), y, LATENCY_WIDTH, LATENCY_HEIGHT, LATENCY_LEGEND_WIDTH));
        b.append("</figure>\n");
    }

    static void render(StringBuilder b, List<ResultFile> files) {
        List<Entry> entries = entries(files);
        boolean several = files.size() > 1;
        b.append("<section class=\"overview\" id=\"overview\">\n<h2>Overview: which strategy, at what price</h2>\n");
        b.append("<div class=\"row\">\n<figure>\n<figcaption>How the attempts ended <span>share of each "
                + "strategy's attempts; blue and green ended with the row locked and updated, warm colours and "
                + "greys with an error</span></figcaption>\n");
        b.append(OutcomeMixChart.svg("overview-outcomes", "How the attempts ended, per strategy"
                + (several ? " and run" : "") + ", as shares of its attempts", mixRows(entries), MIX_WIDTH));
        b.append("</figure>\n<figure>\n<figcaption>Throughput and lock waits <span>attempts per second; "
                + "attempts seen blocked on another session's lock</span></figcaption>\n");
        List<MetricBarsChart.Row> rows = new ArrayList<>();
        List<Double> perSecond = new ArrayList<>();
        List<Double> blocked = new ArrayList<>();
        for (Entry e : entries) {
            rows.add(new MetricBarsChart.Row(e.label(), e.longLabel(), e.cssClass()));
            perSecond.add(e.result().throughputPerSecond());
            blocked.add((double) e.result().blockedWaits());
        }
        b.append(MetricBarsChart.svg("overview-price", "Attempts per second and blocked waits, per strategy"
                + (several ? " and run" : ""), rows, List.of(
                        new MetricBarsChart.Metric("throughput", "attempts/s", 0, perSecond),
                        new MetricBarsChart.Metric("blocked waits", "attempts seen blocked", 0, blocked)),
                MIX_WIDTH));
        b.append("</figure>\n</div>\n<div class=\"row\">\n");
        MillisAxis latency = yAxis(files, entries, Metric.LATENCY);
        MillisAxis lockWait = yAxis(files, entries, Metric.LOCK_WAIT);
        for (int i = 1; i <= files.size(); i++) { // a run per row: its latency, then its lock wait
            percentiles(b, files, entries, i, Metric.LATENCY, latency);
            percentiles(b, files, entries, i, Metric.LOCK_WAIT, lockWait);
        }
        b.append("</div>\n");
        table(b, entries, several);
        b.append("</section>\n");
    }

    /** The overview's numbers, one row per strategy and run: what the charts show, to read without hovering. */
    private static void table(StringBuilder b, List<Entry> entries, boolean several) {
        b.append("<table class=\"overview-table\">\n<thead><tr><th>strategy</th>");
        if (several) {
            b.append("<th>run</th>");
        }
        b.append("<th>verdict</th><th class=\"num\">attempts</th><th>outcomes</th><th class=\"num\">attempts/s</th>"
                + "<th class=\"num\">p50 ms</th><th class=\"num\">p99 ms</th><th class=\"num\">max ms</th>"
                + "<th class=\"num\">blocked waits</th></tr></thead>\n<tbody>\n");
        for (Entry e : entries) {
            ResultFile.Strategy s = e.result();
            b.append("<tr><th><span class=\"key ").append(e.cssClass()).append("\"></span><a href=\"#")
                    .append(HtmlReport.cardAnchor(e.strategy(), e.fileNumber())).append("\">")
                    .append(escape(e.strategy())).append("</a></th>");
            if (several) {
                b.append("<td class=\"run\">#").append(e.fileNumber()).append(' ').append(escape(e.file().database()))
                        .append("</td>");
            }
            b.append("<td>").append(StrategyCard.verdictBadge(s.verdict())).append("</td><td class=\"num\">")
                    .append(s.attempts()).append("</td><td class=\"mix\">");
            for (OutcomeMixChart.Part p : parts(s)) {
                b.append("<span><span class=\"key ").append(p.cssClass()).append("\"></span>")
                        .append(escape(p.outcome())).append(' ').append(p.count()).append(" (")
                        .append(number(100.0 * p.count() / Math.max(1, s.attempts()), 1)).append("%)</span>");
            }
            b.append("</td>");
            numberCell(b, number(s.throughputPerSecond(), 0));
            numberCell(b, StrategyCard.millis(s.latencyNanos().getValueAtPercentile(50)));
            numberCell(b, StrategyCard.millis(s.latencyNanos().getValueAtPercentile(99)));
            numberCell(b, StrategyCard.millis(s.latencyNanos().getMaxValue()));
            numberCell(b, Long.toString(s.blockedWaits()));
            b.append("</tr>\n");
        }
        b.append("</tbody>\n</table>\n");
    }

    private static void numberCell(StringBuilder b, String value) {
        b.append("<td class=\"num\">").append(escape(value)).append("</td>");
    }
}
