package org.lockdemo.explain;

import java.sql.Array;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.lockdemo.db.DatabaseSetupException;
import org.lockdemo.db.DatabaseTarget;
import org.lockdemo.db.Dialect;
import org.lockdemo.model.RowKey;

/**
 * The key's locks on PostgreSQL, read on the observer connection. From {@code pg_locks}, for the
 * scenario's backends only: each transaction's lock on its own transaction id (ExclusiveLock, held
 * from its first write or row lock to its end), a wait for another's (ShareLock, not granted: the
 * row or index entry it needs was written by that uncommitted transaction), the tuple locks that
 * queue sessions for one row's lock, and the two-key advisory lock on (jahr, monat). The
 * relation-level locks every statement takes (AccessShareLock, RowShareLock, RowExclusiveLock) are
 * left out. A row lock that is held (FOR UPDATE, FOR SHARE, an UPDATE) is not in {@code pg_locks}:
 * it is written in the row's header; it is read with the {@code pgrowlocks} extension when it is
 * installed in the database (the mode and the lockers), else from the row's {@code xmax} matched
 * to a session's transaction id (that the session locked or changed the row, without the mode;
 * several sharers, a MultiXact, are not resolved). Only row versions the observer can see are
 * read: another session's uncommitted new row is invisible, only its waiters show.
 *
 * <p>Not thread-safe: the interpreter's thread, which owns the observer.
 */
final class PostgresKeyLocks implements KeyLockReader {
    private static final String LOCKS_SQL = "SELECT l.locktype, l.mode, l.granted, l.pid, l.transactionid::text,"
            + " l.page, l.tuple, a.backend_xid::text FROM pg_locks l LEFT JOIN pg_stat_activity a ON a.pid = l.pid"
            + " WHERE l.pid = ANY(?) AND (l.locktype = 'transactionid'"
            + " OR (l.locktype = 'tuple' AND l.relation = ?::regclass)"
            + " OR (l.locktype = 'advisory' AND l.classid = ? AND l.objid = ? AND l.objsubid = 2))"
            + " ORDER BY l.granted DESC, l.locktype, l.pid";

    private final Dialect dialect;
    private final DatabaseTarget target;
    private final Connection observer;
    private final Map<Long, String> names;
    private final List<String> order;
    private final String table;
    private final RowKey key;
    private final SessionLockView waits;
    /** The schema pgrowlocks is installed in, if it is. */
    private final Optional<String> pgrowlocks;
    /** Every transaction id seen held by a session, to name the transactions of a deadlock's DETAIL. */
    private final Map<String, String> xidOwners = new HashMap<>();

    private PostgresKeyLocks(Dialect dialect, DatabaseTarget target, Connection observer, Map<Long, String> names,
            List<String> order, String table, RowKey key, SessionLockView waits, Optional<String> pgrowlocks) {
        this.dialect = dialect;
        this.target = target;
        this.observer = observer;
        this.names = names;
        this.order = order;
        this.table = table;
        this.key = key;
        this.waits = waits;
        this.pgrowlocks = pgrowlocks;
    }

    static PostgresKeyLocks open(Dialect dialect, DatabaseTarget target, Connection observer, Iterable<Session> sessions,
            List<String> order, String table, RowKey key, SessionLockView waits) throws DatabaseSetupException {
        Map<Long, String> names = new HashMap<>();
        sessions.forEach(s -> names.put(s.serverId(), s.name()));
        Optional<String> schema;
        try (PreparedStatement ps = observer.prepareStatement("SELECT n.nspname FROM pg_extension e"
                + " JOIN pg_namespace n ON n.oid = e.extnamespace WHERE e.extname = 'pgrowlocks'");
                ResultSet rs = ps.executeQuery()) {
            schema = rs.next() ? Optional.of(rs.getString(1)) : Optional.empty();
        } catch (SQLException e) {
            throw new DatabaseSetupException(dialect.explainSetupFailure(e, target, "read pg_extension"), e);
        }
        return new PostgresKeyLocks(dialect, target, observer, names, order, table, key, waits, schema);
    }

