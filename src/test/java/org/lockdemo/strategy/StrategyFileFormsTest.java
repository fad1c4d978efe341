package org.lockdemo.strategy;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import org.lockdemo.model.Outcome;
import org.lockdemo.strategy.StrategyStatementsTest.PathKind;
import org.lockdemo.strategy.StrategyStatementsTest.Target;
import org.lockdemo.strategy.file.FileStrategy;

/**
 * The file forms of the built-ins ({@code strategies/*.yaml}, {@code strategies/<framework>/*.yaml})
 * send what the built-ins send, statement for statement, on every path and server, and end the
 * same way: they are held to the built-ins' golden file {@code statements-<dialect>.txt} on the same
 * recording connection. Each claims what its built-in claims, and runs on the dialects its built-in
 * runs on, but for the few written for one dialect only ({@link #ONE_DIALECT}, each with the reason
 * in docs/strategy-files.md).
 */
class StrategyFileFormsTest {
    /** The file (under {@code strategies/}, without {@code .yaml}) to the built-in it is the form of. */
    static final Map<String, StrategyKind> FORMS = Map.ofEntries(
            Map.entry("naive", StrategyKind.NAIVE),
            Map.entry("savepoint", StrategyKind.SAVEPOINT),
            Map.entry("nowait", StrategyKind.NOWAIT),
            Map.entry("getorcreate", StrategyKind.GETORCREATE),
            Map.entry("upsert", StrategyKind.UPSERT),
            Map.entry("create-first", StrategyKind.CREATE_FIRST),
            Map.entry("rails/create-or-find-6-1", StrategyKind.RAILS_CREATE_OR_FIND_6_1),
            Map.entry("rails/create-or-find-7-1", StrategyKind.RAILS_CREATE_OR_FIND_7_1),
            Map.entry("rails/create-or-find-2026", StrategyKind.RAILS_CREATE_OR_FIND_2026),
            Map.entry("rails/find-or-create-7-1", StrategyKind.RAILS_FIND_OR_CREATE_7_1),
            Map.entry("rails/find-or-create-6-1", StrategyKind.RAILS_FIND_OR_CREATE_6_1),
            Map.entry("laravel/first-or-create-8", StrategyKind.LARAVEL_FIRST_OR_CREATE_8),
            Map.entry("sequelize/find-create-find-tx", StrategyKind.SEQUELIZE_FIND_CREATE_FIND_TX),
            Map.entry("hibernate/persist", StrategyKind.HIBERNATE_PERSIST),
            Map.entry("gorm/on-conflict", StrategyKind.GORM_ON_CONFLICT),
            Map.entry("prisma/upsert", StrategyKind.PRISMA_UPSERT),
            Map.entry("serializable", StrategyKind.SERIALIZABLE),
            Map.entry("advisory", StrategyKind.ADVISORY),
            Map.entry("insert-where-not-exists", StrategyKind.INSERT_WHERE_NOT_EXISTS),
            Map.entry("insert-ignore", StrategyKind.INSERT_IGNORE),
            Map.entry("merge", StrategyKind.MERGE),
            Map.entry("django/autocommit", StrategyKind.DJANGO_AUTOCOMMIT),
            Map.entry("rails/create-or-find-no-tx", StrategyKind.RAILS_CREATE_OR_FIND_NO_TX),
            Map.entry("sequelize/find-create-find", StrategyKind.SEQUELIZE_FIND_CREATE_FIND),
            Map.entry("gorm/first-or-create", StrategyKind.GORM_FIRST_OR_CREATE),
            Map.entry("hibernate/merge", StrategyKind.HIBERNATE_MERGE),
            Map.entry("sqlalchemy/merge", StrategyKind.SQLALCHEMY_MERGE),
            Map.entry("sqlalchemy/begin-nested", StrategyKind.SQLALCHEMY_BEGIN_NESTED),
            Map.entry("laravel/first-or-create", StrategyKind.LARAVEL_FIRST_OR_CREATE),
            Map.entry("laravel/create-or-first", StrategyKind.LARAVEL_CREATE_OR_FIRST),
            Map.entry("laravel/increment-or-create", StrategyKind.LARAVEL_INCREMENT_OR_CREATE),
            Map.entry("upsert-returning", StrategyKind.UPSERT_RETURNING),
            Map.entry("upsert-old-new", StrategyKind.UPSERT_OLD_NEW),
            Map.entry("upsert-multirow", StrategyKind.UPSERT_MULTIROW),
            Map.entry("on-conflict-do-select", StrategyKind.ON_CONFLICT_DO_SELECT),
            Map.entry("laravel/update-or-create-8", StrategyKind.LARAVEL_UPDATE_OR_CREATE_8),
            Map.entry("laravel/update-or-create", StrategyKind.LARAVEL_UPDATE_OR_CREATE),
            Map.entry("hibernate/upsert", StrategyKind.HIBERNATE_UPSERT),
            Map.entry("sequelize/find-or-create-tx", StrategyKind.SEQUELIZE_FIND_OR_CREATE_TX),
            Map.entry("sequelize/find-or-create", StrategyKind.SEQUELIZE_FIND_OR_CREATE));

    /** The forms written for one dialect only, to the dialect they run on. */
    static final Map<String, String> ONE_DIALECT = Map.of();

