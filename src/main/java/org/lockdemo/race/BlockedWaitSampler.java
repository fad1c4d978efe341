package org.lockdemo.race;

import java.sql.Connection;
import java.sql.SQLException;
import java.util.HashMap;
import java.util.List;
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
        Map<Long, Integer> slotBySession = new HashMap<>();
        try {
            while (!stopped) {
                slotBySession.clear();
                for (int i = 0; i < slots.length; i++) {
                    long s = slots[i].seq();
                    seqBefore[i] = s;
                    if ((s & 1) == 1) {
                        slotBySession.put(slots[i].sessionId(), i);
                    }
                }
                List<LockView.BlockedSession> blocked = lockView.blockedSessions(connection);
                polls++;
                for (LockView.BlockedSession b : blocked) {
                    Integer i = slotBySession.get(b.sessionId());
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

    /** Why sampling ended early, or null. */
    String failure() {
        return failure;
    }
}
