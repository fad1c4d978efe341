package org.lockdemo.explain;

import java.util.List;

/**
 * One line of the timeline. Immutable.
 *
 * @param kind       what happened to the step
 * @param step       the step's number in the schedule
 * @param session    the session that sent it
 * @param sql        the statement as sent, with the display name for lockdemo's table
 * @param atStep     the step during which this happened: {@code step} itself for RAN and BLOCKED,
 *                   the releasing step for FINISHED and STILL_BLOCKED
 * @param result     how it ended; null for BLOCKED and STILL_BLOCKED
 * @param waitingFor for BLOCKED and STILL_BLOCKED, the sessions holding the lock it waits for, sorted by name
 */
public record TimelineEvent(Kind kind, int step, String session, String sql, int atStep, StepResult result,
        List<String> waitingFor) {

    /** What happened to a step at this point of the schedule. */
    public enum Kind {
        /** Sent, and finished without waiting for a lock. */
        RAN,
        /** Sent, and the server's lock view shows it waiting for another session's lock. */
        BLOCKED,
        /** A step that was blocked finished, because the step {@code atStep} released the lock. */
        FINISHED,
        /** A blocked step now waits for other sessions: at {@code atStep} another took the lock first. */
        STILL_BLOCKED
    }

    public TimelineEvent {
        waitingFor = List.copyOf(waitingFor);
    }
}
