package org.lockdemo.report;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.io.InputStream;
import java.io.StringWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;
import java.util.regex.Pattern;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.junit.jupiter.api.Test;
import org.lockdemo.results.ResultJson;
import org.lockdemo.results.RunResult;
import org.lockdemo.results.RunResults;

/**
 * The console fitted to a width: golden files at 80, 100 and 200 columns over the fixed fixture,
 * and over a recorded run of nine strategies made an open loop with race intensity; no line wider
 * than the width; colour that never moves a column.
 *
 * <p>To regenerate after an intended change of the output, run
 * {@code LOCKDEMO_REGENERATE_GOLDEN=1 mvn -B -o test -Dtest=ConsoleWidthTest} and review the diff of
 * {@code src/test/resources/org/lockdemo/report/console-*-golden.txt} line by line.
 */
class ConsoleWidthTest {
    private static final Path DIR = Path.of("src", "test", "resources", "org", "lockdemo", "report");
    private static final boolean REGENERATE = "1".equals(System.getenv("LOCKDEMO_REGENERATE_GOLDEN"));
    private static final Pattern ANSI = Pattern.compile("\u001b\\[[0-9;]*m");

    static String render(RunResult result, boolean verbose, ConsoleView view) throws IOException {
        StringWriter text = new StringWriter();
        Format.console(verbose, view).write(result, text);
        return text.toString().replace(System.lineSeparator(), "\n");
    }

    private static RunResult fixture() {
        return RunResults.of(ReportFixture.result(), "test");
    }

    /**
     * The recorded embedded-PostgreSQL run (nine strategies, serializable's retries), turned into an
     * open loop over 64 keys with race intensity and schedule lag, each figure distinct per strategy.
     */
    static RunResult openLoop() throws IOException {
        ObjectNode root;
        try (InputStream in = ConsoleWidthTest.class.getResourceAsStream("results/postgresql-embedded.json")) {
            root = (ObjectNode) new ObjectMapper().readTree(in);
        }
        ObjectNode config = (ObjectNode) root.get("config");
        config.put("keys", 64).put("mode", "open").put("rate_per_s", 2000.0);
        int i = 0;
        for (JsonNode s : root.get("strategies")) {
            ObjectNode strategy = (ObjectNode) s;
            long attempts = strategy.get("attempts").asLong();
            ObjectNode ri = strategy.putObject("race_intensity");
            ri.put("raced", attempts / (i + 2)).put("raced_share", 1.0 / (i + 2)).put("raced_is_lower_bound", i % 3 == 1);
            ri.putNull("racers_per_round");
            ri.putObject("start_spread_us").put("p50", 1_000.0 + 137 * i).put("p99", 5_000.0).put("max", 9_000.0)
                    .put("releases", 1);
            strategy.putObject("schedule_lag_us").put("p50", 40.0 + i).put("p90", 400.0).put("p99", 1_250.5 * (i + 1))
                    .put("p999", 20_000.0).put("max", 31_000.0 + 1_000 * i).put("mean", 90.0).put("count", attempts);
            strategy.put("unstarted", 3L * i);
            i++;
        }
        return ResultJson.read(root);
    }

    private static void assertGolden(String name, String actual) throws IOException {
        Path file = DIR.resolve(name);
        if (REGENERATE) {
            Files.writeString(file, actual, StandardCharsets.UTF_8);
        }
        assertTrue(Files.exists(file), file + " is missing; see this class's Javadoc to generate it");
        assertEquals(Files.readString(file, StandardCharsets.UTF_8), actual,
                file + " differs; if the change is intended, regenerate it (see this class's Javadoc)");
    }

    private static void assertFits(String text, int width) {
        for (String line : text.split("\n")) {
            assertTrue(line.length() <= width, "wider than " + width + ": '" + line + "' in\n" + text);
        }
    }

    @ParameterizedTest
    @ValueSource(ints = {80, 100, 200})
    void theFixtureMatchesItsGoldenFileAndFits(int width) throws Exception {
        String text = Locales.withDefault(Locale.US, () -> render(fixture(), true, ConsoleView.fitted(width)));
        assertGolden("console-" + width + "-golden.txt", text);
        assertFits(text, width);
        assertEquals(text, Locales.withDefault(Locale.GERMANY, () -> render(fixture(), true, ConsoleView.fitted(width))));
    }

    @ParameterizedTest
    @ValueSource(ints = {80, 100, 200})
    void anOpenLoopWithRaceIntensityAndRetriesMatchesItsGoldenFileAndFits(int width) throws Exception {
        String text = Locales.withDefault(Locale.US, () -> render(openLoop(), false, ConsoleView.fitted(width)));
        assertGolden("console-open-loop-" + width + "-golden.txt", text);
        assertFits(text, width);
    }

