package org.lockdemo.report;

import static org.lockdemo.report.svg.Markup.escape;
import static org.lockdemo.report.svg.Markup.number;

import java.io.IOException;
import java.io.Writer;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import org.lockdemo.results.RunResult;

/**
 * {@code lockdemo report}: one self-contained HTML page over one or more result files: no script,
 * no external style sheet, font or image, so it opens offline and can be mailed or archived. For
 * each strategy, one card per file side by side, the cards of a strategy sharing their axes. Pure:
 * writes to the caller's writer, which it does not close. Stateless.
 */
public final class HtmlReport {
    private HtmlReport() {
    }

    /**
     * The page over one result, labelled with its run id.
     *
     * @throws IllegalArgumentException if the result lacks what the page draws (see {@link ResultFileParser})
     */
    static void write(RunResult result, Writer out) throws IOException {
        try {
            write(List.of(ResultFileParser.parse(result, result.runId())), result.version(), out);
        } catch (ResultFileParser.BadResultFile e) {
            throw new IllegalArgumentException(e.getMessage(), e);
        }
    }

    public static void write(List<ResultFile> files, String toolVersion, Writer out) throws IOException {
        out.write(render(files, toolVersion));
        out.flush();
    }

    static String render(List<ResultFile> files, String toolVersion) {
        StringBuilder b = new StringBuilder(256 * 1024);
        b.append("<!DOCTYPE html>\n<html lang=\"en\">\n<head>\n<meta charset=\"utf-8\">\n")
                .append("<meta name=\"viewport\" content=\"width=device-width, initial-scale=1\">\n")
                .append("<title>lockdemo report</title>\n<style>\n").append(ReportStyle.CSS).append("</style>\n")
                .append("</head>\n<body>\n<h1>lockdemo report</h1>\n");
        b.append("<p class=\"lead\">Each strategy raced through get-or-create-and-lock; one card per result file, "
                + "side by side, the cards of a strategy on the same axes. Green ended with the row locked "
                + "and updated, red with an error. Hover over a bar or column for its numbers.</p>\n");
        filesTable(b, files);
        List<String> strategies = strategyOrder(files);
        summary(b, files, strategies);
        for (String id : strategies) {
            List<ResultFile.Strategy> runs = new ArrayList<>();
            for (ResultFile f : files) {
                if (f.strategy(id) != null) {
                    runs.add(f.strategy(id));
                }
            }
            StrategyCard.SharedScale scale = StrategyCard.SharedScale.of(runs);
            b.append("<section class=\"strategy\" id=\"").append(anchor(id)).append("\">\n<h2>")
                    .append(escape(id)).append("</h2>\n<div class=\"cards\">\n");
            for (int i = 0; i < files.size(); i++) {
                ResultFile.Strategy s = files.get(i).strategy(id);
                if (s != null) {
                    StrategyCard.render(b, i + 1, files.get(i), s, scale);
                }
            }
            b.append("</div>\n</section>\n");
        }
        b.append("<footer>Made by lockdemo ").append(escape(toolVersion))
                .append(" from the JSON files above. Percentile charts: x is the percentile on a log scale of "
                        + "1/(1−p), as in HdrHistogram's plots; the top right point is the maximum.</footer>\n")
                .append("</body>\n</html>\n");
        return b.toString();
    }

    private static void filesTable(StringBuilder b, List<ResultFile> files) {
        b.append("<table class=\"files\">\n<thead><tr><th>#</th><th>file</th><th>database</th><th>setup</th>"
                + "<th>started</th><th>status</th><th>checks</th></tr></thead>\n<tbody>\n");
        for (int i = 0; i < files.size(); i++) {
            ResultFile f = files.get(i);
            b.append("<tr><td>").append(i + 1).append("</td><td><code>").append(escape(f.label()))
                    .append("</code></td><td>").append(escape(f.database())).append("</td><td>")
                    .append(escape(f.setup())).append("</td><td>").append(escape(f.startedAt())).append("</td><td>")
                    .append(escape(f.status())).append("</td><td>")
                    .append(StrategyCard.verdictBadge(f.checksOk() ? "pass" : "fail")).append("</td></tr>\n");
        }
        b.append("</tbody>\n</table>\n");
    }

    /** Strategies as verdict, throughput and p99 per file: the whole comparison in one table. */
    private static void summary(StringBuilder b, List<ResultFile> files, List<String> strategies) {
        b.append("<table class=\"summary\">\n<thead><tr><th>strategy</th>");
        for (int i = 0; i < files.size(); i++) {
            b.append("<th>#").append(i + 1).append(' ').append(escape(files.get(i).database())).append("</th>");
        }
        b.append("</tr></thead>\n<tbody>\n");
        for (String id : strategies) {
            b.append("<tr><th><a href=\"#").append(anchor(id)).append("\">").append(escape(id)).append("</a></th>");
            for (ResultFile f : files) {
                ResultFile.Strategy s = f.strategy(id);
                b.append("<td>");
                if (s == null) {
                    b.append("<span class=\"absent\">not run</span>");
                } else {
                    b.append(StrategyCard.verdictBadge(s.verdict())).append(" <span class=\"num\">")
                            .append(number(s.throughputPerSecond(), 0)).append("/s · p99 ")
                            .append(StrategyCard.millis(s.latencyNanos().getValueAtPercentile(99)))
                            .append(" ms</span>");
                }
                b.append("</td>");
            }
            b.append("</tr>\n");
        }
        b.append("</tbody>\n</table>\n");
    }

    /** Every strategy of every file, in the order of first appearance (files keep lockdemo's order). */
    static List<String> strategyOrder(List<ResultFile> files) {
        Set<String> ids = new LinkedHashSet<>();
        for (ResultFile f : files) {
            for (ResultFile.Strategy s : f.strategies()) {
                ids.add(s.id());
            }
        }
        return new ArrayList<>(ids);
    }

    /** An id attribute from a strategy name: letters, digits and '-' only. */
    static String anchor(String id) {
        return "s-" + id.replaceAll("[^A-Za-z0-9-]", "_");
    }
}
