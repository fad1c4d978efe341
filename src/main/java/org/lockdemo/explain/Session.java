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
import org.lockdemo.db.SqliteSession;
import org.lockdemo.model.RowKey;
import org.lockdemo.model.SqlStep;

/**
 * One named session of a scenario: its own connection (auto-commit off) and its own thread, so a
 * statement that waits for a lock blocks only this session. Steps are submitted from the
 * interpreter's thread and run one at a time on the session's thread; {@link #cancel()} may be
 * called from any thread to stop a statement that waits. The row the session last read or
 * inserted ({@link LastRow}) is written on the session's thread and read by {@link #bind} on the
 * interpreter's, which binds a step only when the session has no step in flight.
 */
final class Session implements ScheduledSession {
    private final String name;
    private final int node;
    private final Connection connection;
    private final long serverId;
    private final ExecutorService thread;
    private final SqlErrorClassifier classifier;
    private final String table;
    private final String displayTable;
    private final RowKey key;
    private final boolean insertReturning;
    private final boolean insertIdWithoutReturning;
    /** The statement the session's thread is executing, for {@link #cancel()}; null between statements. */
    private volatile Statement running;
    /** What the parameters "id" and "some_value + 1" bind; replaced on the session's thread after a step. */
    private volatile LastRow lastRow;
    /** Told of every step as it returns, on the session's thread (SQLite's write lock); else nothing. */
    private final StepListener listener;

    /**
     * Told of each step's result on the session's own thread, before the interpreter sees the step
     * end: what a lock view that cannot ask the database ({@link SqliteLockView}) learns from.
     */
    interface StepListener {
        StepListener NONE = (session, step, result) -> { };

        void ran(String session, Step step, StepResult result);
    }

    /**
     * @param insertReturning          whether the server has {@code INSERT ... RETURNING} (what
     *                                 {@link Step#RETURNING_ID} becomes)
     * @param insertIdWithoutReturning whether an INSERT's answer carries the new id (MySQL's family)
     */
    Session(String name, int node, Connection connection, long serverId, SqlErrorClassifier classifier, String table,
            String displayTable, RowKey key, boolean insertReturning, boolean insertIdWithoutReturning) {
        this(name, node, connection, serverId, classifier, table, displayTable, key, insertReturning,
                insertIdWithoutReturning, StepListener.NONE);
    }

    /** @param listener told of every step's result on the session's thread as it returns */
    Session(String name, int node, Connection connection, long serverId, SqlErrorClassifier classifier, String table,
            String displayTable, RowKey key, boolean insertReturning, boolean insertIdWithoutReturning,
            StepListener listener) {
        this.listener = listener;
        this.name = name;
        this.node = node;
        this.connection = connection;
        this.serverId = serverId;
        this.classifier = classifier;
        this.table = table;
        this.displayTable = displayTable;
        this.key = key;
        this.insertReturning = insertReturning;
        this.insertIdWithoutReturning = insertIdWithoutReturning;
        this.lastRow = LastRow.none(name);
        this.thread = Executors.newSingleThreadExecutor(r -> {
            Thread t = new Thread(r, "lockdemo-explain-" + name);
            t.setDaemon(true); // a statement the server never answers must not keep the JVM alive
            return t;
        });
    }

    @Override
    public String name() {
        return name;
    }

    /** The node it runs on, 1-based (1 unless the scenario is a cluster's). */
    int node() {
        return node;
    }

    Connection connection() {
        return connection;
    }

    SqlErrorClassifier classifier() {
        return classifier;
    }

    /** Whether the server has {@code INSERT ... RETURNING}. */
    boolean insertReturning() {
        return insertReturning;
    }

    /** The id the server's lock view reports for this session. */
    long serverId() {
        return serverId;
    }

