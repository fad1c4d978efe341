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

    /**
     * The git commit the jar was built from, with {@code +dirty} when tracked files had uncommitted
     * changes; {@code unknown} when it was built outside a git checkout.
     */
    public static String gitCommit() {
        Properties p = properties();
        String commit = p.getProperty("git.commit", "unknown");
        if (commit.isBlank() || commit.startsWith("${")) {
            return "unknown"; // built by a tool that did not run the stamping step (e.g. an IDE)
        }
        return "true".equals(p.getProperty("git.dirty")) ? commit + "+dirty" : commit;
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
            "lockdemo " + version() + " (commit " + gitCommit() + ")",
            "embedded PostgreSQL binaries " + embeddedPostgresVersion(),
            "Java " + System.getProperty("java.version") + " (" + System.getProperty("java.vm.name") + "), "
                    + System.getProperty("os.name") + " " + System.getProperty("os.arch")
        };
    }
}
