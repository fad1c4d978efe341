package org.lockdemo.db;

import java.util.List;

/**
 * The database could not be reached or prepared for a run. The message is one line a user can act
 * on: what failed, with what SQLState, and what to do. It never contains a password.
 */
public class DatabaseSetupException extends Exception {
    private static final long serialVersionUID = 1L;

    /** What went wrong earlier in the run without stopping it, e.g. a table left behind. */
    private final List<String> warnings;

    public DatabaseSetupException(String message, Throwable cause) {
        this(message, cause, List.of());
    }

    public DatabaseSetupException(String message) {
        this(message, null, List.of());
    }

    private DatabaseSetupException(String message, Throwable cause, List<String> warnings) {
        super(message, cause);
        this.warnings = List.copyOf(warnings);
    }

    /** This failure, with the warnings the run had gathered before it, for the user. */
    public DatabaseSetupException withWarnings(List<String> earlier) {
        if (earlier.isEmpty()) {
            return this;
        }
        DatabaseSetupException e = new DatabaseSetupException(getMessage(), getCause(), earlier);
        e.setStackTrace(getStackTrace());
        return e;
    }

    /** What the run had to warn about before it failed; printed before the failure. */
    public List<String> warnings() {
        return warnings;
    }
}
