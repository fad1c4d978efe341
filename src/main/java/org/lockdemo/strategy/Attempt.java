package org.lockdemo.strategy;

import java.lang.invoke.MethodHandles;
import java.lang.invoke.VarHandle;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.List;
import org.lockdemo.db.SqlErrorClassifier;
import org.lockdemo.model.Outcome;
import org.lockdemo.model.RowKey;
import org.lockdemo.model.SqlStep;

/**
 * The SQL verbs strategies are written with, so each strategy reads as its SQL, top to bottom.
 * Every verb goes through one helper, {@link #send}, which names the step, waits the
 * {@link StatementDelay}, and for a verb that can wait on a lock adds its time to the lock time.
 * What the verbs learn (step, lock time, retries, the row, whether it raced, what the commits made
 * durable) is kept in the attempt's {@link AttemptState}, read through {@link #state()}; the
 * one-line read-outs below are views of it for the strategies and tests.
 *
 * <p>Statements come from a per-connection {@link StatementCache}: prepared on the first attempt
 * on a connection, reused by every later one, closed by {@link #releaseStatements()} before the
 * connection is given back. Not thread-safe: each worker owns one instance and {@link #reset()}s
 * it per attempt; its state is used by that worker's thread only, except {@link #statementSeq()},
 * which any thread may read.
 *
 * <p>A strategy whose {@link GetOrCreate#connectionsPerAttempt()} is 2 (an ORM that sends a
 * statement on another pooled connection while its transaction is open, as Sequelize's
 * {@code findOrCreate} does) reaches that connection through {@link #secondConnection()}; the worker
 * hands it over with {@link #useSecondConnection}. The second connection has statements of its own
 * (a second {@link StatementCache}) and only <em>reads</em>: the attempt's {@link CommitLedger}
 * accounts for the writes of the first connection, so a COMMIT or ROLLBACK of the second changes
 * nothing in it, and a write verb on the second connection is refused
 * ({@link IllegalStateException}).
 */
public final class Attempt {
    /** One JDBC call of a verb. */
    @FunctionalInterface
    public interface Call<T> {
        T run() throws SQLException;
    }

    /** Whether a verb's time counts as lock time: it takes a lock or can wait for one. */
    private enum Waits {
        NO, ON_LOCKS
    }

    private final SqlErrorClassifier classifier;
    private final long holdNanos;
    private final StatementDelay delay;
    private final StatementCache statements = new StatementCache();
    /** The statements of the second connection, if the strategy uses one. */
    private final StatementCache secondStatements = new StatementCache();
    /** The attempt's second connection, or null (see {@link GetOrCreate#connectionsPerAttempt()}). */
    private Connection second;
    private final AttemptState state = new AttemptState();
    private final CommitLedger ledger = state.ledger();
    /**
     * Odd while a statement of this attempt waits for its answer, one more when it got it: written
     * by the owning thread only, with opaque stores (plain moves on x86, no fence), and read from the
     * race's answer watchdog, which needs to see it change eventually, not at once.
     */
    @SuppressWarnings("unused") // through STATEMENT_SEQ
    private long statementSeq;
    private static final VarHandle STATEMENT_SEQ;

    static {
        try {
            STATEMENT_SEQ = MethodHandles.lookup().findVarHandle(Attempt.class, "statementSeq", long.class);
        } catch (ReflectiveOperationException e) {
            throw new ExceptionInInitializerError(e);
        }
    }

    public Attempt(SqlErrorClassifier classifier, long holdNanos) {
        this(classifier, holdNanos, StatementDelay.NONE);
    }

    /**
     * @param statementDelayNanos waited before every statement ({@code --statement-delay}): the
     *                            round trip to a remote server, or an ORM's time between statements;
     *                            in the attempt's latency, never in its lock time
     */
    public Attempt(SqlErrorClassifier classifier, long holdNanos, long statementDelayNanos) {
        this(classifier, holdNanos, new StatementDelay(statementDelayNanos));
    }

    private Attempt(SqlErrorClassifier classifier, long holdNanos, StatementDelay delay) {
        this.classifier = classifier;
        this.holdNanos = holdNanos;
        this.delay = delay;
    }

    /** For a new attempt: forgets the state of the last one. */
    public void reset() {
        state.reset();
    }

    /** For a new attempt of {@code keyCount} keys in one transaction ({@code --keys-per-attempt}). */
    public void reset(int keyCount) {
        state.reset(keyCount);
    }

    /**
     * The statements that follow work on the key at {@code position} of the attempt's keys: their
     * inserts and counter updates are that key's (see {@link CommitLedger}), and the row the verbs
     * read is forgotten. A COMMIT or ROLLBACK still ends the whole transaction.
     */
    public void atKey(int position) {
        state.atKey(position);
    }

    /** The part of the attempt for the key at {@code position} ended with the success {@code outcome}. */
    public void keyDone(int position, Outcome outcome) {
        state.keyOutcome(position, outcome);
    }

    /**
     * Worker: the second connection of this worker's attempts, borrowed from the same pool, for a
     * strategy whose {@link GetOrCreate#connectionsPerAttempt()} is 2; null when there is none. Its
     * statements are closed when it changes.
     */
    public void useSecondConnection(Connection c) throws SQLException {
        if (c != second) {
            secondStatements.close();
            second = c;
        }
    }

    /**
     * The attempt's second connection (auto-commit off, same pool and isolation as the first): for a
     * read that must run outside the first connection's open transaction. Only reads are accounted
     * on it; its COMMIT commits nothing of the attempt's.
     *
     * @throws IllegalStateException when the strategy did not ask for one
     */
    public Connection secondConnection() {
        if (second == null) {
            throw new IllegalStateException("no second connection: the strategy's connectionsPerAttempt() is 1");
        }
        return second;
    }

    /** The statements prepared on {@code c}: the second connection's own, or the first's. */
    private StatementCache cache(Connection c) {
        return c == second && c != null ? secondStatements : statements;
    }

    /** A verb that writes: only on the first connection, whose writes the ledger accounts. */
    private void requireFirst(Connection c, String verb) {
        if (c == second && c != null) {
            throw new IllegalStateException(verb + " on the second connection: only reads are accounted there");
        }
    }

    /** What this attempt's verbs have found and done so far. */
    public AttemptState state() {
        return state;
    }

