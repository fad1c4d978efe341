package org.lockdemo.explain.picture;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;
import org.lockdemo.explain.Deadlock;
import org.lockdemo.explain.ExplainFormat;
import org.lockdemo.explain.LockEntry;
import org.lockdemo.explain.LockSnapshot;
import org.lockdemo.explain.Scenario;
import org.lockdemo.explain.StepResult;
import org.lockdemo.explain.Timeline;
import org.lockdemo.explain.TimelineEvent;
import org.lockdemo.explain.TimelineJsonReader;
import org.lockdemo.explain.TimelineReport;
import org.lockdemo.model.Isolation;
import org.lockdemo.model.RowKey;

/** explain's JSON read back ({@link TimelineJsonReader}) renders to the same bytes. */
class TimelineJsonRoundTripTest {
    private static final ObjectMapper MAPPER = new ObjectMapper();

    private static String json(Timeline t) {
        StringWriter w = new StringWriter();
        TimelineReport.render(t, ExplainFormat.JSON, new PrintWriter(w));
        return w.toString();
    }

    static List<String> names() {
        List<String> all = new java.util.ArrayList<>(Timelines.NAMES);
        all.add("savepoint-mysql.locks"); // a real --locks run: lock tables, the deadlock, the server's report
        return all;
    }

    @Test
    void aRealLocksRunDrawsItsLockTablesDeadlockAndNoteOnThePage() throws Exception {
        Timeline t = TimelineJsonReader.read(MAPPER.readTree(
                Files.readString(Timelines.file("savepoint-mysql.locks"), StandardCharsets.UTF_8)));
        assertFalse(t.locks().isEmpty());
        assertEquals(1, t.deadlocks().size(), t.deadlocks().toString());
        assertEquals(List.of("T2", "T3", "T2"), t.deadlocks().get(0).cycle());
        StringWriter w = new StringWriter();
        TimelineReport.render(t, ExplainFormat.HTML, new PrintWriter(w));
        String page = w.toString();
        // after T1's COMMIT (step 12) both losers keep the shared lock their failed duplicate check took
        int step12 = page.indexOf("<section class=\"locks-at\" data-only-step=\"12\">");
        assertTrue(step12 > 0, "a lock table for step 12");
        String table12 = page.substring(step12, page.indexOf("</section>", step12));
        assertTrue(table12.contains("<tr class=\"held\"><td><b>T2</b></td><td>holds</td><td>index entry (2016, 5)</td>"
                + "<td><code title=\"INNODB STATUS: index jahr_monat_key lock mode S\">S</code>"), table12);
        assertTrue(page.contains("<p class=\"deadlock\"><strong>Deadlock:</strong> T2 → T3 → T2; the server rolled back T3."),
                "the cycle on the page");
        assertTrue(page.contains("<summary>the server's report</summary><pre>"), "InnoDB's report on the page");
        assertTrue(page.contains("<h2>The locks</h2>"), "the scenario's note on its lock modes");
    }

    @ParameterizedTest
    @MethodSource("names")
    void aRealRunsJsonComesBackByteForByte(String name) throws Exception {
        String written = Files.readString(Timelines.file(name), StandardCharsets.UTF_8);
        Timeline read = TimelineJsonReader.read(MAPPER.readTree(written));
        assertEquals(written, json(read));
    }

    @Test
    void locksAndDeadlocksComeBackToo() throws Exception {
        Scenario s = new Scenario("hand-made", Optional.empty(), List.of("mysql"), Isolation.READ_COMMITTED, "lesson",
                "why", "ref", new RowKey(2016, 5), List.of("T1", "T2"), List.of());
        StepResult deadlock = new StepResult("deadlock 1213", true, "40001", 1213, "ER_LOCK_DEADLOCK", "deadlock");
        Timeline t = new Timeline(s, "MariaDB", "10.11", "READ-COMMITTED", "lockdemo_explain", List.of(
                new TimelineEvent(TimelineEvent.Kind.BLOCKED, 1, "T1", "SELECT 1 FOR UPDATE", 1, null, List.of("T2")),
                new TimelineEvent(TimelineEvent.Kind.RAN, 2, "T2", "SELECT 1 FOR UPDATE", 2, deadlock, List.of()),
                new TimelineEvent(TimelineEvent.Kind.FINISHED, 1, "T1", "SELECT 1 FOR UPDATE", 2,
                        new StepResult("0 rows", false, null, 0, null, null), List.of())),
                List.of(), Optional.of("stuck here"),
                List.of(new LockSnapshot(1, List.of(new LockEntry("T1", LockEntry.Status.WAITING, "gap before (2016, 5)",
                        "X,GAP,INSERT_INTENTION", "INNODB_LOCKS: X,GAP", "T1 waits to insert", List.of("T2"))))),
                List.of(new Deadlock(2, List.of("T1", "T2", "T1"), "T2", "LATEST DETECTED DEADLOCK ...")));
        String once = json(t);
        Timeline back = TimelineJsonReader.read(MAPPER.readTree(once));
        assertEquals(once, json(back));
        assertEquals(t.locks(), back.locks());
        assertEquals(t.deadlocks(), back.deadlocks());
        assertEquals(t.events(), back.events());
    }

    @Test
    void aRaceResultIsNotExplainJsonAndABrokenOneNamesItsField() throws Exception {
        assertFalse(TimelineJsonReader.isExplainJson(MAPPER.readTree("{\"run_id\": \"x\", \"strategies\": []}")));
        assertTrue(TimelineJsonReader.isExplainJson(MAPPER.readTree("{\"scenario\": \"x\", \"timeline\": []}")));
        TimelineJsonReader.BadTimeline e = assertThrows(TimelineJsonReader.BadTimeline.class,
                () -> TimelineJsonReader.read(MAPPER.readTree("{\"scenario\": \"x\", \"timeline\": []}")));
        assertEquals("\"database\" must be an object, got nothing", e.getMessage());
    }
}
