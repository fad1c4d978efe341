package org.lockdemo.race;

/**
 * The open-loop timetable ({@code --rate}): attempt {@code i}, counted over all workers, is meant
 * to start {@code floor(i * 1e9 / rate)} ns after the start line. Worker {@code w} of {@code T} owns
 * attempts {@code w, w + T, w + 2T, ...}: each worker runs at {@code rate / T}, phase-shifted by
 * {@code 1 / rate} from its neighbour, so the starts of all workers together are evenly spaced.
 *
 * <p>Every time is computed from its index with one rounding, never accumulated, so nothing drifts:
 * attempt {@code k * rate} starts exactly {@code k} seconds after the start line for any integer
 * rate (the product {@code i * 1e9} is exact in a double up to {@code i} = 4.6e9). The workers
 * share nothing (no counter, no lock): a worker that is behind delays only its own attempts, as a
 * client of wrk2 or pgbench {@code --rate} would. Immutable; thread-safe.
 */
final class OpenLoopTimetable {
    private final double ratePerSecond;
    private final int workers;

    OpenLoopTimetable(double ratePerSecond, int workers) {
        if (!(ratePerSecond > 0) || Double.isInfinite(ratePerSecond) || workers < 1) {
            throw new IllegalArgumentException("rate " + ratePerSecond + " for " + workers + " workers");
        }
        this.ratePerSecond = ratePerSecond;
        this.workers = workers;
    }

    /** Nanoseconds from the start line to the intended start of attempt {@code i} of the whole run. */
    long offsetNanos(long i) {
        return (long) Math.floor(i * 1e9 / ratePerSecond);
    }

    /** Nanoseconds from the start line to the intended start of worker {@code worker}'s attempt {@code k}. */
    long offsetNanos(int worker, long k) {
        return offsetNanos(k * workers + worker);
    }

    /** How many attempts of the whole run are meant to start before {@code endNanos} after the start line. */
    long countBefore(long endNanos) {
        if (endNanos <= 0) {
            return 0;
        }
        // the first index whose offset is >= endNanos; the estimate is off by at most one either way
        long i = (long) Math.ceil(endNanos / 1e9 * ratePerSecond);
        while (i > 0 && offsetNanos(i - 1) >= endNanos) {
            i--;
        }
        while (offsetNanos(i) < endNanos) {
            i++;
        }
        return i;
    }

    /** How many of worker {@code worker}'s attempts are meant to start before {@code endNanos}. */
    long countBefore(int worker, long endNanos) {
        long all = countBefore(endNanos);
        return all <= worker ? 0 : (all - worker - 1) / workers + 1;
    }

    double ratePerSecond() {
        return ratePerSecond;
    }
}
