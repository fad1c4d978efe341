package org.lockdemo.explain;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.lockdemo.db.DatabaseSetupException;

/**
 * A {@link KeyLockReader} that knows only who waits for whom: the server's waits-for view
 * ({@link SessionLockView}, the one the schedule is settled on), one WAITING entry per waiting
 * session. It cannot tell which lock, in which mode, on which row or index entry: it says so in
 * each entry, and names the view it read. The sessions REPL's {@code \locks} uses it until the
 * per-dialect reader of {@code explain --locks} replaces it. Not thread-safe: the thread that owns
 * the lock view's observer connections.
 */
final class WaitsForLockReader implements KeyLockReader {
    /** What each dialect's waits-for view reads, by dialect id. */
    private static final Map<String, String> VIEWS = Map.of(
            "postgresql", "pg_stat_activity wait_event_type = 'Lock', pg_blocking_pids()",
            "mysql", "information_schema.INNODB_LOCK_WAITS (MariaDB) / performance_schema.data_lock_waits (MySQL 8)");

    private final SessionLockView view;
    private final String viewName;

    WaitsForLockReader(SessionLockView view, String dialectId) {
        this.view = view;
        this.viewName = VIEWS.getOrDefault(dialectId, dialectId + "'s lock view");
    }

    @Override
    public LockSnapshot read(int atStep) throws DatabaseSetupException {
        List<LockEntry> entries = new ArrayList<>();
        for (Map.Entry<String, List<String>> w : new TreeMap<>(view.waitsFor()).entrySet()) {
            String holders = String.join(", ", w.getValue());
            entries.add(new LockEntry(w.getKey(), LockEntry.Status.WAITING, "a lock " + holders + " holds", "lock wait",
                    viewName + ": " + w.getKey() + " waits for " + holders,
                    w.getKey() + "'s statement cannot go on until " + holders
                            + " commits or rolls back (this view shows who waits for whom, not which lock)",
                    w.getValue()));
        }
        return new LockSnapshot(atStep, entries);
    }
}