    /**
     * The one helper of every verb: names the step (for the error classifier), waits the statement
     * delay, runs the call; a call that {@link Waits#ON_LOCKS} has its time, without the delay,
     * added to the lock time, also when it fails.
     */
    private <T> T send(SqlStep s, Waits waits, Call<T> call) throws SQLException {
        state.step(s);
        delay.await();
        long t0 = waits == Waits.NO ? 0 : System.nanoTime();
        long seq = statementSeq; // this thread is the only writer
        STATEMENT_SEQ.setOpaque(this, seq + 1);
        try {
            return call.run();
        } finally {
            STATEMENT_SEQ.setOpaque(this, seq + 2);
            if (waits != Waits.NO) {
                state.addLockNanos(System.nanoTime() - t0);
            }
        }
    }

    private static SqlStep lockStep(boolean nowait) {
        return nowait ? SqlStep.LOCK_NOWAIT : SqlStep.LOCK;
    }

    /** {@code SELECT ...} (no lock): true if the row exists. */
    public boolean select(Connection c, String sql, RowKey key) throws SQLException {
        return send(SqlStep.SELECT, Waits.NO, () -> state.firstRowRead(exists(c, sql, key)));
    }

    /**
     * A locking read ({@code SELECT ... FOR UPDATE [NOWAIT]}): true if the row exists and is now
     * locked by this transaction. Its time counts as lock time.
     */
    public boolean lock(Connection c, String sql, RowKey key, boolean nowait) throws SQLException {
        return send(lockStep(nowait), Waits.ON_LOCKS, () -> state.firstRowRead(exists(c, sql, key)));
    }

    /**
     * {@code INSERT} of the key's row. It can wait on another transaction's uncommitted duplicate,
     * so its time counts as lock time.
     */
    public void insert(Connection c, String sql, RowKey key) throws SQLException {
        requireFirst(c, "insert");
        send(SqlStep.INSERT, Waits.ON_LOCKS, () -> {
            executeUpdate(c, sql, key);
            ledger.inserted();
            return state.firstRowRead(false);
        });
    }

    /** {@code UPDATE} of the counter, under the row lock this transaction holds. */
    public void increment(Connection c, String sql, RowKey key) throws SQLException {
        requireFirst(c, "increment");
        int n = send(SqlStep.UPDATE, Waits.NO, () -> executeUpdate(c, sql, key));
        if (n != 1) {
            throw new SQLException("UPDATE of " + key + " changed " + n + " rows, expected 1");
        }
        ledger.incremented();
    }

    /**
     * A model query, {@code SELECT id, jahr, monat, some_value ... WHERE jahr = ? AND monat = ?} (no
     * lock), as Django's {@code get()}: true if the row exists; its id and value are then
     * {@link #rowId()} and {@link #rowValue()}.
     */
    public boolean getRow(Connection c, String sql, RowKey key) throws SQLException {
        return send(SqlStep.SELECT, Waits.NO, () -> state.firstRowRead(readRow(c, sql, key)));
    }

    /**
     * The same query with {@code FOR UPDATE [NOWAIT]}, as {@code select_for_update().get()}: true if
     * the row exists and is now locked by this transaction. Its time counts as lock time.
     */
    public boolean lockRow(Connection c, String sql, RowKey key, boolean nowait) throws SQLException {
        return send(lockStep(nowait), Waits.ON_LOCKS, () -> state.firstRowRead(readRow(c, sql, key)));
    }

    /**
     * {@link #lockRow} of a query whose WHERE names the key {@code keyCopies} times, binding
     * {@code (jahr, monat)} once per copy: ActiveRecord 7.1 to 8.1's {@code where(attributes).lock
     * .find_by!(attributes)} sends the key's predicates twice. Its time counts as lock time.
     */
    public boolean lockRowRepeatingKey(Connection c, String sql, RowKey key, int keyCopies) throws SQLException {
        return send(SqlStep.LOCK, Waits.ON_LOCKS, () -> state.firstRowRead(readRow(c, sql, key, keyCopies)));
    }

    /**
     * {@code INSERT} of the key's row with {@code some_value} 0, as a model's {@code save()} of a new
     * instance: the new id comes back by {@code RETURNING id} ({@code returning}) or as the INSERT's
     * generated key (MySQL); it is then {@link #rowId()}, and {@link #rowValue()} is 0. It can wait on
     * another transaction's uncommitted duplicate, so its time counts as lock time.
     */
    public void insertRow(Connection c, String sql, RowKey key, boolean returning) throws SQLException {
        requireFirst(c, "insertRow");
        send(SqlStep.INSERT, Waits.ON_LOCKS, () -> {
            PreparedStatement ps = cache(c).get(c, sql, !returning);
            bind(ps, key);
            if (returning) {
                ps.execute();
                try (ResultSet rs = ps.getResultSet()) {
                    state.row(idOf(rs, key), 0);
                }
            } else {
                ps.executeUpdate();
                try (ResultSet rs = ps.getGeneratedKeys()) {
                    state.row(idOf(rs, key), 0);
                }
            }
            ledger.inserted();
            return state.firstRowRead(false);
        });
    }

    /**
     * {@code INSERT ... ON CONFLICT DO NOTHING RETURNING id, ...}: true if it inserted the row (its id
     * is then {@link #rowId()}, its value 0); false, with nothing changed, when the row exists. It
     * waits for a concurrent insert of the key, so its time counts as lock time.
     */
    public boolean insertRowIfAbsent(Connection c, String sql, RowKey key) throws SQLException {
        requireFirst(c, "insertRowIfAbsent");
        return send(SqlStep.INSERT, Waits.ON_LOCKS, () -> {
            PreparedStatement ps = cache(c).get(c, sql);
            bind(ps, key);
            try (ResultSet rs = ps.executeQuery()) {
                if (!rs.next()) {
                    return false;
                }
                state.row(rs.getLong(1), 0);
            }
            return upserted(true);
        });
    }

    /**
     * An INSERT of the key's row wrapped so that the server catches its unique violation and answers
     * one row instead, {@code (id, ..., caught)}: the new id, or a NULL id and the caught error's
     * text (Sequelize's {@code pg_temp} PL/pgSQL function on PostgreSQL). {@code template} is one or
     * more statements in one string whose two {@code ?} are the key: they are written into the text
     * as integer literals, since a function body cannot take bind parameters. The text differs per
     * key, so it is sent as a plain statement, not prepared. True if it inserted the row (its id is
     * then {@link #rowId()}); false when the duplicate was caught (nothing inserted, the transaction
     * still usable). Counts as lock time: it waits for a concurrent insert of the key.
     */
    public boolean insertRowCatching(Connection c, String template, RowKey key) throws SQLException {
        requireFirst(c, "insertRowCatching");
        return send(SqlStep.INSERT, Waits.ON_LOCKS, () -> {
            String sql = withKeyInlined(template, key);
            Boolean inserted = null;
            try (java.sql.Statement st = c.createStatement()) {
                for (boolean isResult = st.execute(sql); isResult || st.getUpdateCount() != -1;
                        isResult = st.getMoreResults()) {
                    if (isResult && inserted == null) {
                        try (ResultSet rs = st.getResultSet()) {
                            inserted = caughtRow(rs, key);
                        }
                    }
                }
            }
            if (inserted == null) {
                throw new SQLException("wrapped INSERT of " + key + " answered no row");
            }
            if (inserted) {
                ledger.inserted();
                state.firstRowRead(false); // as insertRow; a caught duplicate is not counted (see raced())
            }
            return inserted;
        });
    }

