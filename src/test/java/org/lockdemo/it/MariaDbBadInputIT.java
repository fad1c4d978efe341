package org.lockdemo.it;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.Statement;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * Passwords and privileges on MariaDB: the password comes from MYSQL_PWD (not from a PGPASSWORD
 * meant for another server), a wrong one and a missing CREATE privilege each give one line and
 * exit 3, and the password never appears.
 */
@RequiresDatabase(TestDatabase.MYSQL)
class MariaDbBadInputIT {
    private static final String USER = "lockdemo_it_alice";
    private static final String SECRET = "Maria-s3cret-Pw-42";
    private static final String WRONG = "Maria-wrong-Pw-17";
    private static String url;

    @BeforeAll
    static void createUserWithoutCreatePrivilege() throws Exception {
        url = System.getenv("LOCKDEMO_TEST_MYSQL_URL");
        try (Connection c = DriverManager.getConnection(url, "root", ""); Statement s = c.createStatement()) {
            s.execute("DROP USER IF EXISTS '" + USER + "'@'%'");
            s.execute("CREATE USER '" + USER + "'@'%' IDENTIFIED BY '" + SECRET + "'");
            s.execute("GRANT SELECT ON test.* TO '" + USER + "'@'%'");
        }
    }

    @AfterAll
    static void dropUser() throws Exception {
        if (url != null && !url.isBlank()) {
            try (Connection c = DriverManager.getConnection(url, "root", ""); Statement s = c.createStatement()) {
                s.execute("DROP USER IF EXISTS '" + USER + "'@'%'");
            }
        }
    }

    private static void assertOneLine(LockdemoRun run, String mustContain) {
        assertEquals(3, run.exitCode(), run.toString());
        String all = run.out() + run.err();
        assertTrue(run.err().startsWith("lockdemo: ") && run.err().strip().split("\n").length == 1, run.toString());
        assertTrue(run.err().contains(mustContain), run.toString());
        assertFalse(all.contains(SECRET) || all.contains(WRONG), "password leaked: " + run);
        assertFalse(all.contains("\tat "), "stack trace: " + run);
    }

    @Test
    void wrongPasswordFromMysqlPwd() {
        assertOneLine(LockdemoRun.run(Map.of("MYSQL_PWD", WRONG), "race", "--url", url, "--user", USER), "1045");
    }

    @Test
    void mysqlPwdIsUsedAndPgpasswordIsNotSentToMariaDb() {
        // right password in MYSQL_PWD, a wrong one in PGPASSWORD: authentication passes, and the
        // run stops at the missing CREATE privilege instead
        LockdemoRun run = LockdemoRun.run(Map.of("MYSQL_PWD", SECRET, "PGPASSWORD", WRONG), "race", "--url", url,
                "--user", USER, "--threads", "2", "--rounds", "1");
        assertOneLine(run, "1142");
    }

    @Test
    void moreThreadsThanMaxConnectionsIsRefusedBeforeStartingWithBothNumbers() {
        LockdemoRun run = LockdemoRun.run("race", "--url", url, "--user", "root", "--threads", "4096");
        assertOneLine(run, "--threads 4096 needs 4097 connections (one per thread plus the lock-view sampler)");
        assertTrue(run.err().contains("max_connections="), run.toString());
    }

    @Test
    void cleanupWithAWrongPassword() {
        assertOneLine(LockdemoRun.run(Map.of("MYSQL_PWD", WRONG), "cleanup", "--url", url, "--user", USER), "1045");
    }
}
