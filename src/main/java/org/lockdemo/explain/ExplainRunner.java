package org.lockdemo.explain;

import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.Future;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import org.lockdemo.db.Connections;
import org.lockdemo.db.DatabaseSetupException;
import org.lockdemo.db.GaleraStatus;
import org.lockdemo.db.DatabaseTarget;
import org.lockdemo.db.Dialect;
import org.lockdemo.db.LockView;
import org.lockdemo.db.RaceTable;
import org.lockdemo.model.Isolation;
import org.lockdemo.race.StopSignal;

/**
 * Runs a {@link Scenario}'s schedule, one step at a time in the fixed order, on one connection and
 * thread per session. After sending a step it waits until the step finishes or the server's lock
 * view shows its session waiting for another session's lock; it never guesses from a timeout. A
 * blocked step is left waiting and the schedule goes on; when a later step releases the lock, the
 * blocked step's end is recorded at that point. What it records contains no timings, so the same
 * scenario on the same server gives the same timeline.
 *
 * <p>A cluster scenario ({@link Scenario#clustered()}) opens each session on its node, with one
 * observer per node for the checks, the lock view (a lock exists only on its node) and the final
 * rows; the table is created and dropped on node 1, and replicated to the others before the first
 * step and before the run ends.
 *
 * <p>Not thread-safe: one runner per run, called from one thread.
 */
public final class ExplainRunner {
    /** How often the lock view is read while a step is neither finished nor seen waiting. */
    private static final long POLL_MILLIS = 10;
    /** The name lockdemo's table is shown under, so the output does not depend on its random suffix. */
    public static final String DISPLAY_TABLE = "lockdemo_explain";

    private final List<DatabaseTarget> nodes;
    private final Dialect dialect;
    private final Duration stepTimeout;
    private final StopSignal stop;

    /**
     * @param stepTimeout how long a step may neither finish nor show as waiting for a lock before the
     *                    run is stopped; also the server-side bound on each lock wait, times three
     * @param stop        polled between steps and while waiting (Ctrl-C)
     */
    public ExplainRunner(DatabaseTarget target, Dialect dialect, Duration stepTimeout, StopSignal stop) {
        this(List.of(target), dialect, stepTimeout, stop);
    }

    /**
     * @param nodes one target per node the scenario uses, in node order (one for a scenario that is
     *              not a cluster's); a cluster scenario's are the nodes of one MariaDB Galera cluster
     */
    public ExplainRunner(List<DatabaseTarget> nodes, Dialect dialect, Duration stepTimeout, StopSignal stop) {
        if (nodes.isEmpty()) {
            throw new IllegalArgumentException("no database to run on");
        }
        this.nodes = List.copyOf(nodes);
        this.dialect = dialect;
        this.stepTimeout = stepTimeout;
        this.stop = stop;
    }

    /**
     * @param isolation the level every session runs at ({@link Isolation#DEFAULT}: the server's)
     * @throws DatabaseSetupException when a database cannot be reached or the table not created,
     *                                or a cluster's node is not Synced
     * @throws ScenarioException      when a cluster scenario's nodes are not Galera nodes of one cluster
     */
    public Timeline run(Scenario scenario, Isolation isolation)
            throws DatabaseSetupException, ScenarioException, InterruptedException {
        if (nodes.size() != scenario.nodeCount()) {
            throw new IllegalArgumentException(scenario.name() + " runs on " + scenario.nodeCount() + " node(s), given "
                    + nodes.size());
        }
        List<Connection> observers = new ArrayList<>();
        try {
            for (DatabaseTarget node : nodes) {
                try {
                    observers.add(Connections.open(node, dialect));
                } catch (SQLException e) {
                    throw new DatabaseSetupException(dialect.explainSetupFailure(e, node, "connect"), e);
                }
            }
            if (scenario.clustered()) {
                checkCluster(scenario, observers);
            }
            Timeline timeline = runOnNewTable(scenario, isolation, observers);
            closeAll(observers, null);
            return timeline;
        } catch (Throwable e) {
            closeAll(observers, e);
            throw e;
        }
    }