    /** The wrapped INSERT's answer: true if it has an id (inserted), false if it names a caught error. */
    private boolean caughtRow(ResultSet rs, RowKey key) throws SQLException {
        if (!rs.next()) {
            throw new SQLException("wrapped INSERT of " + key + " answered no row");
        }
        long id = rs.getLong(1);
        if (rs.wasNull()) {
            return false;
        }
        state.row(id, 0);
        return true;
    }

    /**
     * {@code template} with its first two {@code ?} replaced by the key's {@code jahr} and
     * {@code monat} as integer literals (no other {@code ?} may be in it).
     */
    public static String withKeyInlined(String template, RowKey key) {
        int first = template.indexOf('?');
        int secondMark = first < 0 ? -1 : template.indexOf('?', first + 1);
        if (secondMark < 0 || template.indexOf('?', secondMark + 1) >= 0) {
            throw new IllegalArgumentException("a key template has exactly two ?: " + template);
        }
        return template.substring(0, first) + key.jahr() + template.substring(first + 1, secondMark) + key.monat()
                + template.substring(secondMark + 1);
    }

    /**
     * {@code UPDATE t SET some_value = ? WHERE id = ?}: writes the value the client computed, as
     * {@code save(update_fields={'some_value'})}. Under the row lock it is exact; without one it can
     * lose a concurrent update (the checks count that).
     */
    public void saveValue(Connection c, String sql, long id, long value) throws SQLException {
        requireFirst(c, "saveValue");
        int n = send(SqlStep.UPDATE, Waits.NO, () -> {
            PreparedStatement ps = cache(c).get(c, sql);
            ps.setLong(1, value);
            ps.setLong(2, id);
            return ps.executeUpdate();
        });
        updated(n, id);
    }

    /**
     * {@code UPDATE t SET jahr = ?, monat = ?, some_value = ? WHERE id = ?}: a full {@code save()},
     * which writes every field of the instance.
     */
    public void saveAll(Connection c, String sql, RowKey key, long id, long value) throws SQLException {
        requireFirst(c, "saveAll");
        int n = send(SqlStep.UPDATE, Waits.NO, () -> {
            PreparedStatement ps = cache(c).get(c, sql);
            ps.setInt(1, key.jahr());
            ps.setShort(2, (short) key.monat());
            ps.setLong(3, value);
            ps.setLong(4, id);
            return ps.executeUpdate();
        });
        updated(n, id);
    }

    /**
     * A read of the key's row id only, {@code SELECT id ... WHERE jahr = ? AND monat = ?} (no lock),
     * as an ORM reads the ids of what it will update: true if the row exists; its id is then
     * {@link #rowId()} (the value is read later, e.g. by {@link #getRowById}).
     */
    public boolean getId(Connection c, String sql, RowKey key) throws SQLException {
        return send(SqlStep.SELECT, Waits.NO, () -> {
            PreparedStatement ps = statements.get(c, sql);
            bind(ps, key);
            try (ResultSet rs = ps.executeQuery()) {
                if (!rs.next()) {
                    return state.firstRowRead(false);
                }
                state.row(rs.getLong(1), 0);
                return state.firstRowRead(true);
            }
        });
    }

    /**
     * The row read back by its id, {@code SELECT id, jahr, monat, some_value ... WHERE id = ?} (no
     * lock): true if it exists; its id and value are then {@link #rowId()} and {@link #rowValue()}.
     */
    public boolean getRowById(Connection c, String sql, long id) throws SQLException {
        return send(SqlStep.SELECT, Waits.NO, () -> {
            PreparedStatement ps = statements.get(c, sql);
            ps.setLong(1, id);
            try (ResultSet rs = ps.executeQuery()) {
                if (!rs.next()) {
                    return state.firstRowRead(false);
                }
                state.row(rs.getLong(1), rs.getLong(4));
                return state.firstRowRead(true);
            }
        });
    }

    /**
     * {@code SELECT some_value ... WHERE jahr = ? AND monat = ?} (no lock), as Laravel's
     * {@code T::where($key)->value('some_value')}: the value, or empty when there is no row. It is
     * the attempt's first read of the row when it comes first (see {@link #raced()}); it does not
     * change {@link #rowId()} or {@link #rowValue()}.
     */
    public java.util.OptionalLong readValue(Connection c, String sql, RowKey key) throws SQLException {
        return send(SqlStep.SELECT, Waits.NO, () -> {
            PreparedStatement ps = statements.get(c, sql);
            bind(ps, key);
            try (ResultSet rs = ps.executeQuery()) {
                boolean found = state.firstRowRead(rs.next());
                return found ? java.util.OptionalLong.of(rs.getLong(1)) : java.util.OptionalLong.empty();
            }
        });
    }

    /**
     * {@code INSERT} of the key's row with {@code some_value} as the application set it (parameter
     * 3), as Eloquent's {@code create($attributes + $values)}: the new id comes back as for
     * {@link #insertRow}; then {@link #rowValue()} is {@code value}. The value is the application's
     * update of the counter, so the insert counts as this attempt's increment too, as a
     * {@link #saveValue} would. Counts as lock time (it can wait on an uncommitted duplicate).
     */
    public void insertRowWithValue(Connection c, String sql, RowKey key, long value, boolean returning)
            throws SQLException {
        send(SqlStep.INSERT, Waits.ON_LOCKS, () -> {
            PreparedStatement ps = statements.get(c, sql, !returning);
            bind(ps, key);
            ps.setLong(3, value);
            if (returning) {
                ps.execute();
                try (ResultSet rs = ps.getResultSet()) {
                    state.row(idOf(rs, key), value);
                }
            } else {
                ps.executeUpdate();
                try (ResultSet rs = ps.getGeneratedKeys()) {
                    state.row(idOf(rs, key), value);
                }
            }
            ledger.inserted();
            ledger.incremented();
            return state.firstRowRead(false);
        });
    }

