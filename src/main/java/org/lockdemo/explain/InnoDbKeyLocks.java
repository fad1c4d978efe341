package org.lockdemo.explain;

import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.lockdemo.db.DatabaseSetupException;
import org.lockdemo.db.DatabaseTarget;
import org.lockdemo.db.Dialect;

/**
 * The key's locks on InnoDB (MariaDB; MySQL 8 by the same monitor format, untested here) from
 * the TRANSACTIONS section of {@code SHOW ENGINE INNODB STATUS}, read on each node's observer
 * (a lock exists only on its node). {@code information_schema.INNODB_LOCKS} lists only locks
 * that someone waits for, so the S lock a failed duplicate check leaves, or a gap lock nobody has
 * bumped into yet, would not show; the monitor lists every record lock of every transaction when
 * the global {@code innodb_status_output_locks} is ON. This reader turns it on if it is off and
 * puts it back in {@link #close()}. Both need the PROCESS privilege (SHOW ENGINE INNODB STATUS)
 * and SUPER (MySQL 8: SYSTEM_VARIABLES_ADMIN) for SET GLOBAL; a missing one is reported once, up front.
 *
 * <p>What it cannot show: an uncommitted INSERT's lock on its new record is implicit (the record
 * carries the inserting transaction's id) until another transaction has to wait for it, when
 * InnoDB makes it an explicit {@code X,REC_NOT_GAP} lock; the table-level IX/IS locks every
 * statement takes are left out. Waits-for comes from {@link SessionLockView} (INNODB_LOCK_WAITS).
 *
 * <p>Not thread-safe: the interpreter's thread, which owns the observers.
 */
final class InnoDbKeyLocks implements KeyLockReader {
    static final String STATUS_SQL = "SHOW ENGINE INNODB STATUS";
    static final String SETTING = "innodb_status_output_locks";

    private final Dialect dialect;
    private final List<DatabaseTarget> nodes;
    private final List<Connection> observers;
    /** Per node: thread id to session name. */
    private final List<Map<Long, String>> names;
    private final List<String> order;
    private final String table;
    private final SessionLockView waits;
    /** Per node: whether this reader turned the setting on, so close() turns it off again. */
    private final boolean[] turnedOn;

    private InnoDbKeyLocks(Dialect dialect, List<DatabaseTarget> nodes, List<Connection> observers,
            List<Map<Long, String>> names, List<String> order, String table, SessionLockView waits) {
        this.dialect = dialect;
        this.nodes = nodes;
        this.observers = observers;
        this.names = names;
        this.order = order;
        this.table = table;
        this.waits = waits;
        this.turnedOn = new boolean[observers.size()];
    }

    /**
     * Checks the monitor can be read on every node and turns {@code innodb_status_output_locks} on.
     *
     * @throws DatabaseSetupException naming the statement and the privilege it needs
     */
    static InnoDbKeyLocks open(Dialect dialect, List<DatabaseTarget> nodes, List<Connection> observers,
            Iterable<Session> sessions, List<String> order, String table, SessionLockView waits)
            throws DatabaseSetupException {
        List<Map<Long, String>> names = new ArrayList<>();
        observers.forEach(o -> names.add(new HashMap<>()));
        sessions.forEach(s -> names.get(s.node() - 1).put(s.serverId(), s.name()));
        InnoDbKeyLocks r = new InnoDbKeyLocks(dialect, List.copyOf(nodes), List.copyOf(observers), names, order, table,
                waits);
        try {
            for (int i = 0; i < observers.size(); i++) {
                r.turnOn(i);
            }
        } catch (DatabaseSetupException | RuntimeException e) {
            try {
                r.close();
            } catch (DatabaseSetupException closeFailed) {
                e.addSuppressed(closeFailed);
            }
            throw e;
        }
        return r;
    }

    private void turnOn(int node) throws DatabaseSetupException {
        Connection c = observers.get(node);
        try {
            status(c);
        } catch (SQLException e) {
            throw new DatabaseSetupException("--locks reads " + STATUS_SQL + " on node " + (node + 1) + " ("
                    + nodes.get(node).redactedUrl() + "), which needs the PROCESS privilege: " + firstLine(e), e);
        }
        try (Statement s = c.createStatement(); ResultSet rs = s.executeQuery("SELECT @@GLOBAL." + SETTING)) {
            rs.next();
            if (rs.getBoolean(1)) {
                return;
            }
            s.execute("SET GLOBAL " + SETTING + " = ON");
            turnedOn[node] = true;
        } catch (SQLException e) {
            throw new DatabaseSetupException("--locks sets the global " + SETTING + " = ON on node " + (node + 1) + " ("
                    + nodes.get(node).redactedUrl() + ") for " + STATUS_SQL + " to list held locks, which needs the "
                    + "SUPER privilege (MySQL 8: SYSTEM_VARIABLES_ADMIN): " + firstLine(e), e);
        }
    }

