package org.lockdemo;

import java.io.PrintWriter;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import org.lockdemo.cli.Cli;
import org.lockdemo.race.StopSignal;

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

        StopSignal stop = new StopSignal();
        CountDownLatch finished = new CountDownLatch(1);
        Thread hook = new Thread(() -> {
            // Ctrl-C or SIGTERM: ask the run to stop, then give it time to print, write and clean up.
            stop.request("interrupted by a signal (Ctrl-C or SIGTERM)");
            try {
                finished.await(15, TimeUnit.SECONDS);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }, "lockdemo-shutdown");
        Runtime.getRuntime().addShutdownHook(hook);

        PrintWriter out = new PrintWriter(System.out, true, StandardCharsets.UTF_8);
        PrintWriter err = new PrintWriter(System.err, true, StandardCharsets.UTF_8);
        int code = Cli.create(System.getenv(), stop, finished::countDown, out, err).execute(args);
        finished.countDown();
        out.flush();
        err.flush();
        // During a signal-initiated shutdown this blocks until the hooks finish; the JVM then exits
        // with the signal's conventional code (130 for SIGINT, 143 for SIGTERM).
        System.exit(code);
    }
}
