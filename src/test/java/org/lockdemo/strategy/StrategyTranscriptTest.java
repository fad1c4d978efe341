package org.lockdemo.strategy;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.jooq.SQLDialect;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;
import org.lockdemo.db.MySqlErrorClassifier;
import org.lockdemo.db.PostgresErrorClassifier;
import org.lockdemo.db.SqlErrorClassifier;
import org.lockdemo.model.Outcome;
import org.lockdemo.model.RowKey;

/**
 * lockdemo's Django-modelled strategies send what Django sends, statement for statement: each
 * strategy is driven through each path (row absent, row present, conflict) on a
 * {@link RecordingConnection}, rolled back where the worker would roll back, and what it sent is
 * compared with the transcript that {@code scripts/transcripts.sh} captured from Django itself
 * ({@code src/test/resources/org/lockdemo/transcripts/django/<database>-<isolation>/<strategy>-<path>.sql}).
 * Both sides are normalised in identifiers (quotes, the table's name, column qualifiers), literals
 * and parameters (each becomes {@code ?}) and savepoint names, and in nothing else.
 */
class StrategyTranscriptTest {
    private static final Path ROOT = Path.of("src", "test", "resources", "org", "lockdemo", "transcripts", "django");
    private static final String TABLE = "lockdemo_t";
    private static final List<String> STRATEGIES = List.of("naive", "getorcreate", "savepoint", "nowait");
    private static final List<String> PATHS = List.of("absent", "present", "conflict");

    private static final Pattern QUOTE = Pattern.compile("[\"`]");
    private static final Pattern QUALIFIER = Pattern.compile("\\bt\\.");
    private static final Pattern STRING = Pattern.compile("'[^']*'");
    private static final Pattern NUMBER = Pattern.compile("(?<![\\w.])\\d+(?![\\w.])");
    private static final Pattern SAVEPOINT_NAME = Pattern.compile("\\bSAVEPOINT \\w+");

    /** A database directory of the transcripts, and how lockdemo talks to that server. */
    enum Database {
        POSTGRESQL_READ_COMMITTED("postgresql-read-committed", SQLDialect.POSTGRES, true),
        // MariaDB 10.11: INSERT ... RETURNING; jOOQ's MYSQL rendering, as lockdemo uses for MariaDB
        MYSQL_READ_COMMITTED("mysql-read-committed", SQLDialect.MYSQL, true),
        MYSQL_REPEATABLE_READ("mysql-repeatable-read", SQLDialect.MYSQL, false);

        final String dir;
        final SQLDialect dialect;
        /** Whether a plain re-read after the duplicate sees the other session's row (not in an older snapshot). */
        final boolean rowVisibleAfterConflict;

        Database(String dir, SQLDialect dialect, boolean rowVisibleAfterConflict) {
            this.dir = dir;
            this.dialect = dialect;
            this.rowVisibleAfterConflict = rowVisibleAfterConflict;
        }

        boolean postgres() {
            return dialect == SQLDialect.POSTGRES;
        }

        SqlErrorClassifier classifier() {
            return postgres() ? new PostgresErrorClassifier() : new MySqlErrorClassifier();
        }

        SQLException duplicateKey() {
            return postgres() ? new SQLException("duplicate key value violates unique constraint", "23505")
                    : new SQLException("Duplicate entry '1-1' for key 'jahr_monat_key'", "23000", 1062);
        }
    }

    record Case(Database database, String strategy, String path, Path file) {
        @Override
        public String toString() {
            return database.dir + "/" + strategy + "-" + path;
        }
    }