    /**
     * Eloquent's {@code $model->fill(['some_value' => value])->save()}: {@code UPDATE t SET
     * some_value = ? WHERE id = ?} only when {@code value} differs from the value the model was read
     * with ({@link #rowValue()}); a model that is not dirty is not saved and nothing is sent
     * (Eloquent's {@code Model::save}: {@code isDirty() ? performUpdate() : true}). Either way the
     * application believes it wrote {@code value}, so it counts as this attempt's increment: when a
     * concurrent session had already written the same value, that is the lost update itself.
     */
    public void saveValueIfDirty(Connection c, String sql, long id, long value) throws SQLException {
        if (value != state.rowValue()) {
            saveValue(c, sql, id, value);
        } else {
            ledger.incremented();
        }
    }

    /**
     * {@code UPDATE t SET some_value = some_value + 1 WHERE id = ?}, as Eloquent's
     * {@code $model->increment('some_value')}: atomic, the server adds one to the value it holds,
     * taking the row lock for the update. Exactly one row must change.
     */
    public void incrementRow(Connection c, String sql, long id) throws SQLException {
        int n = send(SqlStep.UPDATE, Waits.ON_LOCKS, () -> {
            PreparedStatement ps = statements.get(c, sql);
            ps.setLong(1, id);
            return ps.executeUpdate();
        });
        if (n != 1) {
            throw new SQLException("UPDATE of id " + id + " changed " + n + " rows, expected 1");
        }
        ledger.incremented();
    }

    /** A column of the race table, to say in which order a statement binds a whole row. */
    public enum RowColumn {
        ID, JAHR, MONAT, SOME_VALUE
    }

    /**
     * {@code INSERT} of a whole row whose id the application assigned, binding {@code columns} in
     * the statement's order: the row is then ({@code id}, {@code value}). A row inserted with a
     * {@code value} other than 0 carries this attempt's increment (an ORM that folds the
     * "add one" into the INSERT, as SQLAlchemy's flush of a pending object does). It can wait on
     * another transaction's uncommitted duplicate, so its time counts as lock time.
     */
    public void insertRowWithId(Connection c, String sql, List<RowColumn> columns, RowKey key, long id,
            long value) throws SQLException {
        send(SqlStep.INSERT, Waits.ON_LOCKS, () -> {
            PreparedStatement ps = statements.get(c, sql);
            bindRow(ps, columns, key, id, value);
            ps.executeUpdate();
            state.row(id, value);
            ledger.inserted();
            if (value != 0) {
                ledger.incremented();
            }
            return state.firstRowRead(false);
        });
    }

    /** What an upsert did, as far as the client can tell. */
    public enum Upserted {
        INSERTED, UPDATED,
        /** PostgreSQL's {@code ON CONFLICT DO UPDATE} answers 1 row whether it inserted or updated. */
        INSERTED_OR_UPDATED
    }

    /**
     * An upsert of a whole row whose id the application assigned, writing every column
     * ({@code INSERT ... ON CONFLICT (id) DO UPDATE SET ...}, {@code ... ON DUPLICATE KEY UPDATE}),
     * binding {@code columns} in the statement's order. It writes {@code value}, so it carries this
     * attempt's increment; the row is then ({@code id}, {@code value}). It can wait on another
     * transaction's uncommitted row of the key, so its time counts as lock time.
     *
     * @param rowFound         whether this attempt's read found the row before: then it updated it
     *                         (rows are never deleted)
     * @param countTellsInsert whether the update count says which it did: MySQL's and MariaDB's
     *                         affected rows are 1 for an insert, 2 for an update and 0 for an update
     *                         to the values the row had; PostgreSQL answers 1 either way, and an
     *                         insert it cannot tell from an update is recorded as of unknown outcome
     *                         ({@link CommitLedger#insertedOrUpdated()})
     */
    public Upserted upsertRowWithId(Connection c, String sql, List<RowColumn> columns, RowKey key, long id, long value,
            boolean rowFound, boolean countTellsInsert) throws SQLException {
        return send(SqlStep.INSERT, Waits.ON_LOCKS, () -> {
            PreparedStatement ps = statements.get(c, sql);
            bindRow(ps, columns, key, id, value);
            int n = ps.executeUpdate();
            state.row(id, value);
            ledger.incremented();
            Upserted what = rowFound ? Upserted.UPDATED
                    : !countTellsInsert ? Upserted.INSERTED_OR_UPDATED
                    : n == 1 ? Upserted.INSERTED : Upserted.UPDATED;
            if (what == Upserted.INSERTED) {
                ledger.inserted();
            } else if (what == Upserted.INSERTED_OR_UPDATED) {
                ledger.insertedOrUpdated();
            }
            return what;
        });
    }

    /** The id of the row the last {@link #getRow}, {@link #lockRow} or {@link #insertRow} found or made. */
    public long rowId() {
        return state.rowId();
    }

    /** Its {@code some_value} as read (0 for a row this attempt inserted). */
    public long rowValue() {
        return state.rowValue();
    }

    private boolean readRow(Connection c, String sql, RowKey key) throws SQLException {
        return readRow(c, sql, key, 1);
    }

    private boolean readRow(Connection c, String sql, RowKey key, int keyCopies) throws SQLException {
        PreparedStatement ps = cache(c).get(c, sql);
        for (int i = 0; i < keyCopies; i++) {
            ps.setInt(2 * i + 1, key.jahr());
            ps.setShort(2 * i + 2, (short) key.monat());
        }
        try (ResultSet rs = ps.executeQuery()) {
            if (!rs.next()) {
                return false;
            }
            state.row(rs.getLong(1), rs.getLong(4));
            return true;
        }
    }

    private static long idOf(ResultSet rs, RowKey key) throws SQLException {
        if (rs == null || !rs.next()) {
            throw new SQLException("INSERT of " + key + " returned no id");
        }
        return rs.getLong(1);
    }

    /**
     * 0 rows is possible on MySQL (useAffectedRows) when the row already held the value because a
     * concurrent save wrote it -- the lost update itself, which the checks count.
     */
    private void updated(int n, long id) throws SQLException {
        if (n > 1) {
            throw new SQLException("UPDATE of id " + id + " changed " + n + " rows, expected at most 1");
        }
        ledger.incremented();
    }

    /**
     * An insert that does nothing (or a no-op update) when the row exists: {@code ON CONFLICT DO
     * NOTHING} / {@code ON DUPLICATE KEY UPDATE} / {@code INSERT IGNORE}, or a {@code MERGE ... WHEN
     * NOT MATCHED THEN INSERT} binding the key once. True if it inserted the row (1 row). It can wait
     * on a concurrent insert of the same key, so its time counts as lock time; a MERGE then fails
     * with the duplicate-key error, which this throws.
     */
    public boolean upsert(Connection c, String sql, RowKey key) throws SQLException {
        requireFirst(c, "upsert");
        return send(SqlStep.INSERT, Waits.ON_LOCKS, () -> upserted(executeUpdate(c, sql, key) == 1));
    }

