package org.lockdemo.race;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorCompletionService;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** Waiting for the workers: every failure kept, and a bounded wait after an abort. No sleeps: latches. */
class WorkerJoinTest {
    private final ExecutorService executor = Executors.newCachedThreadPool();
    private final CountDownLatch never = new CountDownLatch(1);
    private final AtomicInteger aborts = new AtomicInteger();

    @AfterEach
    void stop() throws InterruptedException {
        never.countDown();
        executor.shutdownNow();
        assertTrue(executor.awaitTermination(10, TimeUnit.SECONDS));
    }

    private WorkerJoin<Integer> join(List<Callable<Integer>> workers, boolean stopRequested, Runnable abort,
            long graceNanos) {
        ExecutorCompletionService<Integer> done = new ExecutorCompletionService<>(executor);
        workers.forEach(done::submit);
        return new WorkerJoin<>(done, workers.size(), () -> stopRequested, () -> {
            aborts.incrementAndGet();
            abort.run();
        }, graceNanos, "savepoint");
    }

    @Test
    void workersThatReturnEndTheWaitWithoutAFailure() throws InterruptedException {
        assertNull(join(List.of(() -> 1, () -> 2, () -> 3), false, () -> { }, TimeUnit.SECONDS.toNanos(10)).awaitAll());
        assertEquals(0, aborts.get());
    }

    @Test
    void everyFailureIsKeptTheFirstWithTheOthersSuppressed() throws InterruptedException {
        Error first = new AssertionError("first");
        // the later ones fail once the join has taken the first failure (and aborted): a latch in the
        // first worker's finally would open before its future completes, so a later failure could
        // reach the completion queue first
        CountDownLatch firstTaken = new CountDownLatch(1);
        Callable<Integer> fails = () -> {
            throw first;
        };
        Callable<Integer> failsLater = () -> {
            firstTaken.await();
            throw new OutOfMemoryError("second");
        };
        Callable<Integer> failsLast = () -> {
            firstTaken.await();
            throw new StackOverflowError("third");
        };
        Throwable failure = join(List.of(fails, () -> 1, failsLater, failsLast), false, firstTaken::countDown,
                TimeUnit.SECONDS.toNanos(10)).awaitAll();
        assertSame(first, failure);
        assertEquals(2, failure.getSuppressed().length);
        assertEquals(1, aborts.get(), "the others are aborted once, at the first failure");
    }

    @Test
    void aStopAbortsTheWorkersAndWaitsForThemToEnd() throws InterruptedException {
        CountDownLatch released = new CountDownLatch(1);
        Callable<Integer> waitsForTheAbort = () -> {
            released.await();
            return 1;
        };
        assertNull(join(List.of(waitsForTheAbort, waitsForTheAbort), true, released::countDown,
                TimeUnit.SECONDS.toNanos(10)).awaitAll());
        assertEquals(1, aborts.get());
    }

    @Test
    void aWorkerThatDoesNotEndAfterTheAbortIsAClearErrorNotAnEndlessWait() {
        Callable<Integer> stuck = () -> {
            never.await();
            return 1;
        };
        WorkerJoin<Integer> join = join(List.of(() -> 1, stuck), true, () -> { }, TimeUnit.MILLISECONDS.toNanos(100));
        WorkerJoin.WorkersStuckException e = assertThrows(WorkerJoin.WorkersStuckException.class, join::awaitAll);
        assertEquals("1 of 2 savepoint workers still running 100 ms after the run was aborted (a stop was requested): "
                + "a statement that does not return (no --lock-timeout?) or a stuck driver call", e.getMessage());
    }

    @Test
    void aStuckWaitAfterAFailureCarriesTheFailure() {
        Error boom = new AssertionError("boom");
        Callable<Integer> stuck = () -> {
            never.await();
            return 1;
        };
        WorkerJoin<Integer> join = join(List.of(() -> {
            throw boom;
        }, stuck), false, () -> { }, TimeUnit.MILLISECONDS.toNanos(100));
        WorkerJoin.WorkersStuckException e = assertThrows(WorkerJoin.WorkersStuckException.class, join::awaitAll);
        assertTrue(e.getMessage().contains("(a worker failed)"), e.getMessage());
        assertSame(boom, e.getSuppressed()[0]);
    }
}
