package org.lockdemo.results;

/**
 * One kind of error with its count and first message. Immutable. Kept as the file's text (not
 * enums), so a file of another version reads and merges.
 *
 * @param step the SQL step in lower case, e.g. {@code insert}
 */
public record ErrorEntry(String outcome, String step, String sqlState, Integer vendorCode, String condition,
        long count, String firstMessage) {

    /** Errors with the same key add up in a merge. */
    public String key() {
        return String.join("|", String.valueOf(outcome), String.valueOf(step), String.valueOf(sqlState),
                String.valueOf(vendorCode), String.valueOf(condition));
    }

    public ErrorEntry plus(long more) {
        return new ErrorEntry(outcome, step, sqlState, vendorCode, condition, count + more, firstMessage);
    }
}
