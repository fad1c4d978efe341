package org.lockdemo.explain;

import java.time.Duration;
import java.util.List;
import java.util.concurrent.ThreadLocalRandom;
import java.util.regex.Pattern;
import org.lockdemo.db.DatabaseSetupException;
import org.lockdemo.db.DatabaseTarget;
import org.lockdemo.db.Dialect;
import org.lockdemo.model.Isolation;
import org.lockdemo.race.StopSignal;

/**
 * Runs a {@link Scenario} on real sessions: opens one connection and thread per session
 * ({@link Session}) on a new table ({@link ScenarioSessions}), has the {@link ScheduleInterpreter} send the steps in order
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

    /**
     * The real name of an explain or sessions run's table: {@link #DISPLAY_TABLE}, then a random
     * suffix of up to 8 base-36 digits ({@link #tableName}); what {@code lockdemo cleanup} matches.
     */
    public static final Pattern TABLE_NAME = Pattern.compile(DISPLAY_TABLE
            + "_[0-9a-z]{1,8}");

    /** A new table name of the form {@link #TABLE_NAME}. */
    public static String tableName() {
        return DISPLAY_TABLE + "_" + Long.toString(ThreadLocalRandom.current().nextLong(1L << 40), 36);
    }

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
        return run(scenario, isolation, StepGate.ALWAYS);
    }

    /**
     * As {@link #run(Scenario, Isolation)}, asking {@code gate} before each step ({@code --step});
     * a gate that says stop ends the schedule there, as Ctrl-C does: the timeline so far, the
     * sessions rolled back, the table dropped.
     */
    public Timeline run(Scenario scenario, Isolation isolation, StepGate gate)
            throws DatabaseSetupException, ScenarioException, InterruptedException {
        if (nodes.size() != scenario.nodeCount()) {
            throw new IllegalArgumentException(scenario.name() + " runs on " + scenario.nodeCount() + " node(s), given "
                    + nodes.size());
        }
        // the server-side bound on each lock wait: the step timeout, times three
        ScenarioSessions bench = ScenarioSessions.open(nodes, dialect, stepTimeout.multipliedBy(3), scenario, isolation);
        Timeline timeline;
        try {
            SessionLockView locks = bench.lockView();
            ScheduleInterpreter.Outcome outcome;
            if (showLocks) {
                try (KeyLockReader keyLocks = bench.keyLocks(scenario, locks)) {
                    outcome = new ScheduleInterpreter(locks, stepTimeout, stop, System::nanoTime, keyLocks)
                            .run(scenario.steps(), bench.sessions(), gate);
                }
            } else {
                outcome = new ScheduleInterpreter(locks, stepTimeout, stop).run(scenario.steps(), bench.sessions(), gate);
            }
            bench.closeSessions();
            timeline = new Timeline(scenario, bench.product(), bench.version(), bench.effectiveIsolation(),
                    DISPLAY_TABLE, outcome.events(), bench.committedRows(scenario), outcome.stuck(), outcome.locks(),
                    outcome.deadlocks());
        } catch (Throwable e) {
            bench.close(e);
            throw e;
        }
        bench.close();
        return timeline;
    }
}
