package org.lockdemo.explain;

import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
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
 * Feeds {@link ScenarioReader} (and {@link Scenarios#load}, for bytes that are not UTF-8) thousands
 * of generated and mutated scenario files, as people write them by hand: truncated, with characters
 * deleted or inserted, values of the wrong type, unknown keys, deep nesting, huge numbers, invalid
 * UTF-8. Every one is either read or refused with one {@link ScenarioException} line that names the
 * file and then the place; never another exception, a hang or an out-of-memory. The seeds are the
 * built-in scenarios. jqwik reports the seed of a failing try, so it can be replayed.
 */
class ScenarioReaderPropertyTest {
    private static final String SOURCE = "my-scenario.json";
    private static final ObjectMapper JSON = new ObjectMapper();
    private static List<String> seeds;
    private static Path dir;

    @BeforeContainer
    static void readSeeds() throws IOException {
        try (Stream<Path> files = Files.list(Path.of("src/main/resources/org/lockdemo/explain"))) {
            seeds = files.filter(p -> p.toString().endsWith(".json")).sorted().map(ScenarioReaderPropertyTest::read)
                    .toList();
        }
        assertTrue(seeds.size() > 20, "the built-in scenarios are the seeds");
        dir = Files.createTempDirectory("lockdemo-scenario-props");
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

    @Property(tries = 1500)
    void aMutatedTextIsReadOrRefusedWithOneLine(@ForAll("mutatedTexts") String text) {
        readOrRefuse(text);
    }

    @Property(tries = 1500)
    void aMutatedTreeIsReadOrRefusedWithOneLine(@ForAll("mutatedTrees") String text) {
        readOrRefuse(text);
    }

    @Property(tries = 300)
    void deepNestingAndHugeValuesAreRefusedWithOneLine(@ForAll("extremes") String text) {
        readOrRefuse(text);
    }

    @Property(tries = 300)
    void bytesThatAreNotUtf8AreRefusedWithOneLineNamingTheFile(@ForAll("invalidUtf8") byte[] bytes)
            throws IOException {
        Path file = Files.createTempFile(dir, "scenario", ".json");
        Files.write(file, bytes);
        try {
            ScenarioException e = refusal(() -> Scenarios.load(file)).orElseThrow();
            oneLine(e, file.toString());
            assertTrue(e.getMessage().startsWith(file + ": not UTF-8 at line "), e.getMessage());
        } finally {
            Files.delete(file);
        }
    }

    /** The seeds themselves are read: a mutation that changes nothing must be read too. */
    @Property(tries = 50)
    void everySeedIsRead(@ForAll("seed") String text) throws ScenarioException {
        ScenarioReader.read(text, SOURCE);
    }

    private static void readOrRefuse(String text) {
        refusal(() -> ScenarioReader.read(text, SOURCE)).ifPresent(e -> oneLine(e, SOURCE));
    }

    private static Optional<ScenarioException> refusal(java.util.concurrent.Callable<Scenario> read) {
        return FileRefusals.refusal(read, ScenarioException.class);
    }

    private static void oneLine(ScenarioException e, String source) {
        FileRefusals.oneLine(e, source);
    }

    @Provide
    Arbitrary<String> seed() {
        return Arbitraries.of(seeds);
    }

    /** Character-level edits of a seed: truncation, deletion, insertion, replacement, duplication. */
    @Provide
    Arbitrary<String> mutatedTexts() {
        Arbitrary<String> junk = Arbitraries.oneOf(
                Arbitraries.of("{", "}", "[", "]", "\"", ",", ":", "\\", "\\u", "null", "true", "-", "1e999",
                        "99999999999999999999999", "\u0000", "\uFFFF", "\uD800", "'", "?", "{table}", "/*"),
                Arbitraries.strings().ofMaxLength(12));
        return Combinators.combine(seed(), Arbitraries.integers().between(0, 4), Arbitraries.doubles().between(0, 1),
                Arbitraries.doubles().between(0, 1), junk).as((s, op, a, b, j) -> {
                    int i = (int) (a * s.length());
                    int k = Math.min(s.length(), i + (int) (b * 40));
                    return switch (op) {
                        case 0 -> s.substring(0, i); // truncated
                        case 1 -> s.substring(0, i) + s.substring(k); // a stretch deleted
                        case 2 -> s.substring(0, i) + j + s.substring(i); // something inserted
                        case 3 -> s.substring(0, i) + j + s.substring(k); // a stretch replaced
                        default -> s.substring(0, k) + s.substring(i); // a stretch repeated
                    };
                });
    }

    /** Tree-level edits of a seed's JSON: a value of another type, an unknown or missing key. */
    @Provide
    Arbitrary<String> mutatedTrees() {
        return Combinators.combine(seed(), Arbitraries.integers().between(0, 1_000_000), anyValue(),
                Arbitraries.integers().between(0, 2), Arbitraries.strings().alpha().ofMinLength(1).ofMaxLength(10))
                .as((s, pick, value, op, key) -> {
                    try {
                        JsonNode root = JSON.readTree(s);
                        List<JsonNode> containers = new ArrayList<>();
                        collect(root, containers);
                        JsonNode target = containers.get(pick % containers.size());
                        mutate(target, pick, value, op, key);
                        return JSON.writeValueAsString(root);
                    } catch (IOException e) {
                        throw new UncheckedIOException(e);
                    }
                });
    }

    private static void collect(JsonNode n, List<JsonNode> out) {
        if (n.isContainerNode()) {
            out.add(n);
            n.forEach(c -> collect(c, out));
        }
    }

    private static void mutate(JsonNode target, int pick, JsonNode value, int op, String key) {
        if (target instanceof ObjectNode o) {
            List<String> names = o.properties().stream().map(Map.Entry::getKey).toList();
            if (op == 0 || names.isEmpty()) {
                o.set(key, value); // an unknown key (or a known one with a wrong value)
            } else if (op == 1) {
                o.set(names.get(pick % names.size()), value); // a value of another type
            } else {
                o.remove(names.get(pick % names.size())); // a key left out
            }
        } else if (target instanceof ArrayNode a) {
            if (op == 0 || a.isEmpty()) {
                a.add(value);
            } else if (op == 1) {
                a.set(pick % a.size(), value);
            } else {
                a.remove(pick % a.size());
            }
        }
    }

    private static Arbitrary<JsonNode> anyValue() {
        JsonNodeFactory f = JsonNodeFactory.instance;
        return Arbitraries.oneOf(
                Arbitraries.strings().ofMaxLength(20).map(f::textNode),
                Arbitraries.longs().map(f::numberNode),
                Arbitraries.of(f.numberNode(new java.math.BigInteger("9".repeat(40))), f.numberNode(1e308),
                        f.numberNode(-0.5), f.numberNode(Integer.MAX_VALUE + 1L), f.numberNode(-1)),
                Arbitraries.of(f.nullNode(), f.booleanNode(true), f.objectNode(), f.arrayNode()),
                Arbitraries.of("T1", "T2", "T3", "commit", "rollback", "T1 commit", "T9 get", "postgresql",
                        "SELECT 1", "SELECT ? FROM {table}", "read-committed", "savepoint", "jahr", "id")
                        .map(f::textNode));
    }

    /** Deep nesting and huge values, alone and in place of a seed's fields. */
    @Provide
    Arbitrary<String> extremes() {
        Arbitrary<String> deep = Arbitraries.integers().between(500, 5000)
                .map(n -> "{\"name\": " + "[".repeat(n) + "]".repeat(n) + "}");
        Arbitrary<String> deepUnclosed = Arbitraries.integers().between(500, 5000).map(n -> "{\"a\":".repeat(n));
        Arbitrary<String> hugeNumber = Arbitraries.integers().between(20, 20000)
                .map(n -> "{\"name\": \"x\", \"key\": {\"jahr\": " + "9".repeat(n) + ", \"monat\": 5}}");
        Arbitrary<String> hugeString = Arbitraries.integers().between(1000, 200_000)
                .map(n -> "{\"name\": \"" + "x".repeat(n) + "\", \"lesson\": \"l\"}");
        Arbitrary<String> manySteps = Arbitraries.integers().between(200, 3000).map(n -> {
            StringBuilder b = new StringBuilder("{\"name\": \"many\", \"dialects\": [\"postgresql\"], \"lesson\": \"l\","
                    + " \"explanation\": \"e\", \"sessions\": [\"T1\"], \"steps\": {\"s\": \"SELECT 1\"}, \"order\": [");
            for (int i = 0; i < n; i++) {
                b.append(i == 0 ? "" : ",").append("\"T1 s\"");
            }
            return b.append("]}").toString();
        });
        return Arbitraries.oneOf(deep, deepUnclosed, hugeNumber, hugeString, manySteps);
    }

    /** A seed's bytes with a byte sequence that is not UTF-8 put in somewhere. */
    @Provide
    Arbitrary<byte[]> invalidUtf8() {
        Arbitrary<byte[]> bad = Arbitraries.of(new byte[] {(byte) 0xff}, new byte[] {(byte) 0xc3},
                new byte[] {(byte) 0xe2, (byte) 0x82}, new byte[] {(byte) 0xed, (byte) 0xa0, (byte) 0x80},
                new byte[] {(byte) 0xc0, (byte) 0xaf}, new byte[] {(byte) 0xf8, (byte) 0x88, (byte) 0x80});
        return Combinators.combine(seed(), Arbitraries.doubles().between(0, 1), bad).as((s, at, b) -> {
            byte[] text = s.getBytes(StandardCharsets.UTF_8);
            int i = (int) (at * text.length);
            byte[] out = new byte[text.length + b.length];
            System.arraycopy(text, 0, out, 0, i);
            System.arraycopy(b, 0, out, i, b.length);
            System.arraycopy(text, i, out, i + b.length, text.length - i);
            return out;
        });
    }
}
