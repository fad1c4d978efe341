package org.lockdemo.explain;

/**
 * How one step ended, as shown in the timeline. Immutable.
 *
 * @param text         what a reader sees, e.g. {@code 0 rows}, {@code created (1 row)} or the error line
 * @param error        whether the statement failed
 * @param sqlState     the SQLState of an error, else null
 * @param vendorCode   the vendor code of an error, else 0
 * @param condition    the error's symbolic name as the server documents it, else null
 * @param outcome      lockdemo's classification of an error ({@code unique_violation},
 *                     {@code lock_not_available}, {@code deadlock}, ...), else null
 * @param serverDetail the server's detail of an error as sent (PostgreSQL's DETAIL, with the
 *                     server's own pids and transaction ids), else empty; not shown in the
 *                     timeline, only read by {@code --locks} for a deadlock's report
 */
public record StepResult(String text, boolean error, String sqlState, int vendorCode, String condition, String outcome,
        String serverDetail) {

    /** A result without a server detail. */
    public StepResult(String text, boolean error, String sqlState, int vendorCode, String condition, String outcome) {
        this(text, error, sqlState, vendorCode, condition, outcome, "");
    }

    static StepResult ok(String text) {
        return new StepResult(text, false, null, 0, null, null);
    }

    /** Whether lockdemo classified the error as a deadlock the server broke. */
    boolean deadlock() {
        return error && org.lockdemo.model.Outcome.DEADLOCK.id().equals(outcome);
    }
}