    /** Closes the observers; a failure to close is reported unless an earlier failure is. */
    private void closeAll(List<Connection> observers, Throwable earlier) throws DatabaseSetupException {
        DatabaseSetupException first = null;
        for (int i = 0; i < observers.size(); i++) {
            try {
                observers.get(i).close();
            } catch (SQLException e) {
                if (earlier != null) {
                    earlier.addSuppressed(e);
                } else if (first == null) {
                    first = new DatabaseSetupException(dialect.explainSetupFailure(e, nodes.get(i), "close"), e);
                }
            }
        }
        observers.clear();
        if (first != null) {
            throw first;
        }
    }

    private void checkCluster(Scenario scenario, List<Connection> observers)
            throws ScenarioException, DatabaseSetupException {
        List<Optional<GaleraStatus>> states = new ArrayList<>();
        List<String> where = new ArrayList<>();
        for (int i = 0; i < observers.size(); i++) {
            where.add("node " + (i + 1) + " (" + nodes.get(i).redactedUrl() + ")");
            try {
                Connection c = observers.get(i);
                states.add(dialect.onServer(c).clusterStatus(c));
            } catch (SQLException e) {
                throw new DatabaseSetupException(dialect.explainSetupFailure(e, nodes.get(i), "read the wsrep state"), e);
            }
        }
        GaleraNodes.check(scenario.name(), scenario.nodeCount(), states, where);
    }

    /** Creates the table on node 1 (DDL replicates to the others), runs, drops it on node 1. */
    private Timeline runOnNewTable(Scenario scenario, Isolation isolation, List<Connection> observers)
            throws DatabaseSetupException, InterruptedException {
        Connection first = observers.get(0);
        String suffix = Long.toString(ThreadLocalRandom.current().nextLong(1L << 40), 36);
        RaceTable table = new RaceTable(DISPLAY_TABLE + "_" + suffix, dialect);
        String[] product;
        try {
            product = dialect.productAndVersion(first);
            table.create(first);
        } catch (SQLException e) {
            throw new DatabaseSetupException(dialect.explainSetupFailure(e, nodes.get(0), "create the table"), e);
        }
        Timeline timeline;
        try {
            awaitOnEveryNode(observers, table.name(), true);
            timeline = runOnTable(scenario, isolation, observers, table, product);
        } catch (Throwable e) {
            try {
                table.drop(first);
            } catch (SQLException dropFailed) {
                e.addSuppressed(dropFailed); // the first failure is the one to report
            }
            throw e;
        }
        try {
            table.drop(first);
        } catch (SQLException e) {
            throw new DatabaseSetupException(dialect.explainSetupFailure(e, nodes.get(0), "drop " + table.name()), e);
        }
        awaitOnEveryNode(observers, table.name(), false);
        return timeline;
    }

    /**
     * On a cluster, waits until every other node has applied the CREATE (or DROP) that node 1 ran:
     * a DDL statement replicates in total order, but another node applies it a moment later. A
     * causal read returns only after that, so no step on node 2 can miss the table, and no table
     * is left behind on any node.
     */
    private void awaitOnEveryNode(List<Connection> observers, String table, boolean exists)
            throws DatabaseSetupException {
        for (int i = 1; i < observers.size(); i++) {
            try {
                boolean there = GaleraNodes.tableExists(observers.get(i), table);
                if (there != exists) {
                    throw new DatabaseSetupException("node " + (i + 1) + " (" + nodes.get(i).redactedUrl() + ") "
                            + (exists ? "does not have " : "still has ") + "table " + table + " after a causal read "
                            + "(wsrep_sync_wait = " + GaleraNodes.SYNC_WAIT_READS + "); is it a node of the same cluster?");
                }
            } catch (SQLException e) {
                throw new DatabaseSetupException(dialect.explainSetupFailure(e, nodes.get(i),
                        (exists ? "see the new table " : "see the dropped table ") + table + " replicated"), e);
            }
        }
    }

