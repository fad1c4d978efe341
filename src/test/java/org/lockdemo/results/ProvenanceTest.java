package org.lockdemo.results;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import org.junit.jupiter.api.Test;

class ProvenanceTest {

    @Test
    void theCommandLineCanBePastedBackIntoAShell() {
        assertEquals("lockdemo race --threads 8 --expect 'savepoint.unique_violation == 0' --json results/a.json",
                Provenance.commandLine(List.of("race", "--threads", "8", "--expect", "savepoint.unique_violation == 0",
                        "--json", "results/a.json")));
        assertEquals("'it'\\''s'", Provenance.shellQuote("it's"));
        assertEquals("''", Provenance.shellQuote(""));
    }

    @Test
    void aPasswordInAUrlNeverReachesTheFile() {
        String line = Provenance.commandLine(List.of("race", "--url", "jdbc:postgresql://h/db?user=u&password=s3cret"));
        assertFalse(line.contains("s3cret"), line);
        assertTrue(line.contains("password=***"), line);
    }

    @Test
    void addsEveryFieldToTheResult() {
        var p = ResultJson.provenance(Provenance.ofThisProcess(List.of("race"), "1.2.3", "abc123"));
        assertEquals("lockdemo race", p.get("command_line").asText());
        assertEquals("1.2.3", p.get("lockdemo_version").asText());
        assertEquals("abc123", p.get("git_commit").asText());
        assertTrue(p.get("java").asText().startsWith(System.getProperty("java.version")));
        assertTrue(p.get("os").asText().startsWith(System.getProperty("os.name")));
        assertTrue(p.get("cpus").asInt() >= 1);
    }
}
