package org.lockdemo.it;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import java.awt.image.BufferedImage;
import java.io.PrintWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import javax.imageio.ImageIO;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.lockdemo.explain.ExplainFormat;
import org.lockdemo.explain.TimelineJsonReader;
import org.lockdemo.explain.TimelineReport;
import org.lockdemo.explain.picture.PictureStyle;

/**
 * {@code explain --format html} in a real browser, as {@link ReportBrowserIT} tests the race
 * report: headless Chromium loads the page of a real run (savepoint on the embedded PostgreSQL;
 * savepoint, the three-session deadlock, on MariaDB from {@code LOCKDEMO_TEST_MYSQL_URL}; a
 * Galera scenario from a real cluster run's JSON, see {@code explain.picture.Timelines}): no
 * console errors; every lane, box and bar of the timeline in the DOM; stepping with the buttons
 * and the arrow keys changes what is shown (a probe script in a copy of the page records it); a
 * screenshot, kept in {@code target/explain-browser/} for CI to publish, is not blank and shows
 * the palette's colours. Skipped where chromium is not installed ({@code .ci/run} installs it).
 */
class ExplainBrowserIT {
    private static final String MYSQL_URL = System.getenv("LOCKDEMO_TEST_MYSQL_URL");
    private static final String MYSQL_USER = System.getenv().getOrDefault("LOCKDEMO_TEST_MYSQL_USER", "root");
    private static final Path SCREENSHOTS = Path.of("target/explain-browser");
    private static HeadlessChromium chromium;

    @BeforeAll
    static void findChromium() {
        chromium = HeadlessChromium.find().orElse(null);
        Assumptions.assumeTrue(chromium != null, "chromium is not installed (apt-get install -y chromium)");
    }

    /** A run's page and its JSON (the same schedule: explain prints the same timeline every time). */
    private record Explained(Path html, JsonNode json) {
    }

    private static Explained explain(Path dir, String... args) throws Exception {
        Path html = dir.resolve("lesson.html");
        Path json = dir.resolve("lesson.json");
        for (String[] format : List.of(new String[] {"--format", "html", "-o", html.toString()},
                new String[] {"--format", "json", "-o", json.toString()})) {
            List<String> all = new ArrayList<>(List.of("explain"));
            all.addAll(Arrays.asList(args));
            all.addAll(Arrays.asList(format));
            LockdemoRun run = LockdemoRun.run(all.toArray(String[]::new));
            assertEquals(0, run.exitCode(), run.toString());
            assertTrue(run.err().contains("lockdemo: wrote " + format[3]), run.err());
        }
        return new Explained(html, LockdemoRun.json(json));
    }

    /** The page of a real cluster run, from its committed JSON. */
    private static Explained galera(Path dir) throws Exception {
        Path json = Path.of("src/test/resources/org/lockdemo/explain/timelines/galera-savepoint.json");
        Path html = dir.resolve("galera.html");
        try (PrintWriter w = new PrintWriter(Files.newBufferedWriter(html, StandardCharsets.UTF_8))) {
            TimelineReport.render(TimelineJsonReader.read(LockdemoRun.json(json)), ExplainFormat.HTML, w);
        }
        return new Explained(html, LockdemoRun.json(json));
    }

    private static int count(String text, String regex) {
        return ExplainPictures.count(text, regex);
    }

    private static int events(JsonNode t, String kind) {
        return ExplainPictures.events(t, kind);
    }

    /** Loads the page: no console messages, and every lane, box, bar and arrow of the timeline is there. */
    private static String assertComplete(Explained e, Path dir) throws Exception {
        HeadlessChromium.Page page = chromium.load(e.html(), dir);
        assertEquals(List.of(), page.console(), "console messages while loading the page");
        String dom = page.dom();
        JsonNode t = e.json();
        assertTrue(dom.contains("<html lang=\"en\" class=\"js\">"), "the page's script ran");
        assertEquals(t.path("sessions").size(), count(dom, "<g class=\"lane\" data-session=\"T[0-9]\""), "a lane per session");
        for (JsonNode s : t.path("sessions")) {
            assertTrue(dom.contains(">" + s.asText() + "</text>"), "lane heading " + s.asText());
        }
        assertEquals(t.path("timeline").size(), count(dom, "<g class=\"box [a-z- ]+\" data-step=\"[0-9]+\" data-session="),
                "a box per event");
        assertEquals(events(t, "blocked"), count(dom, "<g class=\"bar\" data-session="), "a bar per blocked step");
        assertTrue(events(t, "blocked") == 0 || count(dom, "<rect class=\"wait\" x=\"[0-9.]+\"") >= events(t, "blocked"),
                "the bars are drawn");
        int errors = 0;
        for (JsonNode ev : t.path("timeline")) {
            errors += ev.path("error").isObject() ? 1 : 0;
        }
        assertEquals(errors, count(dom, "<g class=\"box [a-z-]+ error[ \"]"), "every error marked");
        return dom;
    }

