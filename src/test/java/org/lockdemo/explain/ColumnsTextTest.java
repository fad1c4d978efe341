package org.lockdemo.explain;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.lockdemo.model.Isolation;
import org.lockdemo.model.RowKey;

/** The schedule in columns, from hand-built timelines: no database. */
class ColumnsTextTest {
    private static final String INSERT = "INSERT INTO lockdemo_explain (jahr, monat, some_value) VALUES (?, ?, 0) RETURNING id";
    private static final String SELECT = "SELECT id FROM lockdemo_explain WHERE (jahr = ? AND monat = ?) FOR UPDATE";
    private static final StepResult DUP = new StepResult("ERROR unique_violation (SQLState 23505): duplicate key", true,
            "23505", 0, "unique_violation", "unique_violation");

    private static TimelineEvent ran(int step, String session, String sql, StepResult r) {
        return new TimelineEvent(TimelineEvent.Kind.RAN, step, session, sql, step, r, List.of());
    }

    private static TimelineEvent blocked(int step, String session, String sql, String by) {
        return new TimelineEvent(TimelineEvent.Kind.BLOCKED, step, session, sql, step, null, List.of(by));
    }

    private static TimelineEvent finished(int step, String session, String sql, int at, StepResult r) {
        return new TimelineEvent(TimelineEvent.Kind.FINISHED, step, session, sql, at, r, List.of());
    }

    private static Timeline timeline(List<String> sessions, Optional<String> stuck, TimelineEvent... events) {
        Scenario s = new Scenario("demo", Optional.empty(), List.of("postgresql"), Isolation.READ_COMMITTED,
                "T2 waits for T1.", "", "", new RowKey(2016, 5), sessions, List.of());
        return new Timeline(s, "PostgreSQL", "18.3", "read committed", "lockdemo_explain", List.of(events),
                List.of(), stuck);
    }

    /** T2 blocks on T1's INSERT, a bar runs down T2's column, and T2 fails in the row of T1's COMMIT. */
    private static Timeline blockedThenFinished() {
        return timeline(List.of("T1", "T2"), Optional.empty(),
                ran(1, "T1", INSERT, StepResult.ok("1 row: id = 1")),
                blocked(2, "T2", INSERT, "T1"),
                ran(3, "T1", "UPDATE lockdemo_explain SET some_value = ? WHERE id = ?", StepResult.ok("1 row updated")),
                ran(4, "T1", "COMMIT", StepResult.ok("committed")),
                finished(2, "T2", INSERT, 4, DUP),
                ran(5, "T2", "ROLLBACK", StepResult.ok("rolled back")));
    }

    private static String text(Timeline t, int width) {
        return String.join("\n", ColumnsText.lines(ScheduleColumns.of(t), width)) + "\n";
    }

    @Test
    void aBlockedStepHasABarUntilItFinishesInTheRowThatReleasedIt() {
        assertEquals(String.join("\n",
                "step  T1                                      T2",
                "────  ──────────────────────────────────────  ──────────────────────────────────────",
                "   1  INSERT INTO lockdemo_explain (jahr,",
                "        monat, some_value) VALUES (?, ?, 0)",
                "        RETURNING id",
                "      → 1 row: id = 1",
                "",
                "   2                                          INSERT INTO lockdemo_explain (jahr,",
                "                                                monat, some_value) VALUES (?, ?, 0)",
                "                                                RETURNING id",
                "                                              → BLOCKED (waits for T1)",
                "                                              │",
                "   3  UPDATE lockdemo_explain SET some_value  │",
                "        = ? WHERE id = ?                      │",
                "      → 1 row updated                         │",
                "                                              │",
                "   4  COMMIT                                  └→ ✗ ERROR unique_violation (SQLState",
                "      → ✓ committed                              23505): duplicate key",
                "",
                "   5                                          ROLLBACK",
                "                                              → rolled back",
                ""), text(blockedThenFinished(), 84));
    }

    @Test
    void aStepStillBlockedAtTheEndKeepsItsBarToTheLastRow() {
        Timeline t = timeline(List.of("T1", "T2"), Optional.of("the schedule ended with T2's step 2 blocked"),
                ran(1, "T1", INSERT, StepResult.ok("1 row: id = 1")),
                blocked(2, "T2", INSERT, "T1"),
                ran(3, "T1", "SELECT 1", StepResult.ok("1 row")));
        List<String> lines = ColumnsText.lines(ScheduleColumns.of(t), 80);
        assertTrue(lines.get(lines.size() - 1).endsWith("│"), String.join("\n", lines));
        assertTrue(lines.get(lines.size() - 2).endsWith("│"), String.join("\n", lines));
        StringWriter w = new StringWriter();
        TimelineReport.render(t, ExplainFormat.TEXT, 80, new PrintWriter(w));
        assertTrue(w.toString().contains("│\n\nStopped: the schedule ended with T2's step 2 blocked\n"), w.toString());
    }

