package org.lockdemo.strategy;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;
import org.lockdemo.model.Outcome;
import org.lockdemo.strategy.Transcripts.Case;
import org.lockdemo.strategy.Transcripts.Database;

/**
 * lockdemo's Django-modelled strategies send what Django sends, statement for statement: each
 * strategy is driven through each path (row absent, row present, conflict) on a
 * {@link RecordingConnection}, rolled back where the worker would roll back, and what it sent is
 * compared with the transcript that {@code scripts/transcripts.sh} captured from Django itself
 * ({@code src/test/resources/org/lockdemo/transcripts/django/<database>-<isolation>/<strategy>-<path>.sql}).
 * Both sides are normalised ({@link Transcripts#normalize}) in identifiers, literals, parameters
 * and savepoint names, and in nothing else. The other frameworks' tests use the same
 * {@link Transcripts}.
 */
class StrategyTranscriptTest {
    private static final String FRAMEWORK = "django";
    private static final Path ROOT = Transcripts.ROOT.resolve(FRAMEWORK);
    /** The captured calls, each named as its transcripts are, and the strategy that models it. */
    private static final Map<String, StrategyKind> CALLS = calls();
    private static final List<String> STRATEGIES = List.copyOf(CALLS.keySet());

    private static Map<String, StrategyKind> calls() {
        Map<String, StrategyKind> calls = new LinkedHashMap<>();
        for (String s : List.of("naive", "getorcreate", "savepoint", "nowait")) {
            calls.put(s, StrategyKind.fromId(s).orElseThrow());
        }
        // get_or_create() outside atomic()
        calls.put("getorcreate-autocommit", StrategyKind.DJANGO_AUTOCOMMIT);
        return calls;
    }

    static Stream<Case> transcripts() {
        return CALLS.entrySet().stream().flatMap(e -> Transcripts.cases(FRAMEWORK, e.getKey(), e.getValue()).stream());
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("transcripts")
    void strategySendsWhatDjangoSends(Case c) throws Exception {
        List<String> django = c.statements().stream().map(Transcripts::normalize).toList();
        // under REPEATABLE READ the conflict's row is hidden from the transaction it arrived in and
        // visible to later ones, as the autocommit re-read of get_or_create() outside atomic() sees it
        RecordingConnection conn = c.connection();
        Outcome outcome = Transcripts.drive(c, conn);
        List<String> lockdemo = conn.sent().stream().map(Transcripts::normalize).toList();
        assertEquals(String.join("\n", django), String.join("\n", lockdemo), c + ": lockdemo's statements");
        assertEquals(c.applicationRaised(), !outcome.isSuccess(),
                c + ": Django raised " + c.applicationRaised() + ", lockdemo ended " + outcome);
    }

    /**
     * Every path of every strategy was captured where it can happen: a lost transcript would make
     * the test above pass on nothing. Under InnoDB REPEATABLE READ the conflict path of the
     * strategies that lock first cannot happen (their FOR UPDATE's gap lock makes the other
     * session's INSERT wait), and the capture leaves it out.
     */
    @Test
    void everyReachablePathHasATranscript() {
        assertEquals(43, transcripts().count(), "transcripts under " + ROOT);
        for (Database d : Database.values()) {
            for (String s : STRATEGIES) {
                for (String p : Transcripts.PATHS) {
                    boolean unreachable = d == Database.MYSQL_REPEATABLE_READ && p.equals("conflict")
                            && (s.equals("savepoint") || s.equals("nowait"));
                    assertEquals(!unreachable, Files.exists(ROOT.resolve(d.dir).resolve(s + "-" + p + ".sql")),
                            d.dir + "/" + s + "-" + p);
                }
            }
        }
    }

    @Test
    void normalisesOnlyNamesLiteralsAndSavepoints() {
        assertEquals("SELECT id FROM t WHERE (jahr = ? AND monat = ?) LIMIT ? FOR UPDATE",
                Transcripts.normalize("SELECT \"t\".\"id\" FROM \"t\" WHERE (\"t\".\"jahr\" = %s AND \"t\".\"monat\" = %s) LIMIT 21 FOR UPDATE"));
        assertEquals("ROLLBACK TO SAVEPOINT sp", Transcripts.normalize("ROLLBACK TO SAVEPOINT `s1_x1`"));
        assertEquals("INSERT INTO t (jahr, monat, some_value) VALUES (?, ?, ?) RETURNING id",
                Transcripts.normalize("INSERT INTO " + Transcripts.TABLE + " (jahr, monat, some_value) VALUES (?, ?, 0) RETURNING id"));
        assertEquals("SELECT * FROM t WHERE jahr = ? LIMIT ?", Transcripts.normalize("SELECT \"t\".* FROM \"t\" WHERE \"t\".\"jahr\" = $1 LIMIT $2"));
        // keyword case, clause order and columns are not normalised: they must match as sent
        assertNotEquals(Transcripts.normalize("select id from t"), Transcripts.normalize("SELECT id FROM t"));
        // spacing only where a framework's test asks for it
        assertEquals("UPDATE t SET some_value=? WHERE id=?", Transcripts.normalizeSpacing("UPDATE t SET some_value = ? WHERE t.id = 3"));
        assertNotEquals(Transcripts.normalize("UPDATE t SET some_value=?"), Transcripts.normalize("UPDATE t SET some_value = ?"));
    }

    @Test
    void driverStatementsGoWithTheirErrorAndAnEmptyTransaction() {
        var drop = Transcripts.withoutDriverStatements(java.util.regex.Pattern.compile("^DEALLOCATE "));
        assertEquals(List.of("BEGIN", "insert", "! 23505", "ROLLBACK", "BEGIN", "select", "COMMIT"), drop.apply(List.of(
                "BEGIN", "insert", "! 23505", "DEALLOCATE pdo_stmt_2", "! 25P02", "ROLLBACK",
                "BEGIN", "DEALLOCATE pdo_stmt_1", "COMMIT", "BEGIN", "select", "COMMIT")));
        assertEquals(List.of("BEGIN", "x"), Transcripts.startTransactionIsBegin().apply(List.of("START TRANSACTION", "x")));
    }

    static {
        if (!Files.isDirectory(ROOT)) {
            throw new UncheckedIOException(new IOException("no transcripts at " + ROOT.toAbsolutePath()));
        }
    }
}
