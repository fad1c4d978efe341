package org.lockdemo;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.Statement;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Bad input, each with one clear line, its documented exit code, no stack trace and no password.
 * Uses its own embedded PostgreSQL that checks passwords (scram) for everyone but postgres and
 * allows only 20 connections.
 */
class BadInputIT {
    private static final String SECRET = "s3cret-Horse-Battery-19";
    private static final String WRONG = "wrong-Staple-Pass-77";
    private static EmbeddedPostgres pg;

    @BeforeAll
    static void startGuardedServer() throws Exception {
        pg = EmbeddedPostgres.builder()
                .setServerConfig("max_connections", "20")
                .setDataDirectoryCustomizer(dir -> {
                    try {
                        Files.writeString(dir.toPath().resolve("pg_hba.conf"), String.join("\n",
                                "local all all trust",
                                "host all postgres 127.0.0.1/32 trust",
                                "host all postgres ::1/128 trust",
                                "host all all 127.0.0.1/32 scram-sha-256",
                                "host all all ::1/128 scram-sha-256", ""), StandardCharsets.UTF_8);
                    } catch (IOException e) {
                        throw new UncheckedIOException(e);
                    }
                })
                .start();
        try (Connection c = pg.getPostgresDatabase().getConnection(); Statement s = c.createStatement()) {
            s.execute("SET password_encryption = 'scram-sha-256'");
            s.execute("CREATE ROLE alice LOGIN PASSWORD '" + SECRET + "'");
            // since PostgreSQL 15 ordinary users may not CREATE in schema public
            s.execute("REVOKE CREATE ON SCHEMA public FROM PUBLIC");
        }
    }

    @AfterAll
    static void stopServer() throws IOException {
        if (pg != null) {
            pg.close();
        }
    }

    private static String url() {
        return "jdbc:postgresql://127.0.0.1:" + pg.getPort() + "/postgres";
    }

    /** One line on stderr naming the problem, plus at most the --help hint; no stack trace, no secret. */
    private static void assertOneLineError(LockdemoRun run, int exitCode, String mustContain) {
        assertEquals(exitCode, run.exitCode(), run.toString());
        String[] lines = run.err().strip().split("\n");
        assertTrue(lines[0].startsWith("lockdemo: "), run.toString());
        assertTrue(lines[0].contains(mustContain), "expected '" + mustContain + "' in: " + lines[0]);
        assertTrue(lines.length <= 2, "one line (and a hint) expected: " + run);
        assertFalse(run.err().contains("\tat ") || run.err().contains("Exception"), "stack trace: " + run);
        assertFalse((run.out() + run.err()).contains(SECRET) || (run.out() + run.err()).contains(WRONG),
                "a password leaked: " + run);
    }

    @Test
    void unknownStrategy() {
        assertOneLineError(LockdemoRun.run("race", "--strategy", "optimistic"), 2, "'optimistic' is not a strategy");
    }

    @Test
    void threadsOutOfRange() {
        assertOneLineError(LockdemoRun.run("race", "--threads", "0"), 2, "--threads must be between 1 and 4096, got 0");
        assertOneLineError(LockdemoRun.run("race", "--threads", "100000"), 2, "--threads must be between 1 and 4096");
        assertOneLineError(LockdemoRun.run("race", "--threads", "many"), 2, "'many'");
    }

    @Test
    void badDurationAndConflictingLengths() {
        assertOneLineError(LockdemoRun.run("race", "--duration", "10x"), 2, "'10x' is not a duration");
        assertOneLineError(LockdemoRun.run("race", "--duration", "10s", "--rounds", "3"), 2, "do not go together");
    }

    @Test
    void unknownOption() {
        assertOneLineError(LockdemoRun.run("race", "--thread", "4"), 2, "--thread");
    }

    @Test
    void malformedAndUnsupportedUrls() {
        assertOneLineError(LockdemoRun.run("race", "--url", "postgres://localhost/test"), 2, "is not a JDBC URL");
        assertOneLineError(LockdemoRun.run("race", "--url", "jdbc:sqlite:/tmp/x.db"), 2, "unsupported database");
    }

    @Test
    void passwordInUrlIsRefusedWithoutEchoingIt() {
        assertOneLineError(LockdemoRun.run("race", "--url", url() + "?password=" + SECRET), 2, "carries a password");
    }

    @Test
    void unsetPasswordVariable() {
        assertOneLineError(LockdemoRun.run("race", "--url", url(), "--password-env", "LOCKDEMO_NO_SUCH_VAR"), 2,
                "LOCKDEMO_NO_SUCH_VAR");
    }

    @Test
    void unreachableHost() {
        assertOneLineError(LockdemoRun.run("race", "--url", "jdbc:postgresql://127.0.0.1:1/test", "--user", "postgres"),
                3, "cannot connect to jdbc:postgresql://127.0.0.1:1/test");
    }

    @Test
    void wrongPassword() {
        LockdemoRun run = LockdemoRun.run(Map.of("LOCKDEMO_PASSWORD", WRONG), "race", "--url", url(), "--user", "alice");
        assertOneLineError(run, 3, "authentication failed for user alice");
        assertTrue(run.err().contains("28P01"), run.toString());
    }

    @Test
    void missingDatabase() {
        assertOneLineError(LockdemoRun.run("race", "--url", "jdbc:postgresql://127.0.0.1:" + pg.getPort()
                + "/no_such_db", "--user", "postgres"), 3, "no_such_db");
    }

    @Test
    void noPrivilegeToCreateTheTable() {
        LockdemoRun run = LockdemoRun.run(Map.of("PGPASSWORD", SECRET), "race", "--url", url(), "--user", "alice",
                "--threads", "2", "--rounds", "1");
        assertOneLineError(run, 3, "user alice lacks a privilege");
        assertTrue(run.err().contains("42501"), run.toString());
    }

    @Test
    void moreThreadsThanTheServerAllows() {
        LockdemoRun run = LockdemoRun.run("race", "--url", url(), "--user", "postgres", "--threads", "30");
        assertOneLineError(run, 3, "--threads 30 needs 31 connections");
        assertTrue(run.err().contains("max_connections=20"), run.toString());
    }

    @Test
    void unwritableJsonPathIsRefusedBeforeTheRun(@TempDir Path dir) {
        assertOneLineError(LockdemoRun.run("race", "--json", dir.resolve("no/such/dir/r.json").toString()), 2,
                "no such directory");
        assertOneLineError(LockdemoRun.run("race", "--json", dir.toString()), 2, "it is a directory");
        assertOneLineError(LockdemoRun.run("race", "--timeline-csv", dir.toString()), 2,
                "--timeline-csv " + dir + ": cannot write there (it is a directory)");
    }
}
