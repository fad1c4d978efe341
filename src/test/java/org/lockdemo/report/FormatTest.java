package org.lockdemo.report;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.io.StringWriter;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;
import org.lockdemo.results.ResultJson;
import org.lockdemo.results.RunResult;
import org.lockdemo.results.RunResults;

/** Every format writes the same typed result; each to the caller's writer. */
class FormatTest {
    private static final RunResult FIXTURE = RunResults.of(ReportFixture.result(), "9.9.9-test");

    private static String write(Format f, RunResult r) throws IOException {
        StringWriter out = new StringWriter();
        f.write(r, out);
        return out.toString();
    }

    @ParameterizedTest
    @EnumSource(Format.class)
    void everyFormatWritesTheFixture(Format f) throws IOException {
        assertFalse(write(f, FIXTURE).isEmpty(), f.name());
    }

    @Test
    void jsonIsTheCodecsText() throws IOException {
        assertEquals(ResultJson.toText(FIXTURE), write(Format.JSON, FIXTURE));
    }

    @Test
    void timelineCsvHasARowPerStrategyAndSecond() throws IOException {
        String csv = write(Format.TIMELINE_CSV, FIXTURE);
        assertTrue(csv.startsWith(TimelineCsv.HEADER + "\n"), csv);
        assertEquals(1 + 3 * 2, csv.lines().count(), csv); // the fixture's attempts end in seconds 0 and 1
    }

    @Test
    void aResultReadFromAFileWithoutTimelinesHasNoTimelineRows() throws IOException {
        var tree = TestResults.tree(ReportFixture.result(), "t");
        tree.get("strategies").forEach(s -> ((com.fasterxml.jackson.databind.node.ObjectNode) s).remove("timeline"));
        assertEquals(TimelineCsv.HEADER + "\n", write(Format.TIMELINE_CSV, ResultJson.read(tree)));
    }

    @Test
    void htmlDrawsTheOneResultUnderItsRunId() throws IOException {
        String page = write(Format.HTML, FIXTURE);
        assertTrue(page.startsWith("<!DOCTYPE html>"), page.substring(0, 40));
        assertTrue(page.contains(FIXTURE.runId()), "labelled with the run id");
    }

    @Test
    void junitNamesThisMachineAsTheHost() throws IOException {
        String xml = write(Format.JUNIT, FIXTURE);
        assertTrue(xml.contains(" hostname=\"" + LocalHost.name() + "\""), xml.lines().limit(2).toList().toString());
    }
}
