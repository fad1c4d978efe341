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
 * table holding at most one row would: a SELECT from the table finds the row once it exists (id
 * {@value #ROW_ID}, {@code some_value} 0); a SELECT of a function (a lock call such as
 * {@code GET_LOCK}) answers 1; a plain INSERT creates the row and returns its id (by
 * {@code RETURNING} or as a generated key), or fails with the duplicate-key error when the row
 * exists; an upsert ({@code ON CONFLICT} / {@code ON DUPLICATE KEY}) of an existing row changes
 * nothing (0 rows, or {@code inserted = false} / a non-NULL {@code old.id} from its {@code RETURNING}),
 * as does {@code INSERT IGNORE}; a conditional insert ({@code MERGE ... WHEN NOT MATCHED}, {@code INSERT
 * ... WHERE NOT EXISTS}) of an existing row inserts nothing (0 rows); an UPDATE changes one row.
 *
 * <p>For the conflict path another session commits the key's row just before the first INSERT:
 * a plain INSERT, or a conditional insert (its read did not see the row), then fails once with the
 * given error (the duplicate-key error, or what a
 * SERIALIZABLE server reports instead); the failure is recorded as a line {@code ! CODE} after the
 * statement (the SQLSTATE, or the vendor code when it is not 0, as the transcripts of
 * {@code scripts/transcripts.sh} write it). Whether the row is visible to plain reads afterwards
 * is the test's choice (REPEATABLE READ on InnoDB: a plain re-read still sees nothing). It fakes no
 * locking and no concurrency; it only lets a test read which statements a strategy's path sends.
 * Not thread-safe: one test thread.
 */
final class RecordingConnection {
    static final long ROW_ID = 7;

    private final List<String> sent = new ArrayList<>();
    private final SQLException duplicate;
    private boolean rowExists;
    private boolean inTransaction;
    private SQLException conflictOnInsert;
    private boolean visibleAfterConflict;
    /** Whether a conflict's row hidden by {@link #visibleAfterConflict} appears once the transaction ends. */
    private boolean visibleToLaterTransactions;
    private boolean conflictArrivedInTransaction;
    private SQLException upsertFailure;
    private SQLException abortedFailure;
    private boolean aborted;

    /** @param rowExists whether the key's row exists at the start (the found path) or not (the create path) */
    RecordingConnection(boolean rowExists) {
        this(rowExists, new SQLException("duplicate key value violates unique constraint", "23505"));
    }

    /**
     * @param rowExists whether the key's row exists at the start
     * @param duplicate what a plain INSERT of an existing row fails with on this server
     */
    RecordingConnection(boolean rowExists, SQLException duplicate) {
        this.rowExists = rowExists;
        this.duplicate = duplicate;
    }

    /**
     * The conflict path: the row is absent at first; another session commits it just before the
     * first INSERT, which fails with {@code error} (an upsert does not fail), after which the row
     * is visible only if {@code visibleAfter}. Later INSERTs of the row fail with {@code error} too.
     */
    static RecordingConnection conflict(SQLException error, boolean visibleAfter) {
        RecordingConnection c = new RecordingConnection(false, error);
        c.conflictOnInsert = error;
        c.visibleAfterConflict = visibleAfter;
        return c;
    }

    /**
     * The conflict path under REPEATABLE READ on InnoDB, with snapshots: as {@link #conflict} with
     * the row invisible to the rest of the transaction in which the conflict arrived, and visible
     * from the next transaction on (a new transaction takes a new snapshot), as a statement in
     * autocommit sees it.
     */
    static RecordingConnection conflictVisibleToLaterTransactions(SQLException error) {
        RecordingConnection c = conflict(error, false);
        c.visibleToLaterTransactions = true;
        return c;
    }

    /**
     * The conflict path of an upsert whose conflict target is not the key that collides (Hibernate's
     * {@code ON CONFLICT (id)} meeting another session's row with the same {@code (jahr, monat)}):
     * the row is absent at first, the first upsert fails with {@code error}, and, as PostgreSQL
     * does, every later statement of that transaction fails with {@code aborted} (25P02) until it
     * is rolled back. Plain INSERTs answer as {@link #conflict} does with {@code error}.
     */
    static RecordingConnection upsertConflict(SQLException error, SQLException aborted) {
        RecordingConnection c = new RecordingConnection(false, error);
        c.upsertFailure = error;
        c.abortedFailure = aborted;
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
        aborted = false;
        if (inTransaction) {
            sent.add(command);
            inTransaction = false;
        }
        if (conflictArrivedInTransaction && visibleToLaterTransactions) {
            rowExists = true; // the next transaction's snapshot sees the other session's committed row
        }
        conflictArrivedInTransaction = false;
        return null;
    }

    private <T extends Statement> T statement(Class<T> type, String preparedSql) {
        ResultSet[] returned = {null};
        return proxy(type, (p, m, args) -> {
            String name = m.getName();
            if (name.startsWith("set") || name.equals("close")) {
                return null;
            }
            String sql = preparedSql != null ? preparedSql : args == null ? null : (String) args[0];
            String lower = sql == null ? "" : sql.toLowerCase(Locale.ROOT);
            boolean insert = lower.startsWith("insert");
            boolean upsert = insert && (lower.contains(" on conflict ") || lower.contains(" on duplicate key ")
                    || lower.startsWith("insert ignore "));
            // MERGE ... WHEN NOT MATCHED THEN INSERT, INSERT ... WHERE NOT EXISTS: nothing when the row
            // is there, a plain INSERT's failure when it arrives during the statement
            boolean ifAbsent = lower.startsWith("merge ") || insert && !upsert && lower.contains(" not exists ");
            switch (name) {
                case "executeQuery":
                    send(sql);
                    if (upsert && lower.contains(" do nothing returning ")) {
                        return resultSet(upsert()); // ON CONFLICT DO NOTHING RETURNING id: no row when it did nothing
                    }
                    if (upsert && lower.contains(" returning old.")) {
                        return oldNewRow(upsert()); // INSERT ... RETURNING old.id, new.id, new.some_value
                    }
                    if (upsert) {
                        return booleanRow(upsert()); // INSERT ... RETURNING (xmax = 0)
                    }
                    if (insert) {
                        insert();
                        return resultSet(true);
                    }
                    return lower.contains(" from ") ? resultSet(rowExists) : functionResult();
                case "executeUpdate":
                    send(sql);
                    if (ifAbsent) {
                        return insertIfAbsent() ? 1 : 0;
                    }
                    if (upsert) {
                        return upsert() ? 1 : 0; // useAffectedRows: 0 for the no-op update
                    }
                    if (insert) {
                        insert();
                    }
                    return 1;
                case "execute":
                    send(sql);
                    if (insert) {
                        insert();
                        returned[0] = resultSet(true);
                        return true; // INSERT ... RETURNING id
                    }
                    return false;
                case "getResultSet":
                    return returned[0];
                case "getGeneratedKeys":
                    return resultSet(true);
                default:
                    throw new UnsupportedOperationException("Statement." + name);
            }
        });
    }

    /** Another session's row arrives now, if this is the conflict path's first INSERT. */
    private boolean conflictArrives() {
        if (conflictOnInsert == null) {
            return false;
        }
        conflictOnInsert = null;
        rowExists = visibleAfterConflict;
        conflictArrivedInTransaction = true;
        return true;
    }

    private void insert() throws SQLException {
        if (conflictArrives() || rowExists) {
            SQLException e = duplicate;
            sent.add("! " + (e.getErrorCode() != 0 ? String.valueOf(e.getErrorCode()) : e.getSQLState()));
            throw e;
        }
        rowExists = true;
    }

    /** True if the conditional insert inserted the row; the conflict path's row arriving during it fails it. */
    private boolean insertIfAbsent() throws SQLException {
        if (rowExists && conflictOnInsert == null) {
            return false;
        }
        insert();
        return true;
    }

    /** True if the upsert inserted the row. */
    private boolean upsert() throws SQLException {
        if (upsertFailure != null) {
            SQLException e = upsertFailure;
            upsertFailure = null;
            aborted = abortedFailure != null;
            fail(e);
        }
        if (conflictArrives()) {
            rowExists = true; // the upsert waited for the winner and now sees (and locks) its row
            return false;
        }
        boolean inserted = !rowExists;
        rowExists = true;
        return inserted;
    }

    private void send(String sql) throws SQLException {
        if (!inTransaction) {
            sent.add("BEGIN");
            inTransaction = true;
        }
        sent.add(sql);
        if (aborted) {
            fail(abortedFailure); // PostgreSQL: the transaction failed and runs nothing until its end
        }
    }

    /** Records the failure of the statement just sent ({@code ! CODE}) and throws it. */
    private void fail(SQLException e) throws SQLException {
        sent.add("! " + (e.getErrorCode() != 0 ? String.valueOf(e.getErrorCode()) : e.getSQLState()));
        throw e;
    }

    /** A result of at most one row: (id, jahr, monat, some_value) = (ROW_ID, 1, 1, 0). */
    private static ResultSet resultSet(boolean hasRow) {
        return row(hasRow, (index) -> index == 1 ? ROW_ID : 0L, false);
    }

    /** One row of one boolean column, as {@code RETURNING (xmax = 0)}. */
    private static ResultSet booleanRow(boolean value) {
        return row(true, index -> 0L, value);
    }

    /**
     * One row of {@code RETURNING old.id, new.id, new.some_value}: old.id NULL for an inserted row,
     * else {@value #ROW_ID}; new.id {@value #ROW_ID}; new.some_value 0.
     */
    private static ResultSet oldNewRow(boolean inserted) {
        boolean[] before = {true};
        boolean[] lastNull = {false};
        return proxy(ResultSet.class, (p, m, args) -> switch (m.getName()) {
            case "next" -> {
                boolean row = before[0];
                before[0] = false;
                yield row;
            }
            case "getLong" -> {
                int index = (Integer) args[0];
                lastNull[0] = index == 1 && inserted;
                yield index == 3 || lastNull[0] ? 0L : ROW_ID;
            }
            case "wasNull" -> lastNull[0];
            case "close" -> null;
            default -> throw new UnsupportedOperationException("ResultSet." + m.getName());
        });
    }

    /** One row answering 1, as {@code SELECT GET_LOCK(...)} that got the lock. */
    private static ResultSet functionResult() {
        return row(true, index -> 1L, true);
    }

    private static ResultSet row(boolean hasRow, java.util.function.IntFunction<Long> longs, boolean bool) {
        boolean[] before = {true};
        return proxy(ResultSet.class, (p, m, args) -> switch (m.getName()) {
            case "next" -> {
                boolean row = hasRow && before[0];
                before[0] = false;
                yield row;
            }
            case "getLong" -> longs.apply((Integer) args[0]);
            case "getInt" -> (int) (long) longs.apply((Integer) args[0]);
            case "getBoolean" -> bool;
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
