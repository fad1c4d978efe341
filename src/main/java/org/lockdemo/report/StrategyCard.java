package org.lockdemo.report;

import static org.lockdemo.report.svg.Markup.escape;
import static org.lockdemo.report.svg.Markup.number;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import org.lockdemo.model.Outcome;
import org.lockdemo.report.svg.BarChart;
import org.lockdemo.report.svg.Frame;
import org.lockdemo.report.svg.PercentileChart;
import org.lockdemo.report.svg.TimelineChart;

/**
 * One strategy of one result file as an HTML card: verdict, key numbers, outcome bars, latency and
 * lock-wait percentile charts, throughput over time and the checks. Pure; stateless.
 */
final class StrategyCard {
    static final int CHART_WIDTH = 386;
    static final Frame PERCENTILE_FRAME = new Frame(CHART_WIDTH, 170);
    static final Frame TIMELINE_FRAME = new Frame(CHART_WIDTH, 150);

    /** Axis tops shared by the cards of one strategy, so their charts compare at a glance. */
    record SharedScale(double latencyMillis, double lockWaitMillis, double perSecond) {
        static SharedScale of(List<ResultFile.Strategy> runs) {
            double latency = 0;
            double lock = 0;
            double perSecond = 0;
            for (ResultFile.Strategy s : runs) {
                latency = Math.max(latency, s.latencyNanos().getMaxValue() / 1e6);
                lock = Math.max(lock, s.lockWaitNanos().getMaxValue() / 1e6);
                perSecond = Math.max(perSecond, TimelineChart.maxPerSecond(s.timelineAttempts()));
            }
            return new SharedScale(latency, lock, perSecond);
        }
    }

    private StrategyCard() {
    }

    /**
     * @param colourClass the strategy's colour classes (see {@link ReportStyle#seriesClass}), as in the overview
     * @param anchor      the card's id attribute, for links from the overview's table
     */
    static void render(StringBuilder b, int fileNumber, ResultFile file, ResultFile.Strategy s, SharedScale scale,
            String colourClass, String anchor) {
        String verdict = s.verdict().toLowerCase(Locale.ROOT);
        b.append("<article class=\"card ").append(escape(colourClass)).append("\" id=\"").append(escape(anchor))
                .append("\" data-strategy=\"").append(escape(s.id())).append("\" data-file=\"")
                .append(fileNumber).append("\">\n<h3>").append(escape(s.id())).append("</h3>\n")
                .append("<header><span class=\"file-no\">#").append(fileNumber)
                .append("</span> <span class=\"db\">").append(escape(file.database())).append("</span> ")
                .append(verdictBadge(verdict)).append("</header>\n");
        b.append("<p class=\"setup\">").append(escape(file.setup())).append("</p>\n");
        b.append("<p class=\"explain\">").append(escape(s.explanation())).append("</p>\n");
        b.append("<dl class=\"facts\">");
        fact(b, "attempts", Long.toString(s.attempts()));
        fact(b, "attempts/s", number(s.throughputPerSecond(), 0));
        fact(b, "p50 ms", millis(s.latencyNanos().getValueAtPercentile(50)));
        fact(b, "p99 ms", millis(s.latencyNanos().getValueAtPercentile(99)));
        fact(b, "max ms", millis(s.latencyNanos().getMaxValue()));
        fact(b, "retries", Long.toString(s.retries()));
        fact(b, "blocked", Long.toString(s.blockedWaits()));
        b.append("</dl>\n");
        String who = s.id() + " on #" + fileNumber;
        b.append("<h4>How the attempts ended</h4>\n");
        b.append(BarChart.svg("outcomes", "outcomes of " + who, outcomeBars(s), s.attempts(), CHART_WIDTH));
        b.append("<h4>Latency of an attempt</h4>\n");
        b.append(PercentileChart.svg("latency", "latency by percentile, " + who,
                PercentileChart.points(s.latencyNanos()), s.latencyNanos().getTotalCount(), scale.latencyMillis(),
                PERCENTILE_FRAME));
        b.append("<h4>Lock wait (SELECT … FOR UPDATE, INSERT)</h4>\n");
        b.append(PercentileChart.svg("lock-wait", "lock wait by percentile, " + who,
                PercentileChart.points(s.lockWaitNanos()), s.lockWaitNanos().getTotalCount(),
                scale.lockWaitMillis(), PERCENTILE_FRAME));
        b.append("<h4>Throughput over time</h4>\n");
        b.append(TimelineChart.svg("timeline", "attempts per second, " + who, s.timelineAttempts(),
                s.timelineSuccesses(), s.elapsedSeconds(), scale.perSecond(), TIMELINE_FRAME));
        checks(b, s.checks());
        b.append("</article>\n");
    }

    static String verdictBadge(String verdict) {
        String css = switch (verdict) {
            case "pass" -> "pass";
            case "lesson" -> "lesson";
            default -> "fail";
        };
        return "<span class=\"verdict " + css + "\">" + escape(verdict.equals("fail") ? "FAIL" : verdict) + "</span>";
    }

    /** The outcomes that happened, in the documented order, unknown ones (a newer file) last. */
    static List<BarChart.Bar> outcomeBars(ResultFile.Strategy s) {
        List<BarChart.Bar> bars = new ArrayList<>();
        for (Outcome o : Outcome.all()) {
            long n = s.outcomes().getOrDefault(o.id(), 0L);
            if (n > 0) {
                bars.add(new BarChart.Bar(o.id(), n,
                        ReportStyle.outcomeClass(o.id()) + (o.isSuccess() ? " ok" : " failed")));
            }
        }
        s.outcomes().forEach((id, n) -> {
            boolean known = false;
            for (Outcome o : Outcome.all()) {
                known |= o.id().equals(id);
            }
            if (!known && n > 0) {
                bars.add(new BarChart.Bar(id, n, "o-unknown failed"));
            }
        });
        return bars;
    }

    private static void checks(StringBuilder b, List<ResultFile.CheckLine> checks) {
        b.append("<h4>Checks</h4>\n<ul class=\"checks\">\n");
        for (ResultFile.CheckLine c : checks) {
            String state = !c.applicable() ? "not-applicable" : c.passed() ? "passed" : c.enforced() ? "failed" : "lesson";
            String mark = !c.applicable() ? "–" : c.passed() ? "✓" : c.enforced() ? "✗" : "!";
            b.append("<li class=\"check ").append(state).append("\" data-check=\"").append(escape(c.name()))
                    .append("\"><span class=\"mark\">").append(mark).append("</span> <code>").append(escape(c.name()))
                    .append("</code>");
            if (!c.passed()) {
                b.append(" <span class=\"check-state\">").append(!c.applicable() ? "not applicable"
                        : c.enforced() ? "failed" : "lesson (not enforced)")
                        .append("</span>");
            }
            b.append("<details><summary>expected ").append(escape(c.expected())).append(", got ")
                    .append(escape(c.actual())).append("</summary><p>").append(escape(c.evidence()))
                    .append("</p></details></li>\n");
        }
        b.append("</ul>\n");
    }

    private static void fact(StringBuilder b, String name, String value) {
        b.append("<div><dt>").append(escape(name)).append("</dt><dd>").append(escape(value)).append("</dd></div>");
    }

    static String millis(long nanos) {
        return number(nanos / 1e6, 2);
    }
}
