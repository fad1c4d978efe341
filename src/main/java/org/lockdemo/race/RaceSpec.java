package org.lockdemo.race;

import java.time.Duration;
import java.util.List;
import java.util.Locale;
import org.lockdemo.model.Isolation;
import org.lockdemo.model.KeyOrder;
import org.lockdemo.strategy.RaceStrategy;

/**
 * One validated, immutable description of a race run, built by the command line.
 *
 * @param rounds          attempts per thread; 0 when the run is bounded by {@code duration}
 * @param duration        how long each strategy runs; null when bounded by {@code rounds}
 * @param keys            0: every round puts all threads on one fresh key at a barrier (hot key);
 *                        K &gt; 0: each attempt picks one of K keys at random (seeded)
 * @param lockTimeout     bound on each lock wait; zero waits forever
 * @param lockViewInterval pause between polls of the server's lock view
 * @param maxRetries      retries of a serialization failure or deadlock (strategies that retry)
 * @param ratePerSecond   0: closed loop (each worker starts its next attempt when the previous one
 *                        ended); &gt; 0: open loop at this many attempts per second over all threads,
 *                        latency measured from each attempt's intended start (needs {@code keys > 0})
 * @param statementDelay  waited before every statement of an attempt ({@code --statement-delay}):
 *                        a remote server's round trip, or an ORM's time between statements; zero: none
 * @param keysPerAttempt  keys each attempt gets or creates in one transaction ({@code --keys-per-attempt}):
 *                        hot key: every round's N fresh keys; {@code --keys K}: N keys in a row from a
 *                        random one of the K, wrapping around, so attempts share some of their keys
 * @param keyOrder        in which order an attempt of several keys takes them ({@code --key-order})
 * @param answerTimeout   how long a statement may wait for the server's answer before its
 *                        connection is aborted as lost ({@code --answer-timeout}); zero: forever.
 *                        Longer than {@code lockTimeout}, since a lock wait is such a wait
 * @param workerThreads   what the workers run on ({@code --worker-threads}); available on this JVM
 */
