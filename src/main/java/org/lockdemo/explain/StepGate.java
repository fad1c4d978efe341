package org.lockdemo.explain;

/**
 * Asked before each step of a schedule is sent whether to send it ({@code explain --step}: the
 * step is shown and the user presses Enter, or {@code q} to quit). Called from the interpreter's
 * thread only; it may block as long as it likes.
 */
@FunctionalInterface
public interface StepGate {
    /** Sends every step without asking. */
    StepGate ALWAYS = (step, steps) -> true;

    /**
     * @param next  the step about to be sent; its SQL as written, with {@code {table}} for lockdemo's table
     * @param steps how many steps the schedule has
     * @return whether to send it; false stops the schedule before it, as Ctrl-C would
     * @throws InterruptedException when the wait for the user is interrupted
     */
    boolean proceed(Step next, int steps) throws InterruptedException;
}
