package org.lockdemo.strategy.file;

import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;
import java.util.stream.Stream;
import net.jqwik.api.Arbitraries;
import org.lockdemo.text.FileRefusals;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Combinators;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import net.jqwik.api.lifecycle.AfterContainer;
import net.jqwik.api.lifecycle.BeforeContainer;

/**
 * Feeds {@link StrategyFileReader} thousands of mutated strategy files, as people write them by
 * hand: the shipped files and the example truncated, with stretches deleted,
 * inserted, replaced or repeated, deeply nested, with huge numbers and strings, and with bytes that
 * are not UTF-8. Every one is read, or refused with one {@link StrategyFileException} line that
 * starts with the file's name and a place; never another exception, a hang or an out-of-memory.
 * jqwik prints the seed of a failing try; {@code @Property(seed = "...")} replays it.
 */
class StrategyFileReaderPropertyTest {
    private static final String SOURCE = "my-strategy.yaml";
    private static List<String> seeds;
    private static Path dir;

    @BeforeContainer
    static void readSeeds() throws IOException {
        // the framework forms under strategies/<framework>/ too: they use most of the format
        try (Stream<Path> shipped = Files.walk(Path.of("strategies"));
                Stream<Path> examples = Files.list(Path.of("examples/strategies"))) {
            seeds = Stream.concat(shipped, examples).filter(p -> p.toString().endsWith(".yaml")).sorted()
                    .map(StrategyFileReaderPropertyTest::read).toList();
        }
        assertTrue(seeds.size() >= 40, "the shipped files are the seeds: " + seeds.size());
        dir = Files.createTempDirectory("lockdemo-strategy-props");
    }

    @AfterContainer
    static void removeFiles() throws IOException {
        try (Stream<Path> files = Files.list(dir)) {
            for (Path p : files.toList()) {
                Files.delete(p);
            }
        }
        Files.delete(dir);
    }

    private static String read(Path p) {
        try {
            return Files.readString(p, StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    @Property(tries = 50)
    void everySeedIsRead(@ForAll("seed") String text) throws StrategyFileException {
        StrategyFileReader.read(text, SOURCE);
    }

    @Property(tries = 2000)
    void aMutatedFileIsReadOrRefusedWithOneLine(@ForAll("mutated") String text) {
        refusal(() -> StrategyFileReader.read(text, SOURCE)).ifPresent(e -> oneLine(e, SOURCE));
    }

    @Property(tries = 300)
    void deepNestingAndHugeValuesAreRefusedWithOneLine(@ForAll("extremes") String text) {
        refusal(() -> StrategyFileReader.read(text, SOURCE)).ifPresent(e -> oneLine(e, SOURCE));
    }

    @Property(tries = 200)
    void bytesThatAreNotUtf8AreRefusedWithThePlace(@ForAll("seed") String text, @ForAll("fraction") double at)
            throws IOException {
        byte[] bytes = text.getBytes(StandardCharsets.UTF_8);
        bytes[(int) (at * (bytes.length - 1))] = (byte) 0xff;
        Path file = Files.createTempFile(dir, "strategy", ".yaml");
        Files.write(file, bytes);
        try {
            StrategyFileException e = refusal(() -> StrategyFileReader.read(file)).orElseThrow();
            oneLine(e, file.toString());
            assertTrue(e.getMessage().startsWith(file + ": not UTF-8 at line "), e.getMessage());
        } finally {
            Files.delete(file);
        }
    }

    private static Optional<StrategyFileException> refusal(java.util.concurrent.Callable<StrategyFile> read) {
        return FileRefusals.refusal(read, StrategyFileException.class);
    }

    private static void oneLine(StrategyFileException e, String source) {
        FileRefusals.oneLine(e, source);
    }

    @Provide
    Arbitrary<String> seed() {
        return Arbitraries.of(seeds);
    }

    @Provide
    Arbitrary<Double> fraction() {
        return Arbitraries.doubles().between(0, 1);
    }

    @Provide
    Arbitrary<String> mutated() {
        Arbitrary<String> junk = Arbitraries.oneOf(
                Arbitraries.of("{", "}", "[", "]", "\"", "'", ",", ":", ": ", "- ", "\n", "\n  ", "\t", "&a", "*a", "!!str",
                        "#", "?", ":jahr", ":nope", "{table}", "{for_upd}", "null", "~", "true", "1e999",
                        "99999999999999999999999", "-1", "\u0000", "\uFFFF", "\uD800", "commit", "rollback: found",
                        "then: nowhere", "savepoint: s9", "release: s9", "retry: {max: 0}", "on: {deadlock: raise}"),
                Arbitraries.strings().ofMaxLength(12));
        return Combinators.combine(seed(), Arbitraries.integers().between(0, 4), fraction(), fraction(), junk)
                .as((s, op, a, b, j) -> {
                    int i = (int) (a * s.length());
                    int k = Math.min(s.length(), i + (int) (b * 60));
                    return switch (op) {
                        case 0 -> s.substring(0, i);
                        case 1 -> s.substring(0, i) + s.substring(k);
                        case 2 -> s.substring(0, i) + j + s.substring(i);
                        case 3 -> s.substring(0, i) + j + s.substring(k);
                        default -> s.substring(0, k) + s.substring(i);
                    };
                });
    }

    @Provide
    Arbitrary<String> extremes() {
        Arbitrary<String> deep = Arbitraries.integers().between(40, 5000)
                .map(n -> "lockdemo-strategy: 1\nname: x\ncounter: none\nsteps: " + "[".repeat(n) + "]".repeat(n));
        Arbitrary<String> deepMaps = Arbitraries.integers().between(40, 3000).map(n -> "a: ".repeat(1) + "{b: ".repeat(n)
                + "1" + "}".repeat(n));
        Arbitrary<String> hugeNumber = Arbitraries.integers().between(20, 20000)
                .map(n -> "lockdemo-strategy: " + "9".repeat(n) + "\n");
        Arbitrary<String> hugeString = Arbitraries.integers().between(1000, 300_000)
                .map(n -> "lockdemo-strategy: 1\nname: " + "x".repeat(n) + "\n");
        Arbitrary<String> aliases = Arbitraries.integers().between(2, 12).map(n -> {
            StringBuilder b = new StringBuilder("a0: &a0 [x, x]\n");
            for (int i = 1; i <= n; i++) {
                b.append("a").append(i).append(": &a").append(i).append(" [*a").append(i - 1).append(", *a")
                        .append(i - 1).append("]\n");
            }
            return b.toString(); // a "billion laughs" of aliases
        });
        Arbitrary<String> manySteps = Arbitraries.integers().between(150, 2000).map(n -> {
            StringBuilder b = new StringBuilder("lockdemo-strategy: 1\nname: many\ncounter: none\nsteps:\n");
            for (int i = 0; i < n; i++) {
                b.append("  - sql: SELECT 1 FROM {table} WHERE jahr = :jahr\n    capture: {r").append(i)
                        .append(": row_count}\n  - if: r").append(i).append(" > 0\n    then: {commit: found}\n");
            }
            return b.append("  - rollback: unique_violation\n").toString();
        });
        return Arbitraries.oneOf(deep, deepMaps, hugeNumber, hugeString, aliases, manySteps);
    }
}
