package org.lockdemo.it;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.net.URISyntaxException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code lockdemo report} end to end in-process: a page from real result files, and bad input. */
class ReportCommandTest {
    static Path resultFile(String name) {
        try {
            return Path.of(ReportCommandTest.class.getResource("/org/lockdemo/report/results/" + name).toURI());
        } catch (URISyntaxException e) {
            throw new IllegalStateException(e);
        }
    }

    /** Exit 2 and exactly one line on stderr, which is {@code expected}. */
    private static void assertBadInput(String expected, LockdemoRun run) {
        assertEquals(2, run.exitCode(), run.toString());
        assertEquals(expected + "\n", run.err(), run.toString());
        assertEquals("", run.out(), run.toString());
    }

    @Test
    void writesOnePageForSeveralFiles(@TempDir Path dir) throws Exception {
        Path html = dir.resolve("report.html");
        LockdemoRun run = LockdemoRun.run("report", resultFile("postgresql-embedded.json").toString(),
                resultFile("mariadb.json").toString(), "-o", html.toString());
        assertEquals(0, run.exitCode(), run.toString());
        assertEquals("lockdemo: wrote " + html + " (2 result files)\n", run.out());
        String page = Files.readString(html);
        assertTrue(page.startsWith("<!DOCTYPE html>"), page.substring(0, 100));
        // the overview's table names each strategy's run, in the order of the files
        assertTrue(page.contains("<td class=\"run\">#1 PostgreSQL 18.3 (embedded)</td>"), page);
        assertTrue(page.contains("<td class=\"run\">#2 MariaDB 10.11.19-MariaDB-0+deb12u1</td>"), page);
        assertTrue(page.endsWith("</html>\n"));
    }

    @Test
    void explainJsonIsToldApartByItsContentAndDrawnAsASchedule(@TempDir Path dir) throws Exception {
        Path html = dir.resolve("report.html");
        Path explained = Path.of("src/test/resources/org/lockdemo/explain/timelines/naive-postgresql.json");
        LockdemoRun run = LockdemoRun.run("report", explained.toString(), "-o", html.toString());
        assertEquals(0, run.exitCode(), run.toString());
        assertEquals("lockdemo: wrote " + html + " (0 result files, 1 explained schedule)\n", run.out());
        String page = Files.readString(html);
        assertTrue(page.contains("<h2>Explained schedules</h2>"), page);
        assertTrue(page.contains("data-chart=\"swimlanes\""), page);
        assertTrue(!page.contains("<h2>Strategy by strategy</h2>") && !page.contains("<script"), "no race, no script");
    }

    @Test
    void explainJsonThatLacksAFieldNamesIt(@TempDir Path dir) throws Exception {
        Path bad = Files.writeString(dir.resolve("explained.json"), "{\"scenario\": \"x\", \"timeline\": []}");
        assertBadInput("lockdemo: " + bad + ": not a schedule of lockdemo explain: \"database\" must be an object, got "
                + "nothing", LockdemoRun.run("report", bad.toString(), "-o", dir.resolve("r.html").toString()));
    }

    @Test
    void aMissingFile(@TempDir Path dir) {
        Path missing = dir.resolve("nope.json");
        assertBadInput("lockdemo: " + missing + ": cannot read (no such file or directory)",
                LockdemoRun.run("report", missing.toString(), "-o", dir.resolve("r.html").toString()));
    }

    @Test
    void aFileThatIsNotJson(@TempDir Path dir) throws Exception {
        Path bad = Files.writeString(dir.resolve("bad.json"), "{\"tool\": \"lockdemo\",\n  strategies: []}");
        assertBadInput("lockdemo: " + bad + ": not JSON (Unexpected character ('s' (code 115)): was expecting double-quote "
                        + "to start field name at line 2)",
                LockdemoRun.run("report", bad.toString(), "-o", dir.resolve("r.html").toString()));
    }

    @Test
    void jsonThatIsNotALockdemoResult(@TempDir Path dir) throws Exception {
        Path other = Files.writeString(dir.resolve("package.json"), "{\"name\": \"x\"}");
        assertBadInput("lockdemo: " + other + ": not a lockdemo result (no \"tool\": \"lockdemo\"; make one with "
                + "lockdemo race --json FILE)", LockdemoRun.run("report", other.toString(), "-o",
                dir.resolve("r.html").toString()));
    }

    @Test
    void anOutputThatCannotBeWritten(@TempDir Path dir) {
        String input = resultFile("mariadb.json").toString();
        Path noDir = dir.resolve("missing").resolve("r.html");
        assertBadInput("lockdemo: -o " + noDir + ": cannot write there (no such file or directory)",
                LockdemoRun.run("report", input, "-o", noDir.toString()));
        assertBadInput("lockdemo: -o " + dir + ": cannot write there (" + dir + ": Is a directory)",
                LockdemoRun.run("report", input, "-o", dir.toString()));
        assertTrue(Files.notExists(noDir));
    }

    @Test
    void noFilesOrNoOutputIsAUsageError(@TempDir Path dir) {
        LockdemoRun noOutput = LockdemoRun.run("report", resultFile("mariadb.json").toString());
        assertEquals(2, noOutput.exitCode());
        assertTrue(noOutput.err().startsWith("lockdemo: Missing required option: '--output=FILE'\n"), noOutput.err());
        LockdemoRun noInput = LockdemoRun.run("report", "-o", dir.resolve("r.html").toString());
        assertEquals(2, noInput.exitCode());
        assertTrue(noInput.err().startsWith("lockdemo: Missing required parameter: 'RESULT.json'\n"), noInput.err());
    }
}
