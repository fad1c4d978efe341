package org.lockdemo.strategy;

import java.lang.reflect.InvocationHandler;
import java.lang.reflect.Proxy;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * A JDBC connection that runs nothing: it records the SQL a strategy sends, in order, the way the
 * server sees it under auto-commit off (an explicit {@code BEGIN} before the first statement of
 * each transaction, {@code COMMIT}/{@code ROLLBACK} where the client ends one), and answers as a
 * table holding at most one row would: a SELECT finds the row once it exists, an INSERT creates it,
 * an UPDATE changes one row. It fakes no locking and no concurrency; it only lets a test read which
 * statements a strategy's path sends. Not thread-safe: one test thread.
 */
final class RecordingConnection {
    private final List<String> sent = new ArrayList<>();
    private boolean rowExists;
    private boolean inTransaction;

    /** @param rowExists whether the key's row exists at the start (the found path) or not (the create path) */
    RecordingConnection(boolean rowExists) {
        this.rowExists = rowExists;
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
        return proxy(type, (p, m, args) -> {
            String name = m.getName();
            if (name.startsWith("set") || name.equals("close")) {
                return null;
            }
            String sql = preparedSql != null ? preparedSql : (String) args[0];
            switch (name) {
                case "executeQuery":
                    send(sql);
                    return resultSet(rowExists);
                case "executeUpdate":
                    send(sql);
                    if (sql.toLowerCase(Locale.ROOT).startsWith("insert")) {
                        rowExists = true;
                    }
                    return 1;
                case "execute":
                    send(sql);
                    return false;
                default:
                    throw new UnsupportedOperationException("Statement." + name);
            }
        });
    }

    private void send(String sql) {
        if (!inTransaction) {
            sent.add("BEGIN");
            inTransaction = true;
        }
        sent.add(sql);
    }

    private static ResultSet resultSet(boolean hasRow) {
        boolean[] before = {true};
        return proxy(ResultSet.class, (p, m, args) -> switch (m.getName()) {
            case "next" -> {
                boolean row = hasRow && before[0];
                before[0] = false;
                yield row;
            }
            case "getLong" -> 0L;
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
