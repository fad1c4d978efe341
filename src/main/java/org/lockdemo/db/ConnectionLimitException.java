package org.lockdemo.db;

/**
 * A setup failure because the server has fewer free connections than the run's pools need: the
 * caller may try again with fewer connections per thread. Immutable.
 */
public final class ConnectionLimitException extends DatabaseSetupException {
    private static final long serialVersionUID = 1L;

    public ConnectionLimitException(String message) {
        super(message);
    }
}
