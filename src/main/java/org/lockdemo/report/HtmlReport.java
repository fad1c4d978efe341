package org.lockdemo.report;

import static org.lockdemo.report.svg.Markup.escape;
import static org.lockdemo.report.svg.Markup.number;

import java.io.IOException;
import java.io.Writer;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import org.lockdemo.explain.Timeline;
import org.lockdemo.explain.picture.PictureStyle;
import org.lockdemo.results.RunResult;

/**
 * {@code lockdemo report}: one self-contained HTML page over one or more result files: no script,
 * no external style sheet, font or image, so it opens offline and can be mailed or archived. At the
 * top the {@link Overview} of every strategy on shared axes; below it, in a grid as wide as the
 * page, one card per strategy and file, the cards of a strategy sharing their axes. Then, for
 * each explained schedule given ({@code explain --format json}), its swimlane picture
 * ({@link ExplainedSchedules}); a page of schedules alone has only those. Pure:
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
        write(files, List.of(), toolVersion, out);
    }

    /** The page over race results and explained schedules ({@code explain --format json}); either list may be empty. */
    public static void write(List<ResultFile> files, List<Timeline> schedules, String toolVersion, Writer out)
            throws IOException {
        out.write(render(files, schedules, toolVersion));
        out.flush();
    }

    static String render(List<ResultFile> files, String toolVersion) {
        return render(files, List.of(), toolVersion);
    }

    static String render(List<ResultFile> files, List<Timeline> schedules, String toolVersion) {
        StringBuilder b = new StringBuilder(256 * 1024);
        b.append("<!DOCTYPE html>\n<html lang=\"en\">\n<head>\n<meta charset=\"utf-8\">\n")
                .append("<meta name=\"viewport\" content=\"width=device-width, initial-scale=1\">\n")
                .append("<title>lockdemo report</title>\n<style>\n").append(ReportStyle.CSS)
                .append(schedules.isEmpty() ? "" : PictureStyle.CSS).append("</style>\n")
                .append("</head>\n<body>\n<h1>lockdemo report</h1>\n");
        if (!files.isEmpty()) {
            races(b, files);
        }
        if (!schedules.isEmpty()) {
            ExplainedSchedules.render(b, schedules);
        }
        b.append("<footer>Made by lockdemo ").append(escape(toolVersion))
                .append(" from the JSON files above.").append(files.isEmpty() ? "" : " Percentile charts: x is the "
                        + "percentile on a log scale of 1/(1−p), as in HdrHistogram's plots; the top right point is "
                        + "the maximum.").append("</footer>\n")
                .append("</body>\n</html>\n");
        return b.toString();
    }

    private static void races(StringBuilder b, List<ResultFile> files) {
        b.append("<p class=\"lead\">Each strategy raced through get-or-create-and-lock. The overview compares "
                + "every strategy of every file on shared axes: how its attempts ended, its latency, throughput and "
                + "lock waits. Below it, one card per strategy and file; the cards of a strategy share their axes. "
                + "Blue and green ended with the row locked and updated, warm colours with an error. Hover over a "
                + "bar, segment or line for its numbers; the table under the overview has them all.</p>\n");
        filesTable(b, files);
        Overview.render(b, files);
        List<String> strategies = strategyOrder(files);
        b.append("<h2>Strategy by strategy</h2>\n<div class=\"cards\">\n");
        for (int si = 0; si < strategies.size(); si++) {
            String id = strategies.get(si);
            List<ResultFile.Strategy> runs = new ArrayList<>();
            for (ResultFile f : files) {
                if (f.strategy(id) != null) {
                    runs.add(f.strategy(id));
                }
            }
            StrategyCard.SharedScale scale = StrategyCard.SharedScale.of(runs);
            for (int i = 0; i < files.size(); i++) {
                ResultFile.Strategy s = files.get(i).strategy(id);
                if (s != null) {
                    StrategyCard.render(b, i + 1, files.get(i), s, scale, ReportStyle.seriesClass(si),
                            cardAnchor(id, i + 1));
                }
            }
        }
        b.append("</div>\n");
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

    /** The id attribute of a strategy's card of file {@code fileNumber}: letters, digits, '-' and '_' only. */
    static String cardAnchor(String id, int fileNumber) {
        return "s-" + id.replaceAll("[^A-Za-z0-9-]", "_") + "-" + fileNumber;
    }
}
