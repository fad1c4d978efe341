package org.lockdemo.strategy;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.function.BiFunction;
import java.util.function.UnaryOperator;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import org.lockdemo.model.Outcome;
import org.lockdemo.strategy.Transcripts.Case;
import org.lockdemo.strategy.Transcripts.Database;
import org.lockdemo.strategy.laravel.CallerTransaction;
import org.lockdemo.strategy.laravel.FirstOrCreate8Strategy;
import org.lockdemo.strategy.laravel.UpdateOrCreate8Strategy;

/**
 * lockdemo's Laravel 8.83 strategies send what Laravel 8.83 sends, statement for statement: each
 * captured call ({@code scripts/transcripts/laravel_capture.php}, through {@code wire_capture.py})
 * is driven through each path on a {@link RecordingConnection} and compared with its transcript under
 * {@code src/test/resources/org/lockdemo/transcripts/laravel/}. Both forms of each call were
 * captured, in the caller's {@code DB::transaction()} ({@code -tx}, the form the registry races) and
 * without one; both are compared, the second through the same class built with
 * {@link CallerTransaction#NONE}.
 *
 * <p>Normalised, on both sides, only in spelling: names, literals and parameter markers
 * ({@link Transcripts#normalize}; {@code limit 1} and the {@code $1} of PDO become {@code ?}),
 * {@code START TRANSACTION} as {@code BEGIN}, and PHP PDO's own statements, which are no part of
 * Laravel's algorithm: {@code pdo_pgsql} prepares every query as a named server-side statement
 * ({@code pdo_stmt_N}) and sends {@code DEALLOCATE pdo_stmt_N} when PHP frees the PDOStatement, after
 * the next query; in autocommit mode that is a transaction of its own ({@code BEGIN},
 * {@code DEALLOCATE}, {@code COMMIT}), and inside a transaction that a unique violation has aborted
 * the server refuses it ({@code ! 25P02 in_failed_sql_transaction}), which PDO ignores: the
 * application sees the 23505 before it. lockdemo's pgjdbc keeps its prepared statements for the
 * connection's life and frees none between attempts. Everything else (keyword case, clause order,
 * columns, which statements, in what order, where each transaction ends) must match as sent:
 * Laravel writes lower-case SQL, and {@code LaravelSql} renders it so with jOOQ.
 */
class LaravelTranscriptTest {
    private static final String FRAMEWORK = "laravel";
    private static final Path ROOT = Transcripts.ROOT.resolve(FRAMEWORK);
    /** PHP PDO's cleanup of a prepared statement: a driver statement, not Laravel's. */
    private static final Pattern PDO_DEALLOCATE = Pattern.compile("^DEALLOCATE pdo_stmt_\\d+$");
    private static final UnaryOperator<List<String>> DRIVER_SPELLING = lines -> Transcripts
            .withoutDriverStatements(PDO_DEALLOCATE).apply(Transcripts.startTransactionIsBegin().apply(lines));

    /** A captured call, the strategy kind it is, and how to build the form captured. */
    private record Call(String name, StrategyKind kind, BiFunction<RaceSchema, CallerTransaction, GetOrCreate> factory,
            CallerTransaction tx) {
    }

    private static final List<Call> CALLS = List.of(
            new Call("firstOrCreate-tx", StrategyKind.LARAVEL_FIRST_OR_CREATE_8, FirstOrCreate8Strategy::new,
                    CallerTransaction.DB_TRANSACTION),
            new Call("firstOrCreate", StrategyKind.LARAVEL_FIRST_OR_CREATE_8, FirstOrCreate8Strategy::new,
                    CallerTransaction.NONE),
            new Call("updateOrCreate-tx", StrategyKind.LARAVEL_UPDATE_OR_CREATE_8, UpdateOrCreate8Strategy::new,
                    CallerTransaction.DB_TRANSACTION),
            new Call("updateOrCreate", StrategyKind.LARAVEL_UPDATE_OR_CREATE_8, UpdateOrCreate8Strategy::new,
                    CallerTransaction.NONE));

    static Stream<Arguments> transcripts() {
        List<Arguments> out = new ArrayList<>();
        for (Call call : CALLS) {
            for (Case c : Transcripts.cases(FRAMEWORK, call.name(), call.kind())) {
                out.add(Arguments.of(c, call));
            }
        }
        return out.stream();
    }

