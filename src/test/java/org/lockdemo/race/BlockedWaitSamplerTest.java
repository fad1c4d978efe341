package org.lockdemo.race;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.sql.Connection;
import java.util.List;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.BooleanSupplier;
import org.junit.jupiter.api.Test;
import org.lockdemo.db.LockView;

/**
 * When the sampler asks the server: only at a tick where some attempt has lasted an interval. The
 * lock view here is a stand-in that reports one session as waiting; what is tested is the
 * sampler's own bookkeeping, not any database's locking (the ITs race on real servers).
 */
class BlockedWaitSamplerTest {
    private static final long SESSION = 4242;

    /** Reports {@link #SESSION} as blocked and counts the queries. */
    private static final class OneWaiter implements LockView {
        final AtomicLong queries = new AtomicLong();

        @Override
        public List<BlockedSession> blockedSessions(Connection observer) {
            queries.incrementAndGet();
            return List.of(new BlockedSession(SESSION, new long[0]));
        }

        @Override
        public String method() {
            return "test";
        }
    }

    private static void runUntil(BlockedWaitSampler sampler, BooleanSupplier done) throws InterruptedException {
        Thread t = new Thread(sampler, "sampler-under-test");
        t.start();
        long deadline = System.nanoTime() + 10_000_000_000L;
        while (!done.getAsBoolean() && System.nanoTime() < deadline) {
            Thread.onSpinWait();
        }
        sampler.stop();
        t.join();
    }

    @Test
    void noAttemptInFlightMeansNoQuery() throws InterruptedException {
        OneWaiter view = new OneWaiter();
        WorkerSlot idle = new WorkerSlot();
        BlockedWaitSampler sampler = new BlockedWaitSampler(view, null, new WorkerSlot[] {idle}, 50_000);
        runUntil(sampler, () -> sampler.skippedTicks() >= 100);
        assertTrue(sampler.skippedTicks() >= 100);
        assertEquals(0, view.queries.get());
        assertEquals(0, sampler.polls());
        assertEquals(0, sampler.blockedWaits());
    }

    @Test
    void anAttemptThatLastsAnIntervalIsLookedForAndCountedOnce() throws InterruptedException {
        OneWaiter view = new OneWaiter();
        WorkerSlot waiting = new WorkerSlot();
        waiting.enter(SESSION); // one attempt, in flight for the whole test
        BlockedWaitSampler sampler = new BlockedWaitSampler(view, null, new WorkerSlot[] {waiting}, 50_000);
        runUntil(sampler, () -> sampler.polls() >= 20);
        assertTrue(view.queries.get() >= 20, "queried " + view.queries.get());
        assertEquals(view.queries.get(), sampler.polls());
        assertTrue(sampler.skippedTicks() <= 1, "only the first tick, before the attempt had lasted one: "
                + sampler.skippedTicks());
        assertEquals(1, sampler.blockedWaits(), "one attempt, seen waiting many times, is one blocked wait");
    }

    @Test
    void intervalZeroQueriesEveryTime() throws InterruptedException {
        OneWaiter view = new OneWaiter();
        BlockedWaitSampler sampler = new BlockedWaitSampler(view, null, new WorkerSlot[] {new WorkerSlot()}, 0);
        runUntil(sampler, () -> sampler.polls() >= 20);
        assertTrue(sampler.polls() >= 20);
        assertEquals(0, sampler.skippedTicks());
    }
}
