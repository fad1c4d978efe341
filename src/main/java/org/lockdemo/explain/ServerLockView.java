package org.lockdemo.explain;

import java.sql.Connection;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeSet;
import org.lockdemo.db.DatabaseSetupException;
import org.lockdemo.db.DatabaseTarget;
import org.lockdemo.db.Dialect;
import org.lockdemo.db.LockView;

/**
 * The {@link SessionLockView} of real sessions: the server's {@link LockView}, read on each node's
 * observer connection (a lock exists only on its node), with server session ids turned into the
 * scenario's session names. Not thread-safe: the interpreter's thread only, which owns the
 * observers while the schedule runs.
 */
final class ServerLockView implements SessionLockView {
    private final Dialect dialect;
    private final List<DatabaseTarget> nodes;
    private final List<Connection> observers;
    /** Per node: server session ids are the node's own, and two nodes may hand out the same one. */
    private final List<Map<Long, String>> names = new ArrayList<>();

    /**
     * @param nodes     one target per node, in node order, for messages
     * @param observers one connection per node, in node order
     */
    ServerLockView(Dialect dialect, List<DatabaseTarget> nodes, List<Connection> observers, Iterable<Session> sessions) {
        this.dialect = dialect;
        this.nodes = List.copyOf(nodes);
        this.observers = List.copyOf(observers);
        for (int i = 0; i < observers.size(); i++) {
            names.add(new HashMap<>());
        }
        sessions.forEach(s -> names.get(s.node() - 1).put(s.serverId(), s.name()));
    }

    @Override
    public Map<String, List<String>> waitsFor() throws DatabaseSetupException {
        Map<String, List<String>> waiting = new HashMap<>();
        for (int i = 0; i < observers.size(); i++) {
            if (!names.get(i).isEmpty()) {
                waiting.putAll(waitsFor(i));
            }
        }
        return waiting;
    }

    /** Session name to the names of the sessions it waits for, sorted; others' sessions by server id. */
    private Map<String, List<String>> waitsFor(int nodeIndex) throws DatabaseSetupException {
        Map<Long, String> byId = names.get(nodeIndex);
        Map<String, List<String>> waiting = new HashMap<>();
        try {
            for (LockView.BlockedSession b : dialect.lockView().blockedSessions(observers.get(nodeIndex))) {
                String waiter = byId.get(b.sessionId());
                if (waiter == null) {
                    continue; // a session of some other client on the same server
                }
                TreeSet<String> holders = new TreeSet<>();
                for (long id : b.blockerIds()) {
                    holders.add(byId.getOrDefault(id, "another client's session " + id));
                }
                waiting.put(waiter, List.copyOf(holders));
            }
        } catch (SQLException e) {
            throw new DatabaseSetupException(dialect.explainSetupFailure(e, nodes.get(nodeIndex), "read the lock view"), e);
        }
        return waiting;
    }
}
