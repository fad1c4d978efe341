package org.lockdemo.strategy;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.stream.Stream;
import org.jooq.SQLDialect;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;
import org.junit.jupiter.params.provider.MethodSource;
import org.lockdemo.db.MySqlErrorClassifier;
import org.lockdemo.db.PostgresErrorClassifier;
import org.lockdemo.db.SqliteErrorClassifier;
import org.sqlite.SQLiteErrorCode;
import org.sqlite.SQLiteException;
import org.lockdemo.db.SqlErrorClassifier;
import org.lockdemo.model.Outcome;
import org.lockdemo.model.RowKey;

/**
 * What every strategy sends, per dialect and per path, is written down in a golden file a reader
 * can open: {@code src/test/resources/org/lockdemo/strategy/statements-<target>.txt}, generated from
 * the strategies themselves on a {@link RecordingConnection}, with the outcome and what the attempt
 * made durable after each path. The strategies' constructors do not restate their SQL: this file
 * is the reference, and where the real framework's transcript exists (Django, under
 * {@code src/test/resources/org/lockdemo/transcripts/django/}) the file's section must equal it,
 * normalised as {@link StrategyTranscriptTest} normalises.
 *
 * <p>The paths: {@code found} (the row exists), {@code created} (it does not, and nobody else
 * creates it), {@code conflict} (another session commits the row just before this attempt's first
 * INSERT, which fails once with 23505 on PostgreSQL and 1062 on MySQL/MariaDB; an upsert does not
 * fail but finds the row), and for {@code serializable} {@code retried} (that INSERT fails with
 * what a SERIALIZABLE server reports instead: 40001 on PostgreSQL, a 1213 deadlock on InnoDB).
 * Plain reads see the other session's row afterwards (READ COMMITTED).
 *
 * <p>To regenerate after an intended change of a strategy's SQL, run
 * {@code LOCKDEMO_REGENERATE_GOLDEN=1 mvn -B -o test -Dtest=StrategyStatementsTest} and review
 * the diff of the golden files line by line.
 */
class StrategyStatementsTest {
    private static final Path DIR = Path.of("src", "test", "resources", "org", "lockdemo", "strategy");
    private static final Path TRANSCRIPTS = Path.of("src", "test", "resources", "org", "lockdemo", "transcripts", "django");
    private static final String TABLE = "lockdemo_t";
    private static final boolean REGENERATE = "1".equals(System.getenv("LOCKDEMO_REGENERATE_GOLDEN"));

    /** A server lockdemo renders SQL for, and how it answers. */
    enum Target {
        POSTGRESQL("postgresql", SQLDialect.POSTGRES, true, "postgresql-read-committed"),
        /** MariaDB 10.5+: jOOQ's MYSQL rendering, with INSERT ... RETURNING. */
        MARIADB("mariadb", SQLDialect.MYSQL, true, "mysql-read-committed"),
        /** MySQL: no RETURNING, the new id comes as the INSERT's generated key. */
        MYSQL("mysql", SQLDialect.MYSQL, false, null),
        /** SQLite 3.35+: RETURNING, ON CONFLICT, and no FOR UPDATE. */
        SQLITE("sqlite", SQLDialect.SQLITE, true, null);

        final String id;
        final SQLDialect dialect;
        final boolean insertReturning;
        /** The directory of the Django transcripts captured on this server, or null. */
        final String transcripts;

        Target(String id, SQLDialect dialect, boolean insertReturning, String transcripts) {
            this.id = id;
            this.dialect = dialect;
            this.insertReturning = insertReturning;
            this.transcripts = transcripts;
        }

        boolean postgres() {
            return dialect == SQLDialect.POSTGRES;
        }

        boolean sqlite() {
            return dialect == SQLDialect.SQLITE;
        }

        /** The dialect id of {@link StrategyKind#unsupportedOn(String)}. */
        String dialectId() {
            return postgres() ? "postgresql" : sqlite() ? "sqlite" : "mysql";
        }

        SqlErrorClassifier classifier() {
            return postgres() ? new PostgresErrorClassifier() : sqlite() ? new SqliteErrorClassifier()
                    : new MySqlErrorClassifier();
        }

        SQLException duplicateKey() {
            return postgres() ? new SQLException("duplicate key value violates unique constraint", "23505") // unique_violation
                    : sqlite() ? new SQLiteException("[SQLITE_CONSTRAINT_UNIQUE] A UNIQUE constraint failed",
                            SQLiteErrorCode.SQLITE_CONSTRAINT_UNIQUE) // 2067, vendor code 19 (SQLITE_CONSTRAINT)
                    : new SQLException("Duplicate entry '1-1' for key 'jahr_monat_key'", "23000", 1062); // ER_DUP_ENTRY
        }

