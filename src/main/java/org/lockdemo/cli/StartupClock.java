package org.lockdemo.cli;

import java.io.IOException;
import java.lang.management.ManagementFactory;
import java.math.BigDecimal;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Locale;
import java.util.Optional;
import org.lockdemo.results.Startup;

/**
 * Where the time from the start of the process to the first attempt goes: the JVM up to the
 * command, the embedded server, and the database setup (connections, pool, table, workers). The
 * process start is the operating system's (the launcher {@code exec}s java, so that is when the
 * command was typed, to the clock tick of 10 ms), read on Linux from {@code /proc/self/stat} and
 * {@code /proc/uptime}; elsewhere, or if those cannot be read, it is the JVM's own start time.
 *
 * <p>Not {@link ProcessHandle.Info#startInstant()}: the JDK adds the process's start ticks to the
 * boot time of {@code /proc/stat}, which is whole seconds ({@code btime}), so its answer is up to a
 * second early (1.01 s on this project's machine on 2026-12-07; {@code StartupClockTest}). Both
 * figures used here count from the boot on the same clock, so no wall-clock boot time enters. Not
 * thread-safe: used by the command's thread only.
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
        processStartEpochMillis = linuxProcessStart(commandEpochMillis).filter(t -> t <= jvmStart && jvmStart - t < 60_000)
                .orElse(jvmStart);
    }

    /** USER_HZ, the unit of {@code /proc/self/stat}'s start time: 100 on every Linux architecture Java runs on. */
    private static final long TICKS_PER_SECOND = 100;

    /**
     * When this process started, in epoch milliseconds: {@code nowEpochMillis} less the time since
     * then, which is the seconds since boot ({@code /proc/uptime}) less the start time in ticks
     * since boot ({@code /proc/self/stat}, field 22); empty where those files are not Linux's.
     */
    static Optional<Long> linuxProcessStart(long nowEpochMillis) {
        try {
            String stat = Files.readString(Path.of("/proc/self/stat"));
            String uptime = Files.readString(Path.of("/proc/uptime"));
            return Optional.of(nowEpochMillis - millisSinceStart(stat, uptime));
        } catch (IOException | RuntimeException e) {
            return Optional.empty(); // not Linux, or not this format: the JVM's own start time is used
        }
    }

    /**
     * The milliseconds from a process's start to the moment {@code uptime} was read, from the texts
     * of its {@code /proc/PID/stat} and of {@code /proc/uptime}.
     *
     * @throws RuntimeException when either text is not in the kernel's format
     */
    static long millisSinceStart(String stat, String uptime) {
        // the command name (field 2) is in parentheses and may hold spaces and ')': count after the last one
        String[] fields = stat.substring(stat.lastIndexOf(')') + 2).trim().split(" ");
        long startTicks = Long.parseLong(fields[22 - 3]);
        long uptimeMillis = new BigDecimal(uptime.trim().split("\\s+")[0]).movePointRight(3).longValueExact();
        long since = uptimeMillis - startTicks * 1000 / TICKS_PER_SECOND;
        if (since < 0) {
            throw new IllegalArgumentException("a process that starts " + -since + " ms after the uptime was read");
        }
        return since;
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