    @Override
    public LockSnapshot read(int atStep) throws DatabaseSetupException {
        try {
            List<String> ctids = ctids();
            List<Row> rows = lockRows();
            Map<String, List<String>> waitsFor = rows.stream().anyMatch(r -> !r.granted) ? waits.waitsFor() : Map.of();
            List<LockEntry> entries = new ArrayList<>();
            Map<String, String> owners = new HashMap<>();
            for (Row r : rows) {
                if (r.locktype.equals("transactionid") && r.granted && r.mode.equals("ExclusiveLock")) {
                    owners.put(r.xid, r.session);
                }
            }
            xidOwners.putAll(owners);
            for (Row r : rows) {
                entries.add(entry(r, ctids, waitsFor.getOrDefault(r.session, List.of())));
            }
            entries.addAll(pgrowlocks.isPresent() ? rowLocks(pgrowlocks.get(), owners) : xmaxLocks(owners));
            entries.sort(Comparator.comparing((LockEntry e) -> e.status()).thenComparing(e -> order.indexOf(e.session()))
                .thenComparing(LockEntry::object).thenComparing(LockEntry::mode));
            return new LockSnapshot(atStep, entries);
        } catch (SQLException e) {
            throw new DatabaseSetupException(dialect.explainSetupFailure(e, target, "read pg_locks"), e);
        }
    }

    /** One pg_locks row; {@code topXid} is the backend's top-level transaction id (pg_stat_activity.backend_xid). */
    private record Row(String locktype, String mode, boolean granted, String session, String xid, String tuple,
            String topXid) {
    }

    private List<Row> lockRows() throws SQLException {
        List<Row> rows = new ArrayList<>();
        try (PreparedStatement ps = observer.prepareStatement(LOCKS_SQL)) {
            Array pids = observer.createArrayOf("int4", names.keySet().stream().map(Long::intValue).toArray());
            ps.setArray(1, pids);
            ps.setString(2, table);
            ps.setLong(3, key.jahr());
            ps.setLong(4, key.monat());
            try (ResultSet rs = ps.executeQuery()) {
                while (rs.next()) {
                    rows.add(new Row(rs.getString(1), rs.getString(2), rs.getBoolean(3), names.get((long) rs.getInt(4)),
                            rs.getString(5), rs.getObject(6) == null ? null : "(" + rs.getInt(6) + "," + rs.getInt(7) + ")",
                            rs.getString(8)));
                }
            }
        }
        return rows;
    }

    private LockEntry entry(Row r, List<String> ctids, List<String> holders) {
        LockEntry.Status status = r.granted ? LockEntry.Status.HELD : LockEntry.Status.WAITING;
        String terms = "pg_locks: " + r.locktype + (r.tuple != null ? " " + r.tuple : "") + " " + r.mode + " granted="
                + r.granted;
        String s = r.session;
        return switch (r.locktype) {
            case "transactionid" -> {
                String owner = xidOwners.getOrDefault(r.xid, "another");
                boolean own = owner.equals(s);
                boolean sub = own && !r.xid.equals(r.topXid);
                String object = sub ? s + "'s subtransaction id (its savepoint)" : own ? s + "'s own transaction id"
                        : owner + "'s transaction id";
                String words = sub ? "A savepoint's writes have their own transaction id, held until the savepoint is "
                        + "rolled back or the transaction ends"
                        : own ? s + " has written or locked rows, so it has a transaction id; it holds this lock until it "
                        + "ends, and a session that must wait for " + s + " queues on it"
                        : r.granted ? s + " holds a share of " + owner + "'s transaction id lock"
                        : s + " waits for " + owner + "'s transaction to end: " + owner + " wrote what " + s + " needs "
                                + "(an uncommitted index entry of the same key, or a row it locked or changed), and "
                                + "only its commit or rollback tells whether " + s + " may go on";
                yield new LockEntry(s, status, object, r.mode, terms + (own ? "" : " (on " + owner + "'s xid)"), words,
                        r.granted ? List.of() : holders.isEmpty() && !own ? List.of(owner) : holders);
            }
            case "tuple" -> {
                String object = ctids.contains(r.tuple) ? "row " + key : "a version of row " + key;
                String words = r.mode.equals("SIReadLock") ? "A SERIALIZABLE predicate lock: " + s + " read this row. "
                        + "It blocks no one; PostgreSQL keeps it to detect a read/write dependency that could make the "
                        + "schedule unserializable (then 40001)"
                        : r.granted ? s + " is first in the queue for " + object + ": it holds the tuple lock while "
                        + "it waits for the row's current locker to end"
                        : s + " waits in the queue for " + object + "'s lock, behind the session that holds the tuple lock";
                yield new LockEntry(s, status, object, r.mode, terms, words, r.granted ? List.of() : holders);
            }
            default -> {
                String object = "advisory lock " + key;
                String words = r.granted ? s + " holds the advisory lock on the key until its transaction ends"
                        : s + " waits for the advisory lock on the key";
                yield new LockEntry(s, status, object, r.mode, terms, words, r.granted ? List.of() : holders);
            }
        };
    }

