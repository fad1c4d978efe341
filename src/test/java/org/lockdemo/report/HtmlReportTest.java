package org.lockdemo.report;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.lockdemo.report.svg.BarChart;
import org.lockdemo.report.svg.Markup;
import org.lockdemo.report.svg.PercentileChart;
import org.lockdemo.report.svg.Svg;
import org.lockdemo.report.svg.TimelineChart;

/**
 * The HTML report from fixed data: a golden file of the data behind every chart (points, bars,
 * columns, in values and in pixels), the same page under two locales, and the page's structure
 * for real result files. To update the golden file after an intended change, review
 * {@code target/html-chart-data-actual.txt} (written on a mismatch) and copy it over.
 */
class HtmlReportTest {
    private static final String GOLDEN = "html-chart-data-golden.txt";

    /** The console report's fixture, through the JSON a race writes and back. */
    static ResultFile fixture() throws Exception {
        return ResultFileParser.parse(TestResults.tree(ReportFixture.result(), "test"), "fixture.json");
    }

    static ResultFile resultFile(String name) throws Exception {
        try (InputStream in = HtmlReportTest.class.getResourceAsStream("results/" + name)) {
            assertNotNull(in, name);
            return ResultFileParser.parse(new ObjectMapper().readTree(in), "results/" + name);
        }
    }

    /** The data behind each chart, as the cards compute it, one line per point, bar or column. */
    static String chartData(List<ResultFile> files) {
        StringBuilder b = new StringBuilder();
        for (String id : HtmlReport.strategyOrder(files)) {
            List<ResultFile.Strategy> runs = files.stream().map(f -> f.strategy(id)).filter(s -> s != null).toList();
            StrategyCard.SharedScale scale = StrategyCard.SharedScale.of(runs);
            for (int i = 0; i < files.size(); i++) {
                ResultFile.Strategy s = files.get(i).strategy(id);
                if (s == null) {
                    continue;
                }
                b.append(id).append(" #").append(i + 1).append(' ').append(files.get(i).label()).append('\n');
                for (BarChart.Placed p : BarChart.layout(StrategyCard.outcomeBars(s), s.attempts(),
                        StrategyCard.CHART_WIDTH)) {
                    b.append(Markup.format("  outcome %-22s %6d %6.2f%% y=%5.1f width=%6.1f%n", p.bar().label(),
                            p.bar().count(), p.share() * 100, p.y(), p.width()));
                }
                percentiles(b, "latency", s.latencyNanos(), scale.latencyMillis());
                percentiles(b, "lock-wait", s.lockWaitNanos(), scale.lockWaitMillis());
                for (TimelineChart.Column c : TimelineChart.layout(s.timelineAttempts(), s.timelineSuccesses(),
                        s.elapsedSeconds(), scale.perSecond(), StrategyCard.TIMELINE_FRAME)) {
                    b.append(Markup.format("  second %2d attempts %5d successes %5d x=%5.1f width=%5.1f "
                            + "y_failures=%5.1f y_successes=%5.1f%s%n", c.second(), c.attempts(), c.successes(), c.x(),
                            c.width(), c.yFailures(), c.ySuccesses(), c.partial() ? " partial" : ""));
                }
            }
        }
        return b.toString();
    }

    private static void percentiles(StringBuilder b, String what, org.HdrHistogram.Histogram h, double yMax) {
        List<PercentileChart.Point> points = PercentileChart.points(h);
        List<Svg.Pixel> pixels = PercentileChart.layout(points, h.getTotalCount(), yMax,
                StrategyCard.PERCENTILE_FRAME);
        for (int i = 0; i < points.size(); i++) {
            b.append(Markup.format("  %-9s p%-9.5f %9.3f ms x=%5.1f y=%5.1f%n", what, points.get(i).percentile(),
                    points.get(i).millis(), pixels.get(i).x(), pixels.get(i).y()));
        }
    }

    private static String golden() throws IOException {
        try (InputStream in = HtmlReportTest.class.getResourceAsStream(GOLDEN)) {
            assertNotNull(in, GOLDEN + " on the test class path");
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        }
    }

    private static void assertGolden(String actual) throws IOException {
        if (!golden().equals(actual)) {
            Files.writeString(Path.of("target", "html-chart-data-actual.txt"), actual);
        }
        assertEquals(golden(), actual, "see target/html-chart-data-actual.txt");
    }

    @Test
    void chartDataMatchesTheGoldenFileUnderTwoLocales() throws Exception {
        assertGolden(Locales.withDefault(Locale.US, () -> chartData(List.of(fixture()))));
        assertGolden(Locales.withDefault(Locale.GERMANY, () -> chartData(List.of(fixture())))); // decimal comma
    }

