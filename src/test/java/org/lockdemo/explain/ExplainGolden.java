package org.lockdemo.explain;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.function.UnaryOperator;

/**
 * The expected timelines of {@code lockdemo explain}, as golden files beside the scenarios'
 * package, like the isolation tester's {@code expected/<spec>.out}: one file per scenario (and
 * per variant, e.g. {@code getorcreate-mysql.read-committed.out}) in
 * {@code src/test/resources/org/lockdemo/explain/expected/}. The ITs compare the text they
 * build from a run's JSON with the file, exactly.
 *
 * <p>To regenerate after a deliberate change, run the IT with {@code -Dlockdemo.regenerate=true}
 * (e.g. {@code mvn -B verify -Dtest=NoSuchTest -Dsurefire.failIfNoSpecifiedTests=false
 * -Dit.test=ExplainIT -Dlockdemo.regenerate=true}); each compared file is rewritten with what
 * the run printed, and {@code git diff} shows what changed. Stateless; thread-safe.
 */
public final class ExplainGolden {
    /** Relative to the project directory, where Maven runs the tests. */
    public static final Path EXPECTED = Path.of("src/test/resources/org/lockdemo/explain/expected");
    /** Set {@code -Dlockdemo.regenerate=true} to rewrite the golden files instead of only comparing. */
    public static final boolean REGENERATE = Boolean.getBoolean("lockdemo.regenerate");

    private ExplainGolden() {
    }

    /**
     * Compares {@code actual} with {@code expected/<name>.out}, after {@code fill} has put the
     * run's values in the file's placeholders (e.g. a Galera node's first id); when regenerating,
     * first writes the file from {@code actual} with {@code unfill} turning those values back
     * into placeholders.
     */
    public static void assertMatches(String name, List<String> header, String actual, UnaryOperator<String> fill,
            UnaryOperator<String> unfill) throws IOException {
        Path file = EXPECTED.resolve(name + ".out");
        if (REGENERATE) {
            Files.createDirectories(EXPECTED);
            StringBuilder b = new StringBuilder();
            header.forEach(h -> b.append("# ").append(h).append('\n'));
            Files.writeString(file, b + unfill.apply(actual));
        }
        String expected = Files.readString(file).lines().filter(l -> !l.startsWith("#"))
                .reduce(new StringBuilder(), (b, l) -> b.append(l).append('\n'), StringBuilder::append).toString();
        assertEquals(fill.apply(expected), actual, "the timeline differs from " + file
                + " (after a deliberate change, rerun with -Dlockdemo.regenerate=true and review git diff)");
    }

    /** As {@link #assertMatches(String, List, String, UnaryOperator, UnaryOperator)}, with no placeholders. */
    public static void assertMatches(String name, List<String> header, String actual) throws IOException {
        assertMatches(name, header, actual, UnaryOperator.identity(), UnaryOperator.identity());
    }
}
