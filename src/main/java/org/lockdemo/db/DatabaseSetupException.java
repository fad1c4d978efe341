package org.lockdemo.db;

/**
 * The database could not be reached or prepared for a run. The message is one line a user can act
 * on: what failed, with what SQLState, and what to do. It never contains a password.
 */
public final class DatabaseSetupException extends Exception {
    private static final long serialVersionUID = 1L;

    public DatabaseSetupException(String message, Throwable cause) {
        super(message, cause);
    }

    public DatabaseSetupException(String message) {
        super(message);
    }
}
