package org.lockdemo;

import java.io.PrintWriter;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import org.lockdemo.cli.Cli;
import org.lockdemo.cli.InterruptHandler;
import org.lockdemo.cli.ShutdownGuard;
import org.lockdemo.cli.Terminals;

/**
 * The entry point: quiets the libraries' logging, installs the Ctrl-C/SIGTERM hook, runs the
 * command and exits with its code. The only place that calls {@link System#exit}.
 */
public final class Main {
    private Main() {
    }

    public static void main(String[] args) {
        boolean verbose = Arrays.asList(args).contains("--verbose") || Arrays.asList(args).contains("-v");
        System.setProperty("org.slf4j.simpleLogger.defaultLogLevel", verbose ? "warn" : "off");
        System.setProperty("org.slf4j.simpleLogger.logFile", "System.err");
        System.setProperty("org.jooq.no-logo", "true");
        System.setProperty("org.jooq.no-tips", "true");

        ShutdownGuard guard = new ShutdownGuard();
        Runtime.getRuntime().addShutdownHook(new Thread(guard::onShutdown, "lockdemo-shutdown"));
        // The first Ctrl-C exits as the JVM would (130, through the shutdown hook); a second exits at once.
        InterruptHandler.install(guard, () -> {
            System.err.println("lockdemo: stopping after Ctrl-C (press Ctrl-C again to exit at once, without results)");
            new Thread(() -> System.exit(130), "lockdemo-sigint").start();
        });

        PrintWriter out = new PrintWriter(System.out, true, StandardCharsets.UTF_8);
        PrintWriter err = new PrintWriter(System.err, true, StandardCharsets.UTF_8);
        int code = Cli.create(System.getenv(), guard, out, err, Terminals.system()).execute(args);
        guard.finished();
        out.flush();
        err.flush();
        // During a signal-initiated shutdown this blocks until the hooks finish; the JVM then exits
        // with the signal's conventional code (130 for SIGINT, 143 for SIGTERM).
        System.exit(code);
    }
}
