package org.lockdemo.db;

import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Blocked sessions from InnoDB's own lock-wait tables, chosen per poll by the product the observer
 * connection is talking to (known from the handshake, so choosing costs no round trip).
 *
 * <ul>
 *   <li>MariaDB: {@code information_schema.INNODB_LOCK_WAITS} joined twice to {@code INNODB_TRX} for
 *       the waiting and the blocking connection ids ({@code trx_mysql_thread_id}). Needs the PROCESS
 *       privilege. These tables are served from a cache that InnoDB refreshes only when it has not
 *       been read for 0.1 s ({@code CACHE_MIN_IDLE_TIME_US} in {@code trx0i_s.cc}): polled every
 *       millisecond, the view never changes (seen here on 10.11: a 2 s wait was never reported). So
 *       each poll first idles the session for a little more than that, and the view is read at most
 *       about 8 times a second. Any other client reading those tables at the same time freezes it too.
 *   <li>MySQL 8: {@code performance_schema.data_lock_waits} joined twice to
 *       {@code performance_schema.threads} for the {@code PROCESSLIST_ID}s. Read live, no cache.
 *       Needs SELECT on performance_schema, which is on by default.
 * </ul>
 *
 * Stateless; the caller owns the connection and calls from one thread.
 */
final class MySqlLockView implements LockView {

    /** Longer than InnoDB's 0.1 s cache idle time, so every read finds the cache refreshable. */
    static final String MARIADB_CACHE_PAUSE = "DO SLEEP(0.11)";

    static final String MARIADB_SQL = "SELECT r.trx_mysql_thread_id, b.trx_mysql_thread_id"
            + " FROM information_schema.INNODB_LOCK_WAITS w"
            + " JOIN information_schema.INNODB_TRX r ON r.trx_id = w.requesting_trx_id"
            + " JOIN information_schema.INNODB_TRX b ON b.trx_id = w.blocking_trx_id"
            + " WHERE r.trx_mysql_thread_id <> CONNECTION_ID()";

    static final String MYSQL_SQL = "SELECT rt.PROCESSLIST_ID, bt.PROCESSLIST_ID"
            + " FROM performance_schema.data_lock_waits w"
            + " JOIN performance_schema.threads rt ON rt.THREAD_ID = w.REQUESTING_THREAD_ID"
            + " JOIN performance_schema.threads bt ON bt.THREAD_ID = w.BLOCKING_THREAD_ID"
            + " WHERE rt.PROCESSLIST_ID <> CONNECTION_ID()";

    @Override
    public List<BlockedSession> blockedSessions(Connection observer) throws SQLException {
        boolean mariaDb = MySqlDialect.isMariaDb(observer);
        // one row per (waiter, blocker) pair: a waiter behind several holders appears several times
        Map<Long, List<Long>> blockersByWaiter = new LinkedHashMap<>();
        try (Statement s = observer.createStatement()) {
            if (mariaDb) {
                s.execute(MARIADB_CACHE_PAUSE);
            }
            try (ResultSet rs = s.executeQuery(mariaDb ? MARIADB_SQL : MYSQL_SQL)) {
                while (rs.next()) {
                    List<Long> blockers = blockersByWaiter.computeIfAbsent(rs.getLong(1), k -> new ArrayList<>());
                    long blocker = rs.getLong(2);
                    if (!rs.wasNull() && !blockers.contains(blocker)) {
                        blockers.add(blocker);
                    }
                }
            }
        }
        List<BlockedSession> out = new ArrayList<>(blockersByWaiter.size());
        blockersByWaiter.forEach((waiter, blockers) ->
                out.add(new BlockedSession(waiter, blockers.stream().mapToLong(Long::longValue).toArray())));
        return out;
    }

    @Override
    public String method() {
        return "MariaDB: information_schema.INNODB_LOCK_WAITS joined to INNODB_TRX, polled at most every ~0.11 s "
                + "because InnoDB refreshes that cache only after 0.1 s without readers (faster polling freezes it); "
                + "MySQL 8: performance_schema.data_lock_waits joined to performance_schema.threads, polled live. "
                + "An attempt counts as blocked if seen waiting at least once, so waits shorter than the polling "
                + "interval are missed: a lower bound, never an overcount (on MariaDB, provided no other client "
                + "reads those tables meanwhile and keeps the cache from refreshing)";
    }
}
