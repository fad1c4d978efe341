package org.lockdemo.report;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;

/** The overview at the top of the report, over the fixed result files. */
class OverviewTest {
    private static String overview(List<ResultFile> files) {
        StringBuilder b = new StringBuilder();
        Overview.render(b, files);
        return b.toString();
    }

    /** The markup of the one chart of {@code kind} (the first, when there are several). */
    private static String chart(String page, String kind) {
        Matcher m = Pattern.compile("<svg [^>]*data-chart=\"" + kind + "\"[\\s\\S]*?</svg>").matcher(page);
        assertTrue(m.find(), kind);
        return m.group();
    }

    @Test
    void oneFileOneBarPerStrategyAndEveryCurveOnOneChart() throws Exception {
        ResultFile pg = HtmlReportTest.resultFile("postgresql-embedded.json");
        String html = overview(List.of(pg));
        assertEquals(1, count(html, "data-chart=\"overview-outcomes\""));
        assertEquals(1, count(html, "data-chart=\"overview-latency\""), "one file, one latency chart");
        String mix = chart(html, "overview-outcomes");
        // one segment per strategy and outcome that happened: naive has 3, nowait 4, serializable 3, ...
        long expected = pg.strategies().stream()
                .mapToLong(s -> s.outcomes().values().stream().filter(n -> n > 0).count()).sum();
        assertEquals(expected, count(mix, "<rect class=\"seg "));
        assertEquals(pg.strategies().size(), count(mix, "class=\"bar-label\""), "a bar per strategy");
        assertTrue(mix.contains(">naive</text>"), "labels without a run number for one file");
        String latency = chart(html, "overview-latency");
        assertEquals(9, count(latency, "<polyline class=\"series c"), "every strategy's curve, overlaid");
        assertEquals(9, count(latency, "<line class=\"swatch "), "and in the legend");
        assertEquals(1, count(latency, "<polyline class=\"series c0\""), "naive: the first colour");
        assertEquals(1, count(latency, "<polyline class=\"series c0 d1\""), "the eighth strategy: dashed");
        String price = chart(html, "overview-price");
        assertTrue(price.contains("<title>nowait: 2034 attempts/s</title>"), price);
        assertTrue(price.contains("<title>naive: 1169 attempts seen blocked</title>"), price);
        // the numbers, readable without hovering
        assertTrue(html.contains("unique_violation 682 (22.4%)"), html);
        assertEquals(9, count(html, "<tr><th><span class=\"key c"));
    }

    @Test
    void severalFilesCompareEveryStrategyOfEveryRunLabelledByRun() throws Exception {
        List<ResultFile> files = List.of(HtmlReportTest.resultFile("postgresql-embedded.json"),
                HtmlReportTest.resultFile("mariadb.json"));
        String html = overview(files);
        String mix = chart(html, "overview-outcomes");
        assertEquals(9 + 8, count(mix, "class=\"bar-label\""), "a bar per strategy and run");
        assertTrue(mix.contains(">naive #1</text>") && mix.contains(">naive #2</text>"), mix);
        assertFalse(mix.contains(">upsert-returning #2</text>"), "not run on MariaDB");
        assertEquals(2, count(html, "data-chart=\"overview-latency\""), "one latency chart per run");
        assertEquals(2, count(html, "data-chart=\"overview-lock-wait\""));
        // the runs' latency charts share one y axis, so their curves compare by position
        Matcher axes = Pattern.compile("data-chart=\"overview-latency\"[\\s\\S]*?<text class=\"tick\" x=\"[\\d.]+\" "
                + "y=\"[\\d.]+\" text-anchor=\"end\">([\\d.]+)</text>").matcher(html);
        assertTrue(axes.find());
        String first = axes.group(1);
        assertTrue(axes.find());
        assertEquals(first, axes.group(1), "the same lowest tick on both runs' charts");
        // a strategy has one colour in every chart and run
        assertEquals(2, count(mix, "<rect class=\"seg o-unique_violation\""), "naive's race on both");
        assertEquals(2, count(chart(html, "overview-price"), "<rect class=\"mbar c0\" x=\"150.0\""),
                "naive #1 and #2 in the first colour, first panel");
        assertTrue(html.contains("<td class=\"run\">#2 MariaDB 10.11.19-MariaDB-0+deb12u1</td>"), html);
    }

    @Test
    void strategyNamesAreEscapedEverywhereInTheOverview() throws Exception {
        JsonNode tree = TestResults.tree(ReportFixture.result(), "v");
        ((ObjectNode) tree.get("strategies").get(0)).put("strategy", "<svg onload=alert(1)>");
        String html = overview(List.of(ResultFileParser.parse(tree, "x.json")));
        assertFalse(html.contains("<svg onload"), html);
        assertTrue(html.contains(">&lt;svg onload=alert(1)&gt;</text>"), html);
        assertTrue(html.contains(">&lt;svg onload=alert(1)&gt;</a>"), html);
        assertTrue(html.contains("href=\"#s-_svg_onload_alert_1__-1\""), html);
    }

    @Test
    void aStrategyThatMadeNoAttemptDrawsNothingAndBreaksNothing() throws Exception {
        ResultFile.Strategy none = new ResultFile.Strategy("stopped", 0, java.util.Map.of("created", 0L), 0, 0, 0, 0,
                "?", "", List.of(), new org.HdrHistogram.Histogram(3), new org.HdrHistogram.Histogram(3), new long[0],
                new long[0]);
        ResultFile file = new ResultFile("x.json", "PostgreSQL", "setup", "", "interrupted", false, List.of(none));
        String html = overview(List.of(file));
        assertFalse(html.contains("NaN") || html.contains("Infinity"), html);
        assertEquals(0, count(html, "<rect class=\"seg "), "no segment for no attempts");
        assertTrue(chart(html, "overview-latency").contains(">no samples</text>"), html);
        assertEquals(1, count(html, "<tr><th><span class=\"key c0\"></span>"), "still a row in the table");
    }

    private static int count(String haystack, String needle) {
        int n = 0;
        for (int i = haystack.indexOf(needle); i >= 0; i = haystack.indexOf(needle, i + needle.length())) {
            n++;
        }
        return n;
    }
}
