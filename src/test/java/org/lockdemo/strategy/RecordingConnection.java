package org.lockdemo.strategy;

import java.lang.reflect.InvocationHandler;
import java.lang.reflect.Proxy;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * A JDBC connection that runs nothing: it records the SQL a strategy sends, in order, the way the
 * server sees it under auto-commit off (an explicit {@code BEGIN} before the first statement of
 * each transaction, {@code COMMIT}/{@code ROLLBACK} where the client ends one), and answers as a
 * table holding at most one row would: a SELECT finds the row once it exists (id
 * {@value #ROW_ID}, {@code some_value} 0), an INSERT creates it and returns its id (by
 * {@code RETURNING} or as a generated key), an UPDATE changes one row.
 *
 * <p>For the conflict path it can fail the first INSERT once with a given duplicate-key error, as
 * if another session had just committed the same key; the failure is recorded as a line
 * {@code ! CODE} after the statement (the SQLSTATE, or the vendor code when it is not 0, as the
 * transcripts of {@code scripts/transcripts.sh} write it). Whether the row is visible afterwards is
 * the test's choice (REPEATABLE READ on InnoDB: a plain re-read still sees nothing). It fakes no
 * locking and no concurrency; it only lets a test read which statements a strategy's path sends.
 * Not thread-safe: one test thread.
 */
final class RecordingConnection {
    static final long ROW_ID = 7;

    private final List<String> sent = new ArrayList<>();
    private boolean rowExists;
    private boolean inTransaction;
    private SQLException duplicateOnInsert;
    private boolean visibleAfterDuplicate;

    /** @param rowExists whether the key's row exists at the start (the found path) or not (the create path) */
    RecordingConnection(boolean rowExists) {
        this.rowExists = rowExists;
    }

    /**
     * The conflict path: the row is absent at first; the first INSERT fails with {@code duplicate},
     * after which the row is visible only if {@code visibleAfter}.
     */
    static RecordingConnection conflict(SQLException duplicate, boolean visibleAfter) {
        RecordingConnection c = new RecordingConnection(false);
        c.duplicateOnInsert = duplicate;
        c.visibleAfterDuplicate = visibleAfter;
        return c;
    }

    /** The statements sent so far, whitespace as sent. */
    List<String> sent() {
        return List.copyOf(sent);
    }

    Connection connection() {
        return proxy(Connection.class, (p, m, args) -> switch (m.getName()) {
            case "prepareStatement" -> statement(PreparedStatement.class, (String) args[0]);
            case "createStatement" -> statement(Statement.class, null);
            case "commit" -> end("COMMIT");
            case "rollback" -> end("ROLLBACK");
            case "getAutoCommit" -> false;
            case "close" -> null;
            default -> throw new UnsupportedOperationException("Connection." + m.getName());
        });
    }

    private Object end(String command) {
        if (inTransaction) {
            sent.add(command);
            inTransaction = false;
        }
        return null;
    }

    private <T extends Statement> T statement(Class<T> type, String preparedSql) {
        boolean[] returned = {false};
        return proxy(type, (p, m, args) -> {
            String name = m.getName();
            if (name.startsWith("set") || name.equals("close")) {
                return null;
            }
            String sql = preparedSql != null ? preparedSql : args == null ? null : (String) args[0];
            boolean insert = sql != null && sql.toLowerCase(Locale.ROOT).startsWith("insert");
            switch (name) {
                case "executeQuery":
                    send(sql);
                    return resultSet(rowExists);
                case "executeUpdate":
                    send(sql);
                    if (insert) {
                        insert();
                    }
                    return 1;
                case "execute":
                    send(sql);
                    if (insert) {
                        insert();
                        returned[0] = true;
                        return true; // INSERT ... RETURNING id
                    }
                    return false;
                case "getResultSet":
                    return returned[0] ? resultSet(true) : null;
                case "getGeneratedKeys":
                    return resultSet(true);
                default:
                    throw new UnsupportedOperationException("Statement." + name);
            }
        });
    }

    private void insert() throws SQLException {
        if (duplicateOnInsert != null) {
            SQLException e = duplicateOnInsert;
            duplicateOnInsert = null;
            sent.add("! " + (e.getErrorCode() != 0 ? String.valueOf(e.getErrorCode()) : e.getSQLState()));
            rowExists = visibleAfterDuplicate;
            throw e;
        }
        rowExists = true;
    }

    private void send(String sql) {
        if (!inTransaction) {
            sent.add("BEGIN");
            inTransaction = true;
        }
        sent.add(sql);
    }

    /** A result of at most one row: (id, jahr, monat, some_value) = (ROW_ID, 1, 1, 0). */
    private static ResultSet resultSet(boolean hasRow) {
        boolean[] before = {true};
        return proxy(ResultSet.class, (p, m, args) -> switch (m.getName()) {
            case "next" -> {
                boolean row = hasRow && before[0];
                before[0] = false;
                yield row;
            }
            case "getLong" -> (Integer) args[0] == 1 ? ROW_ID : 0L;
            case "getInt" -> 0;
            case "getBoolean" -> false;
            case "wasNull" -> false;
            case "close" -> null;
            default -> throw new UnsupportedOperationException("ResultSet." + m.getName());
        });
    }

    private static <T> T proxy(Class<T> type, InvocationHandler handler) {
        return type.cast(Proxy.newProxyInstance(RecordingConnection.class.getClassLoader(), new Class<?>[] {type},
                handler));
    }
}