public record RaceSpec(
        List<RaceStrategy> strategies,
        int threads,
        int rounds,
        Duration duration,
        int keys,
        long holdMillis,
        Isolation isolation,
        long seed,
        Duration lockTimeout,
        Duration lockViewInterval,
        boolean keep,
        int maxRetries,
        double ratePerSecond,
        Duration statementDelay,
        int keysPerAttempt,
        KeyOrder keyOrder,
        Duration answerTimeout,
        WorkerThreads workerThreads) {

    public static final int MAX_THREADS = 4096;

    /** The most keys one attempt's transaction takes: a batch, not a bulk load. */
    public static final int MAX_KEYS_PER_ATTEMPT = 1000;

    /**
     * The open loop's ceiling per thread: one attempt every 100 us. An attempt is several round trips,
     * which take longer than that on any database, so a higher rate only measures the backlog.
     */
    public static final int MAX_RATE_PER_THREAD = 10_000;

    /**
     * Validates the run, once: the messages name the {@code lockdemo race} option each value comes
     * from, since the command line turns them into its one-line usage errors (exit 2).
     *
     * @throws IllegalArgumentException naming the first value that is out of range
     */
    public RaceSpec {
        strategies = List.copyOf(strategies);
        if (strategies.isEmpty()) {
            throw new IllegalArgumentException("no strategy");
        }
        if (threads < 1 || threads > MAX_THREADS) {
            throw new IllegalArgumentException("--threads must be between 1 and " + MAX_THREADS + ", got " + threads);
        }
        if (duration == null && rounds < 1) {
            throw new IllegalArgumentException("--rounds must be at least 1, got " + rounds);
        }
        if (duration != null && rounds != 0) {
            throw new IllegalArgumentException("--rounds and --duration do not go together; give one");
        }
        if (duration != null && (duration.isZero() || duration.isNegative())) {
            throw new IllegalArgumentException("--duration must be positive");
        }
        if (keys < 0) {
            throw new IllegalArgumentException("--keys must be 0 (hot key) or a positive number of keys, got " + keys);
        }
        if (holdMillis < 0 || holdMillis > 3_600_000) {
            throw new IllegalArgumentException("--hold-ms must be between 0 and 3600000, got " + holdMillis);
        }
        if (lockTimeout.isNegative()) {
            throw new IllegalArgumentException("--lock-timeout must not be negative");
        }
        if (maxRetries < 0 || maxRetries > 1000) {
            throw new IllegalArgumentException("--max-retries must be between 0 and 1000, got " + maxRetries);
        }
        if (lockViewInterval.isNegative()) {
            throw new IllegalArgumentException("--lock-view-interval must not be negative");
        }
        if (statementDelay.isNegative()) {
            throw new IllegalArgumentException("--statement-delay must not be negative");
        }
        if (!lockTimeout.isZero() && statementDelay.compareTo(lockTimeout) > 0) {
            throw new IllegalArgumentException("--statement-delay " + statementDelay.toNanos() / 1000
                    + "us is longer than --lock-timeout " + lockTimeout.toMillis() + "ms");
        }
        checkRate(ratePerSecond, keys, threads);
        if (keysPerAttempt < 1 || keysPerAttempt > MAX_KEYS_PER_ATTEMPT) {
            throw new IllegalArgumentException("--keys-per-attempt must be between 1 and " + MAX_KEYS_PER_ATTEMPT
                    + ", got " + keysPerAttempt);
        }
        if (keys > 0 && keysPerAttempt > keys) {
            throw new IllegalArgumentException("--keys-per-attempt " + keysPerAttempt + " needs at least as many keys; "
                    + "--keys is " + keys);
        }
        java.util.Objects.requireNonNull(keyOrder, "keyOrder");
        if (answerTimeout.isNegative()) {
            throw new IllegalArgumentException("--answer-timeout must not be negative");
        }
        if (!answerTimeout.isZero() && (lockTimeout.isZero() || answerTimeout.compareTo(lockTimeout) <= 0)) {
            throw new IllegalArgumentException("--answer-timeout " + answerTimeout.toMillis() + "ms must be longer than "
                    + "--lock-timeout " + (lockTimeout.isZero() ? "0 (lock waits without a bound)" : lockTimeout.toMillis() + "ms")
                    + ": a statement waiting for a lock is waiting for its answer");
        }
        if (!workerThreads.available()) {
            throw new IllegalArgumentException("--worker-threads " + workerThreads.id() + " needs Java "
                    + WorkerThreads.VIRTUAL_SINCE_JAVA + " or newer; this is Java " + Runtime.version().feature()
                    + " (" + System.getProperty("java.home") + ")");
        }
    }

    /** The margin of the default {@code --answer-timeout} over {@code --lock-timeout}. */
    public static final Duration ANSWER_TIMEOUT_MARGIN = Duration.ofSeconds(30);

    /**
     * The default {@code --answer-timeout}: {@code --lock-timeout} plus {@link #ANSWER_TIMEOUT_MARGIN},
     * longer than any legitimate statement; none when lock waits have no bound.
     */
    public static Duration defaultAnswerTimeout(Duration lockTimeout) {
        return lockTimeout.isZero() ? Duration.ZERO : lockTimeout.plus(ANSWER_TIMEOUT_MARGIN);
    }

    /** A run of one key per attempt. */
    public RaceSpec(List<? extends RaceStrategy> strategies, int threads, int rounds, Duration duration, int keys,
            long holdMillis, Isolation isolation, long seed, Duration lockTimeout, Duration lockViewInterval,
            boolean keep, int maxRetries, double ratePerSecond, Duration statementDelay) {
        this(List.copyOf(strategies), threads, rounds, duration, keys, holdMillis, isolation, seed, lockTimeout,
                lockViewInterval, keep, maxRetries, ratePerSecond, statementDelay, 1, KeyOrder.ARRIVAL,
                defaultAnswerTimeout(lockTimeout), WorkerThreads.PLATFORM);
    }

    /** True when each attempt gets or creates several keys in one transaction. */
    public boolean severalKeys() {
        return keysPerAttempt > 1;
    }

    /** The message for a {@code --rate} that is not a positive number (0 given explicitly, too). */
    public static String rateNotPositive(double rate) {
        return "--rate must be a positive number of attempts per second, got " + rate;
    }

    /** {@code --rate}: 0 (closed loop), or positive, at most {@link #MAX_RATE_PER_THREAD} per thread, with keys. */
    private static void checkRate(double rate, int keys, int threads) {
        if (rate == 0) {
            return;
        }
        if (!(rate > 0) || Double.isInfinite(rate)) {
            throw new IllegalArgumentException(rateNotPositive(rate));
        }
        if (keys == 0) {
            throw new IllegalArgumentException("--rate needs --keys K: the hot-key race (--keys 0) starts all threads "
                    + "together at a barrier every round, so its pace is the slowest attempt's, not a rate");
        }
        double perThread = rate / threads;
        if (perThread > MAX_RATE_PER_THREAD) {
            String text = rate == Math.rint(rate) ? Long.toString((long) rate) : Double.toString(rate);
            throw new IllegalArgumentException(String.format(Locale.ROOT, "--rate %s asks each of the %d threads for "
                    + "%.0f attempts/s (one every %.1f us); at most %d per thread: lower --rate or raise --threads",
                    text, threads, perThread, 1e6 / perThread, MAX_RATE_PER_THREAD));
        }
    }

    /** A closed-loop run without a statement delay. */
    public RaceSpec(List<? extends RaceStrategy> strategies, int threads, int rounds, Duration duration, int keys,
            long holdMillis, Isolation isolation, long seed, Duration lockTimeout, Duration lockViewInterval,
            boolean keep, int maxRetries) {
        this(List.copyOf(strategies), threads, rounds, duration, keys, holdMillis, isolation, seed, lockTimeout, lockViewInterval,
                keep, maxRetries, 0, Duration.ZERO, 1, KeyOrder.ARRIVAL, defaultAnswerTimeout(lockTimeout),
                WorkerThreads.PLATFORM);
    }

    /**
     * This run for {@code kind} alone, bounded by {@code length} instead of rounds: a warm-up with
     * the same threads, keys, pace (an open loop warms up at its rate) and delays.
     */
    public RaceSpec warmUp(RaceStrategy kind, Duration length) {
        return new RaceSpec(List.of(kind), threads, 0, length, keys, holdMillis, isolation, seed, lockTimeout,
                lockViewInterval, keep, maxRetries, ratePerSecond, statementDelay, keysPerAttempt, keyOrder, answerTimeout,
                workerThreads);
    }

    /** True for {@code --rate}: attempts start on a timetable, not when the previous one ended. */
    public boolean openLoop() {
        return ratePerSecond > 0;
    }

    public boolean hotKey() {
        return keys == 0;
    }
}
