package org.lockdemo.explain;

import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.lockdemo.db.SqliteSession;

/**
 * The {@link SessionLockView} of SQLite sessions, which no connection can see from outside: a
 * session waits while its own busy handler is being called (SQLite calls it only when another
 * connection holds a lock the statement needs; {@link SqliteSession.Control#waitingForLock}), and
 * it waits for the session that holds the write lock by SQLite's rules ({@link SqliteSessionLocks}).
 * A session in its busy handler while none of the scenario's sessions holds the lock (the holder
 * has just committed, and the waiter is between two tries of SQLite's back-off) is not shown as
 * waiting, so the interpreter waits for its statement to end instead.
 *
 * <p>Thread-safety: called from the interpreter's thread only; what it reads is the sessions'
 * volatile flags and the synchronized {@link SqliteSessionLocks}.
 */
final class SqliteLockView implements SessionLockView {
    private final Map<String, SqliteSession.Control> sessions;
    private final SqliteSessionLocks locks;

    /** @param sessions each session's name and its connection's control, in the scenario's order */
    SqliteLockView(Map<String, SqliteSession.Control> sessions, SqliteSessionLocks locks) {
        this.sessions = new LinkedHashMap<>(sessions);
        this.locks = locks;
    }

    @Override
    public Map<String, List<String>> waitsFor() {
        Map<String, List<String>> waiting = new HashMap<>();
        Optional<String> writer = locks.writer();
        sessions.forEach((name, control) -> {
            if (control.waitingForLock() && writer.isPresent() && !writer.get().equals(name)) {
                waiting.put(name, List.of(writer.get()));
            }
        });
        return waiting;
    }
}
