package org.lockdemo.explain;

/**
 * A scenario cannot be read or cannot be run as written: a syntax error, an unknown session, or a
 * schedule that can never release a lock. The message is one line naming the scenario, the step
 * and what to change.
 */
public final class ScenarioException extends Exception {
    private static final long serialVersionUID = 1L;

    public ScenarioException(String message) {
        super(message);
    }

    public ScenarioException(String message, Throwable cause) {
        super(message, cause);
    }
}