    @Override
    public LockSnapshot read(int atStep) throws DatabaseSetupException {
        List<LockEntry> entries = new ArrayList<>();
        Map<String, List<String>> waitsFor = null;
        for (int i = 0; i < observers.size(); i++) {
            if (names.get(i).isEmpty()) {
                continue;
            }
            List<InnoDbMonitorText.RecordLock> locks;
            try {
                locks = InnoDbMonitorText.recordLocks(clusterStatus(observers.get(i)), table);
            } catch (SQLException e) {
                throw new DatabaseSetupException(dialect.explainSetupFailure(e, nodes.get(i), "read " + STATUS_SQL), e);
            }
            for (InnoDbMonitorText.RecordLock l : locks) {
                String session = names.get(i).get(l.threadId());
                if (session == null) {
                    continue; // another client's transaction on lockdemo's table cannot be: the table is this run's
                }
                if (l.waiting() && waitsFor == null) {
                    waitsFor = waits.waitsFor();
                }
                List<String> holders = l.waiting() ? waitsFor.getOrDefault(session, List.of()) : List.of();
                // on a cluster, say whose node's monitor showed it: a lock exists only on its node
                entries.add(entry(session, l, holders, observers.size() > 1 ? " on node " + (i + 1) : ""));
            }
        }
        entries.sort(Comparator.comparing((LockEntry e) -> e.status()).thenComparing(e -> order.indexOf(e.session()))
                .thenComparing(LockEntry::object).thenComparing(LockEntry::mode));
        return new LockSnapshot(atStep, dedupe(entries));
    }

    private static LockEntry entry(String session, InnoDbMonitorText.RecordLock l, List<String> holders, String where) {
        String mode = InnoDbLockWords.mode(l.phrase());
        String object = InnoDbLockWords.object(mode, InnoDbLockWords.record(l.index(), l.record()));
        String terms = "INNODB STATUS" + where + ": index " + l.index() + " " + l.phrase() + (l.waiting() ? " waiting" : "");
        return new LockEntry(session, l.waiting() ? LockEntry.Status.WAITING : LockEntry.Status.HELD, object, mode, terms,
                InnoDbLockWords.plainWords(session, l.waiting(), mode, object, holders), holders);
    }

    /** A transaction may hold the same lock in two lock structs (e.g. before and after a savepoint). */
    private static List<LockEntry> dedupe(List<LockEntry> entries) {
        return entries.stream().distinct().toList();
    }

    /** The LATEST DETECTED DEADLOCK section of the first node whose latest deadlock is between this run's sessions. */
    @Override
    public String deadlockReport(StepResult victim) throws DatabaseSetupException {
        for (int i = 0; i < observers.size(); i++) {
            String status;
            try {
                status = clusterStatus(observers.get(i));
            } catch (SQLException e) {
                throw new DatabaseSetupException(dialect.explainSetupFailure(e, nodes.get(i), "read " + STATUS_SQL), e);
            }
            Map<Long, String> node = names.get(i);
            Optional<String> report = InnoDbMonitorText.latestDeadlock(status).flatMap(section ->
                    InnoDbMonitorText.trimDeadlock(section, node, table, ExplainRunner.DISPLAY_TABLE,
                            InnoDbLockWords::record));
            if (report.isPresent()) {
                return report.get();
            }
        }
        return "";
    }

    @Override
    public void close() throws DatabaseSetupException {
        DatabaseSetupException first = null;
        for (int i = 0; i < observers.size(); i++) {
            if (!turnedOn[i]) {
                continue;
            }
            try (Statement s = observers.get(i).createStatement()) {
                s.execute("SET GLOBAL " + SETTING + " = OFF");
                turnedOn[i] = false;
            } catch (SQLException e) {
                if (first == null) {
                    first = new DatabaseSetupException("could not put the global " + SETTING + " back to OFF on node "
                            + (i + 1) + " (" + nodes.get(i).redactedUrl() + "): " + firstLine(e), e);
                }
            }
        }
        if (first != null) {
            throw first;
        }
    }

    /**
     * On a cluster, the monitor read as a causal read (wsrep_sync_wait covers SHOW): the node has
     * first applied every write set committed before it, so a local transaction that such a write
     * set aborted has let go of its locks, the same on every run. On one server, a plain read.
     */
    private String clusterStatus(Connection c) throws SQLException {
        return observers.size() > 1 ? GaleraNodes.syncedRead(c, InnoDbKeyLocks::status) : status(c);
    }

    private static String status(Connection c) throws SQLException {
        try (Statement s = c.createStatement(); ResultSet rs = s.executeQuery(STATUS_SQL)) {
            return rs.next() ? rs.getString("Status") : "";
        }
    }

    private static String firstLine(SQLException e) {
        String m = String.valueOf(e.getMessage());
        int nl = m.indexOf('\n');
        return (nl < 0 ? m : m.substring(0, nl)).trim();
    }
}