    /** The ctids of the key's row versions the observer sees, as {@code (page,tuple)}. */
    private List<String> ctids() throws SQLException {
        List<String> out = new ArrayList<>();
        try (PreparedStatement ps = observer.prepareStatement("SELECT ctid::text FROM " + table
                + " WHERE jahr = ? AND monat = ?")) {
            ps.setInt(1, key.jahr());
            ps.setShort(2, (short) key.monat());
            try (ResultSet rs = ps.executeQuery()) {
                while (rs.next()) {
                    out.add(rs.getString(1));
                }
            }
        }
        return out;
    }

    /**
     * Row locks held, from pgrowlocks: one entry per locker of the key's row, named by its
     * transaction id ({@code owners}: held xid to session) or else its pid.
     */
    private List<LockEntry> rowLocks(String schema, Map<String, String> owners) throws SQLException {
        List<LockEntry> out = new ArrayList<>();
        String sql = "SELECT r.modes::text[], r.pids, r.xids::text[] FROM \"" + schema.replace("\"", "\"\"") + "\".pgrowlocks(?) r"
                + " WHERE r.locked_row IN (SELECT ctid FROM " + table + " WHERE jahr = ? AND monat = ?)";
        try (PreparedStatement ps = observer.prepareStatement(sql)) {
            ps.setString(1, table);
            ps.setInt(2, key.jahr());
            ps.setShort(3, (short) key.monat());
            try (ResultSet rs = ps.executeQuery()) {
                while (rs.next()) {
                    String[] modes = (String[]) rs.getArray(1).getArray();
                    Integer[] pids = (Integer[]) rs.getArray(2).getArray();
                    String[] xids = (String[]) rs.getArray(3).getArray();
                    for (int i = 0; i < xids.length; i++) {
                        // a lock taken inside a savepoint carries the subtransaction's xid, for which
                        // pgrowlocks finds no pid (BackendXidGetPid knows top-level xids only)
                        String s = owners.containsKey(xids[i]) ? owners.get(xids[i])
                                : i < pids.length ? names.get((long) pids[i]) : null;
                        if (s != null) {
                            String mode = modes[Math.min(i, modes.length - 1)];
                            out.add(new LockEntry(s, LockEntry.Status.HELD, "row " + key, mode, "pgrowlocks: " + mode,
                                    rowLockWords(s, mode), List.of()));
                        }
                    }
                }
            }
        }
        return out;
    }

    /**
     * pgrowlocks' modes (docs: pgrowlocks), in words; a row shared by several lockers (a MultiXact)
     * lists its members' modes as {@code Share}, {@code Key Share}.
     */
    private static String rowLockWords(String s, String mode) {
        return switch (mode) {
            case "For Update" -> s + " holds the row's exclusive lock (SELECT ... FOR UPDATE): no other session may "
                    + "lock, update or delete it until " + s + " ends";
            case "For No Key Update" -> s + " holds the row lock of SELECT ... FOR NO KEY UPDATE";
            case "For Share", "Share" -> s + " holds a shared row lock (FOR SHARE): others may share it, no one may update or "
                    + "delete the row until " + s + " ends";
            case "For Key Share", "Key Share" -> s + " holds a key-share row lock: the key may not change nor the row be deleted";
            case "No Key Update" -> s + " has updated the row (no key column) and not yet ended: the new version is "
                    + "its own, and other writers of the row wait for it";
            case "Update" -> s + " has updated the row's key or deleted it and not yet ended";
            default -> s + " holds a row lock (" + mode + ")";
        };
    }

    /** Without pgrowlocks: the row's xmax, when it is a session's transaction id. */
    private List<LockEntry> xmaxLocks(Map<String, String> owners) throws SQLException {
        List<LockEntry> out = new ArrayList<>();
        try (PreparedStatement ps = observer.prepareStatement("SELECT xmax::text FROM " + table
                + " WHERE jahr = ? AND monat = ?")) {
            ps.setInt(1, key.jahr());
            ps.setShort(2, (short) key.monat());
            try (ResultSet rs = ps.executeQuery()) {
                while (rs.next()) {
                    String s = owners.get(rs.getString(1));
                    if (s != null) {
                        out.add(new LockEntry(s, LockEntry.Status.HELD, "row " + key, "row lock (xmax)",
                                "row's xmax = " + s + "'s transaction id",
                                s + " has locked (FOR UPDATE or FOR SHARE) or updated the row and not yet ended; the "
                                        + "row's header says so, not pg_locks (install pgrowlocks to see the mode)",
                                List.of()));
                    }
                }
            }
        }
        return out;
    }

    @Override
    public String deadlockReport(StepResult victim) {
        return PgDeadlockDetail.named(victim.serverDetail(), names, xidOwners);
    }
}