    @Test
    void aStepThatLostTheLockToAnotherSaysSoAndKeepsWaiting() {
        Timeline t = timeline(List.of("T1", "T2", "T3"), Optional.empty(),
                blocked(1, "T2", SELECT, "T1"),
                ran(2, "T1", "COMMIT", StepResult.ok("committed")),
                new TimelineEvent(TimelineEvent.Kind.STILL_BLOCKED, 1, "T2", SELECT, 2, null, List.of("T3")),
                ran(3, "T3", "COMMIT", StepResult.ok("committed")),
                finished(1, "T2", SELECT, 3, StepResult.ok("1 row: id = 1")));
        ScheduleColumns c = ScheduleColumns.of(t);
        assertEquals(ScheduleColumns.Kind.STILL_BLOCKED, c.rows().get(1).cells().get(1).kind());
        assertEquals("still BLOCKED (waits for T3)", c.rows().get(1).cells().get(1).outcome());
        assertEquals(ScheduleColumns.Kind.FINISHED, c.rows().get(2).cells().get(1).kind());
        String s = text(t, 80);
        assertTrue(s.contains("│ still BLOCKED"), s);
        assertTrue(s.contains("└→ 1 row: id = 1"), s);
    }

    @Test
    void errorsAndCommitsAreMarked() {
        ScheduleColumns c = ScheduleColumns.of(timeline(List.of("T1", "T2"), Optional.empty(),
                ran(1, "T1", "COMMIT", StepResult.ok("committed")),
                ran(2, "T2", INSERT, DUP),
                ran(3, "T2", "commit", StepResult.ok("committed"))));
        assertEquals(ScheduleColumns.Mark.COMMIT, c.rows().get(0).cells().get(0).mark());
        assertEquals(ScheduleColumns.Mark.ERROR, c.rows().get(1).cells().get(1).mark());
        assertEquals(ScheduleColumns.Mark.COMMIT, c.rows().get(2).cells().get(1).mark());
        assertEquals(ScheduleColumns.Kind.EMPTY, c.rows().get(1).cells().get(0).kind());
    }

    @Test
    void everyLineFitsTheWidthAndLongWordsAreCut() {
        String word = "x".repeat(60);
        Timeline t = timeline(List.of("T1", "T2", "T3"), Optional.empty(),
                ran(1, "T1", "SELECT '" + word + "'", StepResult.ok(word)), blocked(2, "T2", INSERT, "T1"),
                blocked(3, "T3", INSERT, "T1"), ran(4, "T1", "COMMIT", StepResult.ok("committed")),
                finished(2, "T2", INSERT, 4, DUP), finished(3, "T3", INSERT, 4, DUP));
        for (int width : new int[] {ColumnsText.minWidth(3), 80, 100, 140}) {
            for (String line : ColumnsText.lines(ScheduleColumns.of(t), width)) {
                assertTrue(line.length() <= width, width + ": " + line);
                assertEquals(line.stripTrailing(), line);
            }
        }
        assertEquals(64, ColumnsText.minWidth(3));
        assertEquals(44, ColumnsText.minWidth(2));
        assertThrows(IllegalArgumentException.class, () -> ColumnsText.lines(ScheduleColumns.of(t), 63));
    }

    @Test
    void wrapFillsWordsAndIndentsTheFollowingLines() {
        assertEquals(List.of("→ aaa bbb", "  ccc"), ColumnsText.wrap("aaa bbb ccc", 9, "→ ", "  "));
        assertEquals(List.of("abcdefgh", "  ijklmn", "  op"), ColumnsText.wrap("abcdefghijklmnop", 8, "", "  "));
    }

    @Test
    void markdownHasTheSameColumns() {
        StringWriter w = new StringWriter();
        TimelineReport.render(blockedThenFinished(), ExplainFormat.MARKDOWN, new PrintWriter(w));
        String md = w.toString();
        assertTrue(md.contains("| step | T1 | T2 |\n|---:|---|---|\n"), md);
        assertTrue(md.contains("| 2 | | `" + INSERT + "`<br>→ **BLOCKED (waits for T1)** |\n"), md);
        assertTrue(md.contains("| 3 | `UPDATE lockdemo_explain SET some_value = ? WHERE id = ?`<br>→ 1 row updated | │ |\n"), md);
        assertTrue(md.contains("| 4 | `COMMIT`<br>→ ✓ committed | └→ **✗ ERROR unique_violation (SQLState 23505): "
                + "duplicate key** |\n"), md);
    }
}