    /**
     * The step's SQL as this session sends it, with lockdemo's table's real name; a {@code begin}
     * step is the BEGIN of the SQLite session's mode, e.g. {@code BEGIN IMMEDIATE}.
     */
    String sent(Step step) {
        if (step.action() == Step.Action.BEGIN) {
            try {
                return connection.unwrap(SqliteSession.Control.class).beginSql();
            } catch (SQLException e) {
                // the reader allows begin only in a SQLite scenario, and explain runs one only on SQLite
                throw new IllegalStateException("step " + step.number() + " (" + name + " begin) on a connection "
                        + "that is not a SQLite session", e);
            }
        }
        return step.sqlFor(table, insertReturning);
    }

    /**
     * The value of each of the step's parameters, in order: {@code Integer} jahr, {@code Short}
     * monat, {@code Long} numbers and last-row values, {@code String} texts. Interpreter's thread, while
     * the session has no step in flight.
     *
     * @throws ScenarioException when a parameter binds the last row and there is none to bind
     */
    @Override
    public List<Object> bind(Step step) throws ScenarioException {
        List<Object> values = new ArrayList<>();
        LastRow row = lastRow;
        for (Step.Param p : step.params()) {
            values.add(switch (p.kind()) {
                case JAHR -> Integer.valueOf(key.jahr());
                case MONAT -> Short.valueOf((short) key.monat());
                case NUMBER -> Long.valueOf(p.literal());
                case TEXT -> p.text().replace("{table}", table); // per run: GET_LOCK names are server-wide
                case ROW_ID, ROW_VALUE_PLUS_ONE -> Long.valueOf(row.value(p.kind()));
            });
        }
        return values;
    }

    @Override
    public String shown(Step step, List<Object> values) {
        return display(step, sent(step), table, displayTable, values);
    }

    /**
     * The SQL as sent, with {@code displayTable} for lockdemo's {@code table}; parameters other than
     * the scenario's key are shown after it, those bound from the session's last row with the value
     * they bound: {@code -- ? = some_value + 1 = 2, id = 1}.
     */
    static String display(Step step, String sent, String table, String displayTable, List<Object> values) {
        String sql = sent.replace(table, displayTable);
        boolean keyOnly = step.params().isEmpty()
                || step.params().equals(List.of(Step.Param.jahr(), Step.Param.monat()));
        if (keyOnly) {
            return sql;
        }
        List<String> shown = new ArrayList<>();
        for (int i = 0; i < step.params().size(); i++) {
            Step.Param p = step.params().get(i);
            shown.add(p.fromLastRow() ? p + " = " + values.get(i) : p.toString());
        }
        return sql + "  -- ? = " + String.join(", ", shown);
    }

    /** Sends {@code step} with the values {@link #bind} gave. */
    @Override
    public Future<StepResult> submit(Step step, List<Object> values) {
        return thread.submit(() -> execute(step, values));
    }

    /** Asks the server to stop the statement in flight, if any. Any thread. */
    void cancel() {
        cancel(running);
    }

