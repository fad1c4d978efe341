package org.lockdemo.cli;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.util.Properties;
import picocli.CommandLine.IVersionProvider;

/** Reads the version stamped into the jar at build time. Stateless. */
public final class VersionProvider implements IVersionProvider {

    public static String version() {
        return properties().getProperty("version", "unknown");
    }

    static String embeddedPostgresVersion() {
        return properties().getProperty("embedded.pg.version", "unknown");
    }

    private static Properties properties() {
        Properties p = new Properties();
        try (InputStream in = VersionProvider.class.getResourceAsStream("/org/lockdemo/version.properties")) {
            if (in != null) {
                p.load(in);
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return p;
    }

    @Override
    public String[] getVersion() {
        return new String[] {
            "lockdemo " + version(),
            "embedded PostgreSQL binaries " + embeddedPostgresVersion(),
            "Java " + System.getProperty("java.version") + " (" + System.getProperty("java.vm.name") + "), "
                    + System.getProperty("os.name") + " " + System.getProperty("os.arch")
        };
    }
}
