package org.lockdemo.race;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.lockdemo.model.Isolation;
import org.lockdemo.strategy.StrategyKind;

/** The spec is validated once, with the messages the command line shows (BadInputIT runs them end to end). */
class RaceSpecTest {
    private static final Duration LOCK_TIMEOUT = Duration.ofSeconds(1);

    private static RaceSpec spec(int threads, int rounds, Duration duration, int keys, double rate, Duration delay) {
        return new RaceSpec(List.of(StrategyKind.NAIVE, StrategyKind.SAVEPOINT), threads, rounds, duration, keys, 0,
                Isolation.DEFAULT, 7L, LOCK_TIMEOUT, Duration.ofMillis(1), false, 10, rate, delay);
    }

    private static String refused(Runnable r) {
        return assertThrows(IllegalArgumentException.class, r::run).getMessage();
    }

    @Test
    void eachValueOutOfRangeIsNamedByItsOption() {
        assertEquals("--threads must be between 1 and 4096, got 0", refused(() -> spec(0, 1, null, 0, 0, Duration.ZERO)));
        assertEquals("--rounds must be at least 1, got 0", refused(() -> spec(4, 0, null, 0, 0, Duration.ZERO)));
        assertEquals("--duration must be positive", refused(() -> spec(4, 0, Duration.ZERO, 0, 0, Duration.ZERO)));
        assertEquals("--rounds and --duration do not go together; give one",
                refused(() -> spec(4, 3, Duration.ofSeconds(1), 0, 0, Duration.ZERO)));
        assertEquals("--keys must be 0 (hot key) or a positive number of keys, got -1",
                refused(() -> spec(4, 1, null, -1, 0, Duration.ZERO)));
        assertEquals("--statement-delay must not be negative", refused(() -> spec(4, 1, null, 0, 0, Duration.ofMillis(-1))));
        assertEquals("--statement-delay 2000000us is longer than --lock-timeout 1000ms",
                refused(() -> spec(4, 1, null, 0, 0, Duration.ofSeconds(2))));
        assertEquals("--rate must be a positive number of attempts per second, got -5.0",
                refused(() -> spec(4, 1, null, 10, -5, Duration.ZERO)));
        assertEquals("--rate needs --keys K: the hot-key race (--keys 0) starts all threads together at a barrier every "
                + "round, so its pace is the slowest attempt's, not a rate", refused(() -> spec(4, 1, null, 0, 100, Duration.ZERO)));
        assertEquals("--rate 100000000 asks each of the 8 threads for 12500000 attempts/s (one every 0.1 us); at most "
                + "10000 per thread: lower --rate or raise --threads", refused(() -> spec(8, 1, null, 10, 1e8, Duration.ZERO)));
    }

    @Test
    void theAnswerTimeoutDefaultsToTheLockTimeoutPlusAMarginAndMustExceedIt() {
        RaceSpec s = spec(4, 1, null, 0, 0, Duration.ZERO);
        assertEquals(Duration.ofSeconds(31), s.answerTimeout());
        assertEquals(Duration.ZERO, RaceSpec.defaultAnswerTimeout(Duration.ZERO), "no bound without a lock timeout");
        assertEquals("--answer-timeout 1000ms must be longer than --lock-timeout 1000ms: a statement waiting for a lock "
                + "is waiting for its answer", refused(() -> withAnswerTimeout(s, Duration.ofSeconds(1))));
        assertEquals("--answer-timeout must not be negative", refused(() -> withAnswerTimeout(s, Duration.ofSeconds(-1))));
        assertEquals(Duration.ofMillis(1001), withAnswerTimeout(s, Duration.ofMillis(1001)).answerTimeout());
        assertEquals(Duration.ZERO, withAnswerTimeout(s, Duration.ZERO).answerTimeout(), "0: wait forever");
    }

    private static RaceSpec withAnswerTimeout(RaceSpec s, Duration answer) {
        return new RaceSpec(s.strategies(), s.threads(), s.rounds(), s.duration(), s.keys(), s.holdMillis(), s.isolation(),
                s.seed(), s.lockTimeout(), s.lockViewInterval(), s.keep(), s.maxRetries(), s.ratePerSecond(),
                s.statementDelay(), s.keysPerAttempt(), s.keyOrder(), answer, s.workerThreads());
    }

    @Test
    void aWarmUpIsTheSameRunForOneStrategyBoundedByTime() {
        RaceSpec run = spec(6, 20, null, 10, 500, Duration.ofMillis(1));
        RaceSpec warm = run.warmUp(StrategyKind.SAVEPOINT, Duration.ofSeconds(2));
        assertEquals(List.of(StrategyKind.SAVEPOINT), warm.strategies());
        assertEquals(0, warm.rounds());
        assertEquals(Duration.ofSeconds(2), warm.duration());
        assertEquals(new RaceSpec(List.of(StrategyKind.SAVEPOINT), 6, 0, Duration.ofSeconds(2), 10, 0, Isolation.DEFAULT,
                7L, LOCK_TIMEOUT, Duration.ofMillis(1), false, 10, 500, Duration.ofMillis(1)), warm,
                "everything else as the run: threads, keys, rate (an open loop warms up at its rate), delay, seed");
    }
}