    private Timeline runOnTable(Scenario scenario, Isolation isolation, List<Connection> observers, RaceTable table,
            String[] product) throws DatabaseSetupException, InterruptedException {
        Map<String, Session> sessions = new LinkedHashMap<>();
        List<TimelineEvent> events = new ArrayList<>();
        String effectiveIsolation;
        Optional<String> stuck;
        try {
            try {
                for (String name : scenario.sessions()) {
                    sessions.put(name, open(name, isolation, table.name(), scenario));
                }
                Connection first = sessions.values().iterator().next().connection();
                effectiveIsolation = dialect.effectiveIsolation(first);
                first.commit(); // the query above must not leave a transaction (and a snapshot) open
            } catch (SQLException e) {
                throw new DatabaseSetupException(dialect.explainSetupFailure(e, nodes.get(0), "open the sessions"), e);
            }
            stuck = schedule(scenario, sessions, observers, table.name(), events);
        } finally {
            for (Session s : sessions.values()) {
                s.cancel();
            }
            for (Session s : sessions.values()) {
                s.close(stepTimeout.toMillis());
            }
        }
        return new Timeline(scenario, product[0], product[1], effectiveIsolation, DISPLAY_TABLE, events,
                finalRows(scenario, observers, table.name()), stuck);
    }

    private Session open(String name, Isolation isolation, String table, Scenario scenario) throws SQLException {
        int node = scenario.node(name);
        Connection c = Connections.open(nodes.get(node - 1), dialect);
        try {
            String init = dialect.sessionInitSql(stepTimeout.multipliedBy(3));
            try (Statement s = c.createStatement()) {
                if (!init.isEmpty()) {
                    s.execute(init);
                }
                if (scenario.clustered()) {
                    // causal reads: a step's read sees every transaction committed on any node before
                    // it, so what a session reads does not depend on how far replication has got
                    s.execute(GaleraNodes.SYNC_READS_SQL);
                }
            }
            c.setAutoCommit(false);
            if (isolation != Isolation.DEFAULT) {
                c.setTransactionIsolation(isolation.jdbcLevel());
            }
            // on a Galera node, the classifier that tells a certification failure from a deadlock
            Dialect server = dialect.onServer(c);
            return new Session(name, node, c, server.sessionId(c), server.classifier(), table, DISPLAY_TABLE,
                    scenario.key(), server.insertReturning(), server.insertIdWithoutReturning());
        } catch (SQLException | RuntimeException e) {
            c.close();
            throw e;
        }
    }

    /** Sends every step in order; returns why it stopped early, if it did. */
    private Optional<String> schedule(Scenario scenario, Map<String, Session> sessions, List<Connection> observers,
            String table, List<TimelineEvent> events) throws InterruptedException, DatabaseSetupException {
        Map<Step, Future<StepResult>> blocked = new LinkedHashMap<>();
        Map<Step, List<String>> waitingFor = new HashMap<>();
        Map<Step, String> shown = new HashMap<>(); // each blocked step's SQL as displayed when it was sent
        int lastStep = 0;
        for (Step step : scenario.steps()) {
            if (stop.isRequested()) {
                return Optional.of("stopped before step " + step.number() + ": " + stop.reason());
            }
            lastStep = step.number();
            for (Step b : blocked.keySet()) {
                if (b.session().equals(step.session())) {
                    return Optional.of("step " + step.number() + " (" + step.session() + ") cannot be sent: "
                            + step.session() + " is still waiting at step " + b.number() + " for "
                            + String.join(", ", waitingFor.get(b)) + ", and a session runs one statement at a time; "
                            + "a step before " + step.number() + " must release that lock (e.g. a commit of "
                            + waitingFor.get(b).get(0) + ")");
                }
            }
            Session session = sessions.get(step.session());
            List<Object> values;
            try {
                values = session.bind(step); // the session has no step in flight: its last row is final
            } catch (ScenarioException e) {
                return Optional.of("step " + step.number() + " (" + step.session() + ") cannot be sent: " + e.getMessage());
            }
            String sql = display(step, session.sent(step), table, values);
            Map<Step, Future<StepResult>> inFlight = new LinkedHashMap<>(blocked);
            inFlight.put(step, session.submit(step, values));
            Settled settled = settle(inFlight, sessions, observers);
            if (stop.isRequested()) {
                return Optional.of("stopped at step " + step.number() + ": " + stop.reason());
            }
            if (settled.timedOut != null) {
                return Optional.of("step " + settled.timedOut.number() + " (" + settled.timedOut.session()
                        + ") neither finished nor showed as waiting for a lock within " + stepTimeout.toMillis()
                        + " ms (--step-timeout); stopped it");
            }
            if (settled.waiting.containsKey(step)) {
                blocked.put(step, inFlight.get(step));
                waitingFor.put(step, settled.waiting.get(step));
                shown.put(step, sql);
                events.add(new TimelineEvent(TimelineEvent.Kind.BLOCKED, step.number(), step.session(), sql,
                        step.number(), null, settled.waiting.get(step)));
            } else {
                events.add(new TimelineEvent(TimelineEvent.Kind.RAN, step.number(), step.session(), sql,
                        step.number(), result(inFlight.get(step)), List.of()));
            }
            for (Step b : new ArrayList<>(blocked.keySet())) {
                if (b == step) {
                    continue;
                }
                List<String> now = settled.waiting.get(b);
                if (now == null) {
                    events.add(new TimelineEvent(TimelineEvent.Kind.FINISHED, b.number(), b.session(),
                            shown.remove(b), step.number(), result(blocked.remove(b)), List.of()));
                    waitingFor.remove(b);
                } else if (!now.equals(waitingFor.get(b))) {
                    // the lock it waited for was released, and it lost the race for it to another session
                    events.add(new TimelineEvent(TimelineEvent.Kind.STILL_BLOCKED, b.number(), b.session(),
                            shown.get(b), step.number(), null, now));
                    waitingFor.put(b, now);
                }
            }
        }
        if (!blocked.isEmpty()) {
            Step b = blocked.keySet().iterator().next();
            return Optional.of("the schedule ended after step " + lastStep + " with step " + b.number() + " ("
                    + b.session() + ") still waiting for " + String.join(", ", waitingFor.get(b))
                    + ": no step releases that lock; add a commit or rollback of "
                    + waitingFor.get(b).get(0) + " after step " + b.number());
        }
        return Optional.empty();
    }

