package org.lockdemo.cli;

import java.lang.management.ManagementFactory;
import java.time.Instant;
import java.util.Locale;
import org.lockdemo.results.Startup;

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
     * The time from the process start to the first attempt, and its phases, for the result; null
     * if no attempt started.
     */
    Startup figures(long firstAttemptNanos) {
        if (firstAttemptNanos == 0) {
            return null;
        }
        long setupFrom = embeddedReadyNanos != 0 ? embeddedReadyNanos : commandNanos;
        return new Startup(millisSinceProcessStart(firstAttemptNanos), millisSinceProcessStart(commandNanos),
                embeddedReadyNanos != 0 ? (embeddedReadyNanos - embeddedStartNanos) / 1_000_000 : null,
                (firstAttemptNanos - setupFrom) / 1_000_000);
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
