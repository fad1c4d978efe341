package org.lockdemo.strategy;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
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
 * it per attempt; its state is used by that worker's thread only.
 */
public final class Attempt {
    /** One JDBC call of a verb. */
    @FunctionalInterface
    private interface Call<T> {
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
    private final AttemptState state = new AttemptState();
    private final CommitLedger ledger = state.ledger();

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
        if (waits == Waits.NO) {
            return call.run();
        }
        long t0 = System.nanoTime();
        try {
            return call.run();
        } finally {
            state.addLockNanos(System.nanoTime() - t0);
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
        send(SqlStep.INSERT, Waits.ON_LOCKS, () -> {
            executeUpdate(c, sql, key);
            ledger.inserted();
            return state.firstRowRead(false);
        });
    }

    /** {@code UPDATE} of the counter, under the row lock this transaction holds. */
    public void increment(Connection c, String sql, RowKey key) throws SQLException {
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
        send(SqlStep.INSERT, Waits.ON_LOCKS, () -> {
            PreparedStatement ps = statements.get(c, sql, !returning);
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
     * {@code UPDATE t SET some_value = ? WHERE id = ?}: writes the value the client computed, as
     * {@code save(update_fields={'some_value'})}. Under the row lock it is exact; without one it can
     * lose a concurrent update (the checks count that).
     */
    public void saveValue(Connection c, String sql, long id, long value) throws SQLException {
        int n = send(SqlStep.UPDATE, Waits.NO, () -> {
            PreparedStatement ps = statements.get(c, sql);
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
        int n = send(SqlStep.UPDATE, Waits.NO, () -> {
            PreparedStatement ps = statements.get(c, sql);
            ps.setInt(1, key.jahr());
            ps.setShort(2, (short) key.monat());
            ps.setLong(3, value);
            ps.setLong(4, id);
            return ps.executeUpdate();
        });
        updated(n, id);
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
        PreparedStatement ps = statements.get(c, sql);
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
     * NOTHING} / {@code ON DUPLICATE KEY UPDATE}. True if it inserted the row. It can wait on a
     * concurrent insert of the same key, so its time counts as lock time.
     */
    public boolean upsert(Connection c, String sql, RowKey key) throws SQLException {
        return send(SqlStep.INSERT, Waits.ON_LOCKS, () -> upserted(executeUpdate(c, sql, key) == 1));
    }

    /**
     * {@code INSERT ... ON CONFLICT ... DO UPDATE ... RETURNING (xmax = 0)}: inserts or locks the
     * row in one statement; true if it inserted. Counts as lock time.
     */
    public boolean upsertReturningInserted(Connection c, String sql, RowKey key) throws SQLException {
        return send(SqlStep.INSERT, Waits.ON_LOCKS, () -> {
            PreparedStatement ps = statements.get(c, sql);
            bind(ps, key);
            try (ResultSet rs = ps.executeQuery()) {
                if (!rs.next()) {
                    throw new SQLException("INSERT ... RETURNING of " + key + " returned no row");
                }
                return upserted(rs.getBoolean(1));
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
            PreparedStatement ps = statements.get(c, sql);
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
            PreparedStatement ps = statements.get(c, sql);
            ps.setString(1, name);
            ps.executeQuery().close();
            return null;
        });
    }

    /** A statement without parameters that is part of the transaction, e.g. SET TRANSACTION. */
    public void execute(Connection c, String sql) throws SQLException {
        send(SqlStep.SELECT, Waits.NO, () -> statements.get(c, sql).execute());
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
        send(SqlStep.COMMIT, Waits.NO, () -> {
            try {
                c.commit();
            } catch (SQLException e) {
                if (classifier.classify(e, SqlStep.COMMIT) == Outcome.CONNECTION_LOST) {
                    ledger.commitLost();
                }
                throw e;
            }
            ledger.committed();
            return null;
        });
    }

    /**
     * Runs {@code sql} (SAVEPOINT, RELEASE, ROLLBACK TO) as the given step. Prepared like the other
     * statements, as pgbench {@code -M prepared} prepares every command of its script: both servers
     * accept these statements in the extended protocol / as server-side prepared statements.
     */
    public void savepointStatement(Connection c, String sql) throws SQLException {
        send(SqlStep.SAVEPOINT, Waits.NO, () -> statements.get(c, sql).execute());
    }

    /** Rolls back to a savepoint after a failed insert: the insert did not happen. */
    public void rollbackToSavepoint(Connection c, String sql) throws SQLException {
        savepointStatement(c, sql);
        ledger.insertRolledBack();
    }

    public void rollback(Connection c) throws SQLException {
        send(SqlStep.ROLLBACK, Waits.NO, () -> {
            ledger.rolledBack();
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
     * Closes the statements prepared on the current connection; call before the connection goes
     * back to the pool (HikariCP would close them anyway) or when it is discarded.
     */
    public void releaseStatements() throws SQLException {
        statements.close();
    }

    private boolean exists(Connection c, String sql, RowKey key) throws SQLException {
        PreparedStatement ps = statements.get(c, sql);
        bind(ps, key);
        try (ResultSet rs = ps.executeQuery()) {
            return rs.next();
        }
    }

    private int executeUpdate(Connection c, String sql, RowKey key) throws SQLException {
        PreparedStatement ps = statements.get(c, sql);
        bind(ps, key);
        return ps.executeUpdate();
    }

    private static void bind(PreparedStatement ps, RowKey key) throws SQLException {
        ps.setInt(1, key.jahr());
        ps.setShort(2, (short) key.monat());
    }
}