        SQLException serializationFailure() {
            return postgres() ? new SQLException("could not serialize access", "40001") // serialization_failure
                    : sqlite() ? new SQLiteException("[SQLITE_BUSY_SNAPSHOT] Another database connection has already "
                            + "written to the database", SQLiteErrorCode.SQLITE_BUSY_SNAPSHOT) // 517
                    : new SQLException("Deadlock found when trying to get lock", "40001", 1213); // ER_LOCK_DEADLOCK
        }

        Path golden() {
            return DIR.resolve("statements-" + id + ".txt");
        }
    }

    enum PathKind {
        FOUND("found", "present"), CREATED("created", "absent"), CONFLICT("conflict", "conflict"),
        RETRIED("retried", null);

        final String id;
        /** The transcripts' name of the path, or null. */
        final String transcript;

        PathKind(String id, String transcript) {
            this.id = id;
            this.transcript = transcript;
        }

        static List<PathKind> of(StrategyKind k) {
            return k == StrategyKind.SERIALIZABLE ? List.of(FOUND, CREATED, CONFLICT, RETRIED)
                    : List.of(FOUND, CREATED, CONFLICT);
        }
    }

    /** What one path sent and how the attempt ended. */
    record Recorded(List<String> sent, Outcome outcome, boolean raced, boolean insertCommitted,
            boolean incrementCommitted, int retries) {
        String summary() {
            return "-> " + outcome.id() + " (raced " + yes(raced) + ", insert committed " + yes(insertCommitted)
                    + ", increment committed " + yes(incrementCommitted) + ", retries " + retries + ")";
        }

        private static String yes(boolean b) {
            return b ? "yes" : "no";
        }
    }

    static List<StrategyKind> kinds(Target t) {
        return Stream.of(StrategyKind.values()).filter(k -> k.unsupportedOn(t.dialectId()).isEmpty()).toList();
    }

    static GetOrCreate strategy(StrategyKind k, Target t) {
        return k.create(new RaceSchema(TABLE, t.dialect, t.insertReturning), StrategyOptions.DEFAULTS);
    }

    static RecordingConnection connection(Target t, PathKind p) {
        return switch (p) {
            case FOUND -> new RecordingConnection(true, t.duplicateKey());
            case CREATED -> new RecordingConnection(false, t.duplicateKey());
            case CONFLICT -> RecordingConnection.conflict(t.duplicateKey(), true);
            case RETRIED -> RecordingConnection.conflict(t.serializationFailure(), true);
        };
    }

    /** One attempt as race/Worker runs it: a failure outcome or an exception is rolled back. */
    static Recorded record(StrategyKind k, Target t, PathKind p) throws InterruptedException {
        RecordingConnection conn = connection(t, p);
        Attempt a = new Attempt(t.classifier(), 0);
        Outcome outcome = Transcripts.drive(strategy(k, t), a, conn); // a second connection too, if it uses one
        return new Recorded(conn.sent(), outcome, a.raced(), a.insertCommitted(), a.incrementCommitted(), a.retries());
    }

    /** The golden file's text for {@code t}, from the strategies as they are. */
    static String render(Target t) throws InterruptedException {
        StringBuilder b = new StringBuilder();
        b.append("# The statements each lockdemo strategy sends on ").append(t.id)
                .append(", per path, as the server sees them (auto-commit off),\n")
                .append("# then how the attempt ended. Generated by StrategyStatementsTest from the strategies; do not edit.\n")
                .append("# Regenerate: LOCKDEMO_REGENERATE_GOLDEN=1 mvn -B -o test -Dtest=StrategyStatementsTest\n");
        for (StrategyKind k : kinds(t)) {
            for (PathKind p : PathKind.of(k)) {
                Recorded r = record(k, t, p);
                b.append("\n== ").append(k.id()).append(' ').append(p.id).append('\n');
                r.sent().forEach(line -> b.append(line).append('\n'));
                b.append(r.summary()).append('\n');
            }
        }
        return b.toString();
    }

    /** The golden file's sections: "strategy path" to its statement lines (the summary line excluded). */
    static Map<String, List<String>> sections(Target t) throws IOException {
        Map<String, List<String>> sections = new LinkedHashMap<>();
        List<String> current = null;
        for (String line : Files.readAllLines(t.golden(), StandardCharsets.UTF_8)) {
            if (line.startsWith("== ")) {
                current = new ArrayList<>();
                sections.put(line.substring(3), current);
            } else if (current != null && !line.isEmpty() && !line.startsWith("-> ")) {
                current.add(line);
            }
        }
        return sections;
    }

