package org.lockdemo.strategy;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.regex.Pattern;
import org.jooq.SQLDialect;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;
import org.lockdemo.db.PostgresErrorClassifier;
import org.lockdemo.model.RowKey;

/**
 * The pgbench scripts of {@code scripts/bench.sh} send what lockdemo's strategies send: for the
 * found path (the row exists, as in bench.sh's prefilled table) and the create path (the script's
 * {@code \if} branch), the script's statements in order equal the statements the strategy sends on
 * that path (recorded by {@link RecordingConnection}, with the transaction boundaries the server
 * sees), as rendered for PostgreSQL; and every statement the strategy may send is in its script,
 * except the conflict path pgbench cannot take. A change to a strategy's SQL fails this test until
 * the script follows.
 */
class PgbenchScriptsTest {
    /** The table name the scripts use; bench.sh replaces it with its run's table. */
    private static final String SCRIPT_TABLE = "lockdemo_pgbench";
    private static final Path DIR = Path.of("scripts", "pgbench");
    private static final Pattern VARIABLE = Pattern.compile(":(jahr|monat|next|id)\\b");
    /** Statements that pgbench cannot reach: they follow a unique violation, which ends a pgbench client. */
    private static final Set<String> CONFLICT_PATH_ONLY = Set.of(DjangoSql.ROLLBACK_TO);

    enum Scripted {
        NAIVE(StrategyKind.NAIVE, "naive.sql"),
        SAVEPOINT(StrategyKind.SAVEPOINT, "savepoint.sql");

        final StrategyKind kind;
        final String file;

        Scripted(StrategyKind kind, String file) {
            this.kind = kind;
            this.file = file;
        }
    }

    @ParameterizedTest
    @EnumSource(Scripted.class)
    void foundPathSendsTheStrategysStatements(Scripted s) throws Exception {
        assertEquals(recorded(s.kind, true), script(s.file, false), s.file + ", the row exists");
    }

    @ParameterizedTest
    @EnumSource(Scripted.class)
    void createPathSendsTheStrategysStatements(Scripted s) throws Exception {
        assertEquals(recorded(s.kind, false), script(s.file, true), s.file + ", the row is absent");
    }

    @ParameterizedTest
    @EnumSource(Scripted.class)
    void everyStatementOfTheStrategyIsInTheScript(Scripted s) throws IOException {
        List<String> script = script(s.file, true);
        for (String sql : strategy(s.kind).statements()) {
            if (!CONFLICT_PATH_ONLY.contains(sql)) {
                assertTrue(script.contains(normalize(sql)), s.file + " lacks the strategy's statement: " + sql);
            }
        }
        for (String sql : script) {
            boolean transactionControl = sql.equals("BEGIN") || sql.equals("COMMIT");
            assertTrue(transactionControl || strategy(s.kind).statements().stream().map(PgbenchScriptsTest::normalize)
                    .anyMatch(sql::equals), s.file + " sends a statement the strategy does not: " + sql);
        }
    }

    @ParameterizedTest
    @EnumSource(Scripted.class)
    void keysMapAsRowKeyDoes(Scripted s) throws IOException {
        String text = Files.readString(DIR.resolve(s.file), StandardCharsets.UTF_8);
        assertTrue(text.contains("\n\\set k random(0, :keys - 1)\n"), s.file + " picks k in [0, keys)");
        assertTrue(text.contains("\n\\set jahr :k / 12 + 1\n"), s.file + " maps jahr as RowKey.ofIndex");
        assertTrue(text.contains("\n\\set monat :k % 12 + 1\n"), s.file + " maps monat as RowKey.ofIndex");
        for (long k = 0; k < 1000; k++) {
            assertEquals(new RowKey((int) (k / 12 + 1), (int) (k % 12 + 1)), RowKey.ofIndex(k), "key index " + k);
        }
    }

    private static GetOrCreate strategy(StrategyKind kind) {
        return kind.create(new RaceSchema(SCRIPT_TABLE, SQLDialect.POSTGRES), new StrategyOptions(10));
    }

    /** What the strategy sends on one path, as the server sees it. */
    private static List<String> recorded(StrategyKind kind, boolean rowExists)
            throws SQLException, InterruptedException {
        RecordingConnection c = new RecordingConnection(rowExists);
        strategy(kind).attempt(c.connection(), RowKey.ofIndex(0), new Attempt(new PostgresErrorClassifier(), 0));
        return c.sent().stream().map(PgbenchScriptsTest::normalize).toList();
    }

    /**
     * The script's SQL in the order pgbench sends it: comments and meta-commands dropped, the
     * {@code \if} branch taken or skipped; a statement ends at {@code ;} or {@code \aset}.
     */
    private static List<String> script(String file, boolean takeIfBranch) throws IOException {
        List<String> statements = new ArrayList<>();
        boolean skipping = false;
        StringBuilder pending = new StringBuilder();
        for (String raw : Files.readAllLines(DIR.resolve(file), StandardCharsets.UTF_8)) {
            String line = raw.strip();
            if (line.isEmpty() || line.startsWith("--")) {
                continue;
            }
            if (line.startsWith("\\if")) {
                skipping = !takeIfBranch;
                continue;
            }
            if (line.startsWith("\\endif")) {
                skipping = false;
                continue;
            }
            if (line.startsWith("\\") || skipping) {
                continue;
            }
            pending.append(' ').append(line);
            String sql = pending.toString().strip();
            if (sql.endsWith(";") || sql.endsWith("\\aset")) {
                statements.add(normalize(sql.substring(0, sql.endsWith(";") ? sql.length() - 1 : sql.length() - 5)));
                pending.setLength(0);
            }
        }
        assertTrue(pending.toString().isBlank(), file + " ends inside a statement: " + pending);
        return statements;
    }

    /** Placeholders as JDBC writes them, whitespace collapsed. */
    private static String normalize(String sql) {
        return VARIABLE.matcher(sql).replaceAll("?").replaceAll("\\s+", " ").strip();
    }
}
