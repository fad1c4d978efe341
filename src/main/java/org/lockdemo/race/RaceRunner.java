package org.lockdemo.race;

import com.zaxxer.hikari.HikariDataSource;
import com.zaxxer.hikari.pool.HikariPool;
import java.security.SecureRandom;
import java.sql.Connection;
import java.sql.SQLException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.Locale;
import org.lockdemo.check.Checker;
import org.lockdemo.check.KeyRow;
import org.lockdemo.check.RunFacts;
import org.lockdemo.check.Verdict;
import org.lockdemo.db.ConnectionPools;
import org.lockdemo.db.DatabaseInfo;
import org.lockdemo.db.DatabaseSetupException;
import org.lockdemo.db.DatabaseTarget;
import org.lockdemo.db.Dialect;
import org.lockdemo.db.RaceTable;
import org.lockdemo.db.ReopeningConnection;
import org.lockdemo.metrics.ErrorMessages;
import org.lockdemo.model.Outcome;
import org.lockdemo.model.SqlStep;
import org.lockdemo.metrics.Measurement;
import org.lockdemo.strategy.RaceSchema;
import org.lockdemo.strategy.StrategyKind;
import org.lockdemo.strategy.StrategyOptions;

/**
 * Runs a {@link RaceSpec} against one database: checks that the server can take the connections,
 * fills a pool sized to the threads, and for each strategy creates lockdemo's own table, races,
 * reads the table back, checks it and drops it (unless {@code keep}). Not thread-safe: one thread
 * calls {@link #run}; {@link StopSignal} is how other threads stop it.
 */
public final class RaceRunner {
    private final DatabaseTarget target;
    private final Dialect dialect;
    private final RaceListener listener;
    private final List<String> warnings = new ArrayList<>();
    private long firstAttemptNanos;

    public RaceRunner(DatabaseTarget target, Dialect dialect, RaceListener listener) {
        this.target = target;
        this.dialect = dialect;
        this.listener = listener;
    }

    public RaceResult run(RaceSpec spec, StopSignal stop) throws DatabaseSetupException, InterruptedException {
        String runId = newRunId();
        Instant startedAt = Instant.now();
        // the admin session bounds its own lock waits too: dropping a table a foreign session
        // holds a lock on must fail after --lock-timeout, not hang the end of the run
        try (ReopeningConnection admin = new ReopeningConnection(target, dialect,
                dialect.sessionInitSql(spec.lockTimeout()))) {
            checkConnectionLimit(connected(admin), spec.threads() + 1); // the workers' pool and the lock-view sampler
            try (HikariDataSource pool = createPool(spec, runId);
                    ReopeningConnection sampler = new ReopeningConnection(target, dialect, "")) {
                connected(sampler);
                DatabaseInfo info = describe(pool);
                List<StrategyResult> results = new ArrayList<>();
                for (StrategyKind kind : spec.strategies()) {
                    if (stop.isRequested()) {
                        break;
                    }
                    StrategyResult r = runStrategy(spec, kind, runId, admin, pool, sampler, stop);
                    if (r != null) {
                        results.add(r);
                    }
                }
                return new RaceResult(runId, info, spec, results, startedAt, Instant.now(), stop.reason(),
                        dialect.lockView().method());
            }
        } catch (SQLException e) {
            throw new DatabaseSetupException(dialect.explainSetupFailure(e, target, "setting up the run"), e);
        }
    }

    /** Things the user must know that did not stop the run, e.g. a table that could not be dropped. */
    public List<String> warnings() {
        return List.copyOf(warnings);
    }

    /** {@link System#nanoTime()} when the first strategy's workers left the start line; 0 if none did. */
    public long firstAttemptNanos() {
        return firstAttemptNanos;
    }

    /** One strategy's result, or null if the database was lost before it could start. */
    private StrategyResult runStrategy(RaceSpec spec, StrategyKind kind, String runId, ReopeningConnection admin,
            HikariDataSource pool, ReopeningConnection sampler, StopSignal stop)
            throws DatabaseSetupException, InterruptedException, SQLException {
        RaceTable table = new RaceTable("lockdemo_" + runId + "_" + kind.id().replace('-', '_'), dialect);
        try {
            table.create(admin.get());
        } catch (SQLException e) {
            if (dialect.classifier().classify(e, SqlStep.CONNECT) == Outcome.CONNECTION_LOST) {
                // the server went away between two strategies: a lost database, not a setup error
                stop.request(StopSignal.Cause.DATABASE_LOST, "creating table " + table.name() + ": "
                        + ErrorMessages.oneLine(e));
                return null;
            }
            throw new DatabaseSetupException(dialect.explainSetupFailure(e, target, "creating table " + table.name()), e);
        }
        try {
            StrategyRun run = new StrategyRun(spec, kind, kind.create(new RaceSchema(table.name(), dialect.jooqDialect()),
                    new StrategyOptions(spec.maxRetries())),
                    pool, dialect, sampler.get(), stop);
            listener.strategyStarted(kind, run::attemptsSoFar);
            StrategyRun.Measured measured = run.run();
            if (firstAttemptNanos == 0) {
                firstAttemptNanos = measured.startLineNanos();
            }
            Measurement m = measured.measurement();
            Verdict verdict = check(kind, m, table, admin, stop);
            StrategyResult result = new StrategyResult(kind, m, verdict, table.name(), measured.lockViewNote());
            listener.strategyFinished(result);
            return result;
        } finally {
            if (!spec.keep()) {
                drop(table, admin);
            }
        }
    }

