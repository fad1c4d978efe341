package org.lockdemo.strategy.file;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import org.lockdemo.cli.Cli;
import org.lockdemo.cli.ShutdownGuard;

/**
 * {@code lockdemo explain --strategy-file}'s bad input, in-process and before anything connects
 * (the URL names a port nothing listens on): every row of {@link StrategyFileBadInputTest} is
 * refused with the same one line, and exit 2, as {@code race --strategy-file} refuses it; then the
 * refusals of explain's own options.
 */
class ExplainStrategyFileBadInputTest {
    private static final String NOWHERE = "jdbc:postgresql://127.0.0.1:1/none";

    @TempDir
    Path dir;

    private record Run(int exitCode, String err) {
        String firstLine() {
            return err.lines().findFirst().orElse("");
        }
    }

    private static Run run(String... args) {
        StringWriter out = new StringWriter();
        StringWriter err = new StringWriter();
        int code = Cli.create(Map.of(), new ShutdownGuard(), new PrintWriter(out, true), new PrintWriter(err, true))
                .execute(args);
        assertEquals("", out.toString(), "nothing on stdout for a refusal");
        return new Run(code, err.toString());
    }

    private static void assertRefused(Run r, String line) {
        assertEquals(2, r.exitCode(), r.err());
        assertEquals(line, r.firstLine());
        assertTrue(r.err().lines().count() <= 2, "one line (and the --help hint): " + r.err());
        assertFalse(r.err().contains("Exception") || r.err().contains("\tat "), r.err());
    }

    static Stream<Arguments> rows() {
        return StrategyFileBadInputTest.rows();
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("rows")
    void eachFileRowIsRaceSLine(String name, String text, String message) throws IOException {
        Path file = dir.resolve("my.yaml");
        Files.writeString(file, text);
        Run explain = run("explain", "--strategy-file", file.toString(), "--url", NOWHERE);
        Run race = run("race", "--strategy-file", file.toString(), "--url", NOWHERE);
        assertTrue(explain.firstLine().startsWith("lockdemo: " + file + message.substring("my.yaml".length())),
                name + ": " + explain.err());
        assertRefused(explain, race.firstLine());
    }

    static Stream<Arguments> options() {
        return Stream.of(
                Arguments.of("with --strategy", List.of("--strategy", "savepoint"),
                        "lockdemo: --strategy-file runs the file's own statements; it does not go with --strategy"),
                Arguments.of("with a scenario name", List.of("naive-postgresql"),
                        "lockdemo: --strategy-file runs the file's own statements; it does not go with a scenario NAME "
                                + "(naive-postgresql)"),
                Arguments.of("with --scenario", List.of("--scenario", "x.json"),
                        "lockdemo: --strategy-file runs the file's own statements; it does not go with --scenario"),
                Arguments.of("with --step", List.of("--step"),
                        "lockdemo: --step does not go with --strategy-file yet: its statements are known only as they run"),
                Arguments.of("a schedule entry that is no number", List.of("--schedule", "1,x"),
                        "lockdemo: --schedule 1,x: entry 2 'x' is not a session number (1 for T1, 2 for T2)"),
                Arguments.of("a schedule entry for a third session", List.of("--schedule", "1,3"),
                        "lockdemo: --schedule 1,3: entry 2 is 3; the sessions are 1 (T1) and 2 (T2)"),
                Arguments.of("two --url", List.of("--url", "jdbc:postgresql://127.0.0.1:2/none"),
                        "lockdemo: --strategy-file runs its two sessions on one database, got 2 --url"));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("options")
    void explainsOwnOptions(String name, List<String> more, String line) throws IOException {
        Path file = dir.resolve("good.yaml");
        Files.writeString(file, StrategyFileBadInputTest.GOOD);
        List<String> args = new ArrayList<>(List.of("explain", "--strategy-file", file.toString(), "--url", NOWHERE));
        args.addAll(more);
        assertRefused(run(args.toArray(String[]::new)), line);
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("files")
    void theFileItself(String name, String text, String fileName, String lineAfterThePath) throws IOException {
        Path file = dir.resolve(fileName);
        if (text != null) {
            Files.writeString(file, text);
        }
        assertRefused(run("explain", "--strategy-file", file.toString(), "--url", NOWHERE), "lockdemo: " + file
                + lineAfterThePath);
    }

    static Stream<Arguments> files() throws IOException {
        return Stream.of(
                Arguments.of("a file on its own table", Files.readString(Path.of("examples/strategies/tag-counter.yaml")),
                        "tag-counter.yaml", ": explain runs on lockdemo's own table; a file with a table: section is "
                                + "not explained yet (race it instead)"),
                Arguments.of("a file with a second connection", Files.readString(Path.of(
                        "strategies/sequelize/find-or-create.yaml")), "find-or-create.yaml", ": explain runs each session "
                                + "on one connection; a file with connection: 2 steps is not explained yet (race it instead)"),
                Arguments.of("a missing file", null, "nope.yaml", ": no such file"),
                Arguments.of("a built-in's name", StrategyFileBadInputTest.GOOD.replace("name: mine", "name: savepoint"),
                        "savepoint.yaml", ": name savepoint is a built-in strategy's; give the file's strategy a name of "
                                + "its own"),
                Arguments.of("no statement for the dialect", StrategyFileBadInputTest.GOOD.replace(
                        "sql: UPDATE {table} SET some_value = :next WHERE id = :id",
                        "sql: {mysql: 'UPDATE {table} SET some_value = :next WHERE id = :id'}"), "mysql-only.yaml",
                        ": a statement has no postgresql form (sql: {postgresql: ..., mysql: ...})"));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("scheduleWithoutAFile")
    void aScheduleWithoutAFile(String name, List<String> args, String line) {
        assertRefused(run(args.toArray(String[]::new)), line);
    }

    static Stream<Arguments> scheduleWithoutAFile() {
        return Stream.of(Arguments.of("--schedule with --strategy", List.of("explain", "--strategy", "savepoint",
                "--schedule", "1,2", "--url", NOWHERE), "lockdemo: --schedule is for --strategy-file; a scenario's steps "
                        + "are in its order"));
    }
}
