package org.lockdemo.strategy.file;

/**
 * A strategy file cannot be read or run as written. The message is one line, {@code FILE:LINE:COLUMN:
 * what is wrong} (or {@code FILE: what is wrong} when no place applies), and the command line prints
 * it with exit 2.
 */
public final class StrategyFileException extends Exception {
    private static final long serialVersionUID = 1L;

    public StrategyFileException(String message) {
        super(message);
    }

    public StrategyFileException(String message, Throwable cause) {
        super(message, cause);
    }
}
