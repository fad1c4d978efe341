package org.lockdemo.strategy.file;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * The bad-input table of docs/strategy-files.md, row by row: each file is refused with one line
 * that names the file, the line and column, and what is wrong; and the files that are right are read.
 */
class StrategyFileBadInputTest {
    private static final String F = "my.yaml";

    /** A correct file: every row below breaks one thing in it. */
    static final String GOOD = """
            lockdemo-strategy: 1
            name: mine
            claims: {expected_safe: true, locks_row: true}
            counter: bump
            steps:
              - id: lock
                sql: SELECT id, some_value FROM {table} WHERE jahr = :jahr AND monat = :monat {for_update}
                capture: {rows: row_count, id: {column: id}, next: {column: some_value, plus: 1}}
              - if: rows == 0
                then: create
              - id: bump
                sql: UPDATE {table} SET some_value = :next WHERE id = :id
                then: {commit: found}
              - id: create
                savepoint: s1
              - sql: INSERT INTO {table} (jahr, monat, some_value) VALUES (:jahr, :monat, 1)
                on:
                  unique_violation: {rollback_to: s1, then: lost}
              - release: s1
              - commit: created
              - id: lost
                release: s1
              - rollback: unique_violation
            """;

    static Stream<Arguments> rows() {
        return Stream.of(
                row("a syntax error", GOOD.replace("claims: {expected_safe: true, locks_row: true}",
                        "claims: {expected_safe: true, locks_row: true"), "my.yaml:4:8: not valid YAML: while parsing a flow mapping"),
                row("an unknown condition", GOOD.replace("unique_violation: {rollback_to", "deadlock_detected: {rollback_to"),
                        "my.yaml:18:7: 'deadlock_detected' is not a condition; choose from unique_violation, deadlock, "
                                + "lock_not_available, lock_timeout, serialization_failure, certification_failure"),
                row("an unknown outcome", GOOD.replace("commit: created", "commit: made"),
                        "my.yaml:20:13: 'made' is not an outcome; choose from created, found, found_after_conflict"),
                row("a failure outcome on a commit", GOOD.replace("commit: created", "commit: unique_violation"),
                        "my.yaml:20:13: unique_violation is a failure; a commit ends in a success"),
                row("a path that never commits", GOOD.replace("  - rollback: unique_violation\n", ""),
                        "my.yaml:21:5: the path through step 5 (unique_violation) reaches the end of the steps without "
                                + "commit or rollback"),
                row("an unbalanced savepoint", GOOD.replace("  - release: s1\n  - commit: created",
                        "  - commit: created"), "my.yaml:19:5: savepoint 's1' is still open at the commit on the path "
                                + "through step 5 (succeeded) (release it first)"),
                row("a release of a savepoint that is not open", GOOD.replace("release: s1\n  - rollback", "release: s2\n  - rollback"),
                        "my.yaml:21:5: release 's2', but no savepoint of that name is open on the path through step 5 "
                                + "(unique_violation)"),
                row("a capture used before it is set", GOOD.replace("WHERE id = :id", "WHERE id = :row_id"),
                        "my.yaml:11:5: ':row_id' is used here but no step before it on the path through step 2 (not rows == 0) "
                                + "captures it"),
                row("a branch on a capture never set", GOOD.replace("if: rows == 0", "if: found == 0"),
                        "my.yaml:9:5: 'found' is used here but no step before it on the path through 'lock' (succeeded) "
                                + "captures it"),
                row("a label that does not exist", GOOD.replace("then: create", "then: creat"),
                        "my.yaml:9:5: goto 'creat': no step has that id"),
                row("a goto back: a loop", GOOD.replace("then: {commit: found}", "then: lock"),
                        "my.yaml:11:5: goto 'lock' goes back to an earlier step, a loop"),
                row("an unknown key", GOOD.replace("counter: bump", "counter: bump\nretries: 3"),
                        "my.yaml:5:1: unknown key 'retries' in the strategy file; known keys are claims, counter, "),
                row("a value of the wrong type", GOOD.replace("locks_row: true", "locks_row: 1"),
                        "my.yaml:3:42: locks_row must be true or false, got a whole number '1'"),
                row("another format version", GOOD.replace("lockdemo-strategy: 1", "lockdemo-strategy: 2"),
                        "my.yaml:1:20: lockdemo-strategy must be 1 (the format this lockdemo reads), got a whole number '2'"),
                row("a counter step that does not exist", GOOD.replace("counter: bump", "counter: bumpp"),
                        "my.yaml:4:10: counter 'bumpp': no step has that id (or say counter: none)"),
                row("a step of two kinds", GOOD.replace("    savepoint: s1\n", "    savepoint: s1\n    release: s1\n"),
                        "my.yaml:14:5: a step is one of sql, if, savepoint, release, commit or rollback; this has "
                                + "savepoint and release"),
                row("a ? parameter", GOOD.replace("WHERE id = :id", "WHERE id = ?"),
                        "my.yaml:12:10: write parameters by name (:jahr, :monat, or a capture's :name), not ?"),
                row("a statement without the table", GOOD.replace("UPDATE {table} SET", "UPDATE t SET"),
                        "my.yaml:12:10: the statement does not name {table}, lockdemo's table for the run"),
                row("an unknown placeholder", GOOD.replace("{for_update}", "{for_updat}"),
                        "my.yaml:7:10: {for_updat} is not one of {table}, {returning_id}, {for_share}, {for_update}, "),
                row("a key given twice", GOOD.replace("name: mine", "name: mine\nname: yours"),
                        "my.yaml:3:1: 'name' is given twice in this mapping (first at 2:1)"),
                row("a bad name", GOOD.replace("name: mine", "name: My Strategy"),
                        "my.yaml:2:7: name 'My Strategy' must be lower case letters, digits and -"),
                row("no steps", "lockdemo-strategy: 1\nname: x\ncounter: none\nsteps: []\n",
                        "my.yaml:4:8: steps must be a list of steps, got a list"),
                row("an empty file", "   \n", "my.yaml: the file is empty"),
                row("deep nesting", "lockdemo-strategy: 1\nname: x\ncounter: none\nsteps: " + "[".repeat(60)
                        + "]".repeat(60) + "\n", "my.yaml:4:"),
                row("JSON with a syntax error", "{\"lockdemo-strategy\": 1, \"name\": \"x\",}",
                        "my.yaml:1:38: not valid JSON: Unexpected character"),
                row("retry without a max", GOOD.replace("{rollback_to: s1, then: lost}", "{retry: {backoff: fixed}}"),
                        "my.yaml:18:33: retry needs max"),
                row("an unknown backoff", GOOD.replace("{rollback_to: s1, then: lost}",
                        "{retry: {max: 3, backoff: linear}}"), "my.yaml:18:51: backoff 'linear' is not one of fixed, "
                                + "exponential, jitter"));
    }

