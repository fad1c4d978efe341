package org.lockdemo.explain;

import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.function.LongSupplier;
import org.lockdemo.db.DatabaseSetupException;
import org.lockdemo.race.StopSignal;

/**
 * Runs a scenario's schedule over {@link ScheduledSession}s, one step at a time in the fixed order,
 * as PostgreSQL's isolation tester runs a permutation. After sending a step it waits until the step
 * finishes or the {@link SessionLockView} shows its session waiting for another session that can
 * still release the lock; it never guesses from a timeout. A blocked step is left waiting and the
 * schedule goes on; when a later step releases the lock, the blocked step's end is recorded at that
 * point. A session waiting only for sessions that wait themselves is in a deadlock the server has
 * yet to break (PostgreSQL looks after deadlock_timeout), so that wait goes on, up to the step
 * timeout.
 *
 * <p>It knows nothing of JDBC: what a session does with a step, and how the waits are read, are
 * the interfaces' business. It keeps the schedule's state between steps, so a caller may send
 * one step at a time ({@link #send}: the sessions REPL) or a whole schedule ({@link #run}).
 * Not thread-safe: one interpreter per run, called from one thread.
 */
final class ScheduleInterpreter {
    /** How often the lock view is read while a step is neither finished nor seen waiting. */
    static final long POLL_MILLIS = 10;

    private final SessionLockView locks;
    private final Duration stepTimeout;
    private final StopSignal stop;
    private final LongSupplier nanoClock;
    /** With {@code --locks}: read after every step; null without. */
    private final KeyLockReader keyLocks;
    private final List<LockSnapshot> snapshots = new ArrayList<>();
    private final List<Deadlock> deadlocks = new ArrayList<>();
    /** The waits the lock view showed while the current step settled, for a deadlock's cycle. */
    private final Map<String, List<String>> seenWaits = new LinkedHashMap<>();
    /** The sessions in the scenario's order, for a deadlock's cycle ({@link #run} sets it). */
    private List<String> sessionOrder = List.of();
    private final List<TimelineEvent> events = new ArrayList<>();
    /** The steps sent that wait for a lock, in the order sent. */
    private final Map<Step, Future<StepResult>> blocked = new LinkedHashMap<>();
    private final Map<Step, List<String>> waitingFor = new HashMap<>();
    /** Each blocked step's SQL as displayed when it was sent. */
    private final Map<Step, String> shown = new HashMap<>();
    private int lastStep;
    /** The step that timed out in the last {@link #send}, until {@link #recordCancelled}; else null. */
    private Step timedOut;
    private Future<StepResult> timedOutFuture;
    private String timedOutSql;

    /**
     * What the schedule showed: the timeline, why it stopped before its end, if it did, and with
     * {@code --locks} the key's locks after each step and the deadlocks (else both empty).
     */
    record Outcome(List<TimelineEvent> events, Optional<String> stuck, List<LockSnapshot> locks,
            List<Deadlock> deadlocks) {
        Outcome {
            events = List.copyOf(events);
            locks = List.copyOf(locks);
            deadlocks = List.copyOf(deadlocks);
        }
    }

    /**
     * @param stepTimeout how long a step may neither finish nor show as waiting for a lock before
     *                    the schedule is stopped
     * @param stop        polled between steps and while waiting (Ctrl-C)
     */
    ScheduleInterpreter(SessionLockView locks, Duration stepTimeout, StopSignal stop) {
        this(locks, stepTimeout, stop, System::nanoTime);
    }

    /** @param nanoClock the clock the step timeout is measured on, in nanoseconds (tests pass their own) */
    ScheduleInterpreter(SessionLockView locks, Duration stepTimeout, StopSignal stop, LongSupplier nanoClock) {
        this(locks, stepTimeout, stop, nanoClock, null);
    }

    /** @param keyLocks read after every step has settled ({@code --locks}); null for none */
    ScheduleInterpreter(SessionLockView locks, Duration stepTimeout, StopSignal stop, LongSupplier nanoClock,
            KeyLockReader keyLocks) {
        this.locks = locks;
        this.stepTimeout = stepTimeout;
        this.stop = stop;
        this.nanoClock = nanoClock;
        this.keyLocks = keyLocks;
    }