    /** The state of the in-flight steps once each has finished or is seen waiting. */
    private record Settled(Map<Step, List<String>> waiting, Step timedOut) {
    }

    /**
     * Waits until every step in flight has finished or the lock view shows its session waiting
     * for another session that can still release the lock. A session waiting only for sessions
     * that wait themselves is in a deadlock the server has yet to break (PostgreSQL looks after
     * deadlock_timeout), so that wait goes on, up to the step timeout.
     */
    private Settled settle(Map<Step, Future<StepResult>> inFlight, Map<String, Session> sessions,
            List<Connection> observers) throws InterruptedException, DatabaseSetupException {
        long deadline = System.nanoTime() + stepTimeout.toNanos();
        // per node: server session ids are the node's own, and two nodes may hand out the same one
        List<Map<Long, String>> names = new ArrayList<>();
        for (int i = 0; i < observers.size(); i++) {
            names.add(new HashMap<>());
        }
        sessions.values().forEach(s -> names.get(s.node() - 1).put(s.serverId(), s.name()));
        while (true) {
            List<Step> running = inFlight.entrySet().stream().filter(e -> !e.getValue().isDone())
                    .map(Map.Entry::getKey).toList();
            if (running.isEmpty()) {
                return new Settled(Map.of(), null);
            }
            // most steps finish at once; look at the lock view only for those that do not
            try {
                inFlight.get(running.get(running.size() - 1)).get(POLL_MILLIS, TimeUnit.MILLISECONDS);
                continue;
            } catch (TimeoutException | ExecutionException e) {
                // still running (an ExecutionException cannot happen: failures are results)
            }
            Map<String, List<String>> waitingSessions = new HashMap<>();
            for (int i = 0; i < observers.size(); i++) {
                if (!names.get(i).isEmpty()) {
                    waitingSessions.putAll(waitingSessions(observers.get(i), names.get(i), i));
                }
            }
            Map<Step, List<String>> waiting = new LinkedHashMap<>();
            boolean allSettled = true;
            for (Step s : running) {
                List<String> holders = waitingSessions.get(s.session());
                if (holders != null && reachesARunnableSession(s.session(), waitingSessions, new HashSet<>())
                        && !inFlight.get(s).isDone()) {
                    waiting.put(s, holders);
                } else if (!inFlight.get(s).isDone()) {
                    allSettled = false;
                }
            }
            if (allSettled) {
                return new Settled(waiting, null);
            }
            if (System.nanoTime() > deadline || stop.isRequested()) {
                return new Settled(waiting, running.stream().filter(s -> !waiting.containsKey(s)).findFirst().orElseThrow());
            }
        }
    }

