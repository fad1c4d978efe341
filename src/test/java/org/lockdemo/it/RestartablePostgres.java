package org.lockdemo.it;

import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;
import java.io.IOException;
import java.lang.ProcessBuilder.Redirect;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * An embedded PostgreSQL that a test owns and can stop and start again with the server's own
 * {@code pg_ctl}, on the same data directory and port, to fault a run from outside. Never touches
 * the machine's servers. Not thread-safe: one test class drives it.
 */
final class RestartablePostgres implements AutoCloseable {
    private final EmbeddedPostgres pg;
    private final Path dataDir;
    private final Path pgCtl;
    private final String postmasterOptions;

    private RestartablePostgres(EmbeddedPostgres pg, Path dataDir) throws IOException {
        this.pg = pg;
        this.dataDir = dataDir;
        // postmaster.opts holds the server's exact command line: the binary, then its options
        String opts = Files.readString(dataDir.resolve("postmaster.opts"), StandardCharsets.UTF_8).strip();
        int firstSpace = opts.indexOf(' ');
        Path postgres = Path.of(opts.substring(0, firstSpace).replace("\"", ""));
        this.pgCtl = postgres.resolveSibling("pg_ctl");
        this.postmasterOptions = opts.substring(firstSpace + 1);
    }

    static RestartablePostgres start(int maxConnections) throws IOException {
        Path dir = Files.createTempDirectory("lockdemo-restartable-pg");
        EmbeddedPostgres pg = EmbeddedPostgres.builder().setDataDirectory(dir)
                .setServerConfig("max_connections", Integer.toString(maxConnections))
                .setOutputRedirector(Redirect.DISCARD).setErrorRedirector(Redirect.DISCARD).start();
        return new RestartablePostgres(pg, dir);
    }

    String url() {
        return "jdbc:postgresql://127.0.0.1:" + pg.getPort() + "/postgres";
    }

    /** Stops the server (fast shutdown: sessions are terminated, committed work is flushed) and waits. */
    void stop() throws IOException, InterruptedException {
        pgCtl("-D", dataDir.toString(), "-m", "fast", "-w", "stop");
    }

    /** Starts it again with the same options, same port, and waits until it accepts connections. */
    void startAgain() throws IOException, InterruptedException {
        pgCtl("-D", dataDir.toString(), "-o", postmasterOptions, "-w", "start");
    }

    /**
     * Freezes the server: SIGSTOP to the postmaster and every backend, as a host that stops
     * answering without closing its sockets (the kernel still accepts connections and data).
     */
    void freeze() throws IOException, InterruptedException {
        signal("-STOP");
    }

    /** Lets a frozen server go on (SIGCONT). */
    void thaw() throws IOException, InterruptedException {
        signal("-CONT");
    }

    private void signal(String signal) throws IOException, InterruptedException {
        long postmaster = Long.parseLong(Files.readAllLines(dataDir.resolve("postmaster.pid"), StandardCharsets.UTF_8)
                .get(0).strip());
        List<String> cmd = new ArrayList<>(List.of("kill", signal, Long.toString(postmaster)));
        ProcessHandle.of(postmaster).orElseThrow(() -> new IOException("no postmaster " + postmaster))
                .descendants().forEach(p -> cmd.add(Long.toString(p.pid())));
        Process p = new ProcessBuilder(cmd).redirectOutput(Redirect.DISCARD).redirectError(Redirect.DISCARD).start();
        if (!p.waitFor(10, TimeUnit.SECONDS) || p.exitValue() != 0) {
            p.destroyForcibly();
            throw new IOException(String.join(" ", cmd) + " failed or timed out");
        }
    }

    private void pgCtl(String... args) throws IOException, InterruptedException {
        List<String> cmd = new ArrayList<>();
        if ("root".equals(System.getProperty("user.name"))) {
            cmd.addAll(List.of("unshare", "-U")); // as zonky does: PostgreSQL refuses to run as root
        }
        cmd.add(pgCtl.toString());
        cmd.addAll(List.of(args));
        Process p = new ProcessBuilder(cmd).redirectOutput(Redirect.DISCARD).redirectError(Redirect.DISCARD).start();
        if (!p.waitFor(60, TimeUnit.SECONDS) || p.exitValue() != 0) {
            p.destroyForcibly();
            throw new IOException("pg_ctl " + String.join(" ", args) + " failed or timed out");
        }
    }

    @Override
    public void close() throws IOException {
        pg.close();
    }
}
