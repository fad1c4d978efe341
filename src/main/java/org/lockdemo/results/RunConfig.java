package org.lockdemo.results;

import java.util.List;

/**
 * How the run was configured, as the result records it. Immutable.
 *
 * <p>Exactly one of {@code durationS} (a timed run) and {@code rounds} is set. Null means absent
 * from the file: {@code statementDelayUs}, {@code lockViewIntervalUs} and {@code mode} are missing
 * in files of older versions (which ran closed loop); {@code ratePerS} is set only in open loop.
 *
 * @param rounds attempts per thread (summed over the inputs of a merge)
 * @param mode   {@code closed} or {@code open}
 * @param statementDelayNanos the delay before rounding down to {@code statementDelayUs}; only on a
 *               result built from a measured run, never in a file, else null
 * @param keysPerAttempt keys per attempt's transaction ({@code --keys-per-attempt}); null for one
 *               (the file has the field only when there were several)
 * @param keyOrder {@code arrival} or {@code sorted}, with {@code keysPerAttempt}; else null
 * @param answerTimeoutMs {@code --answer-timeout} in ms, 0 for none; null in files of older versions
 * @param workerThreads {@code platform} or {@code virtual} ({@code --worker-threads}); null in files
 *               of older versions, which ran on platform threads
 */
public record RunConfig(Long threads, Double durationS, Long rounds, Long keys, Long holdMs, Long statementDelayUs,
        Long seed, String isolation, Long lockTimeoutMs, Long lockViewIntervalUs, Boolean keep, Long maxRetries,
        String mode, Double ratePerS, List<String> strategies, Long statementDelayNanos, Long keysPerAttempt,
        String keyOrder, Long answerTimeoutMs, String workerThreads) {
    public static final String CLOSED = "closed";
    public static final String OPEN = "open";

    public RunConfig {
        strategies = strategies == null ? List.of() : List.copyOf(strategies);
    }

    /** A configuration without the exact statement delay: one read from a file, or merged. */
    public RunConfig(Long threads, Double durationS, Long rounds, Long keys, Long holdMs, Long statementDelayUs,
            Long seed, String isolation, Long lockTimeoutMs, Long lockViewIntervalUs, Boolean keep, Long maxRetries,
            String mode, Double ratePerS, List<String> strategies) {
        this(threads, durationS, rounds, keys, holdMs, statementDelayUs, seed, isolation, lockTimeoutMs,
                lockViewIntervalUs, keep, maxRetries, mode, ratePerS, strategies, null, null, null, null, null);
    }

    /** A configuration of one key per attempt. */
    public RunConfig(Long threads, Double durationS, Long rounds, Long keys, Long holdMs, Long statementDelayUs,
            Long seed, String isolation, Long lockTimeoutMs, Long lockViewIntervalUs, Boolean keep, Long maxRetries,
            String mode, Double ratePerS, List<String> strategies, Long statementDelayNanos) {
        this(threads, durationS, rounds, keys, holdMs, statementDelayUs, seed, isolation, lockTimeoutMs,
                lockViewIntervalUs, keep, maxRetries, mode, ratePerS, strategies, statementDelayNanos, null, null, null,
                null);
    }

    /** The keys each attempt got or created: 1 unless the run had several per attempt. */
    public long keysPerAttemptOrOne() {
        return keysPerAttempt == null ? 1 : keysPerAttempt;
    }

    /** The statement delay in ns: exact where known, else from the file's µs (0 when absent). */
    public long statementDelayNanosOrFromUs() {
        if (statementDelayNanos != null) {
            return statementDelayNanos;
        }
        return statementDelayUs == null ? 0 : statementDelayUs * 1000;
    }

    /** The run length in ms of a timed run (the file holds it in seconds, from whole milliseconds). */
    public long durationMillis() {
        return Math.round(durationS * 1000);
    }

    public boolean timed() {
        return durationS != null;
    }

    /** The loop; a file without the field ran closed. */
    public String modeOrClosed() {
        return mode == null ? CLOSED : mode;
    }

    public boolean openLoop() {
        return OPEN.equals(mode);
    }

    /** The same configuration with another run length (a merge's). */
    public RunConfig withLength(Double newDurationS, Long newRounds) {
        return new RunConfig(threads, newDurationS, newRounds, keys, holdMs, statementDelayUs, seed, isolation,
                lockTimeoutMs, lockViewIntervalUs, keep, maxRetries, mode, ratePerS, strategies, statementDelayNanos,
                keysPerAttempt, keyOrder, answerTimeoutMs, workerThreads);
    }
}