    @Test
    void theDefaultDropsOutcomeColumnsThatAreZeroForEveryStrategyAndGroupsLatency() throws IOException {
        String head = tableHead(render(fixture(), false, ConsoleView.fitted(200)));
        assertEquals(List.of("strategy", "attempts", "created", "found", "conflict", "unique", "no_lock", "blocked",
                "p50/p99 ms", "max ms", "lock p99 ms", "attempts/s", "verdict"), List.of(head.split(" {2,}")));
        String openHead = tableHead(render(openLoop(), false, ConsoleView.fitted(250)));
        assertFalse(openHead.contains("missing") || openHead.contains("deadlock"), openHead); // zero in every strategy
        assertTrue(openHead.contains("serial") && openHead.contains("retries") && openHead.contains("raced %")
                && openHead.contains("lag p99 ms") && openHead.contains("unstarted"), openHead);
    }

    @Test
    void wideShowsEveryColumnUnderItsIdWhateverTheWidth() throws IOException {
        String head = tableHead(render(fixture(), false, new ConsoleView(80, true, false)));
        assertTrue(head.contains("found_after_conflict") && head.contains("unique_violation")
                && head.contains("p50 ms") && head.contains("p99 ms") && head.contains("max ms"), head);
        assertTrue(head.length() > 80, head);
    }

    /** The columns go in the documented order (docs/race.md), and the footnote names them. */
    @Test
    void columnsThatDoNotFitGoInTheDropOrderAndTheFootnoteSaysWhich() throws IOException {
        String text = render(openLoop(), false, ConsoleView.fitted(100));
        assertTrue(text.contains("\n(max ms, lock p99 ms, lag max ms, start p50 us, attempts/s, blocked, unstarted, "
                + "retries, lag p99 ms\n  hidden"), text);
        assertTrue(text.contains("hidden to fit 100 columns: --wide shows all)\n"), text);
        List<ColumnFit.Column> all = ConsoleTable.fitted(openLoop());
        ColumnFit.Fitted wide = ColumnFit.fit(all, 1_000);
        assertEquals(List.of(), wide.hidden());
        assertEquals(all.size(), wide.head().size());
        ColumnFit.Fitted narrow = ColumnFit.fit(all, 10);
        assertEquals(1, narrow.gap());
        assertEquals(List.of("strategy", "found", "conflict", "unique", "no_lock", "serial", "p50/p99 ms",
                "verdict"), narrow.head()); // what always stays
    }

    @Test
    void theHeaderLineWrapsAtWordsAndOnlyThere() throws IOException {
        String text = render(fixture(), false, ConsoleView.fitted(80));
        List<String> header = text.lines().takeWhile(l -> !l.isEmpty()).toList();
        assertTrue(header.size() > 1, text);
        assertEquals(ConsoleReport.header(fixture()), String.join(" ", header).replaceAll(" +", " "));
    }

    @Test
    void colourPaintsTheVerdictsWithoutMovingAColumn() throws IOException {
        for (ConsoleView view : List.of(ConsoleView.fitted(100), ConsoleView.WIDE)) {
            String plain = render(fixture(), true, view);
            String coloured = render(fixture(), true, view.withColour(true));
            assertNotEquals(plain, coloured);
            assertEquals(plain, ANSI.matcher(coloured).replaceAll(""), "only escape codes added");
            assertTrue(coloured.contains(Paint.PASS.on("pass", true)) && coloured.contains(Paint.LESSON.on("lesson", true)),
                    coloured);
            // every row ends at the same column once the escape codes are out: the padding counted visible text
            List<String> rows = plain.lines().filter(l -> l.matches("(naive|savepoint|nowait) .*")).toList();
            assertEquals(3, rows.size(), plain);
            assertEquals(1, rows.stream().map(String::length).distinct().count(), plain);
        }
    }

    @Test
    void aFailedStrategyShoutsInBoldRed() throws IOException {
        String fail = Paint.FAIL.on("FAIL", true);
        assertEquals("\u001b[1m\u001b[31mFAIL\u001b[0m", fail);
        assertEquals("FAIL", Paint.FAIL.on("FAIL", false));
    }

    @Test
    void noColourByDefault() throws IOException {
        assertFalse(ANSI.matcher(render(fixture(), true, ConsoleView.PLAIN)).find());
        assertFalse(ANSI.matcher(render(fixture(), true, ConsoleView.WIDE)).find());
    }

    private static String tableHead(String text) {
        return text.lines().filter(l -> l.startsWith("strategy ")).findFirst().orElseThrow();
    }
}