    @ParameterizedTest
    @EnumSource(Target.class)
    void goldenFileIsWhatTheStrategiesSend(Target t) throws Exception {
        String now = render(t);
        if (REGENERATE) {
            Files.createDirectories(DIR);
            Files.writeString(t.golden(), now, StandardCharsets.UTF_8);
        }
        assertTrue(Files.exists(t.golden()), t.golden() + " is missing; see this class's Javadoc to generate it");
        assertEquals(Files.readString(t.golden(), StandardCharsets.UTF_8), now,
                t.golden() + " differs from what the strategies send; if the change is intended, regenerate it");
    }

    record TranscriptCase(Target target, StrategyKind kind, PathKind path, Path file) {
        @Override
        public String toString() {
            return target.id + "/" + kind.id() + "-" + path.id;
        }
    }

    static Stream<TranscriptCase> transcripts() {
        List<TranscriptCase> cases = new ArrayList<>();
        for (Target t : Target.values()) {
            for (StrategyKind k : kinds(t)) {
                for (PathKind p : PathKind.of(k)) {
                    Path f = t.transcripts == null || p.transcript == null ? null
                            : TRANSCRIPTS.resolve(t.transcripts).resolve(call(k) + "-" + p.transcript + ".sql");
                    if (f != null && Files.exists(f)) {
                        cases.add(new TranscriptCase(t, k, p, f));
                    }
                }
            }
        }
        return cases.stream();
    }

    /** The name of the Django call's transcripts a strategy is held to: its id, but for django-autocommit. */
    static String call(StrategyKind k) {
        return k == StrategyKind.DJANGO_AUTOCOMMIT ? "getorcreate-autocommit" : k.id();
    }

