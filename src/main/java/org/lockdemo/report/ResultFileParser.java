package org.lockdemo.report;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import org.HdrHistogram.Histogram;
import org.lockdemo.check.Check;
import org.lockdemo.db.DatabaseInfo;
import org.lockdemo.results.EncodedHistogram;
import org.lockdemo.results.ResultJson;
import org.lockdemo.results.RunConfig;
import org.lockdemo.results.RunResult;
import org.lockdemo.results.StrategyEntry;
import org.lockdemo.results.TimelineEntry;

/**
 * Reads a result file (through {@link ResultJson}) into what the HTML report draws, checking each
 * part it needs, so a file that is not a lockdemo result fails with one line naming the file and
 * the field. Pure; stateless.
 */
public final class ResultFileParser {
    /** A file the report cannot use; the message is one line that names the file and what is wrong. */
    public static final class BadResultFile extends Exception {
        private static final long serialVersionUID = 1L;

        public BadResultFile(String message) {
            super(message);
        }
    }

    private ResultFileParser() {
    }

    public static ResultFile parse(JsonNode root, String label) throws BadResultFile {
        String notOurs = ResultJson.notAResult(root).orElse(null);
        if (notOurs != null) {
            throw new BadResultFile(label + ": " + notOurs);
        }
        return parse(ResultJson.read(root), label);
    }

    public static ResultFile parse(RunResult result, String label) throws BadResultFile {
        List<ResultFile.Strategy> parsed = new ArrayList<>();
        for (int i = 0; i < result.strategies().size(); i++) {
            parsed.add(strategy(result.strategies().get(i), label + ": strategies[" + i + "]"));
        }
        DatabaseInfo db = result.database();
        String database = db == null ? "?" : (db.product() == null ? "?" : db.product()) + " "
                + (db.version() == null ? "" : db.version()) + (db.embedded() ? " (embedded)" : "");
        return new ResultFile(label, database.trim(), setup(result),
                startedAt(result.startedAt() == null ? "" : result.startedAt()),
                result.status() == null ? RunResult.COMPLETE : result.status(), result.checksPassed(), parsed);
    }

    /** 2026-11-25T21:27:26.563599090Z as 2026-11-25 21:27:26Z; anything else as it is. */
    static String startedAt(String instant) {
        return instant.replaceFirst("^(\\d{4}-\\d\\d-\\d\\d)T(\\d\\d:\\d\\d:\\d\\d)(\\.\\d+)?Z$", "$1 $2Z");
    }

    private static String setup(RunResult r) {
        RunConfig c = r.config() == null ? new RunConfig(null, null, null, null, null, null, null, null, null, null,
                null, null, null, null, null) : r.config();
        String isolation = r.database() != null && r.database().isolation() != null ? r.database().isolation()
                : c.isolation() != null ? c.isolation() : "?";
        String schedule = c.timed() ? c.durationS() + " s per strategy" : or(c.rounds(), "?") + " rounds";
        String keys = c.keys() == null || c.keys() == 0 ? "hot key" : c.keys() + " keys";
        return "isolation " + isolation.toLowerCase(Locale.ROOT).replace('-', ' ') + ", " + or(c.threads(), "?")
                + " threads, " + keys + ", " + schedule + ", hold " + or(c.holdMs(), "0") + " ms"
                + (c.openLoop() ? ", open loop at " + or(c.ratePerS(), "") + "/s" : "");
    }

    private static String or(Object value, String otherwise) {
        return value == null ? otherwise : value.toString();
    }

    private static ResultFile.Strategy strategy(StrategyEntry s, String where) throws BadResultFile {
        if (s.strategy() == null) {
            throw new BadResultFile(where + ".strategy: missing");
        }
        if (s.attempts() == null) {
            throw new BadResultFile(where + ".attempts: missing or not a number");
        }
        if (s.outcomes() == null) {
            throw new BadResultFile(where + ".outcomes: missing");
        }
        List<ResultFile.CheckLine> checks = new ArrayList<>();
        for (Check c : s.checks()) {
            checks.add(new ResultFile.CheckLine(text(c.name()), c.passed(), c.enforced(), text(c.expected()),
                    text(c.actual()), text(c.evidence()), c.applicable()));
        }
        TimelineEntry t = s.timeline();
        long[] timelineAttempts = t == null ? new long[0] : t.attempts();
        long[] timelineSuccesses = t == null ? new long[0] : t.successes();
        if (timelineAttempts.length != timelineSuccesses.length) {
            throw new BadResultFile(where + ".timeline: " + timelineAttempts.length + " seconds of attempts but "
                    + timelineSuccesses.length + " of successes");
        }
        return new ResultFile.Strategy(s.strategy(), s.attempts(), s.outcomes(),
                s.throughputPerS() == null ? 0 : s.throughputPerS(), s.elapsedS() == null ? 0 : s.elapsedS(),
                s.retriesOrZero(), s.blockedWaits() == null ? 0 : s.blockedWaits(),
                s.verdict() == null ? "?" : s.verdict(), text(s.explanation()), checks,
                histogram(s.histograms() == null ? null : s.histograms().latency(), "latency_ns", where),
                histogram(s.histograms() == null ? null : s.histograms().lockWait(), "lock_wait_ns", where),
                timelineAttempts, timelineSuccesses);
    }

    private static Histogram histogram(EncodedHistogram h, String field, String where) throws BadResultFile {
        if (h == null) {
            throw new BadResultFile(where + ".histograms." + field + ": missing");
        }
        try {
            return h.decode();
        } catch (IllegalArgumentException e) {
            throw new BadResultFile(where + ".histograms." + field + ": not a base64 HdrHistogram (" + e.getMessage()
                    + ")");
        }
    }

    private static String text(String s) {
        return s == null ? "" : s;
    }
}
