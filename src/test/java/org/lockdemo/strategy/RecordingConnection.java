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
 * {@code scripts/transcripts.sh} write it). Whether the row is visible afterwards to plain reads
 * of the transactions open at that moment is the test's choice (REPEATABLE READ on InnoDB: a plain
 * re-read in the same transaction still sees nothing); a transaction begun later always sees it. It fakes no
 * locking and no concurrency; it only lets a test read which statements a strategy's path sends.
 *
 * <p>{@link #secondConnection()} is a second session of the same client on the same table (for a
 * strategy whose {@code connectionsPerAttempt()} is 2): it has a transaction state of its own, and
 * where the statements switch from one session to the other the record has a line
 * {@code -- connection 2} or {@code -- connection 1}, as the transcripts of
 * {@code scripts/transcripts.sh} write it (nothing is written while only the first is used). An
 * INSERT wrapped so that the server catches its duplicate (a statement that creates a function
 * around an INSERT, as Sequelize's PostgreSQL {@code findOrCreate} sends) answers a row
 * {@code (id, jahr, monat, some_value, caught)}: the new id and a NULL text, or, where the plain
 * INSERT would fail, a NULL id and the error's text, recording no error line (the server reports
 * none). {@code INSERT ... ON CONFLICT DO NOTHING RETURNING ...} answers the new row, or no row.
 * Not thread-safe: one test thread.
 */
final class RecordingConnection {
    static final long ROW_ID = 7;

    private final List<String> sent = new ArrayList<>();
    private final SQLException duplicate;
    private boolean rowExists;
    private final Session first = new Session(1);
    private final Session second = new Session(2);
    /** The session that recorded the last line. */
    private Session current = first;
    private SQLException conflictOnInsert;
    private boolean visibleAfterConflict;
    private SQLException upsertFailure;
    private SQLException abortedFailure;
    /** PostgreSQL's failed transaction: every statement fails with {@link #abortedFailure} until it ends. */
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

    /** The client's (first) connection; the same object on every call. */
    Connection connection() {
        return first.connection();
    }

    /** A second connection of the same client, to the same table; the same object on every call. */
    Connection secondConnection() {
        return second.connection();
    }

    /** One session of the client: its connection and whether it has a transaction open. */
    private final class Session {
        final int number;
        boolean inTransaction;
        /** Its transaction's snapshot is older than the conflict's row (REPEATABLE READ): plain reads miss it. */
        boolean blind;
        Connection connection;

        Session(int number) {
            this.number = number;
        }

        Connection connection() {
            if (connection == null) {
                connection = proxy(Connection.class, (p, m, args) -> switch (m.getName()) {
                    case "prepareStatement" -> statement(this, PreparedStatement.class, (String) args[0]);
                    case "createStatement" -> statement(this, Statement.class, null);
                    case "commit" -> end(this, "COMMIT");
                    case "rollback" -> end(this, "ROLLBACK");
                    case "getAutoCommit" -> false;
                    case "close" -> null;
                    default -> throw new UnsupportedOperationException("Connection." + m.getName());
                });
            }
            return connection;
        }
    }

    /** Records a line of session {@code s}, after a {@code -- connection N} line if the session changed. */
    private void record(Session s, String line) {
        if (s != current) {
            sent.add("-- connection " + s.number);
            current = s;
        }
        sent.add(line);
    }

    private Object end(Session s, String command) {
        aborted = false;
        if (s.inTransaction) {
            record(s, command);
            s.inTransaction = false;
            s.blind = false; // its next transaction reads a new snapshot
        }
        return null;
    }

