package org.lockdemo.it;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The HTML report in a real browser: headless Chromium from Debian's packages loads the page made
 * from the fixed result files; no console errors, every chart present. Skipped where chromium is
 * not installed; {@code .ci/run} installs it.
 */
class ReportBrowserIT {
    private static HeadlessChromium chromium;

    @BeforeAll
    static void findChromium() {
        chromium = HeadlessChromium.find().orElse(null);
        Assumptions.assumeTrue(chromium != null, "chromium is not installed (apt-get install -y chromium)");
    }

    private static Path report(Path dir) {
        Path html = dir.resolve("report.html");
        LockdemoRun run = LockdemoRun.run("report", ReportCommandTest.resultFile("postgresql-embedded.json").toString(),
                ReportCommandTest.resultFile("mariadb.json").toString(), "-o", html.toString());
        assertEquals(0, run.exitCode(), run.toString());
        return html;
    }

    private static int count(String text, String regex) {
        return (int) Pattern.compile(regex).matcher(text).results().count();
    }

    @Test
    void theReportLoadsWithoutConsoleErrorsAndShowsEveryChart(@TempDir Path dir) throws Exception {
        HeadlessChromium.Page page = chromium.load(report(dir), dir);
        assertEquals(List.of(), page.console(), "console messages while loading the report");
        String dom = page.dom();
        assertTrue(dom.contains("<h1>lockdemo report</h1>"), dom.length() > 500 ? dom.substring(0, 500) : dom);
        int cards = 9 + 8; // every strategy on PostgreSQL, all but upsert-returning on MariaDB
        assertEquals(cards, count(dom, "<article class=\"card\""));
        for (String chart : List.of("outcomes", "latency", "lock-wait", "timeline")) {
            // the browser parsed each as an SVG element with its drawing inside
            assertEquals(cards, count(dom, "<svg xmlns=\"http://www.w3.org/2000/svg\" class=\"chart\" data-chart=\""
                    + chart + "\""), chart);
        }
        assertEquals(cards * 2, count(dom, "<polyline class=\"series\" points=\"[0-9., ]+\""));
        assertEquals(cards * 4, count(dom, "<rect class=\"col-ok( partial)?\""), "four seconds per run");
        assertTrue(count(dom, "<rect class=\"bar o-unique_violation failed\"") == 2, "naive's race on both databases");
        assertEquals(cards, count(dom, "data-check=\"one_row_per_key\""));
    }

    @Test
    void theConsoleCheckSeesABrokenChart(@TempDir Path dir) throws Exception {
        // what a chart with an unguarded division would produce: Chromium logs it as a console error
        Path html = Files.writeString(dir.resolve("broken.html"), "<!DOCTYPE html><html><body>"
                + "<svg width=\"10\" height=\"10\"><polyline points=\"1,NaN 2,3\"/></svg></body></html>");
        HeadlessChromium.Page page = chromium.load(html, dir);
        assertEquals(1, page.console().size(), page.console().toString());
        assertTrue(page.console().get(0).contains("attribute points: Expected number"), page.console().toString());
    }

    @Test
    void theScreenshotScriptWritesAPng(@TempDir Path dir) throws Exception {
        Path png = dir.resolve("shot.png");
        Path log = dir.resolve("script.log");
        ProcessBuilder pb = new ProcessBuilder("bash", "scripts/report-screenshot.sh", png.toString(),
                ReportCommandTest.resultFile("mariadb.json").toString())
                .redirectErrorStream(true).redirectOutput(log.toFile());
        pb.environment().put("HEIGHT", "900");
        Process p = pb.start();
        assertTrue(p.waitFor(120, TimeUnit.SECONDS), "the script did not finish: " + Files.readString(log));
        assertEquals(0, p.exitValue(), Files.readString(log));
        byte[] bytes = Files.readAllBytes(png);
        assertTrue(bytes.length > 10_000, "a screenshot of a page, not an empty image: " + bytes.length + " bytes");
        assertEquals("\u0089PNG", new String(bytes, 0, 4, java.nio.charset.StandardCharsets.ISO_8859_1));
        assertTrue(Files.readString(dir.resolve("shot.html")).contains("data-chart=\"timeline\""));
    }
}