    /**
     * Whether {@code session}'s wait can end without the server's deadlock detector: some session
     * along its wait-for chain is not waiting itself, so a later step of it can release the lock.
     * (T3 waiting for T2 that waits for T1 is settled; T2 and T3 waiting for each other are not.)
     */
    static boolean reachesARunnableSession(String session, Map<String, List<String>> waitingFor, Set<String> seen) {
        List<String> holders = waitingFor.get(session);
        if (holders == null) {
            return true;
        }
        if (!seen.add(session)) {
            return false;
        }
        for (String h : holders) {
            if (reachesARunnableSession(h, waitingFor, seen)) {
                return true;
            }
        }
        return false;
    }

    /** Session name to the names of the sessions it waits for, sorted; others' sessions by server id. */
    private Map<String, List<String>> waitingSessions(Connection observer, Map<Long, String> names, int nodeIndex)
            throws DatabaseSetupException {
        LockView view = dialect.lockView();
        Map<String, List<String>> waiting = new HashMap<>();
        try {
            for (LockView.BlockedSession b : view.blockedSessions(observer)) {
                String waiter = names.get(b.sessionId());
                if (waiter == null) {
                    continue; // a session of some other client on the same server
                }
                TreeSet<String> holders = new TreeSet<>();
                for (long id : b.blockerIds()) {
                    holders.add(names.getOrDefault(id, "another client's session " + id));
                }
                waiting.put(waiter, List.copyOf(holders));
            }
        } catch (SQLException e) {
            throw new DatabaseSetupException(dialect.explainSetupFailure(e, nodes.get(nodeIndex), "read the lock view"), e);
        }
        return waiting;
    }

    private static StepResult result(Future<StepResult> done) throws InterruptedException {
        try {
            return done.get();
        } catch (ExecutionException e) {
            throw new IllegalStateException("a step threw instead of returning its result", e.getCause());
        }
    }

    /**
     * The SQL as sent; parameters other than the scenario's key are shown after it, those bound
     * from the session's last row with the value they bound: {@code -- ? = some_value + 1 = 2, id = 1}.
     */
    static String display(Step step, String sent, String table, List<Object> values) {
        String sql = sent.replace(table, DISPLAY_TABLE);
        boolean keyOnly = step.params().isEmpty()
                || step.params().equals(List.of(Step.Param.jahr(), Step.Param.monat()));
        if (keyOnly) {
            return sql;
        }
        List<String> shown = new ArrayList<>();
        for (int i = 0; i < step.params().size(); i++) {
            Step.Param p = step.params().get(i);
            shown.add(p.fromLastRow() ? p + " = " + values.get(i) : p.toString());
        }
        return sql + "  -- ? = " + String.join(", ", shown);
    }

    /**
     * The table's rows on node 1; on a cluster, read on every node with a causal read, and the
     * nodes must agree row for row.
     */
    private List<Timeline.FinalRow> finalRows(Scenario scenario, List<Connection> observers, String table)
            throws DatabaseSetupException {
        List<Timeline.FinalRow> first = null;
        for (int i = 0; i < observers.size(); i++) {
            List<Timeline.FinalRow> rows;
            try {
                rows = scenario.clustered() ? GaleraNodes.syncedRead(observers.get(i), c -> finalRows(c, table))
                        : finalRows(observers.get(i), table);
            } catch (SQLException e) {
                throw new DatabaseSetupException(dialect.explainSetupFailure(e, nodes.get(i), "read the table"), e);
            }
            if (first == null) {
                first = rows;
            } else if (!rows.equals(first)) {
                throw new DatabaseSetupException("the nodes disagree after the schedule: node 1 ("
                        + nodes.get(0).redactedUrl() + ") has " + first + ", node " + (i + 1) + " ("
                        + nodes.get(i).redactedUrl() + ") has " + rows + " (both read with wsrep_sync_wait = "
                        + GaleraNodes.SYNC_WAIT_READS + ")");
            }
        }
        return first;
    }

    private static List<Timeline.FinalRow> finalRows(Connection c, String table) throws SQLException {
        List<Timeline.FinalRow> rows = new ArrayList<>();
        String sql = "SELECT jahr, monat, some_value FROM " + table + " ORDER BY jahr, monat";
        try (Statement s = c.createStatement(); ResultSet rs = s.executeQuery(sql)) {
            while (rs.next()) {
                rows.add(new Timeline.FinalRow(rs.getInt(1), rs.getInt(2), rs.getLong(3)));
            }
        }
        return rows;
    }
}