    /**
     * A multi-row upsert of every key's row with {@code some_value} 0, binding the keys in the order
     * given ({@code INSERT ... VALUES (?, ?, 0), (?, ?, 0) ... ON CONFLICT (jahr, monat) DO NOTHING
     * RETURNING jahr, monat}; MySQL: {@code ... ON DUPLICATE KEY UPDATE some_value = some_value}).
     * The server inserts the rows in the VALUES order, taking each new row's index entry as it goes
     * and waiting for a concurrent transaction's uncommitted row of a key: the batch that deadlocks
     * when two transactions list the same keys in different orders. Counts as lock time.
     *
     * @param returning whether the statement returns the keys it inserted (PostgreSQL): they are
     *                  then this attempt's inserts, each at its key's position; else (MySQL,
     *                  {@code useAffectedRows}) it answers only how many rows it inserted: when that
     *                  is all or none of them, the keys are accounted so too; in between, the
     *                  strategy must say which keys they were ({@link #insertedEarlier()})
     * @return how many rows it inserted and, per key position, whether it inserted that key's row
     */
    public ManyUpserted upsertMany(Connection c, String sql, List<RowKey> keys, boolean returning) throws SQLException {
        return upsertMany(c, sql, keys, returning, ps -> {
            for (int i = 0; i < keys.size(); i++) {
                ps.setInt(2 * i + 1, keys.get(i).jahr());
                ps.setShort(2 * i + 2, (short) keys.get(i).monat());
            }
        });
    }

    /**
     * As {@link #upsertMany(Connection, String, List, boolean)}, its parameters bound by {@code binder}:
     * a strategy file's {@code keys: all} statement, whose row template says which parameters a key's
     * row has. Accounted the same way.
     */
    public ManyUpserted upsertMany(Connection c, String sql, List<RowKey> keys, boolean returning, Binder binder)
            throws SQLException {
        requireFirst(c, "upsertMany");
        return send(SqlStep.INSERT, Waits.ON_LOCKS, () -> {
            PreparedStatement ps = cache(c).get(c, sql);
            binder.bind(ps);
            boolean[] inserted = new boolean[keys.size()];
            int count = 0;
            if (returning) {
                try (ResultSet rs = ps.executeQuery()) {
                    while (rs.next()) {
                        // one VALUES row: the row it returns is that key's
                        int position = keys.size() == 1 ? 0 : keys.indexOf(new RowKey(rs.getInt(1), rs.getInt(2)));
                        if (position < 0) {
                            throw new SQLException("the multi-row upsert returned a key it was not given: ("
                                    + rs.getInt(1) + ", " + rs.getInt(2) + ")");
                        }
                        inserted[position] = true;
                        count++;
                    }
                }
            } else {
                count = ps.executeUpdate();
                if (count < 0 || count > keys.size()) {
                    throw new SQLException("the multi-row upsert of " + keys.size() + " keys answered " + count + " rows");
                }
                java.util.Arrays.fill(inserted, count == keys.size());
            }
            boolean known = returning || count == 0 || count == keys.size();
            if (known) {
                for (int i = 0; i < inserted.length; i++) {
                    if (inserted[i]) {
                        state.atKey(i);
                        ledger.inserted();
                    }
                }
            }
            state.atKey(0);
            if (count > 0) {
                state.firstRowRead(false); // it made rows: the attempt raced for them
            }
            return new ManyUpserted(count, known ? inserted : null);
        });
    }

    /**
     * What a multi-row upsert answered ({@link #upsertMany}).
     *
     * @param count    the rows it inserted
     * @param inserted per key position, whether it inserted that key's row; null when the statement
     *                 did not say (MySQL, some but not all of the keys inserted)
     */
    public record ManyUpserted(int count, boolean[] inserted) {
    }

    /**
     * The current key's row was inserted by an earlier statement of this transaction that did not
     * say which rows it inserted (a multi-row upsert on MySQL): the strategy found it so, e.g. by
     * its value 0 under the row lock. Accounted as an insert of this key.
     */
    public void insertedEarlier() {
        ledger.inserted();
    }

    /**
     * {@code INSERT ... ON CONFLICT ... DO UPDATE ... RETURNING (xmax = 0)}: inserts or locks the
     * row in one statement; true if it inserted. Counts as lock time.
     */
    public boolean upsertReturningInserted(Connection c, String sql, RowKey key) throws SQLException {
        requireFirst(c, "upsertReturningInserted");
        return send(SqlStep.INSERT, Waits.ON_LOCKS, () -> {
            PreparedStatement ps = cache(c).get(c, sql);
            bind(ps, key);
            try (ResultSet rs = ps.executeQuery()) {
                if (!rs.next()) {
                    throw new SQLException("INSERT ... RETURNING of " + key + " returned no row");
                }
                return upserted(rs.getBoolean(1));
            }
        });
    }

    /**
     * An insert that does nothing when the key exists, as an ORM's {@code Create} with its new id:
     * {@code INSERT ... ON CONFLICT DO NOTHING RETURNING id} ({@code returning}: one row with the
     * new id if it inserted, none if the key existed), or {@code INSERT ... ON DUPLICATE KEY UPDATE
     * id = id} (MySQL, {@code useAffectedRows}: 1 and the generated key if it inserted, 0 if not). True
     * if it inserted; the new id is then {@link #rowId()} and {@link #rowValue()} is 0. It can wait
     * on a concurrent insert of the same key, so its time counts as lock time.
     */
    public boolean upsertRow(Connection c, String sql, RowKey key, boolean returning) throws SQLException {
        return send(SqlStep.INSERT, Waits.ON_LOCKS, () -> {
            PreparedStatement ps = statements.get(c, sql, !returning);
            bind(ps, key);
            if (returning) {
                try (ResultSet rs = ps.executeQuery()) {
                    if (!rs.next()) {
                        return upserted(false);
                    }
                    state.row(rs.getLong(1), 0);
                    return upserted(true);
                }
            }
            if (ps.executeUpdate() != 1) {
                return upserted(false);
            }
            try (ResultSet rs = ps.getGeneratedKeys()) {
                state.row(idOf(rs, key), 0);
            }
            return upserted(true);
        });
    }