    private static Arguments row(String name, String text, String message) {
        return Arguments.of(name, text, message);
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("rows")
    void isRefusedWithOneLineNamingTheFileAndThePlace(String name, String text, String message) {
        StrategyFileException e = assertThrows(StrategyFileException.class, () -> StrategyFileReader.read(text, F), name);
        assertTrue(e.getMessage().startsWith(message), name + ": " + e.getMessage());
        assertFalse(e.getMessage().contains("\n"), name + ": more than one line: " + e.getMessage());
    }

    @Test
    void theGoodFileIsRead() throws Exception {
        StrategyFile f = StrategyFileReader.read(GOOD, F);
        assertEquals("mine", f.name());
        assertEquals(9, f.steps().size());
        assertTrue(f.updatesCounter());
    }

    @Test
    void theSameStrategyIsReadFromJson() throws Exception {
        String json = """
                {"lockdemo-strategy": 1, "name": "mine-json", "counter": "none",
                 "steps": [{"sql": "SELECT id FROM {table} WHERE jahr = :jahr AND monat = :monat", "capture": {"n": "row_count"}},
                           {"if": "n > 0", "then": {"commit": "found"}},
                           {"sql": "INSERT INTO {table} (jahr, monat, some_value) VALUES (:jahr, :monat, 0)",
                            "on": {"unique_violation": "raise"}},
                           {"commit": "created"}]}
                """;
        StrategyFile f = StrategyFileReader.read(json, "mine.json");
        assertEquals("mine-json", f.name());
        assertFalse(f.updatesCounter(), "counter: none: no_lost_update does not apply");
    }

    @Test
    void bytesThatAreNotUtf8AreNamedByPlace(@TempDir Path dir) throws Exception {
        Path file = dir.resolve("bad.yaml");
        byte[] text = GOOD.getBytes(java.nio.charset.StandardCharsets.UTF_8);
        text[30] = (byte) 0xff;
        Files.write(file, text);
        StrategyFileException e = assertThrows(StrategyFileException.class, () -> StrategyFileReader.read(file));
        assertTrue(e.getMessage().startsWith(file + ": not UTF-8 at line 2, column "), e.getMessage());
    }

    @Test
    void aMissingFileIsNamed(@TempDir Path dir) {
        Path file = dir.resolve("nope.yaml");
        assertEquals(file + ": no such file",
                assertThrows(StrategyFileException.class, () -> StrategyFileReader.read(file)).getMessage());
    }
}
