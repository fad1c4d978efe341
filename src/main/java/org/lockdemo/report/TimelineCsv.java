package org.lockdemo.report;

import java.io.IOException;
import java.io.Writer;
import org.lockdemo.results.RunResult;
import org.lockdemo.results.StrategyEntry;
import org.lockdemo.results.TimelineEntry;

/**
 * The per-second samples as CSV ({@code race --timeline-csv}), one row per strategy and second, for
 * spreadsheets and plotting tools. Second {@code n} holds the attempts that ended between {@code n}
 * and {@code n + 1} seconds after the start line; a strategy without a timeline has no rows. Pure;
 * stateless.
 */
public final class TimelineCsv implements ReportFormat {
    public static final String HEADER = "strategy,second,attempts,successes,failures";

    @Override
    public void write(RunResult result, Writer out) throws IOException {
        out.write(HEADER + "\n");
        for (StrategyEntry r : result.strategies()) {
            TimelineEntry t = r.timeline();
            if (t == null) {
                continue;
            }
            long[] attempts = t.attempts();
            long[] successes = t.successes();
            for (int s = 0; s < attempts.length; s++) {
                out.write(r.strategy() + "," + s + "," + attempts[s] + "," + successes[s] + ","
                        + (attempts[s] - successes[s]) + "\n");
            }
        }
        out.flush();
    }
}
