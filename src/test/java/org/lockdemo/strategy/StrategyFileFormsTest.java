package org.lockdemo.strategy;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import org.lockdemo.model.Outcome;
import org.lockdemo.strategy.StrategyStatementsTest.PathKind;
import org.lockdemo.strategy.StrategyStatementsTest.Target;
import org.lockdemo.strategy.file.FileStrategy;

/**
 * The file forms of the built-ins ({@code strategies/*.yaml}) send what the built-ins send,
 * statement for statement, on every path and server, and end the same way: they are held to the
 * built-ins' golden file {@code statements-<dialect>.txt} on the same recording connection.
 */
class StrategyFileFormsTest {
    private static final Map<String, StrategyKind> FORMS = Map.of("naive", StrategyKind.NAIVE,
            "savepoint", StrategyKind.SAVEPOINT, "nowait", StrategyKind.NOWAIT, "getorcreate", StrategyKind.GETORCREATE,
            "upsert", StrategyKind.UPSERT, "create-first", StrategyKind.CREATE_FIRST);

    static Stream<Arguments> cases() {
        // strategy files are refused on SQLite (their SQL is written for the servers): no SQLite form
        return FORMS.keySet().stream().sorted().flatMap(f -> Stream.of(Target.values()).filter(t -> t != Target.SQLITE)
                .flatMap(t -> Stream.of(PathKind.FOUND, PathKind.CREATED, PathKind.CONFLICT).map(p -> Arguments.of(f, t, p))));
    }

    @ParameterizedTest(name = "{0} {1} {2}")
    @MethodSource("cases")
    void theFileFormSendsWhatTheBuiltInSends(String form, Target t, PathKind p) throws Exception {
        GetOrCreate file = FileStrategy.read(Path.of("strategies", form + ".yaml"))
                .create(new RaceSchema("lockdemo_t", t.dialect, t.insertReturning), StrategyOptions.DEFAULTS);
        RecordingConnection conn = StrategyStatementsTest.connection(t, p);
        Attempt a = new Attempt(t.classifier(), 0);
        Outcome outcome = Transcripts.drive(file, a, conn);
        StrategyStatementsTest.Recorded builtIn = StrategyStatementsTest.record(FORMS.get(form), t, p);
        List<String> golden = StrategyStatementsTest.sections(t).get(FORMS.get(form).id() + " " + p.id);
        assertEquals(golden, conn.sent(), form + ".yaml on " + t.id + ", path " + p.id);
        assertEquals(builtIn.summary(), new StrategyStatementsTest.Recorded(conn.sent(), outcome, a.raced(),
                a.insertCommitted(), a.incrementCommitted(), a.retries()).summary(), "how it ended");
    }
}
