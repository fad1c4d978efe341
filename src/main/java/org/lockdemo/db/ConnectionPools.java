package org.lockdemo.db;

import com.zaxxer.hikari.HikariConfig;
import com.zaxxer.hikari.HikariDataSource;
import java.time.Duration;
import java.util.Properties;
import org.lockdemo.model.Isolation;

/**
 * Builds the HikariCP pool the workers borrow from. The pool is sized to the worker threads and
 * filled before the race starts, so the time a worker waits for a connection is connection
 * hand-off, never a lock wait or a connection being opened. Stateless.
 */
public final class ConnectionPools {
    private ConnectionPools() {
    }

    public static HikariDataSource create(DatabaseTarget target, Dialect dialect, int threads,
            Isolation isolation, Duration lockTimeout, String poolName) {
        // HikariCP opens connections on one thread; with this it fills the pool to minimumIdle on one
        // thread per CPU (at most 16) before returning. 64 connections of PostgreSQL are a fork and a
        // handful of round trips each: most of the set-up time before the first attempt.
        System.setProperty("com.zaxxer.hikari.blockUntilFilled", "true");
        HikariConfig cfg = new HikariConfig();
        cfg.setPoolName(poolName);
        if (dialect.opensItsOwnConnections()) {
            cfg.setDataSource(new DialectDataSource(target, dialect));
        } else {
            cfg.setJdbcUrl(target.url());
            Properties driver = target.driverProperties(dialect);
            driver.putAll(dialect.poolDriverProperties()); // prepare once per connection (see Worker)
            cfg.setDataSourceProperties(driver);
        }
        cfg.setMaximumPoolSize(threads);
        cfg.setMinimumIdle(threads);
        cfg.setAutoCommit(false);
        // how long a worker waits for a connection: with the pool sized to the threads it only waits
        // when connections died and new ones cannot be opened, i.e. the database is gone
        cfg.setConnectionTimeout(Math.max(250, target.connectTimeout().toMillis()));
        cfg.setInitializationFailTimeout(10_000);
        cfg.setRegisterMbeans(false);
        if (isolation != Isolation.DEFAULT) {
            cfg.setTransactionIsolation(switch (isolation) {
                case READ_COMMITTED -> "TRANSACTION_READ_COMMITTED";
                case REPEATABLE_READ -> "TRANSACTION_REPEATABLE_READ";
                case SERIALIZABLE -> "TRANSACTION_SERIALIZABLE";
                case DEFAULT -> throw new AssertionError(isolation);
            });
        }
        String init = dialect.sessionInitSql(lockTimeout);
        if (!init.isEmpty()) {
            cfg.setConnectionInitSql(init);
            // With autoCommit off, Hikari runs the init SQL inside the connection's first transaction;
            // PostgreSQL's SET is transactional, so the first attempt's ROLLBACK would undo the lock
            // timeout and that session would wait forever. Isolating makes Hikari commit it at once.
            cfg.setIsolateInternalQueries(true);
        }
        return new HikariDataSource(cfg);
    }
}
