package org.lockdemo.db;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.sql.SQLException;
import java.time.Duration;
import org.jooq.SQLDialect;
import org.junit.jupiter.api.Test;
import org.lockdemo.strategy.NaiveStrategy;
import org.lockdemo.strategy.SavepointStrategy;
import org.lockdemo.strategy.StrategyKind;
import org.lockdemo.strategy.StrategyOptions;
import org.lockdemo.strategy.UpsertStrategy;
import org.lockdemo.strategy.RaceSchema;

class MySqlDialectTest {
    static {
        System.setProperty("org.jooq.no-logo", "true");
        System.setProperty("org.jooq.no-tips", "true");
    }

    private final MySqlDialect dialect = new MySqlDialect();

    /**
     * The dialect is chosen from the URL before the server says whether it is MySQL or MariaDB, so
     * lockdemo renders with MYSQL for both. That is only right while jOOQ renders every statement
     * the same way for MARIADB.
     */
    @Test
    void mysqlRenderingIsWhatMariaDbWouldGet() {
        // RETURNING is the server's to decide (MySqlDialect.onServer), not jOOQ's: the same for both here
        RaceSchema mysql = new RaceSchema("lockdemo_t", SQLDialect.MYSQL, true);
        RaceSchema mariadb = new RaceSchema("lockdemo_t", SQLDialect.MARIADB, true);
        for (StrategyKind k : StrategyKind.values()) {
            if (k.unsupportedOn("mysql").isEmpty()) {
                assertEquals(k.create(mariadb, StrategyOptions.DEFAULTS).statements(),
                        k.create(mysql, StrategyOptions.DEFAULTS).statements(), k.id());
            }
        }
        assertEquals(SQLDialect.MYSQL, dialect.jooqDialect());
    }

    @Test
    void nowaitReadIsRenderedWithNowait() {
        String lock = new SavepointStrategy(new RaceSchema("lockdemo_t", SQLDialect.MYSQL), SavepointStrategy.WaitMode.NOWAIT).statements().get(0);
        assertEquals("SELECT id, jahr, monat, some_value FROM lockdemo_t WHERE (jahr = ? AND monat = ?) LIMIT 21 FOR UPDATE NOWAIT",
                lock);
    }

    /** Django's can_return_columns_from_insert: MariaDB 10.5 and later; never MySQL. */
    @Test
    void insertReturningOnMariaDb105AndLater() {
        assertTrue(MySqlDialect.hasInsertReturning(new String[] {"MariaDB", "10.11.19-MariaDB-0+deb12u1"}));
        assertTrue(MySqlDialect.hasInsertReturning(new String[] {"MariaDB", "10.5.0"}));
        assertTrue(MySqlDialect.hasInsertReturning(new String[] {"MariaDB", "11.4.2-MariaDB"}));
        assertFalse(MySqlDialect.hasInsertReturning(new String[] {"MariaDB", "10.4.34-MariaDB"}));
        assertFalse(MySqlDialect.hasInsertReturning(new String[] {"MySQL", "8.4.0"}));
        assertFalse(MySqlDialect.hasInsertReturning(new String[] {"MariaDB", "unknown"}));
        String mysqlInsert = new NaiveStrategy(new RaceSchema("lockdemo_t", SQLDialect.MYSQL, false)).statements().get(1);
        assertEquals("INSERT INTO lockdemo_t (jahr, monat, some_value) VALUES (?, ?, 0)", mysqlInsert);
    }

    @Test
    void upsertIsOnDuplicateKeyUpdate() {
        String upsert = new UpsertStrategy(new RaceSchema("lockdemo_t", SQLDialect.MYSQL)).statements().get(0);
        assertTrue(upsert.contains("on duplicate key update"), upsert);
    }

    @Test
    void lockTimeoutIsRoundedUpToWholeSeconds() {
        assertEquals("SET SESSION innodb_lock_wait_timeout = 1", dialect.sessionInitSql(Duration.ofMillis(1)));
        assertEquals("SET SESSION innodb_lock_wait_timeout = 1", dialect.sessionInitSql(Duration.ofMillis(1000)));
        assertEquals("SET SESSION innodb_lock_wait_timeout = 2", dialect.sessionInitSql(Duration.ofMillis(1001)));
        assertEquals("SET SESSION innodb_lock_wait_timeout = 30", dialect.sessionInitSql(Duration.ofSeconds(30)));
    }