    /**
     * {@code INSERT INTO t (...) SELECT ?, ?, 0 WHERE NOT EXISTS (SELECT ... WHERE jahr = ? AND monat =
     * ?)}: the key bound twice (parameters 1-2 and 3-4). True if it inserted the row; 0 rows when the
     * statement's read saw the row. It can wait on a concurrent insert of the same key (and on InnoDB
     * its read may take locks), so its time counts as lock time.
     */
    public boolean insertIfAbsent(Connection c, String sql, RowKey key) throws SQLException {
        return send(SqlStep.INSERT, Waits.ON_LOCKS, () -> {
            PreparedStatement ps = statements.get(c, sql);
            bind(ps, key);
            ps.setInt(3, key.jahr());
            ps.setShort(4, (short) key.monat());
            return upserted(ps.executeUpdate() == 1);
        });
    }

    /**
     * {@code INSERT ... ON CONFLICT ... DO UPDATE / DO SELECT ... RETURNING old.id AS old_id,
     * new.id, new.some_value} (PostgreSQL 18+): inserts, or locks and returns the existing row, in one
     * statement. {@code old.id} is NULL exactly when the row was inserted; the row's id and value
     * are then {@link #rowId()} and {@link #rowValue()}. True if it inserted. Counts as lock time.
     */
    public boolean upsertReturningOldNew(Connection c, String sql, RowKey key) throws SQLException {
        return send(SqlStep.INSERT, Waits.ON_LOCKS, () -> {
            PreparedStatement ps = statements.get(c, sql);
            bind(ps, key);
            try (ResultSet rs = ps.executeQuery()) {
                if (!rs.next()) {
                    throw new SQLException("INSERT ... RETURNING old, new of " + key + " returned no row");
                }
                rs.getLong(1);
                boolean inserted = rs.wasNull();
                state.row(rs.getLong(2), rs.getLong(3));
                return upserted(inserted);
            }
        });
    }

    /** An upsert that inserted the row raced; one that found it is not the first read of the row. */
    private boolean upserted(boolean inserted) {
        if (inserted) {
            ledger.inserted();
            state.firstRowRead(false);
        }
        return inserted;
    }

    /**
     * A lock function called with the key, e.g. {@code SELECT pg_advisory_xact_lock(?, ?)}; it
     * waits while another session holds the lock, so its time counts as lock time.
     */
    public void lockFunction(Connection c, String sql, RowKey key) throws SQLException {
        send(SqlStep.LOCK, Waits.ON_LOCKS, () -> exists(c, sql, key));
    }

    /**
     * A named lock function that answers 1 (got it), 0 (timed out) or NULL (error), e.g. MySQL's
     * {@code SELECT GET_LOCK(?, timeout)}, with the name as its only parameter; true if the lock was
     * granted. Counts as lock time.
     */
    public boolean namedLock(Connection c, String sql, String name) throws SQLException {
        return send(SqlStep.LOCK, Waits.ON_LOCKS, () -> {
            PreparedStatement ps = cache(c).get(c, sql);
            ps.setString(1, name);
            try (ResultSet rs = ps.executeQuery()) {
                rs.next();
                int granted = rs.getInt(1);
                if (rs.wasNull()) {
                    throw new SQLException("named lock " + name + " answered NULL (an error in the lock call)");
                }
                return granted == 1;
            }
        });
    }

    /** Releases a named lock, e.g. MySQL's {@code SELECT RELEASE_LOCK(?)}. */
    public void namedUnlock(Connection c, String sql, String name) throws SQLException {
        send(SqlStep.ROLLBACK, Waits.NO, () -> {
            PreparedStatement ps = cache(c).get(c, sql);
            ps.setString(1, name);
            ps.executeQuery().close();
            return null;
        });
    }

    /** Binds the parameters of one statement of a strategy file. */
    @FunctionalInterface
    public interface Binder {
        void bind(PreparedStatement ps) throws SQLException;
    }

    /** Reads what a strategy file captures from the first row of a query's result. */
    @FunctionalInterface
    public interface FirstRow {
        void read(ResultSet rs) throws SQLException;
    }

    /** What a write statement of a strategy file is to the checks. */
    public enum Write {
        /** An INSERT or upsert of the key's row: {@code 1} affected row inserted it. */
        INSERT,
        /** The UPDATE of the row's counter the file names ({@code counter:}). */
        COUNTER,
        /** Anything else (a statement the checks do not account). */
        OTHER,
        /**
         * A call of a lock function ({@code pg_advisory_xact_lock}, {@code GET_LOCK}): lock time, but
         * not a read of the key's row, so the row it returns does not decide {@link #raced()}.
         */
        LOCK_CALL
    }

    /**
     * One statement of a strategy file, as written: what it returned, a row count for a
     * {@code query} (a SELECT, or an {@code INSERT ... RETURNING}), the affected count for another
     * statement; {@code firstRow}
     * reads the first row of a result. Accounting: a query that returns rows is a read of the key's
     * row (for {@link #raced()}) unless a statement read it before; an {@link Write#INSERT} that
     * counts 1 inserted the key's row (raced, and pending in the ledger; {@code ambiguousOne}: 1
     * may also be an update, as PostgreSQL's {@code ON CONFLICT DO UPDATE} answers, so the insert
     * is of unknown outcome once committed); MySQL's {@code ON DUPLICATE KEY UPDATE} answers 2 for
     * an update and 0 for no change; a {@link Write#COUNTER} of at most one row is the counter
     * increment, and a counter that is an INSERT (its row written with the new value) also inserted
     * the key's row when it counts 1, as an {@link Write#INSERT} does; a {@link Write#LOCK_CALL}
     * is lock time and reads no row. A locking read or an INSERT can wait for another transaction: lock time.
     */
    public FileResult fileStatement(Connection c, SqlStep step, String sql, boolean query, Binder binder, Write write,
            boolean ambiguousOne, boolean generatedKeys, FirstRow firstRow) throws SQLException {
        return fileStatement(c, step, sql, query, binder, write, ambiguousOne, generatedKeys, firstRow,
                InsertedColumn.NONE);
    }

    /**
     * The column of an {@code INSERT ... RETURNING}'s row that says whether it inserted the key's row.
     *
     * @param position from 1; 0 is {@link #NONE}
     * @param says     how it says so
     */
    public record InsertedColumn(int position, Says says) {
        /** The statement has no such column. */
        public static final InsertedColumn NONE = new InsertedColumn(0, Says.WHEN_TRUE);

        /** How the column says that the statement inserted. */
        public enum Says {
            /** A boolean, true for an insert: PostgreSQL's {@code (xmax = 0)}. */
            WHEN_TRUE,
            /** NULL for an insert: PostgreSQL 18's {@code old.id}, there was no old row. */
            WHEN_NULL,
            /** Not NULL for an insert: the new id of an INSERT whose duplicate a function caught (Sequelize's). */
            WHEN_NOT_NULL
        }

