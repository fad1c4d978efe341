package org.lockdemo.explain.picture;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.io.IOException;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;
import org.lockdemo.explain.ExplainFormat;
import org.lockdemo.explain.TimelineReport;

/**
 * The pictures of real timelines ({@link Timelines}) against golden files in
 * {@code src/test/resources/org/lockdemo/explain/picture/expected/NAME.{svg,html,mmd}}, rendered
 * under two locales (coordinates must keep their dot). Regenerate after a deliberate change with
 * {@code mvn -B -o test -Dtest=PictureGoldenTest -Dlockdemo.regenerate=true} and read the diff.
 */
class PictureGoldenTest {
    static final Path EXPECTED = Path.of("src/test/resources/org/lockdemo/explain/picture/expected");
    private static final boolean REGENERATE = Boolean.getBoolean("lockdemo.regenerate");

    static List<String> names() {
        return List.of("savepoint-postgresql", "savepoint-mysql", "naive-postgresql", "galera-savepoint",
                "sequelize-find-or-create-mysql", // a session named T2' (a second connection)
                "savepoint-sqlite", "savepoint-immediate-sqlite"); // SQLite: a refusal at once, a wait at BEGIN
    }

    private static String render(String name, ExplainFormat f, Locale locale) {
        Locale before = Locale.getDefault();
        Locale.setDefault(locale);
        try {
            StringWriter w = new StringWriter();
            TimelineReport.render(Timelines.read(name), f, new PrintWriter(w));
            return w.toString();
        } finally {
            Locale.setDefault(before);
        }
    }

    private static void assertGolden(String name, ExplainFormat f, String ext) throws IOException {
        String us = render(name, f, Locale.US);
        assertEquals(us, render(name, f, Locale.GERMANY), name + "." + ext + " differs under a German locale");
        Path file = EXPECTED.resolve(name + "." + ext);
        if (REGENERATE) {
            Files.createDirectories(EXPECTED);
            Files.writeString(file, us, StandardCharsets.UTF_8);
        }
        assertEquals(Files.readString(file, StandardCharsets.UTF_8), us, file + " (regenerate with -Dlockdemo.regenerate=true)");
    }

    @ParameterizedTest
    @MethodSource("names")
    void svg(String name) throws IOException {
        assertGolden(name, ExplainFormat.SVG, "svg");
    }

    @ParameterizedTest
    @MethodSource("names")
    void html(String name) throws IOException {
        assertGolden(name, ExplainFormat.HTML, "html");
    }

    @ParameterizedTest
    @MethodSource("names")
    void mermaid(String name) throws IOException {
        assertGolden(name, ExplainFormat.MERMAID, "mmd");
    }
}
