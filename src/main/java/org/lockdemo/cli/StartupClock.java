package org.lockdemo.cli;

import com.fasterxml.jackson.databind.node.ObjectNode;
import java.lang.management.ManagementFactory;
import java.time.Instant;
import java.util.Locale;

/**
 * Where the time from the start of the process to the first attempt goes: the JVM up to the
 * command, the embedded server, and the database setup (connections, pool, table, workers). The
 * process start is the operating system's (the launcher {@code exec}s java, so that is when the
 * command was typed, to the clock tick); it falls back to the JVM's own start time. Not thread-safe:
 * used by the command's thread only.
 */
final class StartupClock {
    private final long processStartEpochMillis;
    private final long commandNanos;
    private final long commandEpochMillis;
    private long embeddedStartNanos;
    private long embeddedReadyNanos;

    /** Call as the command starts. */
    StartupClock() {
        commandNanos = System.nanoTime();
        commandEpochMillis = System.currentTimeMillis();
        long jvmStart = ManagementFactory.getRuntimeMXBean().getStartTime();
        processStartEpochMillis = ProcessHandle.current().info().startInstant().map(Instant::toEpochMilli)
                .filter(t -> t <= jvmStart).orElse(jvmStart);
    }

    void embeddedServerStarting() {
        embeddedStartNanos = System.nanoTime();
    }

    void embeddedServerReady() {
        embeddedReadyNanos = System.nanoTime();
    }

    /** Milliseconds from the process start to {@code nanos} ({@link System#nanoTime()}). */
    private long millisSinceProcessStart(long nanos) {
        return commandEpochMillis - processStartEpochMillis + (nanos - commandNanos) / 1_000_000;
    }

    /**
     * Adds {@code startup_millis} (process start to the first attempt) and its phases to the result;
     * nothing if no attempt started.
     */
    void addTo(ObjectNode tree, long firstAttemptNanos) {
        if (firstAttemptNanos == 0) {
            return;
        }
        tree.put("startup_millis", millisSinceProcessStart(firstAttemptNanos));
        ObjectNode phases = tree.putObject("startup_phases_millis");
        phases.put("jvm_to_command", millisSinceProcessStart(commandNanos));
        long setupFrom = commandNanos;
        if (embeddedReadyNanos != 0) {
            phases.put("embedded_server", (embeddedReadyNanos - embeddedStartNanos) / 1_000_000);
            setupFrom = embeddedReadyNanos;
        }
        phases.put("database_setup", (firstAttemptNanos - setupFrom) / 1_000_000);
    }

    /** One line for {@code --verbose}. */
    String describe(long firstAttemptNanos) {
        if (firstAttemptNanos == 0) {
            return "startup: no attempt started";
        }
        long setupFrom = embeddedReadyNanos != 0 ? embeddedReadyNanos : commandNanos;
        return String.format(Locale.US, "startup: %d ms from the process start to the first attempt (JVM to the "
                + "command %d ms%s, then connections, pool, table and workers %d ms)",
                millisSinceProcessStart(firstAttemptNanos), millisSinceProcessStart(commandNanos),
                embeddedReadyNanos == 0 ? ""
                        : String.format(Locale.US, ", embedded PostgreSQL %d ms",
                                (embeddedReadyNanos - embeddedStartNanos) / 1_000_000),
                (firstAttemptNanos - setupFrom) / 1_000_000);
    }
}
