package org.lockdemo.explain;

import java.util.List;
import java.util.concurrent.Future;

/**
 * A session as the {@link ScheduleInterpreter} sees it: it binds a step's parameters, shows the
 * step as the timeline prints it, and runs it somewhere else, answering with a future. The real
 * one is {@link Session} (a connection and a thread); tests use fakes, since what they test is the
 * scheduler, not the database. Implementations are called from the interpreter's thread only, and
 * {@link #bind} only while the session has no step in flight.
 */
interface ScheduledSession {

    /** The scenario's name for it, e.g. {@code T1}. */
    String name();

    /**
     * The value of each of the step's parameters, in order.
     *
     * @throws ScenarioException when a parameter binds the last row and there is none to bind
     */
    List<Object> bind(Step step) throws ScenarioException;

    /** The step as the timeline shows it: the SQL as sent, with the display name of the table. */
    String shown(Step step, List<Object> values);

    /**
     * Sends {@code step} with the values {@link #bind} gave. The future ends when the statement
     * does, with its result (a failed statement is a result too, never an exception).
     */
    Future<StepResult> submit(Step step, List<Object> values);
}
