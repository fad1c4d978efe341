package org.lockdemo.report;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.util.List;
import java.util.Locale;
import org.lockdemo.results.ResultJson;
import org.junit.jupiter.api.Test;

/** The matrix summary over two fixture cells, one with a failed safe strategy. */
class MatrixSummaryTest {

    private static String render() {
        ObjectNode rc = TestResults.tree(ReportFixture.result(), "1.0");
        ((ObjectNode) rc.get("config")).put("isolation", "read-committed");
        ObjectNode rr = TestResults.tree(ReportFixture.result(), "1.0");
        ((ObjectNode) rr.get("config")).put("isolation", "repeatable-read");
        ObjectNode savepoint = (ObjectNode) rr.get("strategies").get(1);
        savepoint.put("verdict", "fail");
        ((ObjectNode) savepoint.get("outcomes")).put("missing_after_conflict", 4);
        ((ObjectNode) savepoint.get("checks").get(4)).put("passed", false);
        ObjectNode nowait = ((ObjectNode) rr.get("strategies").get(2)).put("retries", 7);
        rr.remove("strategies");
        rr.putArray("strategies").add(savepoint).add(nowait); // naive did not run in this cell
        StringWriter text = new StringWriter();
        MatrixSummary.write(List.of(new MatrixSummary.Cell("rc.json", ResultJson.read(rc)),
                new MatrixSummary.Cell("rr.json", ResultJson.read(rr))),
                "scripts/matrix.sh", new PrintWriter(text));
        return text.toString();
    }

    @Test
    void verdictTableHasAColumnPerCellAndARowPerStrategy() {
        List<String> lines = render().lines().toList();
        int head = lines.indexOf("| framework call | strategy | PostgreSQL 18.3 (embedded), read-committed | "
                + "PostgreSQL 18.3 (embedded), repeatable-read |");
        assertTrue(head > 0, String.join("\n", lines));
        assertEquals("|---|---|---|---|", lines.get(head + 1));
        String naive = lines.get(head + 2);
        assertTrue(naive.startsWith("| Django: `"), naive);
        assertTrue(naive.endsWith("` | `naive` | lesson (no_unique_violation_surfaced): unique_violation (3 of 20) | n/a |"), naive);
        assertTrue(lines.get(head + 3).endsWith(" | `savepoint` | pass: no errors | **FAIL** (no_unique_violation_surfaced): missing_after_conflict (4 of 20) |"),
                lines.get(head + 3));
        assertTrue(lines.get(head + 4).endsWith(" | `nowait` | pass: lock_not_available (10 of 20) | "
                + "pass: lock_not_available (10 of 20) |"), lines.get(head + 4));
    }

    @Test
    void costCellsNameTheBrokenChecksTheFailuresAndTheRetries() {
        String text = render();
        assertTrue(text.contains("| `savepoint` | pass: no errors; p99 2 ms, 160/s | **FAIL** "
                + "(no_unique_violation_surfaced): 4 missing_after_conflict; p99 2 ms, 160/s |"), text);
        assertTrue(text.contains("pass: 10 lock_not_available, 7 retries; p99 2 ms, 160/s"), text);
        assertTrue(text.contains("Run on 2025-01-01 12:00 UTC"), text);
    }

    @Test
    void aSummaryOfOneMajorHasNoSectionOnMajors() {
        assertTrue(!render().contains("between PostgreSQL majors"));
    }

    @Test
    void theVerdictsThatDifferBetweenMajorsAreListedByStrategyAndIsolation() {
        ObjectNode pg14 = TestResults.tree(ReportFixture.result(), "1.0");
        ((ObjectNode) pg14.get("config")).put("isolation", "read-committed");
        ((ObjectNode) pg14.get("database")).put("version", "14.25");
        ObjectNode savepoint = (ObjectNode) pg14.get("strategies").get(1);
        ObjectNode naive = (ObjectNode) pg14.get("strategies").get(0);
        pg14.remove("strategies");
        pg14.putArray("strategies").add(naive).add(savepoint); // nowait not run on 14
        ObjectNode pg18 = TestResults.tree(ReportFixture.result(), "1.0");
        ((ObjectNode) pg18.get("config")).put("isolation", "read-committed");
        ((ObjectNode) pg18.get("strategies").get(1)).put("verdict", "fail");
        StringWriter text = new StringWriter();
        MatrixSummary.write(List.of(new MatrixSummary.Cell("pg14.json", ResultJson.read(pg14)),
                new MatrixSummary.Cell("pg18.json", ResultJson.read(pg18))), "scripts/matrix.sh", new PrintWriter(text));
        List<String> lines = text.toString().lines().toList();
        int head = lines.indexOf("| strategy | isolation | PostgreSQL 14 | PostgreSQL 18 |");
        assertTrue(head > 0, text.toString());
        assertEquals("| `savepoint` | read-committed | pass | **FAIL** |", lines.get(head + 2));
        assertEquals("| `nowait` | read-committed | n/a | pass |", lines.get(head + 3));
        assertEquals("", lines.get(head + 4), "naive has one verdict on both: not listed");
    }

    @Test
    void isTheSameUnderAGermanLocale() {
        Locale saved = Locale.getDefault();
        try {
            Locale.setDefault(Locale.US);
            String us = render();
            Locale.setDefault(Locale.GERMANY);
            assertEquals(us, render());
        } finally {
            Locale.setDefault(saved);
        }
    }
}
