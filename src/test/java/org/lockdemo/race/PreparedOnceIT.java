package org.lockdemo.race;

import static org.junit.jupiter.api.Assertions.assertEquals;

import com.zaxxer.hikari.HikariDataSource;
import java.security.SecureRandom;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.lockdemo.it.RequiresDatabase;
import org.lockdemo.it.TestDatabase;
import org.lockdemo.db.ConnectionPools;
import org.lockdemo.db.DatabaseTarget;
import org.lockdemo.db.Dialect;
import org.lockdemo.db.Dialects;
import org.lockdemo.db.RaceTable;
import org.lockdemo.metrics.Measurement;
import org.lockdemo.metrics.WorkerStats;
import org.lockdemo.model.Isolation;
import org.lockdemo.model.Outcome;
import org.lockdemo.strategy.GetOrCreate;
import org.lockdemo.strategy.RaceSchema;
import org.lockdemo.strategy.StrategyKind;
import org.lockdemo.strategy.StrategyOptions;

/**
 * "Statements prepared once per connection, not per attempt", checked by the server: one worker
 * runs {@value #ROUNDS} savepoint attempts over {@value #KEYS} keys on a pool of one connection,
 * then the test asks that same server session what it prepared and executed.
 * <ul>
 *   <li>PostgreSQL ({@code LOCKDEMO_TEST_PG_URL}, 14+): {@code pg_prepared_statements} has exactly
 *       one entry per distinct statement, and its plan count is every execution of it: no
 *       statement went through the unnamed (parse-every-time) path first, as with pgjdbc's default
 *       {@code prepareThreshold} of 5.
 *   <li>MariaDB/MySQL ({@code LOCKDEMO_TEST_MYSQL_URL}): the session's {@code Com_stmt_prepare}
 *       grew by the number of distinct statements and {@code Com_stmt_execute} by every execution;
 *       Connector/J's statement cache is off, so a re-created PreparedStatement would show as
 *       another prepare, and a client-side one as no execute.
 * </ul>
 * The worker also borrowed its connection once, not per attempt. Each test is skipped when its
 * server's variable is unset (.ci/run sets both).
 */
class PreparedOnceIT {
    private static final int ROUNDS = 60;
    private static final int KEYS = 4;

    @Test
    @RequiresDatabase(TestDatabase.MACHINE_POSTGRESQL)
    void postgresPreparesEachStatementOnceAndExecutesItEveryTime() throws Exception {
        String url = System.getenv("LOCKDEMO_TEST_PG_URL");
        Run run = race(url, System.getenv().getOrDefault("LOCKDEMO_TEST_PG_USER", "postgres"), pool -> {
            Map<String, Long> executions = new LinkedHashMap<>();
            try (Connection c = pool.getConnection(); Statement s = c.createStatement();
                    ResultSet rs = s.executeQuery("SELECT statement, generic_plans + custom_plans"
                            + " FROM pg_prepared_statements ORDER BY prepare_time")) {
                while (rs.next()) {
                    String previous = rs.getString(1);
                    executions.merge(previous, rs.getLong(2), (a, b) -> -1L); // -1: prepared twice
                }
                c.rollback();
            }
            return executions;
        });
        Map<String, Long> expected = new LinkedHashMap<>();
        expected.put(pg(run.statements.get(0)), (long) ROUNDS);      // SELECT ... FOR UPDATE
        expected.put(pg(run.statements.get(1)), run.created);        // SAVEPOINT
        expected.put(pg(run.statements.get(2)), run.created);        // INSERT
        expected.put(pg(run.statements.get(3)), run.created);        // RELEASE SAVEPOINT
        expected.put(pg(run.statements.get(5)), (long) ROUNDS);      // UPDATE
        Map<String, Long> ours = new LinkedHashMap<>();
        for (Map.Entry<String, Long> e : run.serverSaw.entrySet()) {
            if (e.getKey().contains(run.table) || e.getKey().contains("lockdemo_create")) {
                ours.put(e.getKey(), e.getValue());
            }
        }
        assertEquals(expected, ours, "prepared statements of the session (statement -> executions); all: "
                + run.serverSaw);
    }

