package org.lockdemo.record;

import java.lang.reflect.Method;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.ResultSetMetaData;
import java.sql.SQLException;
import java.sql.Savepoint;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import org.lockdemo.db.JdbcProxy;

/**
 * A JDBC connection that passes everything to the real one and writes down what the strategy sent
 * ({@link Transcript}): each statement as prepared, the values bound, the first row of its result,
 * its error; COMMIT, ROLLBACK and the savepoint calls. It changes nothing of what reaches the server.
 * No library for this is in lockdemo's stack (p6spy and datasource-proxy are not among the
 * artifacts served here), and what is needed is small: {@link java.lang.reflect.Proxy} over the
 * four JDBC interfaces. Not thread-safe: one recorded attempt uses it at a time.
 */
final class RecordingJdbc {
    private static final Set<String> EXECUTE = Set.of("execute", "executeQuery", "executeUpdate", "executeLargeUpdate");

    private RecordingJdbc() {
    }

    static Connection wrap(Connection real, Transcript t) {
        return JdbcProxy.of(Connection.class, real, (method, args) -> {
            String name = method.getName();
            switch (name) {
                case "prepareStatement" -> {
                    PreparedStatement ps = (PreparedStatement) JdbcProxy.invoke(real, method, args);
                    return statement(ps, (String) args[0], t);
                }
                case "createStatement" -> {
                    return statement((Statement) JdbcProxy.invoke(real, method, args), null, t);
                }
                case "commit" -> {
                    return control(t, Transcript.Kind.COMMIT, "", () -> JdbcProxy.invoke(real, method, args));
                }
                case "rollback" -> {
                    if (args != null && args.length == 1) {
                        return control(t, Transcript.Kind.ROLLBACK_TO, savepointName((Savepoint) args[0]),
                                () -> JdbcProxy.invoke(real, method, args));
                    }
                    return control(t, Transcript.Kind.ROLLBACK, "", () -> JdbcProxy.invoke(real, method, args));
                }
                case "setSavepoint" -> {
                    Savepoint sp = (Savepoint) JdbcProxy.invoke(real, method, args);
                    t.add(new Transcript.Entry(Transcript.Kind.SAVEPOINT, savepointName(sp), List.of(), Transcript.noRow(),
                            -1, null));
                    return sp;
                }
                case "releaseSavepoint" -> {
                    return control(t, Transcript.Kind.RELEASE, savepointName((Savepoint) args[0]),
                            () -> JdbcProxy.invoke(real, method, args));
                }
                default -> {
                    return JdbcProxy.invoke(real, method, args);
                }
            }
        });
    }

    private static String savepointName(Savepoint sp) {
        try {
            return sp.getSavepointName();
        } catch (SQLException e) {
            try {
                return "sp" + sp.getSavepointId();
            } catch (SQLException again) {
                return "sp";
            }
        }
    }

    private static Statement statement(Statement real, String preparedSql, Transcript t) {
        List<Object> params = new ArrayList<>();
        Class<? extends Statement> type = real instanceof PreparedStatement ? PreparedStatement.class : Statement.class;
        return JdbcProxy.of(type, real, (method, args) -> {
            String name = method.getName();
            if (name.startsWith("set") && args != null && args.length >= 2 && args[0] instanceof Integer i) {
                while (params.size() < i) {
                    params.add(null);
                }
                params.set(i - 1, args[1]);
            } else if (name.equals("clearParameters")) {
                params.clear();
            }
            if (!EXECUTE.contains(name)) {
                Object r = JdbcProxy.invoke(real, method, args);
                return name.equals("getResultSet") && r instanceof ResultSet rs ? firstRowOf(rs, t) : r;
            }
            String sql = preparedSql != null ? preparedSql : (String) args[0];
            Transcript.Entry sent = new Transcript.Entry(Transcript.Kind.STATEMENT, sql, List.copyOf(nulls(params)),
                    Transcript.noRow(), -1, null);
            t.add(sent);
            try {
                Object r = JdbcProxy.invoke(real, method, args);
                if (r instanceof ResultSet rs) {
                    return firstRowOf(rs, t);
                }
                if (r instanceof Integer n) {
                    t.replaceLast(new Transcript.Entry(sent.kind(), sql, sent.params(), sent.firstRow(), n, null));
                }
                return r;
            } catch (SQLException e) {
                t.replaceLast(new Transcript.Entry(sent.kind(), sql, sent.params(), sent.firstRow(), -1, code(e)));
                throw e;
            }
        });
    }

    private static List<Object> nulls(List<Object> params) {
        List<Object> copy = new ArrayList<>();
        for (Object p : params) {
            copy.add(p == null ? "NULL" : p);
        }
        return copy;
    }

    /** A result set that writes the first row it is moved to into the statement's entry. */
    private static ResultSet firstRowOf(ResultSet real, Transcript t) {
        Transcript.Entry owner = t.last();
        int[] rows = {0};
        return JdbcProxy.of(ResultSet.class, real, (method, args) -> {
            Object r = JdbcProxy.invoke(real, method, args);
            if (method.getName().equals("next")) {
                if (Boolean.TRUE.equals(r) && rows[0]++ == 0) {
                    Map<String, Object> row = Transcript.noRow();
                    ResultSetMetaData md = real.getMetaData();
                    for (int i = 1; i <= md.getColumnCount(); i++) {
                        row.put(md.getColumnLabel(i).toLowerCase(Locale.ROOT), real.getObject(i));
                    }
                    t.replaceLast(new Transcript.Entry(owner.kind(), owner.sql(), owner.params(), row, 1, owner.error()));
                } else if (Boolean.FALSE.equals(r) && rows[0] == 0) {
                    t.replaceLast(new Transcript.Entry(owner.kind(), owner.sql(), owner.params(), owner.firstRow(), 0,
                            owner.error()));
                }
            }
            return r;
        });
    }

    @FunctionalInterface
    private interface Call {
        Object run() throws Throwable;
    }

    private static Object control(Transcript t, Transcript.Kind kind, String name, Call call) throws Throwable {
        try {
            Object r = call.run();
            t.add(new Transcript.Entry(kind, name, List.of(), Transcript.noRow(), -1, null));
            return r;
        } catch (SQLException e) {
            t.add(new Transcript.Entry(kind, name, List.of(), Transcript.noRow(), -1, code(e)));
            throw e;
        }
    }

    private static String code(SQLException e) {
        return e.getErrorCode() != 0 ? Integer.toString(e.getErrorCode()) : String.valueOf(e.getSQLState());
    }
}
