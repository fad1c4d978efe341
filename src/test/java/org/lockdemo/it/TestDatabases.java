package org.lockdemo.it;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import org.lockdemo.db.DatabaseSetupException;
import org.lockdemo.db.EmbeddedPostgresServer;

/**
 * The databases the integration tests race on: one embedded PostgreSQL shared by the test JVM,
 * and the machine's PostgreSQL when {@code LOCKDEMO_TEST_PG_URL} is set (CI sets it).
 */
final class TestDatabases {
    private static EmbeddedPostgresServer embedded;

    private TestDatabases() {
    }

    /** The shared embedded server's URL; started on first use, stopped when the JVM exits. */
    static synchronized String embeddedUrl() {
        if (embedded == null) {
            try {
                embedded = EmbeddedPostgresServer.start(300);
            } catch (DatabaseSetupException e) {
                throw new IllegalStateException(e);
            }
            EmbeddedPostgresServer server = embedded;
            Runtime.getRuntime().addShutdownHook(new Thread(() -> {
                try {
                    server.close();
                } catch (IOException e) {
                    throw new UncheckedIOException(e);
                }
            }));
        }
        return embedded.target().url();
    }

    /** The machine's PostgreSQL, or null when the environment does not name one. */
    static String machinePgUrl() {
        String url = System.getenv("LOCKDEMO_TEST_PG_URL");
        return url == null || url.isBlank() ? null : url;
    }

    /**
     * The nodes of a running MariaDB Galera cluster, from {@code LOCKDEMO_TEST_GALERA_URLS} (JDBC
     * URLs separated by commas; .ci/run starts a 3-node cluster with scripts/galera.sh and sets it);
     * empty when the environment names none.
     */
    static List<String> galeraUrls() {
        return TestDatabase.urls(System.getenv(TestDatabase.GALERA_CLUSTER.variable()));
    }

    /** lockdemo tables in the database at {@code url} whose name contains {@code fragment}. */
    static List<String> lockdemoTables(String url, String user, String fragment) throws SQLException {
        List<String> names = new ArrayList<>();
        try (Connection c = DriverManager.getConnection(url, user, null);
                Statement s = c.createStatement();
                ResultSet rs = s.executeQuery("SELECT table_name FROM information_schema.tables"
                        + " WHERE table_name LIKE 'lockdemo\\_%' ORDER BY 1")) {
            while (rs.next()) {
                if (rs.getString(1).contains(fragment)) {
                    names.add(rs.getString(1));
                }
            }
        }
        return names;
    }
}
