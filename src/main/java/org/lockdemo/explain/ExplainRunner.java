package org.lockdemo.explain;

import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ThreadLocalRandom;
import org.lockdemo.db.Connections;
import org.lockdemo.db.DatabaseSetupException;
import org.lockdemo.db.DatabaseTarget;
import org.lockdemo.db.Dialect;
import org.lockdemo.db.RaceTable;
import org.lockdemo.model.Isolation;
import org.lockdemo.race.StopSignal;

/**
 * Runs a {@link Scenario} on real sessions: opens one connection and thread per session
 * ({@link Session}) on a new table, has the {@link ScheduleInterpreter} send the steps in order
 * while the server's lock view ({@link ServerLockView}) tells which step waits for whom, then reads
 * the final rows and drops the table. What it records contains no timings, so the same scenario
 * on the same server gives the same timeline.
 *
 * <p>A cluster scenario ({@link Scenario#clustered()}) opens each session on its node, with one
 * observer per node ({@link NodeObservers}) for the checks, the lock view (a lock exists only on
 * its node) and the final rows; the table is created and dropped on node 1, and replicated to the others before the first
 * step and before the run ends.
 *
 * <p>Not thread-safe: one runner per run, called from one thread.
 */
public final class ExplainRunner {
    /** The name lockdemo's table is shown under, so the output does not depend on its random suffix. */
    public static final String DISPLAY_TABLE = "lockdemo_explain";

    private final List<DatabaseTarget> nodes;
    private final Dialect dialect;
    private final Duration stepTimeout;
    private final StopSignal stop;
    private final boolean showLocks;

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
        this(nodes, dialect, stepTimeout, stop, false);
    }

    /**
     * @param showLocks {@code --locks}: read the key's locks after every step ({@link KeyLockReader})
     *                  and record the deadlocks the server breaks
     */
    public ExplainRunner(List<DatabaseTarget> nodes, Dialect dialect, Duration stepTimeout, StopSignal stop,
            boolean showLocks) {
        if (nodes.isEmpty()) {
            throw new IllegalArgumentException("no database to run on");
        }
        this.nodes = List.copyOf(nodes);
        this.dialect = dialect;
        this.stepTimeout = stepTimeout;
        this.stop = stop;
        this.showLocks = showLocks;
    }

    /**
     * The connections a run of {@code scenario} opens on one server: one per session, the observer
     * (table, lock view, final rows), and one to spare; the embedded server is sized by it.
     */
    public static int connectionsNeeded(Scenario scenario) {
        return scenario.sessions().size() + 2;
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
        NodeObservers observers = NodeObservers.open(nodes, dialect);
        try {
            if (scenario.clustered()) {
                observers.checkCluster(scenario);
            }
            Timeline timeline = runOnNewTable(scenario, isolation, observers);
            observers.close();
            return timeline;
        } catch (Throwable e) {
            observers.close(e);
            throw e;
        }
    }

    /** Creates the table on node 1 (DDL replicates to the others), runs, drops it on node 1. */
    private Timeline runOnNewTable(Scenario scenario, Isolation isolation, NodeObservers observers)
            throws DatabaseSetupException, InterruptedException {
        Connection first = observers.first();
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
            observers.awaitOnEveryNode(table.name(), true);
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
        observers.awaitOnEveryNode(table.name(), false);
        return timeline;
    }

    private Timeline runOnTable(Scenario scenario, Isolation isolation, NodeObservers observers, RaceTable table,
            String[] product) throws DatabaseSetupException, InterruptedException {
        Map<String, Session> sessions = new LinkedHashMap<>();
        String effectiveIsolation;
        ScheduleInterpreter.Outcome outcome;
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
            SessionLockView locks = observers.lockView(sessions.values());
            if (showLocks) {
                try (KeyLockReader keyLocks = observers.keyLocks(sessions.values(), scenario, table.name(), locks)) {
                    outcome = new ScheduleInterpreter(locks, stepTimeout, stop, System::nanoTime, keyLocks)
                            .run(scenario.steps(), sessions);
                }
            } else {
                outcome = new ScheduleInterpreter(locks, stepTimeout, stop).run(scenario.steps(), sessions);
            }
        } finally {
            for (Session s : sessions.values()) {
                s.cancel();
            }
            for (Session s : sessions.values()) {
                s.close(stepTimeout.toMillis());
            }
        }
        return new Timeline(scenario, product[0], product[1], effectiveIsolation, DISPLAY_TABLE, outcome.events(),
                observers.finalRows(scenario, table.name()), outcome.stuck(), outcome.locks(), outcome.deadlocks());
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

}
