package org.lockdemo.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.concurrent.Callable;
import org.junit.jupiter.api.Test;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.ParameterException;

class DatabaseOptionsTest {

    @Command(name = "probe")
    static final class Probe implements Callable<Integer> {
        @Mixin
        DatabaseOptions db;

        @Override
        public Integer call() {
            return 0;
        }
    }

    private static DatabaseOptions parse(String... args) {
        Probe probe = new Probe();
        new CommandLine(probe).parseArgs(args);
        return probe.db;
    }

    @Test
    void repeatedUrlsKeepTheirOrder() {
        DatabaseOptions db = parse("--url", "jdbc:mysql://127.0.0.1:3311/test", "--url", "jdbc:mysql://127.0.0.1:3312/test");
        assertEquals(List.of("jdbc:mysql://127.0.0.1:3311/test", "jdbc:mysql://127.0.0.1:3312/test"), db.urls());
    }

    @Test
    void aCommaListOfUrlsCountsAsSeveral() {
        DatabaseOptions db = parse("--url", "jdbc:mysql://127.0.0.1:3311/test, jdbc:mysql://127.0.0.1:3312/test");
        assertEquals(List.of("jdbc:mysql://127.0.0.1:3311/test", "jdbc:mysql://127.0.0.1:3312/test"), db.urls());
    }

    @Test
    void aDriversOwnMultiHostUrlStaysOneUrl() {
        DatabaseOptions db = parse("--url", "jdbc:postgresql://h1:5432,h2:5432/test");
        assertEquals(List.of("jdbc:postgresql://h1:5432,h2:5432/test"), db.urls());
        assertEquals("jdbc:postgresql://h1:5432,h2:5432/test", db.url());
    }

    @Test
    void aSingleDatabaseCommandRefusesTwoUrls() {
        DatabaseOptions db = parse("--url", "jdbc:postgresql://a/test", "--url", "jdbc:postgresql://b/test");
        ParameterException e = assertThrows(ParameterException.class, db::url);
        assertTrue(e.getMessage().contains("takes one database"), e.getMessage());
    }

    @Test
    void everyUrlInAListIsChecked() {
        DatabaseOptions db = parse("--url", "jdbc:postgresql://a/test,jdbc:postgresql://b/test?password=x");
        ParameterException e = assertThrows(ParameterException.class, db::urls);
        assertTrue(e.getMessage().contains("carries a password"), e.getMessage());
    }

    /** The drivers take the URL's user= over --user, silently: two different users are refused in one line. */
    @Test
    void aUserInTheUrlAndAnotherInUserAreRefused() {
        DatabaseOptions db = parse("--url", "jdbc:postgresql://a/test?user=postgres", "--user", "alice");
        ParameterException e = assertThrows(ParameterException.class, db::urls);
        assertEquals("--user alice and the user=postgres in --url name two users; give one of them", e.getMessage());
        assertEquals(List.of("jdbc:postgresql://a/test?user=postgres"),
                parse("--url", "jdbc:postgresql://a/test?user=postgres", "--user", "postgres").urls());
        assertEquals(List.of("jdbc:postgresql://a/test?user=postgres"),
                parse("--url", "jdbc:postgresql://a/test?user=postgres").urls());
    }

    @Test
    void noUrlMeansTheEmbeddedDatabase() {
        DatabaseOptions db = parse();
        assertEquals(null, db.url());
        assertEquals(List.of(), db.urls());
    }

    @Test
    void theDialectComesFromTheUrlsOrIsTheEmbeddedServers() throws Exception {
        assertEquals("postgresql", parse().dialect().id());
        assertEquals("mysql", parse("--url", "jdbc:mariadb://127.0.0.1:3306/test").dialect().id());
        try (Databases d = parse("--url", "jdbc:mariadb://h1:3306/test", "--url", "jdbc:mariadb://h2:3306/test",
                "--user", "root").resolve(java.util.Map.of("MYSQL_PWD", "pw"), null)) {
            assertEquals("mysql", d.dialect().id());
            assertEquals(List.of("jdbc:mysql://h1:3306/test", "jdbc:mysql://h2:3306/test"),
                    d.targets().stream().map(org.lockdemo.db.DatabaseTarget::url).toList());
            assertEquals("pw", d.password(), "MYSQL_PWD for a MariaDB URL");
        }
    }

    @Test
    void urlsOfDifferentKindsAreAUsageError() {
        DatabaseOptions db = parse("--url", "jdbc:mysql://a/test", "--url", "jdbc:postgresql://b/test");
        ParameterException e = assertThrows(ParameterException.class, db::dialect);
        assertEquals("--url jdbc:postgresql://b/test is postgresql but --url jdbc:mysql://a/test is mysql; several --url "
                + "must be nodes of one cluster, all of one kind", e.getMessage());
        ParameterException unsupported = assertThrows(ParameterException.class,
                () -> parse("--url", "jdbc:derby:/tmp/x").dialect());
        assertTrue(unsupported.getMessage().contains("unsupported database"), unsupported.getMessage());
    }

    @Test
    void aRaceAcrossNodesNeedsOneMySqlFamilyClusterEachNodeOnceAndAThreadPerNode() {
        parse("--url", "jdbc:postgresql://a/test").requireOneCluster(1);
        assertTrue(assertThrows(ParameterException.class, () -> parse("--url", "jdbc:postgresql://a/test", "--url",
                "jdbc:postgresql://b/test").requireOneCluster(8)).getMessage().contains("needs a multi-primary cluster"));
        assertTrue(assertThrows(ParameterException.class, () -> parse("--url", "jdbc:mariadb://a/test", "--url",
                "jdbc:mysql://A/test").requireOneCluster(8)).getMessage().contains("was given twice"));
        assertEquals("--threads 1 is fewer than the 2 nodes; every node needs at least one thread",
                assertThrows(ParameterException.class, () -> parse("--url", "jdbc:mariadb://a/test", "--url",
                        "jdbc:mariadb://b/test").requireOneCluster(1)).getMessage());
    }
}
