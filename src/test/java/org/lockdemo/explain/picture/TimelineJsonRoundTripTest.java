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
        return Timelines.NAMES;
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
