package org.lockdemo.report;

import java.io.IOException;
import java.io.Writer;
import org.lockdemo.metrics.Timeline;
import org.lockdemo.race.RaceResult;
import org.lockdemo.race.StrategyResult;

/**
 * The per-second samples as CSV ({@code race --timeline-csv}), one row per strategy and second, for
 * spreadsheets and plotting tools. Second {@code n} holds the attempts that ended between {@code n}
 * and {@code n + 1} seconds after the start line. Pure; stateless.
 */
public final class TimelineCsv {
    public static final String HEADER = "strategy,second,attempts,successes,failures";

    private TimelineCsv() {
    }

    public static void write(RaceResult result, Writer out) throws IOException {
        out.write(HEADER + "\n");
        for (StrategyResult r : result.strategies()) {
            Timeline t = r.measurement().timeline();
            long[] attempts = t.attempts();
            long[] successes = t.successes();
            for (int s = 0; s < attempts.length; s++) {
                out.write(r.strategy().id() + "," + s + "," + attempts[s] + "," + successes[s] + ","
                        + (attempts[s] - successes[s]) + "\n");
            }
        }
        out.flush();
    }
}
