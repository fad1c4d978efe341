package org.lockdemo.explain;

import java.lang.reflect.InvocationHandler;
import java.lang.reflect.Method;
import java.lang.reflect.Proxy;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.ResultSetMetaData;
import java.sql.SQLException;
import java.sql.SQLFeatureNotSupportedException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import org.lockdemo.db.JdbcProxy;

/**
 * A JDBC connection that holds every statement a strategy sends until the schedule lets it go
 * ({@code explain --strategy-file}): before each execute, COMMIT and ROLLBACK it asks its
 * {@link Gate}, which waits for the schedule's turn; then it runs the call on the real connection
 * and reports the result as the timeline shows it ({@link StepResult}). A query's rows are read
 * at once into memory and handed to the strategy from there, so the result is known, and the
 * step finished, when the statement returns. Nothing it sends differs from what the strategy
 * sends; JDBC savepoint objects, which strategy files do not use, are refused rather than sent
 * unseen. No library for this is in lockdemo's stack, and what is needed is small:
 * {@link java.lang.reflect.Proxy} over the three JDBC interfaces, as {@code record/RecordingJdbc}.
 *
 * <p>Used from the one thread that runs the strategy's attempt.
 */
final class GatedConnection {
    private static final Set<String> EXECUTE = Set.of("execute", "executeQuery", "executeUpdate", "executeLargeUpdate");

    /** What a held statement is. */
    enum Kind {
        SQL, COMMIT, ROLLBACK
    }

    /** The session's side of the gate. */
    interface Gate {
        /**
         * Waits until the schedule sends this statement.
         *
         * @param sql    the statement as sent (the word itself for COMMIT and ROLLBACK)
         * @param values the values bound to its {@code ?}s, in order
         * @param sent   the real statement, for a cancel while it runs; null for COMMIT and ROLLBACK
         * @return what to report the statement's end to
         * @throws SQLException when the schedule stopped before it, so the strategy unwinds
         */
        Held hold(Kind kind, String sql, List<Object> values, Statement sent) throws SQLException;
    }

    /** A statement the schedule has sent; told once how it ended. */
    interface Held {
        void finished(StepResult result);

        /** How an error is shown: classified, with the display name of the table. */
        StepResult failure(SQLException e);
    }

    private GatedConnection() {
    }

    static Connection wrap(Connection real, Gate gate) {
        return JdbcProxy.of(Connection.class, real, (method, args) -> {
            String name = method.getName();
            switch (name) {
                case "prepareStatement" -> {
                    return statement((PreparedStatement) JdbcProxy.invoke(real, method, args), (String) args[0], gate);
                }
                case "createStatement" -> {
                    return statement((Statement) JdbcProxy.invoke(real, method, args), null, gate);
                }
                case "commit", "rollback" -> {
                    if (args != null && args.length > 0) {
                        throw new SQLFeatureNotSupportedException("explain --strategy-file sends ROLLBACK TO SAVEPOINT "
                                + "as a statement; a JDBC Savepoint would not be seen");
                    }
                    boolean commit = name.equals("commit");
                    Held h = gate.hold(commit ? Kind.COMMIT : Kind.ROLLBACK, commit ? "COMMIT" : "ROLLBACK", List.of(),
                            null);
                    try {
                        JdbcProxy.invoke(real, method, args);
                    } catch (SQLException e) {
                        h.finished(h.failure(e));
                        throw e;
                    }
                    h.finished(StepResult.ok(commit ? "committed" : "rolled back"));
                    return null;
                }
                case "setSavepoint", "releaseSavepoint" -> throw new SQLFeatureNotSupportedException("explain "
                        + "--strategy-file sends SAVEPOINT and RELEASE SAVEPOINT as statements; a JDBC " + name
                        + " would not be seen");
                default -> {
                    return JdbcProxy.invoke(real, method, args);
                }
            }
        });
    }

    /** A statement whose executes wait at the gate; the values bound are noted for the timeline. */
    private static Statement statement(Statement real, String preparedSql, Gate gate) {
        List<Object> values = new ArrayList<>();
        Object[] last = {null, -1}; // the cached result set of the last execute() and its update count
        Class<? extends Statement> type = real instanceof PreparedStatement ? PreparedStatement.class : Statement.class;
        return JdbcProxy.of(type, real, (method, args) -> {
            String name = method.getName();
            if (name.startsWith("set") && args != null && args.length >= 2 && args[0] instanceof Integer i) {
                while (values.size() < i) {
                    values.add(null);
                }
                values.set(i - 1, name.equals("setNull") ? null : args[1]);
            } else if (name.equals("clearParameters")) {
                values.clear();
            }
            if (name.equals("getResultSet")) {
                return last[0];
            }
            if (name.equals("getUpdateCount")) {
                return last[1];
            }
            if (!EXECUTE.contains(name)) {
                return JdbcProxy.invoke(real, method, args);
            }
            String sql = preparedSql != null ? preparedSql : (String) args[0];
            SqlKind kind = SqlKind.of(sql);
            Held h = gate.hold(Kind.SQL, sql, List.copyOf(values), real);
            try {
                Object r = JdbcProxy.invoke(real, method, args);
                if (r instanceof ResultSet rs) {
                    Cached c = Cached.of(rs);
                    h.finished(StepResult.ok(c.text()));
                    return c.resultSet();
                }
                if (r instanceof Boolean isQuery) {
                    if (isQuery) {
                        Cached c = Cached.of(real.getResultSet());
                        last[0] = c.resultSet();
                        last[1] = -1;
                        h.finished(StepResult.ok(c.text()));
                    } else {
                        last[0] = null;
                        last[1] = real.getUpdateCount();
                        h.finished(StepResult.ok(Session.updateCount(kind.step(), (Integer) last[1])));
                    }
                    return r;
                }
                h.finished(StepResult.ok(Session.updateCount(kind.step(), ((Number) r).intValue())));
                return r;
            } catch (SQLException e) {
                h.finished(h.failure(e));
                throw e;
            }
        });
    }

