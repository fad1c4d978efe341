package org.lockdemo.strategy;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;
import java.util.function.UnaryOperator;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.jooq.SQLDialect;
import org.lockdemo.db.MySqlErrorClassifier;
import org.lockdemo.db.PostgresErrorClassifier;
import org.lockdemo.db.SqlErrorClassifier;
import org.lockdemo.model.Outcome;
import org.lockdemo.model.RowKey;

/**
 * What the framework transcript tests share: the captured transcripts under
 * {@code src/test/resources/org/lockdemo/transcripts/<framework>/<database>-<isolation>/<call>-<path>.sql}
 * (written by {@code scripts/transcripts.sh} from the real framework), a strategy driven through
 * one path on a {@link RecordingConnection} as the worker drives it, and the normalisation both
 * sides go through before they are compared. Stateless; each test builds its own connection.
 *
 * <p>The normalisation is of names, literals and spelling only, never of which statements are sent
 * or in what order: quotes and the table's name, column qualifiers ({@code t.}, {@code "T".}),
 * literals and every parameter marker ({@code ?}, {@code %s}, {@code $1}) to {@code ?}, savepoint
 * names (also Sequelize's {@code "<uuid>-sp-1"}), and, where a framework's transcripts ask for it, spacing around {@code = , ( )},
 * {@code START TRANSACTION} as {@code BEGIN} (the same statement; MariaDB's drivers spell it so),
 * and lines a driver sends that are not the framework's algorithm (PHP's {@code DEALLOCATE}).
 */
final class Transcripts {
    static final Path ROOT = Path.of("src", "test", "resources", "org", "lockdemo", "transcripts");
    static final String TABLE = "lockdemo_t";
    static final List<String> PATHS = List.of("absent", "present", "conflict");

    private static final Pattern QUOTE = Pattern.compile("[\"`]");
    private static final Pattern QUALIFIER = Pattern.compile("\\b[tT]\\.");
    private static final Pattern STRING = Pattern.compile("'[^']*'");
    private static final Pattern DOLLAR_PARAM = Pattern.compile("\\$\\d+");
    private static final Pattern NUMBER = Pattern.compile("(?<![\\w.])\\d+(?![\\w.])");
    private static final Pattern SAVEPOINT_NAME = Pattern.compile("\\bSAVEPOINT [\\w-]+", Pattern.CASE_INSENSITIVE);
    private static final Pattern SPACING = Pattern.compile("\\s*([=,()])\\s*");

    private Transcripts() {
    }

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