        boolean inserted(ResultSet rs) throws SQLException {
            return switch (says) {
                case WHEN_TRUE -> rs.getBoolean(position);
                case WHEN_NULL -> rs.getObject(position) == null;
                case WHEN_NOT_NULL -> rs.getObject(position) != null;
            };
        }
    }

    /**
     * As {@link #fileStatement(Connection, SqlStep, String, boolean, Binder, Write, boolean, boolean, FirstRow)},
     * with {@code insertedColumn} the column of an {@code INSERT ... RETURNING}'s row that says
     * whether it inserted the key's row: the accounting takes it instead of the count, which
     * {@code ON CONFLICT DO UPDATE} makes 1 either way.
     */
    public FileResult fileStatement(Connection c, SqlStep step, String sql, boolean query, Binder binder, Write write,
            boolean ambiguousOne, boolean generatedKeys, FirstRow firstRow, InsertedColumn insertedColumn)
            throws SQLException {
        Waits waits = fileWaits(c, step, write);
        FileResult r = send(step, waits, () -> {
            PreparedStatement ps = cache(c).get(c, sql, generatedKeys);
            binder.bind(ps);
            if (!query) {
                int count = ps.executeUpdate();
                Long key = null;
                if (generatedKeys) {
                    try (ResultSet rs = ps.getGeneratedKeys()) {
                        key = rs.next() ? rs.getLong(1) : null;
                    }
                }
                return new FileResult(false, count, key, null);
            }
            // a read is executeQuery(); a write that returns rows (INSERT ... RETURNING) is execute(),
            // as Connector/J refuses executeQuery() for an INSERT even where MariaDB returns rows
            boolean read = step == SqlStep.SELECT || step == SqlStep.LOCK || step == SqlStep.LOCK_NOWAIT;
            if (!read && !ps.execute()) {
                return new FileResult(true, 0, null, null);
            }
            try (ResultSet rs = read ? ps.executeQuery() : ps.getResultSet()) {
                return rows(rs, firstRow, insertedColumn);
            }
        });
        account(r, step, write, ambiguousOne);
        return r;
    }

    /**
     * A statement of a strategy file with the key written into its text as literals ({@code {jahr}},
     * {@code {monat}}), no parameters: a function body takes none (Sequelize's PostgreSQL
     * {@code findOrCreate} wraps its INSERT in {@code CREATE FUNCTION ...; SELECT ... FROM the
     * function; DROP FUNCTION ...}). It is sent as text on a plain statement, as the built-in sends
     * it ({@link #insertRowCatching}); its answer is the first result that has rows (the SELECT's),
     * read and accounted as {@link #fileStatement} reads and accounts one.
     */
    public FileResult fileStatementInlined(Connection c, SqlStep step, String sql, Write write, FirstRow firstRow,
            InsertedColumn insertedColumn) throws SQLException {
        Waits waits = fileWaits(c, step, write);
        FileResult r = send(step, waits, () -> {
            FileResult answer = null;
            int count = 0;
            try (java.sql.Statement st = c.createStatement()) {
                for (boolean isResult = st.execute(sql); isResult || st.getUpdateCount() != -1;
                        isResult = st.getMoreResults()) {
                    if (!isResult) {
                        count = st.getUpdateCount();
                    } else if (answer == null) {
                        try (ResultSet rs = st.getResultSet()) {
                            answer = rows(rs, firstRow, insertedColumn);
                        }
                    }
                }
            }
            return answer != null ? answer : new FileResult(false, count, null, null);
        });
        account(r, step, write, false);
        return r;
    }

    /**
     * Before a strategy file's statement: a write must be the connection's first of the attempt's
     * kind ({@link #requireFirst}); returns whether the statement may wait for a lock.
     */
    private Waits fileWaits(Connection c, SqlStep step, Write write) {
        if (write != Write.OTHER && write != Write.LOCK_CALL) {
            requireFirst(c, "a write of the " + write.name().toLowerCase(java.util.Locale.ROOT));
        }
        return write == Write.INSERT || step == SqlStep.INSERT || step == SqlStep.LOCK
                || step == SqlStep.LOCK_NOWAIT ? Waits.ON_LOCKS : Waits.NO;
    }

    /** A strategy file's statement's rows: counted, the first read, and whether it says it inserted. */
    private static FileResult rows(ResultSet rs, FirstRow firstRow, InsertedColumn insertedColumn) throws SQLException {
        int rows = 0;
        Boolean inserted = null;
        while (rs.next()) {
            if (rows++ == 0) {
                firstRow.read(rs);
                if (insertedColumn.position() > 0) {
                    inserted = insertedColumn.inserted(rs);
                }
            }
        }
        return new FileResult(true, rows, null, inserted);
    }

    /** What a strategy file's statement made pending, and whether it read the key's row (see {@link #fileStatement}). */
    private void account(FileResult r, SqlStep step, Write write, boolean ambiguousOne) throws SQLException {
        if (write == Write.INSERT && r.inserted() != null) {
            upserted(r.inserted());
        } else if (write == Write.INSERT) {
            if (r.count() == 1) {
                if (ambiguousOne) {
                    ledger.insertedOrUpdated();
                } else {
                    upserted(true);
                }
            }
        } else if (write == Write.LOCK_CALL) {
            // the lock's answer (1, or a void) says nothing of the row
        } else if (write == Write.COUNTER && step == SqlStep.INSERT) {
            // an INSERT (or upsert) that writes the counter's new value: 1 inserted the row, with the
            // increment in it; MySQL's ON DUPLICATE KEY UPDATE answers 2 for an update, 0 for no change
            if (r.count() > 2) {
                throw new SQLException("the counter INSERT changed " + r.count() + " rows, expected at most 1");
            }
            if (r.count() == 1) {
                if (ambiguousOne) {
                    ledger.insertedOrUpdated();
                } else {
                    upserted(true);
                }
            }
            ledger.incremented();
        } else if (write == Write.COUNTER) {
            if (r.count() > 1) {
                throw new SQLException("the counter UPDATE changed " + r.count() + " rows, expected at most 1");
            }
            ledger.incremented();
        } else if (r.query()) {
            state.firstRowRead(r.count() > 0);
        }
    }

    /**
     * What a statement of a strategy file returned.
     *
     * @param query        whether it returned rows (a query, or a write with RETURNING)
     * @param count        the rows returned, or the affected count
     * @param generatedKey the key the server generated, when asked for and there was one; else null
     * @param inserted     what the returned row's inserted column said, when asked for and a row came; else null
     */
    public record FileResult(boolean query, int count, Long generatedKey, Boolean inserted) {
    }

