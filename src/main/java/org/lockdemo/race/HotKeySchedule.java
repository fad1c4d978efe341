package org.lockdemo.race;

import org.HdrHistogram.Histogram;

/**
 * The thread's race: every round all workers line up at a {@link StartLine} and then go for the
 * same fresh key, released at once. The round action (run by the last worker to arrive, before any
 * is released) counts the racers of the round just ended and decides the next round's key or that
 * the run is over; the start line makes those fields visible to every worker.
 *
 * <p>Racers per round: each worker reports, after its attempt and before it arrives again, whether
 * the attempt raced ({@link #attemptEnded}); the next round action sums the reports of the round
 * into {@link #racersPerRound()}. A round cut short by an abort is not counted. Thread-safe.
 */
final class HotKeySchedule implements KeySchedule {
    private final StartLine startLine;
    private final int rounds;
    private final long durationNanos;
    private final StopSignal stop;
    private final boolean[] raced;
    /** Written only in the round action; read after the workers ended. */
    private final Histogram racersPerRound = new Histogram(3);
    private long deadlineNanos;
    // written only in the round action, read by workers after the start line: happens-before via the phaser
    private long round = -1;
    private boolean finished;
    private volatile boolean aborted;
    private volatile long startNanos;

    /** @param rounds rounds to run, or 0 to run for {@code durationNanos} from the start line */
    HotKeySchedule(int threads, int rounds, long durationNanos, StopSignal stop) {
        this.rounds = rounds;
        this.durationNanos = durationNanos;
        this.stop = stop;
        this.raced = new boolean[threads];
        this.startLine = new StartLine(threads, this::nextRound);
    }

    private void nextRound() {
        long now = System.nanoTime();
        if (round < 0) {
            startNanos = now;
            deadlineNanos = now + durationNanos;
        } else {
            int racers = 0;
            for (int i = 0; i < raced.length; i++) {
                racers += raced[i] ? 1 : 0;
                raced[i] = false;
            }
            racersPerRound.recordValue(racers);
        }
        round++;
        if (stop.isRequested() || (rounds > 0 ? round >= rounds : now - deadlineNanos >= 0)) {
            finished = true;
        }
    }

    @Override
    public long next(int worker) throws InterruptedException {
        if (!startLine.await(worker) || finished || aborted) {
            return -1; // aborted (another worker failed or the run was stopped), or the last round ran
        }
        startLine.left(worker);
        return round;
    }

    @Override
    public void attemptEnded(int worker, boolean racedThisAttempt) {
        raced[worker] = racedThisAttempt;
    }

    @Override
    public void abort() {
        aborted = true;
        startLine.abort();
    }

    @Override
    public long startNanos() {
        return startNanos;
    }

    @Override
    public Histogram startSpreadNanos() {
        return startLine.spreadNanos();
    }

    @Override
    public Histogram racersPerRound() {
        return racersPerRound;
    }
}
