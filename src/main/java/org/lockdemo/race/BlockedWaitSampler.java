package org.lockdemo.race;

import java.sql.Connection;
import java.sql.SQLException;
import java.util.HashMap;
import java.util.Map;
import java.util.concurrent.locks.LockSupport;
import org.lockdemo.db.LockView;
import org.lockdemo.metrics.ErrorMessages;

/**
 * Polls the server's lock view on its own connection and counts the attempts it saw waiting for
 * another session's lock. An observation is attributed to an attempt only if the worker's slot
 * showed the same in-flight attempt before and after the query, so an attempt is never counted
 * for a wait it did not have, and never counted twice. Waits shorter than a polling period can be
 * missed: the count is a lower bound.
 *
 * <p>The server is queried only at a tick where some attempt is still the one that was in flight at
 * the previous tick, i.e. has lasted at least one interval: no attempt can have waited longer than
 * that otherwise. A lock wait spanning two ticks is therefore always looked for, as before; what
 * is skipped is the query (a scan of the server's sessions, on the server's CPU) while every
 * attempt is quick, which is most of the time unless the attempts are contending.
 * {@code intervalNanos} 0 polls back to back, every time.
 *
 * <p>Thread-safety: {@link #run()} runs on one dedicated thread; {@link #stop()} may be called from
 * any thread; {@link #blockedWaits()} and {@link #failure()} are read after that thread joined.
 */
final class BlockedWaitSampler implements Runnable {
    private final LockView lockView;
    private final Connection connection;
    private final WorkerSlot[] slots;
    private final long intervalNanos;
    private final long[] lastCountedSeq;
    private volatile boolean stopped;
    private long blockedWaits;
    private long polls;
    private long skippedTicks;
    private String failure;

    BlockedWaitSampler(LockView lockView, Connection connection, WorkerSlot[] slots, long intervalNanos) {
        this.lockView = lockView;
        this.connection = connection;
        this.slots = slots;
        this.intervalNanos = intervalNanos;
        this.lastCountedSeq = new long[slots.length];
    }

    @Override
    public void run() {
        long[] seqBefore = new long[slots.length];
        long[] seqAtPreviousTick = new long[slots.length];
        Map<Long, Integer> slotBySession = new HashMap<>();
        try {
            while (!stopped) {
                slotBySession.clear();
                boolean anyLasted = intervalNanos == 0;
                for (int i = 0; i < slots.length; i++) {
                    long s = slots[i].seq();
                    seqBefore[i] = s;
                    if ((s & 1) == 1) {
                        slotBySession.put(slots[i].sessionId(), i);
                        long secondId = slots[i].secondSessionId();
                        if (secondId >= 0) { // a wait of the worker's second connection is its attempt's too
                            slotBySession.put(secondId, i);
                        }
                        anyLasted |= s == seqAtPreviousTick[i];
                    }
                    seqAtPreviousTick[i] = s;
                }
                if (!anyLasted) {
                    skippedTicks++;
                    LockSupport.parkNanos(intervalNanos);
                    continue;
                }
                long[] blocked = lockView.blockedSessionIds(connection);
                polls++;
                for (long sessionId : blocked) {
                    Integer i = slotBySession.get(sessionId);
                    if (i != null && slots[i].seq() == seqBefore[i] && lastCountedSeq[i] != seqBefore[i]) {
                        lastCountedSeq[i] = seqBefore[i];
                        blockedWaits++;
                    }
                }
                if (intervalNanos > 0) {
                    LockSupport.parkNanos(intervalNanos);
                }
            }
        } catch (SQLException e) {
            failure = "lock view query failed after " + polls + " polls: " + ErrorMessages.oneLine(e);
        }
    }

    void stop() {
        stopped = true;
    }

    long blockedWaits() {
        return blockedWaits;
    }

    long polls() {
        return polls;
    }

    /** Ticks at which no attempt had lasted an interval, so the server was not queried. */
    long skippedTicks() {
        return skippedTicks;
    }

    /** Why sampling ended early, or null. */
    String failure() {
        return failure;
    }
}