    /**
     * A strategy file's counter step that is an {@code if} held: the increment the attempt meant,
     * with nothing written, as {@link #saveValueIfDirty} counts Eloquent's {@code save()} of a model
     * that is not dirty (the value it computed is the value it read: another session wrote it).
     */
    public void incrementedWithoutWrite() {
        ledger.incremented();
    }

    /**
     * A statement of a strategy file that runs in autocommit ({@code transaction: {begin: false}})
     * succeeded: the server committed it, with whatever it made pending.
     */
    public void autocommitted() {
        ledger.committed();
    }

    /**
     * The user's own code ({@code --strategy-class}) runs on {@code c} now: its statements are not
     * seen one by one, so the attempt is at {@link SqlStep#LOCK} for the classifier (a PostgreSQL
     * 55P03 is then a lock timeout, not NOWAIT) and its time is lock time, an upper bound.
     */
    public <T> T userCode(Call<T> code) throws SQLException {
        return send(SqlStep.LOCK, Waits.ON_LOCKS, code);
    }

    /**
     * What the user's code says it did, for the ledger: it inserted the key's row (and so raced for
     * it), and it incremented the counter; the COMMIT that follows makes both durable.
     */
    public void declared(boolean inserted, boolean incremented) {
        if (inserted) {
            upserted(true);
        }
        if (incremented) {
            ledger.incremented();
        }
    }

    /** A statement without parameters that is part of the transaction, e.g. SET TRANSACTION. */
    public void execute(Connection c, String sql) throws SQLException {
        send(SqlStep.SELECT, Waits.NO, () -> cache(c).get(c, sql).execute());
    }

    /** The attempt used up its retries and lets the last error through ("gave up after N"). */
    public void gaveUp() {
        state.gaveUp();
    }

    /** The try failed retryably and was rolled back; the attempt tries again. */
    public void retried() {
        state.retried();
    }

    public int retries() {
        return state.retries();
    }

    /** The "long computation" done while holding the lock ({@code --hold-ms}). */
    public void work() throws InterruptedException {
        if (holdNanos > 0) {
            Thread.sleep(holdNanos / 1_000_000, (int) (holdNanos % 1_000_000));
        }
    }

    /**
     * Commits. If the connection breaks during the COMMIT, the client cannot know whether the
     * server committed before the connection died (the COMMIT may have been applied and only its
     * answer lost): the pending insert and update are then marked as of unknown outcome, and the
     * checks accept exactly those either way.
     */
    public void commit(Connection c) throws SQLException {
        boolean accounted = c != second || c == null; // the second connection only read
        send(SqlStep.COMMIT, Waits.NO, () -> {
            try {
                c.commit();
            } catch (SQLException e) {
                if (accounted && classifier.classify(e, SqlStep.COMMIT) == Outcome.CONNECTION_LOST) {
                    ledger.commitLost();
                }
                throw e;
            }
            if (accounted) {
                ledger.committed();
            }
            return null;
        });
    }

    /**
     * Runs {@code sql} (SAVEPOINT, RELEASE, ROLLBACK TO) as the given step. Prepared like the other
     * statements, as pgbench {@code -M prepared} prepares every command of its script: both servers
     * accept these statements in the extended protocol / as server-side prepared statements.
     */
    public void savepointStatement(Connection c, String sql) throws SQLException {
        send(SqlStep.SAVEPOINT, Waits.NO, () -> cache(c).get(c, sql).execute());
    }

    /** Rolls back to a savepoint after a failed insert: the insert did not happen. */
    public void rollbackToSavepoint(Connection c, String sql) throws SQLException {
        requireFirst(c, "rollbackToSavepoint");
        savepointStatement(c, sql);
        ledger.insertRolledBack();
    }

    public void rollback(Connection c) throws SQLException {
        boolean accounted = c != second || c == null; // the second connection only read
        send(SqlStep.ROLLBACK, Waits.NO, () -> {
            if (accounted) {
                ledger.rolledBack();
            }
            c.rollback();
            return null;
        });
    }

    /**
     * Whether this attempt raced for its key: its first statement that reads or writes the key's
     * row found no row (a SELECT or FOR UPDATE that returned nothing, an INSERT or upsert that
     * inserted). The winner of a round raced too. A first statement that found the row, or an
     * INSERT that failed on a duplicate, is not counted: from the client it cannot be told whether
     * that row was committed before the attempt began, so where such waits happen (InnoDB's locking
     * reads, INSERT-first strategies) the count is a lower bound (docs/race.md).
     */
    public boolean raced() {
        return state.raced();
    }

    public Outcome classify(SQLException e) {
        return classifier.classify(e, state.step());
    }

    public boolean isUniqueViolation(SQLException e) {
        return classify(e) == Outcome.UNIQUE_VIOLATION;
    }

    /**
     * Any thread: odd while a statement of this attempt waits for the server's answer; it grows by
     * two with every statement sent (see the race's answer watchdog). Eventually consistent.
     */
    public long statementSeq() {
        return (long) STATEMENT_SEQ.getOpaque(this);
    }

    public SqlStep step() {
        return state.step();
    }

    public long lockNanos() {
        return state.lockNanos();
    }

    public boolean insertCommitted() {
        return state.insertCommitted();
    }

    public boolean incrementCommitted() {
        return state.incrementCommitted();
    }

    /**
     * Closes the statements prepared on the current connection (and on the second, if any); call
     * before the connections go back to the pool (HikariCP would close them anyway) or when it is discarded.
     */
    public void releaseStatements() throws SQLException {
        try {
            statements.close();
        } finally {
            secondStatements.close();
        }
    }

    private boolean exists(Connection c, String sql, RowKey key) throws SQLException {
        PreparedStatement ps = cache(c).get(c, sql);
        bind(ps, key);
        try (ResultSet rs = ps.executeQuery()) {
            return rs.next();
        }
    }

    private int executeUpdate(Connection c, String sql, RowKey key) throws SQLException {
        PreparedStatement ps = cache(c).get(c, sql);
        bind(ps, key);
        return ps.executeUpdate();
    }

    private static void bindRow(PreparedStatement ps, List<RowColumn> columns, RowKey key, long id, long value)
            throws SQLException {
        for (int i = 0; i < columns.size(); i++) {
            switch (columns.get(i)) {
                case ID -> ps.setLong(i + 1, id);
                case JAHR -> ps.setInt(i + 1, key.jahr());
                case MONAT -> ps.setShort(i + 1, (short) key.monat());
                case SOME_VALUE -> ps.setLong(i + 1, value);
            }
        }
    }

    private static void bind(PreparedStatement ps, RowKey key) throws SQLException {
        ps.setInt(1, key.jahr());
        ps.setShort(2, (short) key.monat());
    }
}
