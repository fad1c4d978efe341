package org.lockdemo.strategy.classes;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.io.File;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import javax.tools.JavaCompiler;
import javax.tools.ToolProvider;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * The bad-input table of {@link StrategyClasses}, row by row, in-process: tiny classes compiled
 * with {@code javax.tools} against lockdemo's classes (and one against a v2 interface that is then
 * left out), each refused with the one line the CLI prints. No database.
 */
class StrategyClassesTest {
    @TempDir
    static Path dir;
    static Path classes;

    private static final String OK_BODY = "public org.lockdemo.spi.v1.Result getOrCreate(java.sql.Connection c, "
            + "org.lockdemo.spi.v1.Key k) { return org.lockdemo.spi.v1.Result.FOUND; }";

    @BeforeAll
    static void compile() throws Exception {
        classes = Files.createDirectories(dir.resolve("classes"));
        Map<String, String> sources = Map.of(
                "t/Good.java", "package t; public class Good implements org.lockdemo.spi.v1.GetOrCreateStrategy { "
                        + OK_BODY + " }",
                "t/NotAStrategy.java", "package t; public class NotAStrategy { }",
                "t/Abstract.java", "package t; public abstract class Abstract implements "
                        + "org.lockdemo.spi.v1.GetOrCreateStrategy { }",
                "t/NoDefault.java", "package t; public class NoDefault implements org.lockdemo.spi.v1.GetOrCreateStrategy { "
                        + "public NoDefault(int x) { } " + OK_BODY + " }",
                "t/Throws.java", "package t; public class Throws implements org.lockdemo.spi.v1.GetOrCreateStrategy { "
                        + "public Throws() { throw new IllegalStateException(\"no config file\"); } " + OK_BODY + " }",
                "t/BadName.java", "package t; public class BadName implements org.lockdemo.spi.v1.GetOrCreateStrategy { "
                        + "public String name() { return \"Bad Name\"; } " + OK_BODY + " }");
        javac(classes, System.getProperty("java.class.path"), sources);
        // Newer implements a v2 interface that exists only at its compile time
        Path v2 = Files.createDirectories(dir.resolve("v2"));
        javac(v2, "", Map.of("org/lockdemo/spi/v2/GetOrCreateStrategy.java",
                "package org.lockdemo.spi.v2; public interface GetOrCreateStrategy { Object getOrCreate(); }"));
        javac(classes, v2.toString(), Map.of("t/Newer.java",
                "package t; public class Newer implements org.lockdemo.spi.v2.GetOrCreateStrategy { "
                        + "public Object getOrCreate() { return null; } }"));
    }

    private static void javac(Path out, String classpath, Map<String, String> sources) throws Exception {
        Path src = Files.createTempDirectory(dir, "src");
        List<String> args = new ArrayList<>(List.of("-d", out.toString(), "--release", "17"));
        if (!classpath.isEmpty()) {
            args.addAll(List.of("-cp", classpath));
        }
        for (Map.Entry<String, String> e : sources.entrySet()) {
            Path f = src.resolve(e.getKey());
            Files.createDirectories(f.getParent());
            Files.writeString(f, e.getValue());
            args.add(f.toString());
        }
        JavaCompiler javac = ToolProvider.getSystemJavaCompiler();
        assertEquals(0, javac.run(null, null, null, args.toArray(String[]::new)), "javac " + args);
    }

    @ParameterizedTest(name = "{0}")
    @CsvSource(delimiter = '|', value = {
        "t.Nope         | --strategy-class t.Nope: no such class on --classpath",
        "t.NotAStrategy | --strategy-class t.NotAStrategy: does not implement org.lockdemo.spi.v1.GetOrCreateStrategy",
        "t.Abstract     | --strategy-class t.Abstract: is abstract or an interface; give a class lockdemo can create",
        "t.NoDefault    | --strategy-class t.NoDefault: has no public constructor without arguments",
        "t.Throws       | --strategy-class t.Throws: its constructor threw java.lang.IllegalStateException: no config file",
        "t.BadName      | --strategy-class t.BadName: name() is 'Bad Name'; it must be lower case letters, digits and -, "
                + "starting with a letter, at most 40",
        "t.Newer        | --strategy-class t.Newer: compiled against lockdemo's strategy interface v2 "
                + "(org.lockdemo.spi.v2), which this lockdemo does not have; it has v1",
    })
    void eachBadClassIsOneLine(String className, String message) throws Exception {
        ClassLoader loader = StrategyClasses.loader(classes.toString());
        StrategyClassException e = assertThrows(StrategyClassException.class, () -> StrategyClasses.load(className, loader));
        assertEquals(message, e.getMessage());
        assertEquals(1, e.getMessage().lines().count());
    }

    @Test
    void aClasspathEntryThatDoesNotExistIsOneLine() {
        String cp = classes + File.pathSeparator + "/no/such.jar";
        StrategyClassException e = assertThrows(StrategyClassException.class, () -> StrategyClasses.loader(cp));
        assertEquals("--classpath /no/such.jar: no such file or directory", e.getMessage());
    }

    @Test
    void aGoodClassLoadsWithItsDerivedIdAndClaims() throws Exception {
        ClassStrategy s = StrategyClasses.load("t.Good", StrategyClasses.loader(classes.toString()));
        assertEquals("good", s.id());
        assertEquals(false, s.updatesCounter(), "the interface's default: the counter update is not declared");
    }
}
