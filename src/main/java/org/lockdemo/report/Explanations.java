package org.lockdemo.report;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import org.lockdemo.metrics.ErrorSample;
import org.lockdemo.metrics.Measurement;
import org.lockdemo.model.SqlStep;
import org.lockdemo.model.Outcome;
import org.lockdemo.race.StrategyResult;
import org.lockdemo.strategy.ExplanationFacts;

/**
 * One plain-language line per strategy saying what happened: the strategy's own lesson
 * ({@link org.lockdemo.strategy.StrategyKind#explain}), then what the error outcomes mean on the
 * dialect. Pure; thread-safe.
 */
public final class Explanations {
    private Explanations() {
    }

    /** What happened, for a result measured on {@code dialect} ({@code postgresql}, {@code mysql} or {@code sqlite}). */
    public static String explain(StrategyResult r, String dialect) {
        Measurement m = r.measurement();
        List<String> parts = new ArrayList<>();
        parts.add(r.strategy().explain(new ExplanationFacts(m.attempts(), m.count(Outcome.UNIQUE_VIOLATION),
                m.count(Outcome.FOUND_AFTER_CONFLICT), m.count(Outcome.MISSING_AFTER_CONFLICT),
                m.count(Outcome.LOCK_NOT_AVAILABLE), m.retries(), r.nodes().size())));
        if (m.blockedWaits() > 0) {
            parts.add("sqlite".equals(dialect)
                    ? m.blockedWaits() + " waits for another connection's lock (every one, from SQLite's busy handler)"
                    : m.blockedWaits() + " attempts were seen blocked on another session's lock");
        }
        for (Outcome o : List.of(Outcome.MISSING_AFTER_CONFLICT, Outcome.DEADLOCK, Outcome.SERIALIZATION_FAILURE,
                Outcome.CERTIFICATION_FAILURE, Outcome.LOCK_TIMEOUT, Outcome.CONNECTION_LOST, Outcome.INTERRUPTED, Outcome.OTHER_ERROR)) {
            long n = m.count(o);
            if (n > 0) {
                parts.add(n + " " + o.id() + " (" + why(o, m, dialect) + ")");
            }
        }
        if (!r.nodes().isEmpty() && m.count(Outcome.DEADLOCK) > 0) {
            parts.add("on a Galera node a 1213 before COMMIT is an InnoDB deadlock or a brute-force abort by a "
                    + "replicated write set, which the error does not tell apart: compare the nodes' innodb_deadlocks "
                    + "and wsrep_local_bf_aborts below (a node without an InnoDB deadlock has its 1213s counted as "
                    + "certification_failure)");
        }
        return String.join("; ", parts) + ".";
    }

    /** Why an error outcome happens, from where it arrived; the vendor quirks are the lesson. */
    static String why(Outcome o, Measurement m, String dialect) {
        boolean innodb = "mysql".equals(dialect);
        if (o == Outcome.SERIALIZATION_FAILURE && "sqlite".equals(dialect)) {
            return "SQLite: the transaction had read (BEGIN DEFERRED) and then could not write, because another "
                    + "connection held the write lock or had written since (SQLITE_BUSY without a wait, or "
                    + "SQLITE_BUSY_SNAPSHOT); --sqlite-begin immediate takes the lock at BEGIN instead";
        }
        switch (o) {
            case MISSING_AFTER_CONFLICT:
                return "the winner's row committed after this transaction's snapshot was taken (REPEATABLE READ), so "
                        + "the re-read after the duplicate-key error cannot see it and the call raises to the "
                        + "application (Django's get_or_create re-raises the IntegrityError: ticket #13906)";
            case DEADLOCK:
                if (innodb && arrivedAt(m, o, SqlStep.INSERT)) {
                    return "InnoDB: each session's FOR UPDATE on the missing row took a gap lock, and their INSERTs "
                            + "wait on each other's gap locks (REPEATABLE READ); the server kills one";
                }
                if (innodb) {
                    return "InnoDB keeps the shared lock a duplicate INSERT took (after ROLLBACK TO SAVEPOINT too, "
                            + "and when INSERT IGNORE ignored the duplicate); two losers each wait for the other's "
                            + "shared lock to lock the row FOR UPDATE";
                }
                return o.meaning();
            case CERTIFICATION_FAILURE:
                return "Galera: a row lock is local to its node, so sessions on two nodes both held it; the first "
                        + "COMMIT's write set won certification, and the other transaction failed with 1213 at its "
                        + "COMMIT, or at its next statement when the winner's write set aborted it; nothing of it "
                        + "committed";
            case LOCK_TIMEOUT:
                if ("sqlite".equals(dialect)) {
                    return "SQLite: a wait for another connection's lock ran out of --sqlite-busy-timeout (SQLITE_BUSY)";
                }
                if (innodb && arrivedAt(m, o, SqlStep.INSERT)) {
                    return "the INSERT waited on another session's gap lock (NOWAIT covers only the locking read) "
                            + "until --lock-timeout (innodb_lock_wait_timeout)";
                }
                return o.meaning() + " (--lock-timeout)";
            default:
                return o.meaning();
        }
    }

    private static boolean arrivedAt(Measurement m, Outcome o, SqlStep step) {
        long total = 0;
        long atStep = 0;
        for (ErrorSample e : m.errors()) {
            if (e.outcome() == o) {
                total += e.count();
                atStep += e.step() == step ? e.count() : 0;
            }
        }
        return atStep * 2 > total;
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
