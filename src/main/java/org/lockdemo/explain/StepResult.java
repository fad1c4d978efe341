package org.lockdemo.explain;

/**
 * How one step ended, as shown in the timeline. Immutable.
 *
 * @param text       what a reader sees, e.g. {@code 0 rows}, {@code created (1 row)} or the error line
 * @param error      whether the statement failed
 * @param sqlState   the SQLState of an error, else null
 * @param vendorCode the vendor code of an error, else 0
 * @param condition  the error's symbolic name as the server documents it, else null
 * @param outcome    lockdemo's classification of an error ({@code unique_violation},
 *                   {@code lock_not_available}, {@code deadlock}, ...), else null
 */
public record StepResult(String text, boolean error, String sqlState, int vendorCode, String condition, String outcome) {

    static StepResult ok(String text) {
        return new StepResult(text, false, null, 0, null, null);
    }
}
