package org.lockdemo.record;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import org.lockdemo.db.Connections;
import org.lockdemo.db.DatabaseTarget;
import org.lockdemo.db.Dialect;
import org.lockdemo.model.Outcome;
import org.lockdemo.model.RowKey;
import org.lockdemo.strategy.Attempt;
import org.lockdemo.strategy.GetOrCreate;

/**
 * Runs a strategy once per path on a real database and records what it sent on each: found (the
 * key's row committed before the attempt), created (no row), and conflict (another session inserts
 * the key and holds its transaction open; when the server shows the attempt waiting for it, the
 * other session commits, so the attempt meets the committed duplicate or the row). Each path has a
 * key of its own. No sleeps: the wait is seen in the server's lock tables. Used by one thread.
 */
final class PathRecorder {
    /** The paths, in the order they are run and printed. */
    enum Path {
        FOUND("found", new RowKey(2016, 10)), CREATED("created", new RowKey(2016, 11)),
        CONFLICT("conflict", new RowKey(2016, 12));

        final String id;
        final RowKey key;

        Path(String id, RowKey key) {
            this.id = id;
            this.key = key;
        }
    }

    /**
     * What one path sent and how it ended.
     *
     * @param note what happened on the way, e.g. that the conflict could not be made; empty if nothing
     */
    record Recorded(Transcript transcript, Outcome outcome, String note) {
    }

    private static final Duration WAIT_BOUND = Duration.ofSeconds(10);

    private final DatabaseTarget target;
    private final Dialect dialect;
    private final String table;

    PathRecorder(DatabaseTarget target, Dialect dialect, String table) {
        this.target = target;
        this.dialect = dialect;
        this.table = table;
    }

    Map<Path, Recorded> record(GetOrCreate strategy) throws SQLException, InterruptedException {
        Map<Path, Recorded> out = new LinkedHashMap<>();
        for (Path p : Path.values()) {
            out.put(p, one(strategy, p));
        }
        return out;
    }

    private Recorded one(GetOrCreate strategy, Path p) throws SQLException, InterruptedException {
        try (Connection real = Connections.open(target, dialect); Connection other = Connections.open(target, dialect);
                Connection watcher = Connections.open(target, dialect)) {
            watcher.setAutoCommit(true); // reads the lock tables afresh each time, outside any transaction
            real.setAutoCommit(false);
            other.setAutoCommit(false);
            if (p == Path.FOUND) {
                insert(other, p.key);
                other.commit();
            }
            Transcript t = new Transcript();
            Connection recorded = RecordingJdbc.wrap(real, t);
            Attempt a = new Attempt(dialect.classifier(), 0);
            if (p != Path.CONFLICT) {
                return new Recorded(t, drive(strategy, recorded, p.key, a), "");
            }
            insert(other, p.key); // uncommitted: the attempt will meet it
            long session = dialect.sessionId(real);
            ExecutorService thread = Executors.newSingleThreadExecutor(r -> new Thread(r, "lockdemo-record"));
            try {
                Future<Outcome> attempt = thread.submit(() -> drive(strategy, recorded, p.key, a));
                String note = "";
                if (!waitsOnALock(watcher, session, attempt)) {
                    note = "the attempt ended without waiting for the other session's uncommitted row";
                }
                other.commit();
                try {
                    return new Recorded(t, attempt.get(WAIT_BOUND.toMillis(), TimeUnit.MILLISECONDS), note);
                } catch (ExecutionException e) {
                    throw new SQLException("the recorded attempt failed: " + e.getCause(), e.getCause());
                } catch (TimeoutException e) {
                    attempt.cancel(true);
                    throw new SQLException("the recorded attempt did not end within " + WAIT_BOUND.toSeconds() + " s");
                }
            } finally {
                thread.shutdownNow();
            }
        }
    }

    /** One attempt as the race's worker runs it: a failure outcome or an exception is rolled back. */
    private static Outcome drive(GetOrCreate strategy, Connection c, RowKey key, Attempt a) throws InterruptedException {
        a.reset();
        try {
            Outcome o = strategy.attempt(c, key, a);
            if (!o.isSuccess()) {
                a.rollback(c);
            }
            return o;
        } catch (SQLException e) {
            try {
                a.rollback(c);
            } catch (SQLException ignored) {
                e.addSuppressed(ignored);
            }
            return a.classify(e);
        }
    }

    private void insert(Connection c, RowKey key) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement("INSERT INTO " + table + " (jahr, monat, some_value) VALUES (?, ?, 0)")) {
            ps.setInt(1, key.jahr());
            ps.setShort(2, (short) key.monat());
            ps.executeUpdate();
        }
    }

    /**
     * Polls the server's lock tables (on {@code observer}, a third session in autocommit) until the attempt's session waits for a lock, or the attempt ends, or
     * the bound passes. True when it was seen waiting.
     */
    private boolean waitsOnALock(Connection observer, long session, Future<Outcome> attempt) throws SQLException,
            InterruptedException {
        // MariaDB reads a row found by its unique key while it plans the statement (state "Statistics"),
        // and a lock wait there is not in INNODB_TRX yet: a statement of the session that has run for
        // 200 ms or more, while the other session holds the row, is that wait too
        String sql = dialect.id().equals("postgresql")
                ? "SELECT count(*) FROM pg_locks WHERE pid = ? AND NOT granted"
                : "SELECT count(*) FROM information_schema.processlist p LEFT JOIN information_schema.innodb_trx t "
                        + "ON t.trx_mysql_thread_id = p.id WHERE p.id = ? AND (t.trx_state = 'LOCK WAIT' "
                        + "OR p.command = 'Query' AND p.time_ms >= 200)";
        long deadline = System.nanoTime() + WAIT_BOUND.toNanos();
        try (PreparedStatement ps = observer.prepareStatement(sql)) {
            ps.setLong(1, session);
            while (System.nanoTime() < deadline && !attempt.isDone()) {
                try (ResultSet rs = ps.executeQuery()) {
                    if (rs.next() && rs.getLong(1) > 0) {
                        return true;
                    }
                }
                Thread.onSpinWait();
            }
        }
        return false;
    }
}