    /**
     * Presses Next twice, → once, ← once, Previous once, then End, and writes how many boxes are
     * visible before and after each press into the body: what a person at the projector sees.
     */
    private static final String STEP_PROBE = "<script>\n"
            + "const seen = () => [...document.querySelectorAll('g.box')].filter(b => getComputedStyle(b).visibility "
            + "!== 'hidden').length;\n"
            + "const key = k => document.dispatchEvent(new KeyboardEvent('keydown', {key: k}));\n"
            + "const r = [seen()];\n"
            + "document.getElementById('next').click(); r.push(seen());\n"
            + "document.getElementById('next').click(); r.push(seen());\n"
            + "key('ArrowRight'); r.push(seen());\n"
            + "key('ArrowLeft'); r.push(seen());\n"
            + "document.getElementById('prev').click(); r.push(seen());\n"
            + "key('End'); r.push(seen());\n"
            + "document.body.dataset.probe = r.join(',');\n"
            + "document.body.dataset.where = document.getElementById('where').textContent;\n"
            + "document.body.dataset.lockTables = [...document.querySelectorAll('[data-only-step]')]"
            + ".filter(s => !s.hidden).length;\n"
            + "</script>\n";

    private static void assertStepping(Explained e, Path dir) throws Exception {
        Path probed = Files.writeString(dir.resolve("probed.html"),
                Files.readString(e.html()).replace("</body>", STEP_PROBE + "</body>"));
        HeadlessChromium.Page page = chromium.load(probed, dir);
        assertEquals(List.of(), page.console());
        Matcher m = Pattern.compile("data-probe=\"([0-9,]+)\"").matcher(page.dom());
        assertTrue(m.find(), "the probe ran");
        int[] seen = Arrays.stream(m.group(1).split(",")).mapToInt(Integer::parseInt).toArray();
        int boxes = e.json().path("timeline").size();
        assertEquals(0, seen[0], "the page opens before the first step: " + m.group(1));
        assertEquals(1, seen[1], "Next shows step 1's box: " + m.group(1));
        assertTrue(seen[2] > seen[1] && seen[3] > seen[2], "Next and → reveal one step at a time: " + m.group(1));
        assertEquals(seen[2], seen[4], "← goes back a step: " + m.group(1));
        assertEquals(seen[1], seen[5], "so does Previous: " + m.group(1));
        assertEquals(boxes, seen[6], "End shows the whole schedule: " + m.group(1));
        int steps = events(e.json(), "ran") + events(e.json(), "blocked"); // a row per step sent
        assertTrue(page.dom().contains("data-where=\"step " + steps + ", the last of " + steps + "\""), "the counter");
        assertTrue(page.dom().contains("data-lock-tables=\"" + (e.json().has("locks") ? 1 : 0) + "\""),
                "the lock table of the current step only");
    }

    /** A screenshot of the whole schedule: not blank, in the palette's colours; kept for CI. */
    private static void assertScreenshot(Explained e, Path dir, String name, List<String> colours) throws Exception {
        Path all = Files.writeString(dir.resolve("all.html"), Files.readString(e.html())
                .replace("<body>", "<body>\n<script>history.replaceState(null, '', '#all');</script>"));
        Path png = chromium.screenshot(all, dir, 1600, 1400);
        Files.createDirectories(SCREENSHOTS);
        Files.copy(png, SCREENSHOTS.resolve(name + ".png"), StandardCopyOption.REPLACE_EXISTING);
        BufferedImage img = ImageIO.read(png.toFile());
        assertEquals(1600, img.getWidth());
        Set<Integer> seen = new HashSet<>();
        long inked = 0;
        for (int y = 0; y < img.getHeight(); y++) {
            for (int x = 0; x < img.getWidth(); x++) {
                int rgb = img.getRGB(x, y) & 0xffffff;
                seen.add(rgb);
                inked += rgb == 0xffffff ? 0 : 1;
            }
        }
        long area = (long) img.getWidth() * img.getHeight();
        assertTrue(inked > area / 10, "the page is drawn, not blank: " + inked + " of " + area + " pixels inked");
        assertTrue(seen.size() > 50, seen.size() + " colours");
        for (String c : colours) {
            assertTrue(seen.contains(Integer.parseInt(c.substring(1), 16)), c + " painted in " + name);
        }
    }

    @Test
    void savepointOnTheEmbeddedPostgresql(@TempDir Path dir) throws Exception {
        Explained e = explain(dir, "--strategy", "savepoint", "--url", TestDatabases.embeddedUrl());
        String dom = assertComplete(e, dir);
        assertTrue(dom.contains("uncommitted (T1's INSERT)"), "the key row's versions");
        assertStepping(e, dir);
        assertScreenshot(e, dir, "savepoint-postgresql", List.of(PictureStyle.WAIT, PictureStyle.ERROR,
                PictureStyle.COMMIT, PictureStyle.UNCOMMITTED, PictureStyle.COMMITTED, PictureStyle.LOCKED));
    }

