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

    @Test
    void noUrlMeansTheEmbeddedDatabase() {
        DatabaseOptions db = parse();
        assertEquals(null, db.url());
        assertEquals(List.of(), db.urls());
    }
}
