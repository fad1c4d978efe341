package org.lockdemo.report;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import org.lockdemo.metrics.Measurement;
import org.lockdemo.model.Outcome;
import org.lockdemo.race.StrategyResult;

/** One plain-language line per strategy saying what happened. Pure; thread-safe. */
public final class Explanations {
    private Explanations() {
    }

    public static String explain(StrategyResult r) {
        Measurement m = r.measurement();
        long uv = m.count(Outcome.UNIQUE_VIOLATION);
        long conflicts = m.count(Outcome.FOUND_AFTER_CONFLICT);
        List<String> parts = new ArrayList<>();
        switch (r.strategy()) {
            case NAIVE -> parts.add(uv > 0
                    ? uv + " of " + m.attempts() + " attempts got a unique violation: two threads saw no row, both "
                            + "inserted, and the later INSERT failed; expected, this is the race from the thread"
                    : "no unique violation this time: the race needs threads that miss the SELECT together "
                            + "(try more --threads, or the hot key without --keys)");
            case SAVEPOINT -> parts.add(uv == 0
                    ? "no unique violation reached the application: " + conflicts + " attempts lost the INSERT race, "
                            + "rolled back to the savepoint and then locked the winner's row"
                    : uv + " unique violations reached the application, which this strategy should prevent");
            case NOWAIT -> parts.add(m.count(Outcome.LOCK_NOT_AVAILABLE) + " attempts found the row locked and "
                    + "failed at once with lock-not-available instead of waiting; "
                    + (uv == 0 ? "no unique violation reached the application" : uv + " unique violations surfaced"));
        }
        if (m.blockedWaits() > 0) {
            parts.add(m.blockedWaits() + " attempts were seen blocked on another session's lock");
        }
        for (Outcome o : List.of(Outcome.MISSING_AFTER_CONFLICT, Outcome.DEADLOCK, Outcome.SERIALIZATION_FAILURE,
                Outcome.LOCK_TIMEOUT, Outcome.CONNECTION_LOST, Outcome.INTERRUPTED, Outcome.OTHER_ERROR)) {
            long n = m.count(o);
            if (n > 0) {
                parts.add(n + " " + o.id() + " (" + o.meaning() + ")");
            }
        }
        return String.join("; ", parts) + ".";
    }

    /** "pass", "fail", or "lesson" for an unsafe strategy whose only failed checks are its lesson. */
    public static String verdictWord(StrategyResult r) {
        if (!r.verdict().ok()) {
            return "FAIL";
        }
        return r.verdict().allPassed() ? "pass" : "lesson";
    }

    static String millis(long nanos) {
        return String.format(Locale.US, "%.2f", nanos / 1e6);
    }
}