    /**
     * Sends every step in order; before each, asks {@code gate} whether to go on.
     *
     * @param sessions every session the steps name, by name
     * @throws DatabaseSetupException when the lock view cannot be read
     */
    Outcome run(List<Step> steps, Map<String, ? extends ScheduledSession> sessions, StepGate gate)
            throws InterruptedException, DatabaseSetupException {
        sessionOrder = List.copyOf(sessions.keySet());
        for (Step step : steps) {
            if (stop.isRequested()) {
                return outcome(Optional.of("stopped before step " + step.number() + ": " + stop.reason()));
            }
            Optional<Step> waiting = waitingStep(step.session());
            if (waiting.isPresent()) {
                Step b = waiting.get();
                return outcome(Optional.of("step " + step.number() + " (" + step.session() + ") cannot be sent: "
                        + step.session() + " is still waiting at step " + b.number() + " for "
                        + String.join(", ", waitingFor.get(b)) + ", and a session runs one statement at a time; "
                        + "a step before " + step.number() + " must release that lock (e.g. a commit of "
                        + waitingFor.get(b).get(0) + ")"));
            }
            if (!gate.proceed(step, steps.size())) {
                return outcome(Optional.of("stopped before step " + step.number() + ": "
                        + (stop.isRequested() ? stop.reason() : "the step gate said stop")));
            }
            Sent sent = send(step, sessions.get(step.session()));
            if (sent.stopped().isPresent()) {
                return outcome(sent.stopped());
            }
            if (sent.timedOut() != null) {
                return outcome(Optional.of(timedOutMessage(sent.timedOut())));
            }
        }
        if (!blocked.isEmpty()) {
            Step b = blocked.keySet().iterator().next();
            return outcome(Optional.of("the schedule ended after step " + lastStep + " with step " + b.number()
                    + " (" + b.session() + ") still waiting for " + String.join(", ", waitingFor.get(b))
                    + ": no step releases that lock; add a commit or rollback of "
                    + waitingFor.get(b).get(0) + " after step " + b.number()));
        }
        return outcome(Optional.empty());
    }

    /**
     * For a caller that sends the steps one by one ({@link #send}): the sessions in their order,
     * as {@link #run} takes them from its map, for the deadlocks' cycles.
     */
    void sessionOrder(List<String> order) {
        sessionOrder = List.copyOf(order);
    }

    /** What the steps sent so far showed; {@code stuck}: why the schedule stopped before its end, if it did. */
    Outcome outcome(Optional<String> stuck) {
        return new Outcome(events, stuck, snapshots, deadlocks);
    }

    /** As {@link #run(List, Map, StepGate)}, without pausing. */
    Outcome run(List<Step> steps, Map<String, ? extends ScheduledSession> sessions)
            throws InterruptedException, DatabaseSetupException {
        return run(steps, sessions, StepGate.ALWAYS);
    }

    /**
     * What sending one step added to the timeline.
     *
     * @param events   the events it added, in order: the step's own RAN or BLOCKED, then what the
     *                 steps that were blocked did meanwhile
     * @param stopped  why the step could not be sent or the schedule must stop (a stop request, a
     *                 parameter that cannot be bound), if so
     * @param timedOut the step that neither finished nor showed as waiting within the step timeout,
     *                 if one did; nothing about it is recorded yet (see {@link #recordCancelled})
     */
    record Sent(List<TimelineEvent> events, Optional<String> stopped, Step timedOut) {
        Sent {
            events = List.copyOf(events);
        }
    }

    /**
     * The deadlock {@code failed}, an event of the last step sent, failed with: its waits-for
     * cycle drawn from the waits seen while that step settled ({@link DeadlockCycle}), with
     * {@code report}, the server's own, or empty.
     *
     * @param order the sessions in their order, to draw the same cycle each time
     */
    Deadlock deadlock(TimelineEvent failed, Step sent, List<String> order, String report) {
        return new Deadlock(sent.number(), DeadlockCycle.draw(failed.session(), sent.session(), seenWaits, order),
                failed.session(), report);
    }

    /** The message for a step that neither finished nor showed as waiting. */
    String timedOutMessage(Step s) {
        return "step " + s.number() + " (" + s.session() + ") neither finished nor showed as waiting for a lock within "
                + stepTimeout.toMillis() + " ms (--step-timeout); stopped it";
    }

    /**
     * The step {@code session} has waiting for a lock, if it has one: it cannot be sent another. A
     * step that was waiting and has ended on its own ({@link #endedWhileWaiting}) no longer counts.
     */
    Optional<Step> waitingStep(String session) {
        return blocked.keySet().stream().filter(b -> b.session().equals(session) && !blocked.get(b).isDone()).findFirst();
    }