    /**
     * Asks the server to stop {@code s}, if not null; best effort: the session's rollback and the
     * closing of its connection end the statement too.
     */
    static void cancel(Statement s) {
        if (s != null) {
            try {
                s.cancel();
            } catch (SQLException e) {
                // best effort, as said
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

    private StepResult execute(Step step, List<Object> values) {
        StepResult result = run(step, values);
        listener.ran(name, step, result);
        return result;
    }

    private StepResult run(Step step, List<Object> values) {
        try {
            switch (step.action()) {
                case BEGIN:
                    connection.unwrap(SqliteSession.Control.class).begin();
                    return StepResult.ok("ok");
                case COMMIT:
                    connection.commit();
                    return StepResult.ok("committed");
                case ROLLBACK:
                    connection.rollback();
                    return StepResult.ok("rolled back");
                default:
                    return executeSql(step, values);
            }
        } catch (SQLException e) {
            return failure(e, step.sqlStep());
        } finally {
            running = null;
        }
    }

    private StepResult executeSql(Step step, List<Object> values) throws SQLException {
        boolean insert = step.sqlStep() == SqlStep.INSERT;
        // on MySQL the new id comes with the INSERT's answer; asking for it changes nothing that is sent
        boolean keys = insert && insertIdWithoutReturning;
        try (PreparedStatement ps = keys ? connection.prepareStatement(sent(step), Statement.RETURN_GENERATED_KEYS)
                : connection.prepareStatement(sent(step))) {
            for (int i = 0; i < values.size(); i++) {
                Object v = values.get(i);
                if (v instanceof Integer n) {
                    ps.setInt(i + 1, n);
                } else if (v instanceof Short n) {
                    ps.setShort(i + 1, n);
                } else if (v instanceof Long n) {
                    ps.setLong(i + 1, n);
                } else {
                    ps.setString(i + 1, (String) v);
                }
            }
            running = ps;
            if (ps.execute()) {
                List<String> labels = new ArrayList<>();
                List<List<String>> rows = new ArrayList<>();
                try (ResultSet rs = ps.getResultSet()) {
                    ResultSetMetaData md = rs.getMetaData();
                    for (int c = 1; c <= md.getColumnCount(); c++) {
                        labels.add(md.getColumnLabel(c));
                    }
                    while (rs.next()) {
                        List<String> row = new ArrayList<>();
                        for (int c = 1; c <= labels.size(); c++) {
                            row.add(rs.getString(c));
                        }
                        rows.add(row);
                    }
                }
                LastRow.fromResult(name, step.number(), insert, labels, rows).ifPresent(r -> lastRow = r);
                // a column label can echo a parameter holding the per-run table name (GET_LOCK's)
                return StepResult.ok(rows(labels, rows).replace(table, displayTable));
            }
            int count = ps.getUpdateCount();
            if (insert) {
                lastRow = LastRow.inserted(name, step.number(), count, keys ? generatedId(ps) : null);
            }
            return StepResult.ok(updateCount(step.sqlStep(), count));
        }
    }

    private static Long generatedId(PreparedStatement ps) throws SQLException {
        try (ResultSet rs = ps.getGeneratedKeys()) {
            return rs != null && rs.next() ? rs.getLong(1) : null;
        }
    }

    /** {@code 0 rows}, or {@code 1 row: id = 1, jahr = 2016, monat = 5, some_value = 0}. */
    static String rows(List<String> labels, List<List<String>> rows) {
        if (rows.isEmpty()) {
            return "0 rows";
        }
        List<String> shown = new ArrayList<>();
        for (List<String> row : rows) {
            List<String> cells = new ArrayList<>();
            for (int c = 0; c < labels.size(); c++) {
                cells.add(labels.get(c) + " = " + row.get(c));
            }
            shown.add(String.join(", ", cells));
        }
        return rows.size() + (rows.size() == 1 ? " row: " : " rows: ") + String.join("; ", shown);
    }

    static String updateCount(SqlStep kind, int count) {
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
        return failure(e, kind, classifier, table, displayTable);
    }

    /**
     * A failed statement as the timeline shows it: lockdemo's condition, the vendor code and
     * SQLState, the classification, the server's first line with {@code displayTable} for {@code table}.
     */
    static StepResult failure(SQLException e, SqlStep kind, SqlErrorClassifier classifier, String table,
            String displayTable) {
        String state = SqlErrorClassifier.sqlState(e);
        int code = classifier.shownCode(e);
        String condition = classifier.conditionName(e);
        String outcome = classifier.classify(e, kind).id();
        List<String> codes = new ArrayList<>();
        if (code != 0) {
            codes.add(classifier.shownCodeName() + " " + code);
        }
        if (state != null || code == 0) { // SQLite has no SQLState
            codes.add("SQLState " + state);
        }
        StringBuilder text = new StringBuilder("ERROR ").append(condition).append(" (")
                .append(String.join(", ", codes)).append(')');
        if (!outcome.equals(condition)) {
            text.append(" = ").append(outcome);
        }
        text.append(": ").append(firstLine(e.getMessage()).replace(table, displayTable));
        return new StepResult(text.toString(), true, state, code, condition, outcome, classifier.serverDetail(e));
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
