package org.lockdemo.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.lang.management.ManagementFactory;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.condition.EnabledOnOs;
import org.junit.jupiter.api.condition.OS;

class StartupClockTest {
    /** A /proc/PID/stat line of a process named "a b) c" that started 123456 ticks after boot (fields 3..22 after the name). */
    private static final String STAT = "4242 (a b) c) S 1 4242 4242 0 -1 4194560 100 0 0 0 5 3 0 0 20 0 12 0 123456 "
            + "4000000000 9000 18446744073709551615 1 1 0 0 0 0 0 4096 17479 0 0 0 17 1 0 0 0 0 0\n";

    @Test
    void theStartTicksAreCountedAfterTheLastParenthesis() {
        // 1240.56 s since boot, started at 1234.56 s (123456 ticks of 10 ms): 6 s ago
        assertEquals(6000, StartupClock.millisSinceStart(STAT, "1240.56 2400.00\n"));
        assertEquals(0, StartupClock.millisSinceStart(STAT, "1234.56 1.00"));
    }

    @Test
    void textThatIsNotTheKernelsIsRefused() {
        assertThrows(RuntimeException.class, () -> StartupClock.millisSinceStart("4242 (x) S 1", "12.00 1.00"));
        assertThrows(RuntimeException.class, () -> StartupClock.millisSinceStart(STAT, "soon"));
        assertThrows(RuntimeException.class, () -> StartupClock.millisSinceStart(STAT, "1000.00 1.00"));
    }

    /**
     * This JVM's process started a little before the JVM's own start time (its launcher's exec and
     * the JVM's own start-up), not a second early as ProcessHandle's start instant can be.
     */
    @Test
    @EnabledOnOs(OS.LINUX)
    void thisProcessStartedJustBeforeItsJvm() {
        long jvmStart = ManagementFactory.getRuntimeMXBean().getStartTime();
        long start = StartupClock.linuxProcessStart(System.currentTimeMillis()).orElseThrow();
        assertTrue(start <= jvmStart + 20 && start > jvmStart - 900,
                "process start " + start + ", JVM start " + jvmStart + ": " + (jvmStart - start) + " ms apart");
    }
}
