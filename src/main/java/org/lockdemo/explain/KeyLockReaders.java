package org.lockdemo.explain;

import java.sql.Connection;
import java.util.List;
import org.lockdemo.db.DatabaseSetupException;
import org.lockdemo.db.DatabaseTarget;
import org.lockdemo.db.Dialect;
import org.lockdemo.model.RowKey;

/** Opens the {@link KeyLockReader} for the server's {@link org.lockdemo.db.LockTables}. Stateless. */
final class KeyLockReaders {

    private KeyLockReaders() {
    }

    /**
     * @param observers one connection per node, in node order
     * @param table     lockdemo's table's real name
     * @param waits     who waits for whom, for the holders of a waited-for lock
     * @throws DatabaseSetupException when the lock view cannot be read (naming the privilege) or set up
     */
    static KeyLockReader open(Dialect dialect, List<DatabaseTarget> nodes, List<Connection> observers,
            Iterable<Session> sessions, List<String> order, String table, RowKey key, SessionLockView waits)
            throws DatabaseSetupException {
        return switch (dialect.lockTables()) {
            case PG_LOCKS -> PostgresKeyLocks.open(dialect, nodes.get(0), observers.get(0), sessions, order, table, key,
                    waits);
            case INNODB_MONITOR -> InnoDbKeyLocks.open(dialect, nodes, observers, sessions, order, table, waits);
            case NONE -> throw new DatabaseSetupException("explain --locks: " + dialect.id() + " has no table of "
                    + "locks to read (SQLite locks the whole file, and no connection can list another's)");
        };
    }
}
