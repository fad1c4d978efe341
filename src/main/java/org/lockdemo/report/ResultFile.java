package org.lockdemo.report;

import java.util.List;
import java.util.Map;
import org.HdrHistogram.Histogram;

/**
 * What the HTML report needs from one {@code lockdemo race --json} file, read by
 * {@link ResultFileParser}. Immutable by contract: the histograms must not be recorded into.
 *
 * @param label    how the report names the file (its file name)
 * @param database e.g. "PostgreSQL 18.3 (embedded)"
 * @param setup    the configuration in one line: isolation, threads, schedule, hold
 */
public record ResultFile(String label, String database, String setup, String startedAt, String status,
        boolean checksOk, List<Strategy> strategies) {

    /** One strategy's entry. {@code timelineAttempts} is empty for files written before the timeline. */
    public record Strategy(String id, long attempts, Map<String, Long> outcomes, double throughputPerSecond,
            double elapsedSeconds, long retries, long blockedWaits, String verdict, String explanation,
            List<CheckLine> checks, Histogram latencyNanos, Histogram lockWaitNanos, long[] timelineAttempts,
            long[] timelineSuccesses) {
    }

    /** One check's verdict as the race recorded it. */
    public record CheckLine(String name, boolean passed, boolean enforced, String expected, String actual,
            String evidence, boolean applicable) {
        public CheckLine(String name, boolean passed, boolean enforced, String expected, String actual, String evidence) {
            this(name, passed, enforced, expected, actual, evidence, true);
        }
    }

    public Strategy strategy(String id) {
        return strategies.stream().filter(s -> s.id().equals(id)).findFirst().orElse(null);
    }
}
