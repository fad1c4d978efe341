package org.lockdemo.metrics;

import org.lockdemo.model.Outcome;
import org.lockdemo.model.SqlStep;

/**
 * One kind of error seen during a run, with how often and the first message. Immutable.
 *
 * @param condition symbolic name, e.g. {@code unique_violation}
 */
public record ErrorSample(Outcome outcome, SqlStep step, String sqlState, int vendorCode, String condition,
        long count, String firstMessage) {

    /** Grouping key: errors of the same outcome, step, SQLState and vendor code are one sample. */
    public String key() {
        return outcome + "/" + step + "/" + sqlState + "/" + vendorCode;
    }

    ErrorSample plus(long more) {
        return new ErrorSample(outcome, step, sqlState, vendorCode, condition, count + more, firstMessage);
    }
}
