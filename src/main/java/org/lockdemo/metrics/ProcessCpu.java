package org.lockdemo.metrics;

import java.lang.management.ManagementFactory;

/**
 * The CPU time this JVM process has used so far, over all its threads (workers, the lock-view
 * sampler, GC, JIT compiler, the pool's housekeeping), as the operating system counts it (on Linux
 * {@code clock_gettime(CLOCK_PROCESS_CPUTIME_ID)}: user plus system time). The client's cost of a
 * run is the difference of two readings. Thread-safe (stateless).
 */
public final class ProcessCpu {
    /** What {@link #nanos()} returns where the JVM cannot read the process's CPU time. */
    public static final long UNKNOWN = -1;

    private ProcessCpu() {
    }

    /** CPU nanoseconds used by this process since it started, or {@link #UNKNOWN}. */
    public static long nanos() {
        if (ManagementFactory.getOperatingSystemMXBean() instanceof com.sun.management.OperatingSystemMXBean os) {
            long n = os.getProcessCpuTime();
            return n >= 0 ? n : UNKNOWN;
        }
        return UNKNOWN;
    }

    /** CPU used between two readings, or {@link #UNKNOWN} if either was unknown. */
    public static long between(long beforeNanos, long afterNanos) {
        return beforeNanos == UNKNOWN || afterNanos == UNKNOWN ? UNKNOWN : afterNanos - beforeNanos;
    }
}