        /** The schema lockdemo renders its SQL for on this server (MariaDB 10.11 has INSERT ... RETURNING). */
        RaceSchema schema() {
            return new RaceSchema(TABLE, dialect, true);
        }
    }

    /**
     * One transcript: the framework's {@code call} on {@code database} along {@code path}, and the
     * strategy that models it.
     */
    record Case(String framework, Database database, String call, String path, StrategyKind kind) {
        Path file() {
            return ROOT.resolve(framework).resolve(database.dir).resolve(call + "-" + path + ".sql");
        }

        List<String> lines() {
            try {
                return Files.readAllLines(file(), StandardCharsets.UTF_8);
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        }

        /** The statements the framework sent (and the errors after them), comments left out. */
        List<String> statements() {
            return lines().stream().filter(l -> !l.startsWith("#") && !l.isBlank()).toList();
        }

        /** Whether the framework's call raised to the application, as the transcript's header says. */
        boolean applicationRaised() {
            return lines().stream().filter(l -> l.startsWith("# the application sees: ")).findFirst()
                    .map(l -> !l.equals("# the application sees: no error")).orElseThrow(() -> new AssertionError(
                            file() + " has no '# the application sees:' line"));
        }

        /** The recording connection for this path, as the capture's server answered. */
        RecordingConnection connection() {
            return switch (path) {
                case "absent" -> new RecordingConnection(false, database.duplicateKey());
                case "present" -> new RecordingConnection(true, database.duplicateKey());
                default -> RecordingConnection.conflict(database.duplicateKey(), database.rowVisibleAfterConflict);
            };
        }

        @Override
        public String toString() {
            return framework + "/" + database.dir + "/" + call + "-" + path + " as " + kind.id();
        }
    }

    /** The transcripts of {@code call} for {@code framework} that exist, per database and path. */
    static List<Case> cases(String framework, String call, StrategyKind kind) {
        List<Case> cases = new ArrayList<>();
        for (Database d : Database.values()) {
            for (String p : PATHS) {
                Case c = new Case(framework, d, call, p, kind);
                if (Files.exists(c.file())) {
                    cases.add(c);
                }
            }
        }
        return cases;
    }

    /**
     * Runs one attempt of {@code c.kind()} on {@code conn} as race/Worker does around an attempt:
     * a failure outcome or an exception is rolled back. The outcome, or the classified error.
     */
    static Outcome drive(Case c, RecordingConnection conn) throws InterruptedException {
        return drive(c, c.kind().create(c.database().schema(), StrategyOptions.DEFAULTS), conn);
    }

    /**
     * The same for a strategy built by the test: a form of {@code c.kind()}'s class that the registry
     * does not list (e.g. the call without the caller's transaction, captured beside the one raced).
     */
    static Outcome drive(Case c, GetOrCreate strategy, RecordingConnection conn) throws InterruptedException {
        return drive(strategy, new Attempt(c.database().classifier(), 0), conn);
    }

    /**
     * The same for any strategy and attempt: a strategy that uses two connections gets the
     * recording's second one, and a failed attempt rolls back both, as the worker does.
     */
    static Outcome drive(GetOrCreate strategy, Attempt attempt, RecordingConnection conn) throws InterruptedException {
        attempt.reset();
        try {
            if (strategy.connectionsPerAttempt() > 1) {
                attempt.useSecondConnection(conn.secondConnection());
            }
            Outcome outcome = strategy.attempt(conn.connection(), RowKey.ofIndex(0), attempt);
            if (!outcome.isSuccess()) {
                rollback(strategy, attempt, conn);
            }
            return outcome;
        } catch (SQLException e) {
            rollback(strategy, attempt, conn);
            return attempt.classify(e);
        }
    }

    private static void rollback(GetOrCreate strategy, Attempt attempt, RecordingConnection conn) {
        try {
            attempt.rollback(conn.connection());
            if (strategy.connectionsPerAttempt() > 1) {
                attempt.rollback(conn.secondConnection());
            }
        } catch (SQLException never) {
            throw new IllegalStateException(never);
        }
    }

    /** Names, literals, parameters and savepoint names; nothing else (Django's transcripts). */
    static String normalize(String line) {
        if (line.startsWith("! ") || line.startsWith("-- ")) {
            return line;
        }
        String s = QUOTE.matcher(line).replaceAll("");
        s = s.replace(TABLE, "t");
        s = QUALIFIER.matcher(s).replaceAll("");
        // savepoint names first: a name such as Sequelize's u1-sp-1 holds a number
        s = SAVEPOINT_NAME.matcher(s).replaceAll(Matcher.quoteReplacement("SAVEPOINT sp"));
        s = s.replace("%s", "?");
        s = DOLLAR_PARAM.matcher(s).replaceAll("?");
        s = STRING.matcher(s).replaceAll("?");
        return NUMBER.matcher(s).replaceAll("?");
    }

    /** {@link #normalize}, and spacing around {@code = , ( )} and runs of blanks. */
    static String normalizeSpacing(String line) {
        String s = normalize(line);
        if (s.startsWith("! ") || s.startsWith("-- ")) {
            return s;
        }
        return SPACING.matcher(s).replaceAll("$1").replaceAll("\\s+", " ").trim();
    }

    /** {@code START TRANSACTION} is {@code BEGIN}: one statement, two spellings. */
    static UnaryOperator<List<String>> startTransactionIsBegin() {
        return lines -> lines.stream().map(l -> l.equalsIgnoreCase("START TRANSACTION") ? "BEGIN" : l).toList();
    }

    /**
     * Leaves out every statement matching {@code driverStatement} (and the error line after it):
     * what a driver sends of its own, such as PHP PDO's {@code DEALLOCATE pdo_stmt_1}, and a
     * transaction left with nothing else in it.
     */
    static UnaryOperator<List<String>> withoutDriverStatements(Pattern driverStatement) {
        return lines -> {
            List<String> out = new ArrayList<>();
            boolean skipError = false;
            for (String l : lines) {
                if (driverStatement.matcher(l).find()) {
                    skipError = true;
                    continue;
                }
                if (skipError && l.startsWith("! ")) {
                    continue;
                }
                skipError = false;
                int n = out.size();
                if ((l.equals("COMMIT") || l.equals("ROLLBACK")) && n > 0 && out.get(n - 1).equals("BEGIN")) {
                    out.remove(n - 1); // BEGIN; COMMIT around nothing but the driver's own statement
                    continue;
                }
                out.add(l);
            }
            return out;
        };
    }
}
