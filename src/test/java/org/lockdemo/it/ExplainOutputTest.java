package org.lockdemo.it;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** explain's {@code -o} and {@code --format} choices, checked before anything runs: no database needed. */
class ExplainOutputTest {
    @Test
    void anUnwritableOutputIsAUsageErrorBeforeTheRun(@TempDir Path dir) {
        Path nowhere = dir.resolve("no-such-dir/lesson.html");
        LockdemoRun run = LockdemoRun.run("explain", "--strategy", "naive", "--format", "html", "-o", nowhere.toString());
        assertEquals(2, run.exitCode(), run.toString());
        assertTrue(run.err().startsWith("lockdemo: -o " + nowhere + ": cannot write there (no such directory); checked "
                + "before the run so no results are lost\n"), run.err());
        assertTrue(!run.err().contains("starting an embedded PostgreSQL"), "nothing ran: " + run.err());
    }

    @Test
    void theFormatsAreListedWhenOneIsWrong() {
        LockdemoRun run = LockdemoRun.run("explain", "--strategy", "naive", "--format", "png");
        assertEquals(2, run.exitCode(), run.toString());
        assertTrue(run.err().contains("'png' is not one of text, list, markdown, json, html, svg, mermaid"), run.err());
    }
}