    @Test
    void savepointsDeadlockOnMariadb(@TempDir Path dir) throws Exception {
        TestDatabase.MYSQL.assumeConfigured();
        Explained e = explain(dir, "--strategy", "savepoint", "--url", MYSQL_URL, "--user", MYSQL_USER);
        String dom = assertComplete(e, dir);
        assertEquals(3, e.json().path("sessions").size(), "the three-session deadlock");
        assertTrue(count(dom, "<g class=\"arrow( later| current)*\" data-step=\"[0-9]+\" data-from=\"T2\" data-to=\"T3\"") == 1,
                "T2 waits for T3 before the deadlock");
        assertStepping(e, dir);
        assertScreenshot(e, dir, "savepoint-mariadb", List.of(PictureStyle.WAIT, PictureStyle.ERROR,
                PictureStyle.COMMIT, PictureStyle.COMMITTED));
    }

    @Test
    void aGaleraScheduleHasALanePerNode(@TempDir Path dir) throws Exception {
        Explained e = galera(dir);
        String dom = assertComplete(e, dir);
        assertTrue(dom.contains("<g class=\"lane\" data-session=\"T1\" data-node=\"1\">"), "T1's lane names its node");
        assertTrue(dom.contains("<g class=\"lane\" data-session=\"T2\" data-node=\"2\">"), "T2's lane names its node");
        assertTrue(dom.contains(">node 2</text>"));
        assertTrue(dom.contains("locked by T1, T2"), "both nodes lock the row: nobody waits");
        assertStepping(e, dir);
        assertScreenshot(e, dir, "galera-savepoint", List.of(PictureStyle.ERROR, PictureStyle.COMMIT,
                PictureStyle.COMMITTED, PictureStyle.LOCKED));
    }

    @Test
    void withoutScriptThePageShowsTheWholeSchedule(@TempDir Path dir) throws Exception {
        Explained e = galera(dir);
        String html = Files.readString(e.html());
        assertFalse(html.contains("class=\"later") || html.contains(" later\""), "nothing hidden in the page as written");
        assertTrue(html.contains(".js .later { visibility: hidden; }"), "only a page whose script ran hides steps");
    }

    @Test
    void aReportOfARaceAndAnExplainedScheduleShowsBoth(@TempDir Path dir) throws Exception {
        Path html = dir.resolve("report.html");
        LockdemoRun run = LockdemoRun.run("report", ReportCommandTest.resultFile("mariadb.json").toString(),
                "src/test/resources/org/lockdemo/explain/timelines/savepoint-mysql.json",
                "src/test/resources/org/lockdemo/explain/timelines/galera-savepoint.json", "-o", html.toString());
        assertEquals(0, run.exitCode(), run.toString());
        assertTrue(run.out().contains("(1 result file, 2 explained schedules)"), run.out());
        HeadlessChromium.Page page = chromium.load(html, dir);
        assertEquals(List.of(), page.console());
        String dom = page.dom();
        assertEquals(8, count(dom, "<article class=\"card "), "the race's cards");
        assertEquals(2, count(dom, "data-chart=\"swimlanes\""), "a picture per schedule");
        assertEquals(3 + 2, count(dom, "<g class=\"lane\" data-session="));
        assertEquals(3, count(dom, "<g class=\"bar\" data-session="), "savepoint-mysql's three waits");
    }

    @Test
    void thePicturesScriptWritesThePageTheSvgAndAPng(@TempDir Path dir) throws Exception {
        Path log = dir.resolve("script.log");
        Process p = new ProcessBuilder("bash", "scripts/explain-pictures.sh", "--out", dir.toString(), "naive-postgresql")
                .redirectErrorStream(true).redirectOutput(log.toFile()).start();
        assertTrue(p.waitFor(180, java.util.concurrent.TimeUnit.SECONDS), "the script did not finish: " + Files.readString(log));
        assertEquals(0, p.exitValue(), Files.readString(log));
        byte[] png = Files.readAllBytes(dir.resolve("naive-postgresql.png"));
        assertEquals("\u0089PNG", new String(png, 0, 4, StandardCharsets.ISO_8859_1));
        BufferedImage img = ImageIO.read(dir.resolve("naive-postgresql.png").toFile());
        assertTrue(img.getWidth() > 700 && img.getHeight() > 700, "the picture's own size: " + img.getWidth() + "x"
                + img.getHeight());
        assertTrue(Files.readString(dir.resolve("naive-postgresql.svg")).contains("data-chart=\"swimlanes\""));
        assertTrue(Files.readString(dir.resolve("naive-postgresql.html")).contains("id=\"next\""));
    }
}
