package org.lockdemo.strategy.classes;

/** A strategy class cannot be raced; the message is one line, for a usage error (exit 2). */
public final class StrategyClassException extends Exception {
    private static final long serialVersionUID = 1L;

    public StrategyClassException(String message) {
        super(message);
    }

    public StrategyClassException(String message, Throwable cause) {
        super(message, cause);
    }
}