    @Test
    void zeroLockTimeoutWaitsAsLongAsInnoDbAllows() {
        // leaving the variable alone would mean the server's 50 s default, not "forever"
        assertEquals("SET SESSION innodb_lock_wait_timeout = 1073741824", dialect.sessionInitSql(Duration.ZERO));
        assertEquals("SET SESSION innodb_lock_wait_timeout = 1073741824", dialect.sessionInitSql(Duration.ofDays(40_000)));
    }

    @Test
    void mysqlAndMariaDbUrlsSelectThisDialect() {
        assertInstanceOf(MySqlDialect.class, Dialects.forUrl("jdbc:mysql://127.0.0.1:3306/test").orElseThrow());
        assertInstanceOf(MySqlDialect.class, Dialects.forUrl("jdbc:mariadb://127.0.0.1:3306/test").orElseThrow());
        assertInstanceOf(PostgresDialect.class, Dialects.forUrl("jdbc:postgresql://localhost/test").orElseThrow());
        assertFalse(Dialects.forUrl("jdbc:oracle:thin:@localhost:1521:xe").isPresent());
        assertTrue(Dialects.supportedSchemes().contains("jdbc:mysql://"));
    }

    @Test
    void mariaDbUrlsAreHandedToConnectorJ() {
        assertEquals("jdbc:mysql://db:3306/test?connectTimeout=5000",
                Dialects.normalizeUrl("jdbc:mariadb://db:3306/test?connectTimeout=5000"));
        assertEquals("jdbc:mysql://db/test", Dialects.normalizeUrl("JDBC:MARIADB://db/test"));
        assertEquals("jdbc:postgresql://db/test", Dialects.normalizeUrl("jdbc:postgresql://db/test"));
        // MariaDB Connector/J's failover forms have no Connector/J equivalent: left alone, not supported
        assertEquals("jdbc:mariadb:sequential://a,b/test", Dialects.normalizeUrl("jdbc:mariadb:sequential://a,b/test"));
        assertFalse(Dialects.forUrl("jdbc:mariadb:sequential://a,b/test").isPresent());
    }

    @Test
    void setupFailuresNameTheFixAndNeverThePassword() {
        DatabaseTarget target = new DatabaseTarget("jdbc:mysql://127.0.0.1:3306/test", "app", "s3cret", false);
        String denied = dialect.explainSetupFailure(new SQLException(
                "Access denied for user 'app'@'127.0.0.1' (using password: YES)", "28000", 1045), target, "connecting");
        assertEquals("connecting: access denied for user app (error 1045 SQLState 28000 ER_ACCESS_DENIED_ERROR): "
                + "Access denied for user 'app'@'127.0.0.1' (using password: YES); check --user and the password "
                + "(--password, --password-env, MYSQL_PWD or LOCKDEMO_PASSWORD)", denied);
        String tooMany = dialect.explainSetupFailure(new SQLException("Too many connections", "08004", 1040),
                target, "opening 64 pooled connections");
        assertTrue(tooMany.contains("lower --threads or raise max_connections"), tooMany);
        String unknownDb = dialect.explainSetupFailure(new SQLException("Unknown database 'nope'", "42000", 1049),
                target, "connecting");
        assertTrue(unknownDb.contains("name an existing database in --url"), unknownDb);
        String createDenied = dialect.explainSetupFailure(new SQLException(
                "CREATE command denied to user 'app'@'localhost' for table `test`.`lockdemo_x_naive`", "42000", 1142),
                target, "creating table lockdemo_x_naive");
        assertTrue(createDenied.contains("needs CREATE"), createDenied);
        for (String s : new String[] {denied, tooMany, unknownDb, createDenied}) {
            assertFalse(s.contains("s3cret"), s);
        }
    }
}