    @Test
    @RequiresDatabase(TestDatabase.MYSQL)
    void mariaDbPreparesEachStatementOnceAndExecutesItEveryTime() throws Exception {
        String url = System.getenv("LOCKDEMO_TEST_MYSQL_URL");
        Run run = race(url, System.getenv().getOrDefault("LOCKDEMO_TEST_MYSQL_USER", "root"),
                PreparedOnceIT::stmtStatus);
        // lock, update every attempt; savepoint, insert, release once per created key
        long executions = 2L * ROUNDS + 3 * run.created;
        assertEquals(Map.of("Com_stmt_prepare", 5L, "Com_stmt_execute", executions, "Com_stmt_close", 5L),
                run.serverSaw, "session status grew by this during " + ROUNDS + " attempts creating "
                        + run.created + " keys");
    }

    /** What the server reports for the pool's one session, read through {@code pool}. */
    private interface ServerView {
        Map<String, Long> read(HikariDataSource pool) throws SQLException;
    }

    private record Run(String table, List<String> statements, long created, Map<String, Long> serverSaw) {
    }

    /**
     * One worker, {@link #ROUNDS} attempts of the savepoint strategy over {@link #KEYS} keys, on a
     * pool of one connection; returns what {@code view} saw after minus what it saw before.
     */
    private static Run race(String url, String user, ServerView view) throws Exception {
        DatabaseTarget target = new DatabaseTarget(url, user, null, false);
        Dialect dialect = Dialects.forUrl(url).orElseThrow();
        byte[] id = new byte[4];
        new SecureRandom().nextBytes(id);
        RaceTable table = new RaceTable("lockdemo_" + HexFormat.of().formatHex(id) + "_prepared", dialect);
        try (Connection admin = DriverManager.getConnection(url, user, null)) {
            table.create(admin);
            try (HikariDataSource pool = ConnectionPools.create(target, dialect, 1, Isolation.DEFAULT,
                    Duration.ofSeconds(10), "prepared-once-it")) {
                GetOrCreate strategy = StrategyKind.SAVEPOINT.create(new RaceSchema(table.name(),
                        dialect.jooqDialect()), StrategyOptions.DEFAULTS);
                Map<String, Long> before = view.read(pool);
                StopSignal stop = new StopSignal();
                Worker worker = new Worker(0, new SpreadKeySchedule(1, KEYS, ROUNDS, 0, 42, stop), strategy, pool,
                        dialect, new WorkerSlot(), 0, 0, stop);
                WorkerStats stats = worker.call();
                Map<String, Long> after = view.read(pool);

                Measurement m = Measurement.merge(List.of(stats), 1, 0);
                assertEquals(ROUNDS, m.attempts());
                long created = m.outcomes().getOrDefault(Outcome.CREATED, 0L);
                assertEquals(ROUNDS, created + m.outcomes().getOrDefault(Outcome.FOUND, 0L),
                        "every attempt created or found its row: " + m.outcomes());
                assertEquals(1, m.acquireNanos().getTotalCount(), "connections borrowed by the worker");

                Map<String, Long> grew = new LinkedHashMap<>();
                for (Map.Entry<String, Long> e : after.entrySet()) {
                    long delta = e.getValue() - before.getOrDefault(e.getKey(), 0L);
                    if (delta != 0 || !before.containsKey(e.getKey())) {
                        grew.put(e.getKey(), before.containsKey(e.getKey()) ? delta : e.getValue());
                    }
                }
                return new Run(table.name(), strategy.statements(), created, grew);
            } finally {
                table.drop(admin);
            }
        }
    }

    private static Map<String, Long> stmtStatus(HikariDataSource pool) throws SQLException {
        Map<String, Long> m = new LinkedHashMap<>();
        try (Connection c = pool.getConnection(); Statement s = c.createStatement();
                ResultSet rs = s.executeQuery("SHOW SESSION STATUS WHERE Variable_name IN"
                        + " ('Com_stmt_prepare', 'Com_stmt_execute', 'Com_stmt_close')")) {
            while (rs.next()) {
                m.put(rs.getString(1), rs.getLong(2));
            }
            c.rollback();
        }
        return m;
    }

    /** The statement as pgjdbc sends it: JDBC's {@code ?} placeholders numbered {@code $1, $2, ...}. */
    private static String pg(String jdbcSql) {
        StringBuilder b = new StringBuilder();
        int n = 0;
        for (char ch : jdbcSql.toCharArray()) {
            if (ch == '?') {
                b.append('$').append(++n);
            } else {
                b.append(ch);
            }
        }
        return b.toString();
    }
}