    /** The sessions {@code step}, a waiting step, waits for, as last seen. */
    List<String> waitingFor(Step step) {
        return waitingFor.getOrDefault(step, List.of());
    }

    /** Every event so far, in order. */
    List<TimelineEvent> events() {
        return List.copyOf(events);
    }

    /**
     * Sends {@code step} on {@code session}, which has no step waiting ({@link #waitingStep}), and
     * waits until it and every waiting step has finished or is seen waiting.
     *
     * @throws DatabaseSetupException when the lock view cannot be read
     */
    Sent send(Step step, ScheduledSession session) throws InterruptedException, DatabaseSetupException {
        int before = events.size();
        Optional<Step> ended = blocked.keySet().stream().filter(b -> b.session().equals(step.session())).findFirst();
        if (ended.isPresent()) {
            // it ended on its own (waitingStep says so): record it before this step, in the row after
            // it if there is one, else in this step's row, where this step's cell is drawn over it
            Step b = ended.get();
            finished(b, lastStep > b.number() ? lastStep : step.number());
        }
        lastStep = step.number();
        List<Object> values;
        try {
            values = session.bind(step); // the session has no step in flight: its last row is final
        } catch (ScenarioException e) {
            return new Sent(List.of(), Optional.of("step " + step.number() + " (" + step.session() + ") cannot be sent: "
                    + e.getMessage()), null);
        }
        String sql = session.shown(step, values);
        seenWaits.clear();
        waitingFor.forEach((b, holders) -> seenWaits.put(b.session(), holders));
        Map<Step, Future<StepResult>> inFlight = new LinkedHashMap<>(blocked);
        inFlight.put(step, session.submit(step, values));
        Settled settled = settle(inFlight);
        if (stop.isRequested()) {
            return new Sent(List.of(), Optional.of("stopped at step " + step.number() + ": " + stop.reason()), null);
        }
        if (settled.timedOut != null) {
            if (settled.timedOut == step) {
                timedOut = step;
                timedOutFuture = inFlight.get(step);
                timedOutSql = sql;
            }
            return new Sent(List.of(), Optional.empty(), settled.timedOut);
        }
        if (settled.waiting.containsKey(step)) {
            blocked.put(step, inFlight.get(step));
            waitingFor.put(step, settled.waiting.get(step));
            shown.put(step, sql);
            events.add(new TimelineEvent(TimelineEvent.Kind.BLOCKED, step.number(), step.session(), sql,
                    step.number(), null, settled.waiting.get(step)));
        } else {
            events.add(new TimelineEvent(TimelineEvent.Kind.RAN, step.number(), step.session(), sql,
                    step.number(), result(inFlight.get(step)), List.of()));
        }
        for (Step b : new ArrayList<>(blocked.keySet())) {
            if (b == step) {
                continue;
            }
            List<String> now = settled.waiting.get(b);
            if (now == null) {
                finished(b, step.number());
            } else if (!now.equals(waitingFor.get(b))) {
                // the lock it waited for was released, and it lost the race for it to another session
                events.add(new TimelineEvent(TimelineEvent.Kind.STILL_BLOCKED, b.number(), b.session(),
                        shown.get(b), step.number(), null, now));
                waitingFor.put(b, now);
            }
        }
        if (keyLocks != null) {
            observeLocks(step, events.subList(before, events.size()));
        }
        return new Sent(events.subList(before, events.size()), Optional.empty(), null);
    }

    /**
     * With {@code --locks}, after {@code step} settled: a deadlock for each event of this step that
     * failed as one (its cycle from the waits seen, the server's report), then the key's locks.
     */
    private void observeLocks(Step step, List<TimelineEvent> now) throws DatabaseSetupException {
        for (TimelineEvent e : now) {
            if (e.result() != null && e.result().deadlock()) {
                List<String> cycle = DeadlockCycle.draw(e.session(), step.session(), seenWaits, sessionOrder);
                deadlocks.add(new Deadlock(step.number(), cycle, e.session(), keyLocks.deadlockReport(e.result())));
            }
        }
        snapshots.add(keyLocks.read(step.number()));
    }