    /**
     * Reads the table back and checks it. If the database is gone, the checks that need the table
     * cannot run: the run is stopped as database-lost and the verdict says what was not checked.
     */
    private Verdict check(StrategyKind kind, Measurement m, RaceTable table, ReopeningConnection admin,
            StopSignal stop) throws SQLException {
        RunFacts facts = new RunFacts(kind.expectedSafe(), m.attempts(), m.outcomes(), m.insertsCommitted(),
                m.incrementsPerKey(), kind.locksRow(), m.commitsUnknown().inserts(),
                m.commitsUnknown().incrementsPerKey());
        List<KeyRow> rows;
        try {
            rows = table.readKeys(admin.get());
        } catch (SQLException e) {
            if (dialect.classifier().classify(e, SqlStep.SELECT) != Outcome.CONNECTION_LOST) {
                throw e;
            }
            String why = "reading table " + table.name() + " back: " + ErrorMessages.oneLine(e);
            stop.request(StopSignal.Cause.DATABASE_LOST, why);
            return Checker.checkWithoutTable(facts, why);
        }
        return Checker.check(facts, rows);
    }

    /** Drops the run's table; a failure (database gone, a foreign lock) is a warning naming the table. */
    private void drop(RaceTable table, ReopeningConnection admin) {
        try {
            table.drop(admin.get());
        } catch (SQLException e) {
            warnings.add("table " + table.name() + " was left behind: dropping it failed: " + ErrorMessages.oneLine(e)
                    + "; remove it later with 'lockdemo cleanup'");
        }
    }

    private Connection connected(ReopeningConnection c) throws DatabaseSetupException {
        try {
            return c.get();
        } catch (SQLException e) {
            throw new DatabaseSetupException(dialect.explainSetupFailure(e, target, "connecting"), e);
        }
    }

    private void checkConnectionLimit(Connection admin, int needed) throws DatabaseSetupException, SQLException {
        int available = dialect.availableConnections(admin);
        if (available >= 0 && needed > available) {
            throw new DatabaseSetupException(String.format(Locale.ROOT,
                    "--threads %d needs %d connections (one per thread plus the lock-view sampler), but the server "
                            + "has only %d free (%s); lower --threads or raise the server's limit",
                    needed - 1, needed, available, dialect.connectionLimitDescription(admin)));
        }
    }

    private HikariDataSource createPool(RaceSpec spec, String runId) throws DatabaseSetupException, SQLException {
        HikariDataSource pool;
        try {
            pool = ConnectionPools.create(target, dialect, spec.threads(), spec.isolation(), spec.lockTimeout(),
                    "lockdemo-" + runId);
        } catch (HikariPool.PoolInitializationException e) {
            if (e.getCause() instanceof SQLException s) {
                throw new DatabaseSetupException(dialect.explainSetupFailure(s, target, "opening the pool"), e);
            }
            throw new DatabaseSetupException("opening the pool: " + e.getMessage(), e);
        }
        // Fill the pool before the start line, so no attempt waits for a connection to be opened.
        List<Connection> held = new ArrayList<>();
        try {
            for (int i = 0; i < spec.threads(); i++) {
                held.add(pool.getConnection());
            }
        } catch (SQLException e) {
            pool.close();
            throw new DatabaseSetupException(dialect.explainSetupFailure(e, target,
                    "opening " + spec.threads() + " pooled connections"), e);
        } finally {
            for (Connection c : held) {
                c.close();
            }
        }
        return pool;
    }

    private DatabaseInfo describe(HikariDataSource pool) throws SQLException {
        try (Connection c = pool.getConnection()) {
            String[] pv = dialect.productAndVersion(c);
            DatabaseInfo info = new DatabaseInfo(dialect.id(), pv[0], pv[1], target.redactedUrl(),
                    dialect.effectiveIsolation(c), target.isEmbedded(), dialect.outcomeSettings(c));
            c.rollback();
            return info;
        }
    }

    private static String newRunId() {
        byte[] b = new byte[4];
        new SecureRandom().nextBytes(b);
        return HexFormat.of().formatHex(b);
    }
}
