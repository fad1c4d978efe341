package org.lockdemo.explain;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.ResultSetMetaData;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import org.lockdemo.db.SqlErrorClassifier;
import org.lockdemo.model.RowKey;
import org.lockdemo.model.SqlStep;

/**
 * One named session of a scenario: its own connection (auto-commit off) and its own thread, so a
 * statement that waits for a lock blocks only this session. Steps are submitted from the runner's
 * thread and run one at a time on the session's thread; {@link #cancel()} may be called from any
 * thread to stop a statement that waits.
 */
final class Session {
    private final String name;
    private final int node;
    private final Connection connection;
    private final long serverId;
    private final ExecutorService thread;
    private final SqlErrorClassifier classifier;
    private final String table;
    private final String displayTable;
    private final RowKey key;
    /** The statement the session's thread is executing, for {@link #cancel()}; null between statements. */
    private volatile Statement running;

    Session(String name, int node, Connection connection, long serverId, SqlErrorClassifier classifier, String table,
            String displayTable, RowKey key) {
        this.name = name;
        this.node = node;
        this.connection = connection;
        this.serverId = serverId;
        this.classifier = classifier;
        this.table = table;
        this.displayTable = displayTable;
        this.key = key;
        this.thread = Executors.newSingleThreadExecutor(r -> {
            Thread t = new Thread(r, "lockdemo-explain-" + name);
            t.setDaemon(true); // a statement the server never answers must not keep the JVM alive
            return t;
        });
    }

    String name() {
        return name;
    }

    /** The node it runs on, 1-based (1 unless the scenario is a cluster's). */
    int node() {
        return node;
    }

    Connection connection() {
        return connection;
    }

    /** The id the server's lock view reports for this session. */
    long serverId() {
        return serverId;
    }

    Future<StepResult> submit(Step step) {
        return thread.submit(() -> execute(step));
    }

    /** Asks the server to stop the statement in flight, if any. Any thread. */
    void cancel() {
        Statement s = running;
        if (s != null) {
            try {
                s.cancel();
            } catch (SQLException e) {
                // best effort: closing the connection below ends the statement too
            }
        }
    }

    /** Rolls back whatever is open and closes the connection, on the session's thread; bounded. */
    void close(long waitMillis) throws InterruptedException {
        Future<?> done = thread.submit(() -> {
            try (connection) {
                connection.rollback();
            } catch (SQLException e) {
                // the connection is being discarded; a failed rollback ends the transaction anyway
            }
        });
        thread.shutdown();
        try {
            done.get(waitMillis, TimeUnit.MILLISECONDS);
        } catch (java.util.concurrent.ExecutionException | java.util.concurrent.TimeoutException e) {
            thread.shutdownNow();
        }
    }

    private StepResult execute(Step step) {
        try {
            switch (step.action()) {
                case COMMIT:
                    connection.commit();
                    return StepResult.ok("committed");
                case ROLLBACK:
                    connection.rollback();
                    return StepResult.ok("rolled back");
                default:
                    return executeSql(step);
            }
        } catch (SQLException e) {
            return failure(e, step.sqlStep());
        } finally {
            running = null;
        }
    }

    private StepResult executeSql(Step step) throws SQLException {
        try (PreparedStatement ps = connection.prepareStatement(step.sqlFor(table))) {
            for (int i = 0; i < step.params().size(); i++) {
                Step.Param p = step.params().get(i);
                if (p.text() != null) {
                    ps.setString(i + 1, p.text().replace("{table}", table)); // per run: GET_LOCK names are server-wide
                } else if (p.keyPart() == null) {
                    ps.setLong(i + 1, p.literal());
                } else if (p.keyPart().equals("jahr")) {
                    ps.setInt(i + 1, key.jahr());
                } else {
                    ps.setShort(i + 1, (short) key.monat());
                }
            }
            running = ps;
            if (ps.execute()) {
                try (ResultSet rs = ps.getResultSet()) {
                    // a column label can echo a parameter holding the per-run table name (GET_LOCK's)
                    return StepResult.ok(rows(rs).replace(table, displayTable));
                }
            }
            return StepResult.ok(updateCount(step.sqlStep(), ps.getUpdateCount()));
        }
    }

    /** {@code 0 rows}, or {@code 1 row: some_value = 0}. */
    private static String rows(ResultSet rs) throws SQLException {
        ResultSetMetaData md = rs.getMetaData();
        List<String> rows = new ArrayList<>();
        while (rs.next()) {
            List<String> cells = new ArrayList<>();
            for (int c = 1; c <= md.getColumnCount(); c++) {
                cells.add(md.getColumnLabel(c) + " = " + rs.getString(c));
            }
            rows.add(String.join(", ", cells));
        }
        if (rows.isEmpty()) {
            return "0 rows";
        }
        return rows.size() + (rows.size() == 1 ? " row: " : " rows: ") + String.join("; ", rows);
    }

    private static String updateCount(SqlStep kind, int count) {
        switch (kind) {
            case INSERT:
                // an upsert answers 0 for an existing key (ON CONFLICT DO NOTHING; on MySQL
                // ON DUPLICATE KEY UPDATE with useAffectedRows, see MySqlDialect)
                return count == 1 ? "created (1 row)" : count == 0 ? "0 rows: the key exists, nothing inserted"
                        : count + " rows";
            case UPDATE:
                return count + (count == 1 ? " row updated" : " rows updated");
            default:
                return "ok";
        }
    }

    private StepResult failure(SQLException e, SqlStep kind) {
        String state = SqlErrorClassifier.sqlState(e);
        int code = SqlErrorClassifier.vendorCode(e);
        String condition = classifier.conditionName(e);
        String outcome = classifier.classify(e, kind).id();
        StringBuilder text = new StringBuilder("ERROR ").append(condition).append(" (");
        if (code != 0) {
            text.append("vendor code ").append(code).append(", ");
        }
        text.append("SQLState ").append(state).append(')');
        if (!outcome.equals(condition)) {
            text.append(" = ").append(outcome);
        }
        text.append(": ").append(firstLine(e.getMessage()).replace(table, displayTable));
        return new StepResult(text.toString(), true, state, code, condition, outcome);
    }

    private static String firstLine(String s) {
        if (s == null) {
            return "";
        }
        int nl = s.indexOf('\n');
        String line = (nl < 0 ? s : s.substring(0, nl)).strip();
        // pgjdbc prefixes the server's severity; the line already starts with ERROR
        return line.startsWith("ERROR: ") ? line.substring("ERROR: ".length()) : line;
    }
}