    static Stream<Arguments> cases() {
        // strategy files are refused on SQLite (their SQL is written for the servers): no SQLite form
        return FORMS.keySet().stream().sorted().flatMap(f -> Stream.of(Target.values())
                .filter(t -> t != Target.SQLITE)
                .filter(t -> FORMS.get(f).unsupportedOn(t.dialectId()).isEmpty())
                .filter(t -> ONE_DIALECT.getOrDefault(f, t.dialectId()).equals(t.dialectId()))
                .flatMap(t -> PathKind.of(FORMS.get(f)).stream().map(p -> Arguments.of(f, t, p))));
    }

    static FileStrategy read(String form) throws Exception {
        return FileStrategy.read(Path.of("strategies", form + ".yaml"));
    }

    @ParameterizedTest(name = "{0} {1} {2}")
    @MethodSource("cases")
    void theFileFormSendsWhatTheBuiltInSends(String form, Target t, PathKind p) throws Exception {
        GetOrCreate file = read(form).create(new RaceSchema("lockdemo_t", t.dialect, t.insertReturning),
                StrategyOptions.DEFAULTS);
        RecordingConnection conn = StrategyStatementsTest.connection(t, p);
        Attempt a = new Attempt(t.classifier(), 0);
        Outcome outcome = Transcripts.drive(file, a, conn);
        StrategyStatementsTest.Recorded builtIn = StrategyStatementsTest.record(FORMS.get(form), t, p);
        List<String> golden = StrategyStatementsTest.sections(t).get(FORMS.get(form).id() + " " + p.id);
        assertEquals(golden, conn.sent(), form + ".yaml on " + t.id + ", path " + p.id);
        assertEquals(builtIn.summary(), new StrategyStatementsTest.Recorded(conn.sent(), outcome, a.raced(),
                a.insertCommitted(), a.incrementCommitted(), a.retries()).summary(), form + ".yaml on " + t.id + ", path "
                + p.id + ": how it ended");
    }

    /**
     * The path the golden file has no section for: Hibernate's upsert on PostgreSQL meeting the twin's
     * row in the (jahr, monat) index (23505), sent again in the aborted transaction (25P02), the first
     * error raised; the built-in is held to the captured transcript of it (HibernateTranscriptTest).
     */
    @Test
    void theHibernateUpsertFileSendsItsUpsertAgainAfterTheDuplicateAsTheBuiltInDoes() throws Exception {
        Target t = Target.POSTGRESQL;
        java.sql.SQLException aborted = new java.sql.SQLException("current transaction is aborted, commands ignored "
                + "until end of transaction block", "25P02"); // in_failed_sql_transaction
        RecordingConnection fileConn = RecordingConnection.upsertConflict(t.duplicateKey(), aborted);
        Attempt fileAttempt = new Attempt(t.classifier(), 0);
        Outcome fileOutcome = Transcripts.drive(read("hibernate/upsert").create(new RaceSchema("lockdemo_t", t.dialect,
                t.insertReturning), StrategyOptions.DEFAULTS), fileAttempt, fileConn);
        RecordingConnection builtInConn = RecordingConnection.upsertConflict(t.duplicateKey(), aborted);
        Attempt builtInAttempt = new Attempt(t.classifier(), 0);
        Outcome builtInOutcome = Transcripts.drive(StrategyStatementsTest.strategy(StrategyKind.HIBERNATE_UPSERT, t),
                builtInAttempt, builtInConn);
        assertEquals(builtInConn.sent(), fileConn.sent());
        assertTrue(fileConn.sent().contains("! 25P02"), fileConn.sent().toString());
        assertEquals(Outcome.UNIQUE_VIOLATION, builtInOutcome);
        assertEquals(builtInOutcome, fileOutcome);
        assertEquals(builtInAttempt.incrementCommitted(), fileAttempt.incrementCommitted());
        assertEquals(builtInAttempt.insertCommitted(), fileAttempt.insertCommitted());
    }

    static Stream<String> forms() {
        return FORMS.keySet().stream().sorted();
    }

    /** Same claims, same name (the built-in's id and -file), and the same dialects but where said otherwise. */
    @ParameterizedTest(name = "{0}")
    @MethodSource("forms")
    void theFileFormClaimsWhatTheBuiltInClaimsOnItsDialects(String form) throws Exception {
        FileStrategy file = read(form);
        StrategyKind k = FORMS.get(form);
        assertEquals(k.id() + "-file", file.id(), form);
        assertEquals(k.expectedSafe(), file.expectedSafe(), form + ": expected_safe");
        assertEquals(k.locksRow(), file.locksRow(), form + ": locks_row");
        for (String dialect : List.of("postgresql", "mysql")) {
            boolean builtIn = k.unsupportedOn(dialect).isEmpty();
            boolean expected = builtIn && ONE_DIALECT.getOrDefault(form, dialect).equals(dialect);
            assertEquals(expected, file.unsupportedOn(dialect).isEmpty(), form + " on " + dialect + ": "
                    + file.unsupportedOn(dialect));
        }
    }

    /** Every file under strategies/ is held here: none is left out of the map. */
    @Test
    void everyFileUnderStrategiesIsAForm() throws Exception {
        Set<String> files;
        try (Stream<Path> all = java.nio.file.Files.walk(Path.of("strategies"))) {
            files = all.filter(f -> f.toString().endsWith(".yaml")).map(f -> Path.of("strategies").relativize(f)
                    .toString().replace('\\', '/').replaceAll("\\.yaml$", "")).collect(java.util.stream.Collectors.toSet());
        }
        assertEquals(new java.util.TreeSet<>(files), new java.util.TreeSet<>(FORMS.keySet()));
        assertTrue(ONE_DIALECT.keySet().stream().allMatch(FORMS::containsKey), ONE_DIALECT.toString());
    }
}