    static Stream<Case> transcripts() {
        List<Case> cases = new ArrayList<>();
        for (Database d : Database.values()) {
            for (String s : STRATEGIES) {
                for (String p : PATHS) {
                    Path f = ROOT.resolve(d.dir).resolve(s + "-" + p + ".sql");
                    if (Files.exists(f)) {
                        cases.add(new Case(d, s, p, f));
                    }
                }
            }
        }
        return cases.stream();
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("transcripts")
    void strategySendsWhatDjangoSends(Case c) throws Exception {
        List<String> transcript = Files.readAllLines(c.file(), StandardCharsets.UTF_8);
        List<String> django = transcript.stream().filter(l -> !l.startsWith("#") && !l.isBlank())
                .map(StrategyTranscriptTest::normalize).toList();
        RecordingConnection conn = switch (c.path()) {
            case "absent" -> new RecordingConnection(false);
            case "present" -> new RecordingConnection(true);
            default -> RecordingConnection.conflict(c.database().duplicateKey(), c.database().rowVisibleAfterConflict);
        };
        Outcome outcome = drive(c, conn);
        List<String> lockdemo = conn.sent().stream().map(StrategyTranscriptTest::normalize).toList();
        assertEquals(String.join("\n", django), String.join("\n", lockdemo), c + ": lockdemo's statements");

        boolean djangoRaised = transcript.stream().anyMatch(l -> l.startsWith("# the application sees: IntegrityError"));
        assertEquals(djangoRaised, !outcome.isSuccess(), c + ": Django raised " + djangoRaised + ", lockdemo ended " + outcome);
    }

    /**
     * Every path of every strategy was captured where it can happen: a lost transcript would make
     * the test above pass on nothing. Under InnoDB REPEATABLE READ the conflict path of the
     * strategies that lock first cannot happen (their FOR UPDATE's gap lock makes the other
     * session's INSERT wait), and the capture leaves it out.
     */
    @Test
    void everyReachablePathHasATranscript() {
        assertEquals(34, transcripts().count(), "transcripts under " + ROOT);
        for (Database d : Database.values()) {
            for (String s : STRATEGIES) {
                for (String p : PATHS) {
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
                normalize("SELECT \"t\".\"id\" FROM \"t\" WHERE (\"t\".\"jahr\" = %s AND \"t\".\"monat\" = %s) LIMIT 21 FOR UPDATE"));
        assertEquals("ROLLBACK TO SAVEPOINT sp", normalize("ROLLBACK TO SAVEPOINT `s1_x1`"));
        assertEquals("INSERT INTO t (jahr, monat, some_value) VALUES (?, ?, ?) RETURNING id",
                normalize("INSERT INTO " + TABLE + " (jahr, monat, some_value) VALUES (?, ?, 0) RETURNING id"));
        // keyword case, clause order and columns are not normalised: they must match as sent
        assertTrue(!normalize("select id from t").equals(normalize("SELECT id FROM t")));
    }

    private static Outcome drive(Case c, RecordingConnection conn) throws InterruptedException {
        GetOrCreate strategy = StrategyKind.fromId(c.strategy()).orElseThrow()
                .create(new RaceSchema(TABLE, c.database().dialect, true), StrategyOptions.DEFAULTS);
        Attempt attempt = new Attempt(c.database().classifier(), 0);
        attempt.reset();
        // what race/Worker does around an attempt: a failure outcome or an exception is rolled back
        try {
            Outcome outcome = strategy.attempt(conn.connection(), RowKey.ofIndex(0), attempt);
            if (!outcome.isSuccess()) {
                attempt.rollback(conn.connection());
            }
            return outcome;
        } catch (SQLException e) {
            try {
                attempt.rollback(conn.connection());
            } catch (SQLException never) {
                throw new IllegalStateException(never);
            }
            return attempt.classify(e);
        }
    }

    static String normalize(String line) {
        if (line.startsWith("! ")) {
            return line;
        }
        String s = QUOTE.matcher(line).replaceAll("");
        s = s.replace(TABLE, "t");
        s = QUALIFIER.matcher(s).replaceAll("");
        s = s.replace("%s", "?");
        s = STRING.matcher(s).replaceAll("?");
        s = NUMBER.matcher(s).replaceAll("?");
        return SAVEPOINT_NAME.matcher(s).replaceAll(Matcher.quoteReplacement("SAVEPOINT sp"));
    }

    static {
        if (!Files.isDirectory(ROOT)) {
            throw new UncheckedIOException(new IOException("no transcripts at " + ROOT.toAbsolutePath()));
        }
    }
}
