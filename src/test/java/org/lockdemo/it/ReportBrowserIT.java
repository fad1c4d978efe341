package org.lockdemo.it;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.awt.image.BufferedImage;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import javax.imageio.ImageIO;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The HTML report in a real browser: headless Chromium from Debian's packages loads the page made
 * from the fixed result files; no console errors, every chart present, the overview painted (its
 * pixels in a screenshot), the cards laid out several to a row. Skipped where chromium is not
 * installed; {@code .ci/run} installs it.
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
        assertEquals(cards, count(dom, "<article class=\"card "));
        for (String chart : List.of("outcomes", "latency", "lock-wait", "timeline")) {
            // the browser parsed each as an SVG element with its drawing inside
            assertEquals(cards, count(dom, "<svg xmlns=\"http://www.w3.org/2000/svg\" class=\"chart\" data-chart=\""
                    + chart + "\""), chart);
        }
        assertEquals(cards * 2, count(dom, "<polyline class=\"series\" points=\"[0-9., ]+\"/?>"));
        assertEquals(cards * 4, count(dom, "<rect class=\"col-ok( partial)?\""), "four seconds per run");
        assertTrue(count(dom, "<rect class=\"bar o-unique_violation failed\"") == 2, "naive's race on both databases");
        assertEquals(cards, count(dom, "data-check=\"one_row_per_key\""));
    }

    /**
     * What the test needs from the layout, written into the DOM by a script in a copy of the page
     * (the report itself has none): how many cards share the first row, and the overview's box.
     */
    private static final String LAYOUT_PROBE = "<script>\n"
            + "const tops = [...document.querySelectorAll('article.card')].map(c => c.getBoundingClientRect().top);\n"
            + "const o = document.getElementById('overview').getBoundingClientRect();\n"
            + "document.body.dataset.cardsInFirstRow = tops.filter(t => Math.abs(t - tops[0]) < 1).length;\n"
            + "document.body.dataset.overview = [o.left, o.top, o.right, o.bottom].map(Math.round).join(',');\n"
            + "</script>\n";

    private static final int WINDOW_WIDTH_PX = 1600;

    @Test
    void theOverviewComparesEveryStrategyOfBothRuns(@TempDir Path dir) throws Exception {
        HeadlessChromium.Page page = chromium.load(report(dir), dir);
        assertEquals(List.of(), page.console());
        String dom = page.dom();
        for (String chart : List.of("overview-outcomes", "overview-price")) {
            assertEquals(1, count(dom, "data-chart=\"" + chart + "\""), chart);
        }
        assertEquals(2, count(dom, "data-chart=\"overview-latency\""), "one per run, on one axis");
        assertEquals(2, count(dom, "data-chart=\"overview-lock-wait\""));
        // 17 bars of 3 outcomes or more; the browser kept every segment as an SVG rect
        assertTrue(count(dom, "<rect class=\"seg o-[a-z_]+\" x=\"[0-9.]+\"") >= 17 * 2, dom.length() + " chars");
        assertEquals(17 * 2, count(dom, "<polyline class=\"series c[0-9]( d[0-9])?\" points=\"[0-9., ]+\"><title>[^<]*"
                + "p99"), "a latency and a lock-wait curve per strategy and run");
        assertEquals(9 + 8, count(dom, "<tr><th><span class=\"key c"), "a row of numbers per strategy and run");
    }

    @Test
    void theScreenshotShowsTheOverviewAndTheCardsShareRows(@TempDir Path dir) throws Exception {
        Path html = report(dir);
        Path probed = Files.writeString(dir.resolve("probed.html"),
                Files.readString(html).replace("</body>", LAYOUT_PROBE + "</body>"));
        HeadlessChromium.Page page = chromium.load(probed, dir, WINDOW_WIDTH_PX, 1200);
        assertEquals(List.of(), page.console());
        Matcher cards = Pattern.compile("data-cards-in-first-row=\"(\\d+)\"").matcher(page.dom());
        assertTrue(cards.find(), "the probe ran");
        assertTrue(Integer.parseInt(cards.group(1)) >= 3, "cards in the first row at 1600 px: " + cards.group(1));
        Matcher box = Pattern.compile("data-overview=\"(\\d+),(\\d+),(\\d+),(\\d+)\"").matcher(page.dom());
        assertTrue(box.find(), "the overview's box");
        int left = Integer.parseInt(box.group(1));
        int top = Integer.parseInt(box.group(2));
        int right = Integer.parseInt(box.group(3));
        int bottom = Integer.parseInt(box.group(4));
        assertTrue(right - left > WINDOW_WIDTH_PX * 0.9, "the overview uses the page's width: " + left + ".." + right);

        BufferedImage png = ImageIO.read(chromium.screenshot(html, dir, WINDOW_WIDTH_PX, bottom + 10).toFile());
        assertEquals(WINDOW_WIDTH_PX, png.getWidth());
        Set<Integer> colours = new HashSet<>();
        long inked = 0;
        for (int y = top; y < Math.min(bottom, png.getHeight()); y++) {
            for (int x = left; x < Math.min(right, png.getWidth()); x++) {
                int rgb = png.getRGB(x, y) & 0xffffff;
                colours.add(rgb);
                if (rgb != 0xffffff && rgb != 0xf5f7f9) {
                    inked++;
                }
            }
        }
        long area = (long) (right - left) * (bottom - top);
        assertTrue(inked > area / 20, "the overview is drawn, not blank: " + inked + " of " + area + " pixels inked");
        assertTrue(colours.size() > 50, colours.size() + " colours");
        // the palette's colours as the browser painted them: created, found, unique_violation, deadlock
        for (int rgb : new int[] {0x0072B2, 0x56B4E9, 0xD55E00, 0x882255}) {
            assertTrue(colours.contains(rgb), String.format("#%06X painted in the overview", rgb));
        }
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