    private <T extends Statement> T statement(Session session, Class<T> type, String preparedSql) {
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
            boolean wrappedInsert = !insert && lower.startsWith("create ") && lower.contains(" insert into ");
            switch (name) {
                case "executeQuery":
                    send(session, sql);
                    if (upsert && lower.contains(" do nothing returning ")) {
                        return resultSet(upsert()); // the new row, or none
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
                    return lower.contains(" from ") ? resultSet(rowExists && !session.blind) : functionResult();
                case "executeUpdate":
                    send(session, sql);
                    if (upsert) {
                        return upsert() ? 1 : 0; // useAffectedRows: 0 for the no-op update
                    }
                    if (ifAbsent) {
                        return insertIfAbsent() ? 1 : 0;
                    }
                    if (insert) {
                        insert();
                    }
                    return 1;
                case "execute":
                    send(session, sql);
                    if (wrappedInsert) {
                        returned[0] = caughtRow(wrappedInsert());
                        return true; // the function's answer; the CREATE and DROP around it are not read
                    }
                    // an upsert with RETURNING answers as it does to executeQuery (a strategy file sends
                    // every write that returns rows by execute(), as Connector/J wants)
                    if (upsert && lower.contains(" do nothing returning ")) {
                        returned[0] = resultSet(upsert()); // the new row, or none
                        return true;
                    }
                    if (upsert && lower.contains(" returning old.")) {
                        returned[0] = oldNewRow(upsert());
                        return true;
                    }
                    if (upsert && lower.contains(" returning (xmax = 0)")) {
                        returned[0] = booleanRow(upsert()); // INSERT ... RETURNING (xmax = 0)
                        return true;
                    }
                    if (insert) {
                        insert();
                        returned[0] = resultSet(true);
                        return true; // INSERT ... RETURNING id
                    }
                    return false;
                case "getResultSet":
                    return returned[0];
                case "getMoreResults":
                    return false;
                case "getUpdateCount":
                    return -1;
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
        rowExists = true;
        if (!visibleAfterConflict) { // transactions open now keep reading their older snapshot
            first.blind = first.inTransaction;
            second.blind = second.inTransaction;
        }
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

    /** A wrapped INSERT: true if it inserted the row, false if the server caught the duplicate. */
    private boolean wrappedInsert() {
        if (conflictArrives() || rowExists) {
            return false;
        }
        rowExists = true;
        return true;
    }

    /** The wrapped INSERT's answer: (ROW_ID, 1, 1, 0, NULL), or (NULL, NULL, NULL, NULL, the error's text). */
    private ResultSet caughtRow(boolean inserted) {
        boolean[] before = {true};
        boolean[] lastNull = {false};
        return proxy(ResultSet.class, (p, m, args) -> switch (m.getName()) {
            case "next" -> {
                boolean row = before[0];
                before[0] = false;
                yield row;
            }
            case "getLong" -> {
                lastNull[0] = !inserted;
                yield inserted && (Integer) args[0] == 1 ? ROW_ID : 0L;
            }
            case "getString" -> {
                lastNull[0] = inserted;
                yield inserted ? null : duplicate.getMessage();
            }
            // a strategy file reads by getObject: the id (NULL when caught), or the caught error's text
            case "getObject" -> {
                int index = args[0] instanceof String column ? ("id".equalsIgnoreCase(column) ? 1
                        : "sequelize_caught_exception".equalsIgnoreCase(column) ? 5 : 4) : (Integer) args[0];
                yield index == 1 ? (inserted ? (Object) ROW_ID : null)
                        : index == 5 ? (inserted ? null : duplicate.getMessage()) : index == 4 ? (inserted ? (Object) 0L : null)
                                : inserted ? (Object) 1L : null;
            }
            case "wasNull" -> lastNull[0];
            case "close" -> null;
            default -> throw new UnsupportedOperationException("ResultSet." + m.getName());
        });
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

    private void send(Session s, String sql) throws SQLException {
        if (!s.inTransaction) {
            record(s, "BEGIN");
            s.inTransaction = true;
        }
        record(s, sql);
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
        return row(true, index -> 0L, value, true);
    }

    /** One row answering 1, as {@code SELECT GET_LOCK(...)} that got the lock. */
    private static ResultSet functionResult() {
        return row(true, index -> 1L, true);
    }

    private static ResultSet row(boolean hasRow, java.util.function.IntFunction<Long> longs, boolean bool) {
        return row(hasRow, longs, bool, false);
    }

    /** {@code booleanColumn}: the row's one column is a boolean, as getObject answers it (a strategy file's capture). */
    private static ResultSet row(boolean hasRow, java.util.function.IntFunction<Long> longs, boolean bool,
            boolean booleanColumn) {
        boolean[] before = {true};
        return proxy(ResultSet.class, (p, m, args) -> switch (m.getName()) {
            case "next" -> {
                boolean row = hasRow && before[0];
                before[0] = false;
                yield row;
            }
            case "getLong" -> longs.apply((Integer) args[0]);
            case "getInt" -> (int) (long) longs.apply((Integer) args[0]);
            // a strategy file reads columns by name: id is the row's, the other columns (some_value) 0
            case "getObject" -> args[0] instanceof String column ? ("id".equalsIgnoreCase(column) ? longs.apply(1)
                    : Long.valueOf(0L)) : booleanColumn ? (Object) bool : longs.apply((Integer) args[0]);
            case "getBoolean" -> bool;
            case "wasNull" -> false;
            case "close" -> null;
            default -> throw new UnsupportedOperationException("ResultSet." + m.getName());
        });
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
            // a strategy file reads by getObject: old.id NULL for an inserted row (by position or as old_id)
            case "getObject" -> {
                int index = args[0] instanceof String column ? ("old_id".equalsIgnoreCase(column) ? 1
                        : "some_value".equalsIgnoreCase(column) ? 3 : 2) : (Integer) args[0];
                yield index == 1 && inserted ? null : index == 3 ? (Object) 0L : (Object) ROW_ID;
            }
            case "wasNull" -> lastNull[0];
            case "close" -> null;
            default -> throw new UnsupportedOperationException("ResultSet." + m.getName());
        });
    }

    private static <T> T proxy(Class<T> type, InvocationHandler handler) {
        return type.cast(Proxy.newProxyInstance(RecordingConnection.class.getClassLoader(), new Class<?>[] {type},
                handler));
    }
}