    @Test
    void thePageIsTheSameUnderTwoLocalesAndDrawsTheGoldenPoints() throws Exception {
        String us = Locales.withDefault(Locale.US, () -> HtmlReport.render(List.of(fixture()), "test"));
        String de = Locales.withDefault(Locale.GERMANY, () -> HtmlReport.render(List.of(fixture()), "test"));
        assertEquals(us, de);
        // the polyline of naive's latency chart is the golden file's pixels, in order
        StringBuilder expected = new StringBuilder();
        Matcher m = Pattern.compile("naive #1[\\s\\S]*?(?=\\nsavepoint)").matcher(golden());
        assertTrue(m.find());
        Matcher p = Pattern.compile("  latency .* x=\\s*([\\d.]+) y=\\s*([\\d.]+)").matcher(m.group());
        while (p.find()) {
            expected.append(expected.length() == 0 ? "" : " ").append(p.group(1)).append(',').append(p.group(2));
        }
        assertTrue(expected.length() > 0);
        assertTrue(de.contains("<polyline class=\"series\" points=\"" + expected + "\"/>"), expected.toString());
    }

    @Test
    void everyCardHasItsFourChartsAndItsChecks() throws Exception {
        List<ResultFile> files = List.of(resultFile("postgresql-embedded.json"), resultFile("mariadb.json"));
        String page = HtmlReport.render(files, "test");
        int cards = 9 + 8; // upsert-returning does not run on MariaDB
        assertEquals(cards, count(page, "<article class=\"card "));
        for (String chart : List.of("outcomes", "latency", "lock-wait", "timeline")) {
            assertEquals(cards, count(page, "data-chart=\"" + chart + "\""), chart);
        }
        assertEquals(cards * 2, count(page, "<polyline class=\"series\" points"), "latency and lock wait drawn in each");
        assertTrue(page.contains("id=\"s-upsert-returning-1\""));
        assertFalse(page.contains("id=\"s-upsert-returning-2\""), "upsert-returning does not run on MariaDB");
        // the 3 s runs give four seconds each, the fourth cut short
        assertEquals(cards, count(page, "class=\"col-ok partial\""));
        // getorcreate's lost updates are a lesson, not a failure; every check of upsert passed
        assertTrue(page.contains("data-check=\"no_lost_update\"><span class=\"mark\">!</span>"), page);
        assertEquals(0, count(page, "class=\"check failed\""));
        assertEquals(9 + 8, count(page, "data-check=\"one_row_per_key\"><span class=\"mark\">✓</span>"));
    }

    @Test
    void thePageNeedsNothingFromTheNetwork() throws Exception {
        String page = HtmlReport.render(List.of(resultFile("postgresql-embedded.json"), fixture()), "test");
        for (String external : List.of("<script", "<link", "src=", "url(", "@import", "href=\"http")) {
            assertFalse(page.contains(external), external);
        }
        // the only URL is SVG's namespace name, which browsers never fetch
        assertEquals(count(page, "http"), count(page, "xmlns=\"http://www.w3.org/2000/svg\""));
        assertFalse(page.contains("NaN") || page.contains("Infinity"));
    }

    @Test
    void textFromTheFilesIsEscaped() throws Exception {
        JsonNode tree = TestResults.tree(ReportFixture.result(), "<b>v</b>");
        ObjectNode naive = (ObjectNode) tree.get("strategies").get(0);
        naive.put("strategy", "<img src=x onerror=alert(1)>");
        naive.put("explanation", "a \"quoted\" & <script>alert(2)</script>");
        ((ObjectNode) naive.get("checks").get(0)).put("evidence", "</details><i>evidence</i>");
        ((ObjectNode) tree.get("database")).put("product", "Postgre<SQL>");
        String page = HtmlReport.render(List.of(ResultFileParser.parse(tree, "a<b>.json")), "<b>v</b>");
        assertFalse(page.contains("<img"), page);
        assertFalse(page.contains("<script"), page);
        assertFalse(page.contains("<i>evidence"), page);
        assertFalse(page.contains("<b>"), page);
        assertTrue(page.contains("&lt;img src=x onerror=alert(1)&gt;"), page);
        assertTrue(page.contains("a &quot;quoted&quot; &amp; &lt;script&gt;alert(2)&lt;/script&gt;"), page);
        assertTrue(page.contains("Postgre&lt;SQL&gt;"), page);
        assertTrue(page.contains("<code>a&lt;b&gt;.json</code>"), page);
        assertTrue(page.contains("id=\"s-_img_src_x_onerror_alert_1__-1\""), "ids keep to letters, digits, -, _");
    }

    private static int count(String haystack, String needle) {
        int n = 0;
        for (int i = haystack.indexOf(needle); i >= 0; i = haystack.indexOf(needle, i + needle.length())) {
            n++;
        }
        return n;
    }
}