    private static List<String> normalized(List<String> lines) {
        return DRIVER_SPELLING.apply(lines).stream().map(Transcripts::normalize).toList();
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("transcripts")
    void strategySendsWhatLaravelSends(Case c, Call call) throws Exception {
        List<String> laravel = normalized(c.statements());
        RecordingConnection conn = c.connection();
        GetOrCreate strategy = call.factory().apply(c.database().schema(), call.tx());
        Outcome outcome = Transcripts.drive(c, strategy, conn);
        List<String> lockdemo = normalized(conn.sent());
        assertEquals(String.join("\n", laravel), String.join("\n", lockdemo), c + " (" + call.tx() + "): statements");
        assertEquals(c.applicationRaised(), !outcome.isSuccess(),
                c + ": Laravel raised " + c.applicationRaised() + ", lockdemo ended " + outcome);
        if (c.applicationRaised()) {
            assertEquals(Outcome.UNIQUE_VIOLATION, outcome, c.toString());
        }
    }

    /** The registered strategies are the -tx forms compared above. */
    @ParameterizedTest(name = "{0}")
    @MethodSource("transcripts")
    void theRegisteredStrategyIsTheTransactionForm(Case c, Call call) throws Exception {
        if (call.tx() != CallerTransaction.DB_TRANSACTION) {
            return;
        }
        RecordingConnection viaRegistry = c.connection();
        Transcripts.drive(c, viaRegistry);
        RecordingConnection viaClass = c.connection();
        Transcripts.drive(c, call.factory().apply(c.database().schema(), call.tx()), viaClass);
        assertEquals(viaClass.sent(), viaRegistry.sent(), c.toString());
    }

    /**
     * Four calls, three paths, three database directories: 36 transcripts, all compared (a lost file
     * would otherwise make the test above pass on less). Every path is reachable for these calls:
     * none locks before its INSERT.
     */
    @Test
    void everyTranscriptIsCompared() {
        assertEquals(36, transcripts().count(), "transcripts under " + ROOT);
        for (Database d : Database.values()) {
            for (Call call : CALLS) {
                for (String p : Transcripts.PATHS) {
                    assertTrue(Files.exists(ROOT.resolve(d.dir).resolve(call.name() + "-" + p + ".sql")),
                            d.dir + "/" + call.name() + "-" + p);
                }
            }
        }
    }

    /** The driver's statements go, with the error after them and a transaction left empty; nothing of Laravel's does. */
    @Test
    void onlyPdoStatementsAreDropped() throws Exception {
        for (Call call : CALLS) {
            for (Case c : Transcripts.cases(FRAMEWORK, call.name(), call.kind())) {
                List<String> all = c.statements();
                List<String> kept = DRIVER_SPELLING.apply(all);
                List<String> dropped = new ArrayList<>(all);
                for (String k : kept) {
                    dropped.remove(k.equals("BEGIN") && !dropped.contains("BEGIN") ? "START TRANSACTION" : k);
                }
                for (String d : dropped) {
                    assertTrue(PDO_DEALLOCATE.matcher(d).matches() || d.equals("! 25P02") || d.equals("BEGIN")
                            || d.equals("COMMIT"), c + " drops " + d);
                }
            }
        }
        assertEquals(List.of("BEGIN", "insert", "! 23505", "ROLLBACK"), DRIVER_SPELLING.apply(List.of(
                "START TRANSACTION", "insert", "! 23505", "DEALLOCATE pdo_stmt_2", "! 25P02", "ROLLBACK")));
    }

    @Test
    void laravelSqlIsLowerCaseAsLaravelWritesIt() {
        GetOrCreate s = StrategyKind.LARAVEL_FIRST_OR_CREATE_8.create(Database.POSTGRESQL_READ_COMMITTED.schema(),
                StrategyOptions.DEFAULTS);
        assertEquals(List.of("select * from " + Transcripts.TABLE + " where (jahr = ? and monat = ?) limit 1",
                "insert into " + Transcripts.TABLE + " (jahr, monat) values (?, ?) returning id",
                "update " + Transcripts.TABLE + " set some_value = ? where id = ?"), s.statements());
    }
}
