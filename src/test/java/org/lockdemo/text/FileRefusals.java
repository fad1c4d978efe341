package org.lockdemo.text;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

import java.time.Duration;
import java.util.Optional;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

/**
 * What the property tests of the file readers hold every answer to: a file is read, or refused
 * with one readable line that names the file; never another exception or a hang. Stateless.
 */
public final class FileRefusals {
    /** A hang bound, not a speed claim. */
    public static final Duration BOUND = Duration.ofSeconds(20);

    private FileRefusals() {
    }

    /**
     * Runs {@code read} on a thread of its own, bounded by {@link #BOUND}: empty when it read the
     * file, the refusal when it threw {@code refusal}; any other throwable, or no answer in time, fails.
     */
    public static <E extends Exception> Optional<E> refusal(Callable<?> read, Class<E> refusal) {
        ExecutorService reader = Executors.newSingleThreadExecutor();
        Future<?> done = reader.submit(read);
        try {
            done.get(BOUND.toMillis(), TimeUnit.MILLISECONDS);
            return Optional.empty();
        } catch (ExecutionException e) {
            if (refusal.isInstance(e.getCause())) {
                return Optional.of(refusal.cast(e.getCause()));
            }
            return fail("not a " + refusal.getSimpleName() + " but " + e.getCause(), e.getCause());
        } catch (TimeoutException e) {
            return fail("no answer within " + BOUND + ": a hang");
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return fail("interrupted");
        } finally {
            reader.shutdownNow();
        }
    }

    /** The refusal is one line, starts with the file's name, has no control character, and is readable. */
    public static void oneLine(Exception e, String source) {
        String m = e.getMessage();
        assertFalse(m.contains("\n") || m.contains("\r"), () -> "more than one line: " + m);
        assertTrue(m.chars().noneMatch(Character::isISOControl), () -> "a control character in the message: " + m);
        assertTrue(m.startsWith(source + ":"), () -> "does not start by naming the file: " + m);
        assertTrue(m.length() > source.length() + 8 && m.length() < 600, () -> "not one readable line: " + m);
        assertFalse(m.contains("\tat "), () -> "a stack trace in the message: " + m);
    }
}
