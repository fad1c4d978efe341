package org.lockdemo.db;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.Statement;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The embedded server's data-directory template: made by the first start, copied by the next, and
 * a broken one replaced by initdb. In a working directory of its own (zonky's
 * {@code ot.epg.working-dir}), so the shared cache in {@code $TMPDIR/embedded-pg} is not touched.
 */
class EmbeddedPostgresServerIT {
    private static final String WORKING_DIR = "ot.epg.working-dir";
    private String previous;

    @BeforeEach
    void ownWorkingDirectory(@TempDir Path dir) {
        previous = System.getProperty(WORKING_DIR);
        System.setProperty(WORKING_DIR, dir.toString());
    }

    @AfterEach
    void restoreWorkingDirectory() {
        if (previous == null) {
            System.clearProperty(WORKING_DIR);
        } else {
            System.setProperty(WORKING_DIR, previous);
        }
    }

    private static String serverVersionNum(EmbeddedPostgresServer server) throws Exception {
        DatabaseTarget t = server.target();
        try (Connection c = DriverManager.getConnection(t.url(), t.user(), null); Statement s = c.createStatement();
                ResultSet rs = s.executeQuery("SHOW server_version_num")) {
            rs.next();
            return rs.getString(1);
        }
    }

    @Test
    void theFirstStartLeavesATemplateTheNextCopiesItAndEveryCopyIsRemoved() throws Exception {
        DataDirectoryTemplate template = DataDirectoryTemplate.forBundledBinaries().orElseThrow();
        assertFalse(template.exists());
        EmbeddedPostgresServer watchedOne;
        try (EmbeddedPostgresServer first = EmbeddedPostgresServer.start(10)) {
            assertTrue(first.copiedDataDirectory().isEmpty(), "no template yet: initdb");
            assertTrue(serverVersionNum(first).startsWith("18"));
            assertTrue(first.watched(), "a watcher stops the server should this JVM die without closing it");
            watchedOne = first;
        }
        assertFalse(watchedOne.watched(), "closing the server ends its watcher");
        assertTrue(template.exists(), "the first start published " + template);
        assertFalse(Files.exists(template.directory().resolve("epg-lock")), "the lock file was not copied");

        Path copy;
        try (EmbeddedPostgresServer second = EmbeddedPostgresServer.start(10)) {
            copy = second.copiedDataDirectory().orElseThrow(() -> new AssertionError("not started from the template"));
            assertTrue(Files.isRegularFile(copy.resolve("PG_VERSION")));
            assertTrue(serverVersionNum(second).startsWith("18"));
        }
        assertFalse(Files.exists(copy), "the copied data directory is removed on close: " + copy);
    }

    @Test
    void aTemplateTheServerCannotStartFromIsReplacedByInitdb() throws Exception {
        DataDirectoryTemplate template = DataDirectoryTemplate.forBundledBinaries().orElseThrow();
        EmbeddedPostgresServer.start(10).close(); // publishes the template
        Path version = template.directory().resolve("PG_VERSION");
        Files.writeString(version, "9\n", StandardCharsets.US_ASCII); // the server refuses a data directory of 9
        try (EmbeddedPostgresServer server = EmbeddedPostgresServer.start(10)) {
            assertTrue(server.copiedDataDirectory().isEmpty(), "fell back to initdb");
            assertTrue(serverVersionNum(server).startsWith("18"));
        }
        assertTrue(template.exists(), "a new template was published");
        assertEquals("18", Files.readString(version, StandardCharsets.US_ASCII).strip());
    }
}
