package org.lockdemo.report;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.io.InputStream;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.Locale;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.lockdemo.race.RaceResult;
import org.lockdemo.results.RunResults;

/**
 * Golden test of the console report in its {@code --wide} view (every column, the text unwrapped;
 * the fitted views are {@link ConsoleWidthTest}'s). To update the golden file after an intended
 * change of the output, print {@code render(ReportFixture.result(), true)} and review the difference
 * line by line.
 */
class ConsoleReportTest {
    private static final String GOLDEN = "console-golden.txt";
    private Locale saved;

    @BeforeEach
    void saveLocale() {
        saved = Locale.getDefault();
    }

    @AfterEach
    void restoreLocale() {
        Locale.setDefault(saved);
    }

    private static String render(RaceResult result, boolean verbose) {
        StringWriter text = new StringWriter();
        try { // a StringWriter: never fails
            Format.console(verbose, ConsoleView.WIDE).write(RunResults.of(result, "test"), new PrintWriter(text));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return text.toString().replace(System.lineSeparator(), "\n");
    }

    private static String golden() throws IOException {
        try (InputStream in = ConsoleReportTest.class.getResourceAsStream(GOLDEN)) {
            assertNotNull(in, GOLDEN + " on the test class path");
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        }
    }

    @Test
    void matchesTheGoldenFile() throws IOException {
        Locale.setDefault(Locale.US);
        assertEquals(golden(), render(ReportFixture.result(), true));
    }

    @Test
    void isTheSameUnderAGermanLocale() throws IOException {
        Locale.setDefault(Locale.US);
        String us = render(ReportFixture.result(), true);
        Locale.setDefault(Locale.GERMANY); // decimal comma: 1,25 instead of 1.25
        String de = render(ReportFixture.result(), true);
        assertEquals(us, de);
        assertEquals(golden(), de);
    }

    @Test
    void quietOutputIsTheGoldenWithoutTheVerboseLines() throws IOException {
        StringBuilder expected = new StringBuilder();
        for (String line : golden().split("\n", -1)) {
            boolean verboseOnly = line.startsWith("  ok ") || line.matches("  \\d+x .*")
                    || line.startsWith("  lock view polled ");
            if (!verboseOnly) {
                expected.append(line).append('\n');
            }
        }
        expected.setLength(expected.length() - 1); // split kept the text after the last newline
        assertEquals(expected.toString(), render(ReportFixture.result(), false));
    }

    @Test
    void aStoppedRunSaysItsResultsArePartial() {
        String text = render(ReportFixture.result("interrupted by a signal (Ctrl-C or SIGTERM)"), false);
        assertTrue(text.endsWith("PARTIAL RESULTS: the run stopped early: interrupted by a signal (Ctrl-C or SIGTERM)\n"),
                text);
        assertFalse(render(ReportFixture.result(), false).contains("PARTIAL"));
    }

    @Test
    void strategiesOfSeveralFrameworksAreHeadedByTheirGroupOneGroupIsNot() {
        var tree = TestResults.tree(ReportFixture.result(), "1.0");
        assertEquals(java.util.Arrays.asList(null, null, null),
                ConsoleReport.groupHeadings(org.lockdemo.results.ResultJson.read(tree)), "naive, savepoint, nowait: Django's");
        ((com.fasterxml.jackson.databind.node.ObjectNode) tree.get("strategies").get(2)).put("strategy", "upsert");
        assertEquals(java.util.Arrays.asList("Django:", null, "Plain SQL:"),
                ConsoleReport.groupHeadings(org.lockdemo.results.ResultJson.read(tree)));
        ((com.fasterxml.jackson.databind.node.ObjectNode) tree.get("strategies").get(1)).put("strategy", "from-a-newer-lockdemo");
        assertEquals(java.util.Arrays.asList("Django:", null, "Plain SQL:"),
                ConsoleReport.groupHeadings(org.lockdemo.results.ResultJson.read(tree)), "an unknown id starts no group");
    }
}