    /** Every READ COMMITTED transcript of Django is compared; they cover five strategies, three paths, two servers. */
    @Test
    void everyReadCommittedTranscriptIsCompared() {
        assertEquals(30, transcripts().count());
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("transcripts")
    void goldenFileMatchesTheFrameworksTranscript(TranscriptCase c) throws IOException {
        List<String> django = Files.readAllLines(c.file(), StandardCharsets.UTF_8).stream()
                .filter(l -> !l.startsWith("#") && !l.isBlank()).map(Transcripts::normalize).toList();
        List<String> golden = sections(c.target()).get(c.kind().id() + " " + c.path().id);
        assertTrue(golden != null, c + " has no section in " + c.target().golden());
        assertEquals(String.join("\n", django),
                String.join("\n", golden.stream().map(Transcripts::normalize).toList()),
                c + ": " + c.target().golden() + " against " + c.file());
    }

    /**
     * Every statement a path sends is one the strategy declares ({@link GetOrCreate#statements()},
     * which the runner prepares and the docs list), and every declared statement is sent on some path.
     */
    @ParameterizedTest
    @EnumSource(Target.class)
    void declaredStatementsAreTheOnesSent(Target t) throws Exception {
        Set<String> control = Set.of("BEGIN", "COMMIT", "ROLLBACK", "-- connection 1", "-- connection 2");
        for (StrategyKind k : kinds(t)) {
            // a statement sent with the key written in as literals (Attempt.insertRowCatching) is declared as its template
            List<String> declared = strategy(k, t).statements().stream()
                    .map(d -> d.startsWith("CREATE ") ? Attempt.withKeyInlined(d, RowKey.ofIndex(0)) : d).toList();
            Set<String> sent = new LinkedHashSet<>();
            for (PathKind p : PathKind.of(k)) {
                record(k, t, p).sent().stream().filter(l -> !l.startsWith("! ")).forEach(sent::add);
            }
            for (String s : sent) {
                assertTrue(control.contains(s) || declared.contains(s), t.id + "/" + k.id() + " sends an undeclared " + s);
            }
            for (String s : declared) {
                assertTrue(sent.contains(s), t.id + "/" + k.id() + " declares but never sends " + s);
            }
        }
    }

    /** The strategies whose first statement is a plain INSERT (in a savepoint): on an existing row that is their conflict. */
    static boolean insertsFirst(StrategyKind k) {
        return switch (k) {
            case CREATE_FIRST, LARAVEL_CREATE_OR_FIRST, RAILS_CREATE_OR_FIND_6_1, RAILS_CREATE_OR_FIND_7_1,
                    RAILS_CREATE_OR_FIND_2026, RAILS_CREATE_OR_FIND_NO_TX -> true;
            default -> false;
        };
    }

    /** The outcome each path must end with: the path tests of every strategy. */
    static Outcome expected(StrategyKind k, PathKind p, Target t) {
        return switch (p) {
            case FOUND -> insertsFirst(k) ? Outcome.FOUND_AFTER_CONFLICT : Outcome.FOUND;
            case CREATED -> Outcome.CREATED;
            case CONFLICT -> switch (k) {
                // the duplicate reaches the application: naive's race; advisory's and serializable's
                // code has no second chance (their lock or SSI is what keeps the conflict away)
                // (GORM's FirstOrCreate and Prisma's emulated upsert never retry)
                case NAIVE, ADVISORY, SERIALIZABLE, GORM_FIRST_OR_CREATE, PRISMA_UPSERT -> Outcome.UNIQUE_VIOLATION;
                // the lessons of plain SQL: the conditional insert's read did not see the other row
                case MERGE, INSERT_WHERE_NOT_EXISTS -> Outcome.UNIQUE_VIOLATION;
                case GETORCREATE, CREATE_FIRST, SAVEPOINT, NOWAIT, DJANGO_AUTOCOMMIT -> Outcome.FOUND_AFTER_CONFLICT;
                // Laravel 10.21+ createOrFirst rolls back to its savepoint and reads the row again;
                // Laravel 8.83 has no second chance: the QueryException reaches the application
                case LARAVEL_FIRST_OR_CREATE, LARAVEL_CREATE_OR_FIRST, LARAVEL_UPDATE_OR_CREATE,
                        LARAVEL_INCREMENT_OR_CREATE -> Outcome.FOUND_AFTER_CONFLICT;
                case LARAVEL_FIRST_OR_CREATE_8, LARAVEL_UPDATE_OR_CREATE_8 -> Outcome.UNIQUE_VIOLATION;
                // SQLAlchemy's merge() and Hibernate's persist()/merge() do not retry either
                case SQLALCHEMY_MERGE, HIBERNATE_PERSIST, HIBERNATE_MERGE -> Outcome.UNIQUE_VIOLATION;
                // the begin_nested() recipe re-queries after ROLLBACK TO (READ COMMITTED: it sees the row)
                case SQLALCHEMY_BEGIN_NESTED -> Outcome.FOUND_AFTER_CONFLICT;
                // Hibernate's upsert updates the winner's row; MariaDB's affected rows say so,
                // PostgreSQL's one row does not, and the attempt counts as created
                case HIBERNATE_UPSERT -> t.postgres() ? Outcome.CREATED : Outcome.FOUND_AFTER_CONFLICT;
                // the re-find sees the winner's row here (READ COMMITTED)
                case SEQUELIZE_FIND_OR_CREATE, SEQUELIZE_FIND_OR_CREATE_TX, SEQUELIZE_FIND_CREATE_FIND,
                        SEQUELIZE_FIND_CREATE_FIND_TX -> Outcome.FOUND_AFTER_CONFLICT;
                // Rails 6.1's find_or_create_by: find_by || create, RecordNotUnique to the caller
                case RAILS_FIND_OR_CREATE_6_1 -> Outcome.UNIQUE_VIOLATION;
                case RAILS_CREATE_OR_FIND_6_1, RAILS_CREATE_OR_FIND_7_1, RAILS_CREATE_OR_FIND_2026,
                        RAILS_CREATE_OR_FIND_NO_TX, RAILS_FIND_OR_CREATE_7_1 -> Outcome.FOUND_AFTER_CONFLICT;
                // the upsert waits for the winner and does nothing: no error at all
                case UPSERT, UPSERT_MULTIROW, UPSERT_RETURNING, GORM_ON_CONFLICT, UPSERT_OLD_NEW, ON_CONFLICT_DO_SELECT,
                        INSERT_IGNORE ->
                        Outcome.FOUND;
            };
            case RETRIED -> Outcome.FOUND; // the retry finds the winner's row
        };
    }

    /** The strategies whose first statement is an upsert: a conflict makes it wait and find the row, never fail. */
    static final Set<StrategyKind> UPSERTS = Set.of(StrategyKind.UPSERT, StrategyKind.UPSERT_MULTIROW, StrategyKind.UPSERT_RETURNING,
            StrategyKind.GORM_ON_CONFLICT, StrategyKind.UPSERT_OLD_NEW, StrategyKind.ON_CONFLICT_DO_SELECT, StrategyKind.INSERT_IGNORE);

    /**
     * The strategies whose first statement is an insert conditional on its own read (MERGE, INSERT
     * ... WHERE NOT EXISTS): on a conflict it fails as a plain INSERT does, and, as for
     * create-first's INSERT, a failed first statement is not counted as raced.
     */
    static final Set<StrategyKind> CONDITIONAL_INSERTS = Set.of(StrategyKind.MERGE, StrategyKind.INSERT_WHERE_NOT_EXISTS);

    static Stream<Object[]> paths() {
        List<Object[]> cases = new ArrayList<>();
        for (Target t : Target.values()) {
            for (StrategyKind k : kinds(t)) {
                for (PathKind p : PathKind.of(k)) {
                    cases.add(new Object[] {t, k, p});
                }
            }
        }
        return cases.stream();
    }

    @ParameterizedTest(name = "{0} {1} {2}")
    @MethodSource("paths")
    void everyStrategyEndsEachPathAsExpected(Target t, StrategyKind k, PathKind p) throws Exception {
        Recorded r = record(k, t, p);
        String what = t.id + "/" + k.id() + " " + p.id + ": " + r.sent();
        assertEquals(expected(k, p, t), r.outcome(), what);
        boolean conflictSent = r.sent().stream().anyMatch(l -> l.startsWith("! "));
        boolean upsert = UPSERTS.contains(k);
        // Hibernate's upsert reads first (its race count is exact) and then upserts: no failed INSERT
        boolean readThenUpsert = k == StrategyKind.HIBERNATE_UPSERT;
        // on PostgreSQL these send no failing INSERT: the server catches the duplicate (Sequelize's
        // PL/pgSQL function) or ignores it (ON CONFLICT DO NOTHING)
        boolean noErrorOnConflict = t.postgres()
                && (k == StrategyKind.SEQUELIZE_FIND_OR_CREATE || k == StrategyKind.SEQUELIZE_FIND_OR_CREATE_TX
                        || k == StrategyKind.SEQUELIZE_FIND_CREATE_FIND_TX);
        assertEquals(p == PathKind.CONFLICT && !upsert && !readThenUpsert && !noErrorOnConflict || p == PathKind.RETRIED
                || p == PathKind.FOUND && insertsFirst(k), conflictSent, what + ": the failed INSERT");
        // what the attempt made durable: a created row and its increment, or the increment only
        // PostgreSQL cannot say whether Hibernate's upsert after a miss inserted: of unknown outcome
        boolean insertUnknownToTheClient = readThenUpsert && t.postgres() && p != PathKind.FOUND;
        assertEquals(r.outcome() == Outcome.CREATED && !insertUnknownToTheClient, r.insertCommitted(),
                what + ": insert committed");
        boolean increments = r.outcome().isSuccess() && !(k == StrategyKind.NAIVE && p == PathKind.FOUND);
        assertEquals(increments, r.incrementCommitted(), what + ": increment committed");
        assertEquals(p == PathKind.RETRIED ? 1 : 0, r.retries(), what + ": retries");
        // raced: the first statement that touched the row found none (or the INSERT inserted)
        boolean firstReadsMiss = p != PathKind.FOUND && !(p == PathKind.CONFLICT && upsert)
                && !(p == PathKind.CONFLICT && (insertsFirst(k) || CONDITIONAL_INSERTS.contains(k)));
        assertEquals(firstReadsMiss, r.raced(), what + ": raced");
        // a failed attempt is rolled back, a successful one committed: no transaction is left open
        String last = r.sent().get(r.sent().size() - 1);
        boolean endsOutsideTransaction = last.equals("COMMIT") || last.equals("ROLLBACK")
                || last.toUpperCase(Locale.ROOT).startsWith("SELECT RELEASE_LOCK");
        assertTrue(endsOutsideTransaction, what + ": ends with " + last);
    }

    @Test
    void conflictPathThrowsTheDuplicateOnce() throws Exception {
        for (Target t : Target.values()) {
            Recorded r = record(StrategyKind.SAVEPOINT, t, PathKind.CONFLICT);
            assertEquals(List.of(t.postgres() ? "! 23505" : t.sqlite() ? "! 19" : "! 1062"),
                    r.sent().stream().filter(l -> l.startsWith("! ")).toList(), t.id);
        }
        assertFalse(render(Target.MYSQL).contains("RETURNING id"), "MySQL has no INSERT ... RETURNING");
    }
}