    /**
     * The waiting steps whose statement has ended since the last step was sent with no step of
     * the schedule's doing (the server's lock timeout, or another client released the lock), as
     * FINISHED events at the last step, for the caller to show now. Not recorded: the next
     * {@link #send} records them in its own row, as a schedule run whole records a step that
     * ended between two steps. Does not wait.
     */
    List<TimelineEvent> endedWhileWaiting() throws InterruptedException {
        List<TimelineEvent> ended = new ArrayList<>();
        for (Map.Entry<Step, Future<StepResult>> b : blocked.entrySet()) {
            if (b.getValue().isDone()) {
                Step s = b.getKey();
                ended.add(new TimelineEvent(TimelineEvent.Kind.FINISHED, s.number(), s.session(), shown.get(s), lastStep,
                        result(b.getValue()), List.of()));
            }
        }
        return ended;
    }

    /**
     * Records the step that timed out ({@link Sent#timedOut}) once its caller has cancelled it:
     * waits up to the step timeout for its answer (the cancel's error, or its result had it just
     * finished) and records it as RAN.
     *
     * @return the event, or empty if the statement did not answer the cancel in time
     */
    Optional<TimelineEvent> recordCancelled() throws InterruptedException {
        if (timedOut == null) {
            return Optional.empty();
        }
        Step step = timedOut;
        try {
            StepResult r = timedOutFuture.get(stepTimeout.toMillis(), TimeUnit.MILLISECONDS);
            TimelineEvent e = new TimelineEvent(TimelineEvent.Kind.RAN, step.number(), step.session(), timedOutSql,
                    step.number(), r, List.of());
            events.add(e);
            return Optional.of(e);
        } catch (TimeoutException e) {
            return Optional.empty();
        } catch (ExecutionException e) {
            throw new IllegalStateException("a step threw instead of returning its result", e.getCause());
        } finally {
            timedOut = null;
            timedOutFuture = null;
            timedOutSql = null;
        }
    }

    private void finished(Step b, int atStep) throws InterruptedException {
        events.add(new TimelineEvent(TimelineEvent.Kind.FINISHED, b.number(), b.session(),
                shown.remove(b), atStep, result(blocked.remove(b)), List.of()));
        waitingFor.remove(b);
    }

    /** The state of the in-flight steps once each has finished or is seen waiting. */
    private record Settled(Map<Step, List<String>> waiting, Step timedOut) {
    }

    /**
     * Waits until every step in flight has finished or the lock view shows its session waiting
     * for another session that can still release the lock ({@link WaitForGraph}).
     */
    private Settled settle(Map<Step, Future<StepResult>> inFlight) throws InterruptedException, DatabaseSetupException {
        long deadlineNanos = nanoClock.getAsLong() + stepTimeout.toNanos();
        while (true) {
            List<Step> running = inFlight.entrySet().stream().filter(e -> !e.getValue().isDone())
                    .map(Map.Entry::getKey).toList();
            if (running.isEmpty()) {
                return new Settled(Map.of(), null);
            }
            // most steps finish at once; look at the lock view only for those that do not
            try {
                inFlight.get(running.get(running.size() - 1)).get(POLL_MILLIS, TimeUnit.MILLISECONDS);
                continue;
            } catch (TimeoutException | ExecutionException e) {
                // still running (an ExecutionException cannot happen: failures are results)
            }
            Map<String, List<String>> waitsFor = locks.waitsFor();
            waitsFor.forEach(seenWaits::put);
            Map<Step, List<String>> waiting = new LinkedHashMap<>();
            boolean allSettled = true;
            for (Step s : running) {
                List<String> holders = waitsFor.get(s.session());
                if (holders != null && WaitForGraph.reachesARunnableSession(s.session(), waitsFor)
                        && !inFlight.get(s).isDone()) {
                    waiting.put(s, holders);
                } else if (!inFlight.get(s).isDone()) {
                    allSettled = false;
                }
            }
            if (allSettled) {
                return new Settled(waiting, null);
            }
            if (nanoClock.getAsLong() > deadlineNanos || stop.isRequested()) {
                return new Settled(waiting, running.stream().filter(s -> !waiting.containsKey(s)).findFirst().orElseThrow());
            }
        }
    }

    private static StepResult result(Future<StepResult> done) throws InterruptedException {
        try {
            return done.get();
        } catch (ExecutionException e) {
            throw new IllegalStateException("a step threw instead of returning its result", e.getCause());
        }
    }
}