    /** The statement kind for an update count's text ({@code created (1 row)}, {@code 1 row updated}). */
    private record SqlKind(org.lockdemo.model.SqlStep step) {
        static SqlKind of(String sql) {
            return new SqlKind(new Step(0, "", Step.Action.SQL, sql, List.of()).sqlStep());
        }
    }

    /** A query's rows, read at once; its text as the timeline shows it, and a result set over the copy. */
    private record Cached(List<String> labels, List<Object[]> values, List<List<String>> texts) {
        static Cached of(ResultSet rs) throws SQLException {
            List<String> labels = new ArrayList<>();
            List<Object[]> values = new ArrayList<>();
            List<List<String>> texts = new ArrayList<>();
            try (rs) {
                ResultSetMetaData md = rs.getMetaData();
                for (int c = 1; c <= md.getColumnCount(); c++) {
                    labels.add(md.getColumnLabel(c));
                }
                while (rs.next()) {
                    Object[] row = new Object[labels.size()];
                    List<String> text = new ArrayList<>();
                    for (int c = 1; c <= labels.size(); c++) {
                        row[c - 1] = rs.getObject(c);
                        text.add(rs.getString(c));
                    }
                    values.add(row);
                    texts.add(text);
                }
            }
            return new Cached(labels, values, texts);
        }

        String text() {
            return Session.rows(labels, texts);
        }

        /** next, getObject, getLong, getInt, getShort, getString (by index or label), wasNull, close. */
        ResultSet resultSet() {
            int[] at = {-1};
            boolean[] wasNull = {false};
            boolean[] closed = {false};
            InvocationHandler h = (p, method, args) -> {
                String name = method.getName();
                switch (name) {
                    case "next" -> {
                        at[0]++;
                        return at[0] < values.size();
                    }
                    case "close" -> {
                        closed[0] = true;
                        return null;
                    }
                    case "isClosed" -> {
                        return closed[0];
                    }
                    case "wasNull" -> {
                        return wasNull[0];
                    }
                    case "findColumn" -> {
                        return column(args[0]) + 1;
                    }
                    case "getObject", "getLong", "getInt", "getShort", "getString" -> {
                        if (args.length != 1) {
                            break;
                        }
                        if (at[0] < 0 || at[0] >= values.size()) {
                            throw new SQLException("no current row (explain's copy of the result)");
                        }
                        Object v = values.get(at[0])[column(args[0])];
                        wasNull[0] = v == null;
                        return switch (name) {
                            case "getObject" -> v;
                            case "getString" -> texts.get(at[0]).get(column(args[0]));
                            case "getLong" -> v == null ? 0L : ((Number) v).longValue();
                            case "getInt" -> v == null ? 0 : ((Number) v).intValue();
                            default -> v == null ? (short) 0 : ((Number) v).shortValue();
                        };
                    }
                    case "unwrap", "isWrapperFor" -> {
                        throw new SQLFeatureNotSupportedException("explain's copy of a result wraps nothing");
                    }
                    default -> {
                    }
                }
                if (method.getDeclaringClass() == Object.class) {
                    return switch (name) {
                        case "hashCode" -> System.identityHashCode(p);
                        case "equals" -> p == args[0];
                        default -> "explain's copy of a result: " + labels;
                    };
                }
                throw new SQLFeatureNotSupportedException("explain's copy of a result set has no " + name + "; it answers "
                        + "next, getObject, getLong, getInt, getShort and getString");
            };
            return (ResultSet) Proxy.newProxyInstance(GatedConnection.class.getClassLoader(), new Class<?>[] {ResultSet.class}, h);
        }

        private int column(Object indexOrLabel) throws SQLException {
            if (indexOrLabel instanceof Integer i) {
                if (i < 1 || i > labels.size()) {
                    throw new SQLException("column " + i + " is not in the result (" + labels.size() + " columns)");
                }
                return i - 1;
            }
            String label = ((String) indexOrLabel).toLowerCase(Locale.ROOT);
            for (int c = 0; c < labels.size(); c++) {
                if (labels.get(c).toLowerCase(Locale.ROOT).equals(label)) {
                    return c;
                }
            }
            throw new SQLException("the result has no column " + indexOrLabel + "; it has " + labels);
        }
    }
}
