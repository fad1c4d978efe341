package org.lockdemo.explain;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.Supplier;
import org.junit.jupiter.api.Test;
import org.lockdemo.race.StopSignal;

/**
 * The scheduler alone, over fake sessions and a fake lock view: each test scripts what the
 * "server" does when a step is sent (finish at once, wait for a session, release another step),
 * so the timeline the interpreter builds can be checked without a database. Nothing sleeps: a
 * blocked step is a future nobody has completed yet.
 */
class ScheduleInterpreterTest {
    private static final Duration STEP_TIMEOUT = Duration.ofMinutes(1);

    /** The fake server: who waits for whom, and what each step does when it is sent. */
    private final Map<String, List<String>> waits = new HashMap<>();
    private final Map<Integer, Supplier<Future<StepResult>>> onSubmit = new HashMap<>();
    /** Run before each read of the lock view (e.g. the deadlock detector), with the read's number. */
    private java.util.function.IntConsumer onRead = n -> { };
    private int reads;
    private final SessionLockView view = () -> {
        onRead.accept(++reads);
        return Map.copyOf(waits);
    };
    private final StopSignal stop = new StopSignal();

    @Test
    void aBlockedStepFinishesWhenALaterStepReleasesTheLock() throws Exception {
        CompletableFuture<StepResult> t2Insert = new CompletableFuture<>();
        onSubmit.put(1, () -> done("created (1 row)"));
        onSubmit.put(2, () -> {
            waits.put("T2", List.of("T1"));
            return t2Insert;
        });
        onSubmit.put(3, () -> {
            waits.remove("T2");
            t2Insert.complete(error("unique_violation"));
            return done("committed");
        });
        ScheduleInterpreter.Outcome o = run(step(1, "T1", "insert"), step(2, "T2", "insert"), step(3, "T1", "commit"));
        assertEquals(List.of("RAN 1 T1 at 1: created (1 row)", "BLOCKED 2 T2 at 2 by [T1]", "RAN 3 T1 at 3: committed",
                "FINISHED 2 T2 at 3: ERROR unique_violation"), events(o));
        assertEquals("insert", o.events().get(3).sql(), "a finished step shows the SQL it was sent with");
        assertEquals(Optional.empty(), o.stuck());
    }

    /** T2 and T3 wait for T1; T1 commits and T2 takes the lock first, so T3 now waits for T2. */
    @Test
    void aStepThatLosesTheReleasedLockIsStillBlocked() throws Exception {
        CompletableFuture<StepResult> t2Insert = new CompletableFuture<>();
        CompletableFuture<StepResult> t3Insert = new CompletableFuture<>();
        onSubmit.put(1, () -> done("created (1 row)"));
        onSubmit.put(2, () -> {
            waits.put("T2", List.of("T1"));
            return t2Insert;
        });
        onSubmit.put(3, () -> {
            waits.put("T3", List.of("T1"));
            return t3Insert;
        });
        onSubmit.put(4, () -> {
            waits.remove("T2");
            waits.put("T3", List.of("T2"));
            t2Insert.complete(StepResult.ok("0 rows"));
            return done("committed");
        });
        onSubmit.put(5, () -> {
            waits.remove("T3");
            t3Insert.complete(StepResult.ok("0 rows"));
            return done("committed");
        });
        ScheduleInterpreter.Outcome o = run(step(1, "T1", "insert"), step(2, "T2", "insert"), step(3, "T3", "insert"),
                step(4, "T1", "commit"), step(5, "T2", "commit"));
        assertEquals(List.of("RAN 1 T1 at 1: created (1 row)", "BLOCKED 2 T2 at 2 by [T1]", "BLOCKED 3 T3 at 3 by [T1]",
                "RAN 4 T1 at 4: committed", "FINISHED 2 T2 at 4: 0 rows", "STILL_BLOCKED 3 T3 at 4 by [T2]",
                "RAN 5 T2 at 5: committed", "FINISHED 3 T3 at 5: 0 rows"), events(o));
        assertEquals(Optional.empty(), o.stuck());
    }

    /**
     * T2 waits for T3, then T3 for T2: a cycle is no settled wait, so the interpreter keeps reading
     * the lock view until the server's deadlock detector (here, the third read) fails one of them.
     */
    @Test
    void aDeadlockIsWaitedForUntilTheServerBreaksIt() throws Exception {
        CompletableFuture<StepResult> t2Lock = new CompletableFuture<>();
        CompletableFuture<StepResult> t3Lock = new CompletableFuture<>();
        onSubmit.put(1, () -> {
            waits.put("T2", List.of("T3"));
            return t2Lock;
        });
        int[] readsBeforeStep2 = new int[1];
        onSubmit.put(2, () -> {
            readsBeforeStep2[0] = reads;
            waits.put("T3", List.of("T2"));
            onRead = n -> {
                if (n == readsBeforeStep2[0] + 3) {
                    waits.clear();
                    t3Lock.complete(error("deadlock"));
                    t2Lock.complete(StepResult.ok("1 row: some_value = 1"));
                }
            };
            return t3Lock;
        });
        ScheduleInterpreter.Outcome o = run(step(1, "T2", "lock"), step(2, "T3", "lock"));
        assertEquals(List.of("BLOCKED 1 T2 at 1 by [T3]", "RAN 2 T3 at 2: ERROR deadlock",
                "FINISHED 1 T2 at 2: 1 row: some_value = 1"), events(o));
        assertEquals(readsBeforeStep2[0] + 3, reads, "not settled while T2 and T3 waited only for each other");
        assertEquals(Optional.empty(), o.stuck());
    }

    /** T3 waits for T2, which waits for T1: T3's wait can end (T1 runs), so it is settled as blocked. */
    @Test
    void aWaitBehindAChainIsSettled() throws Exception {
        onSubmit.put(1, () -> {
            waits.put("T2", List.of("T1"));
            return new CompletableFuture<>();
        });
        onSubmit.put(2, () -> {
            waits.put("T3", List.of("T2"));
            return new CompletableFuture<>();
        });
        ScheduleInterpreter.Outcome o = run(step(1, "T2", "insert"), step(2, "T3", "insert"));
        assertEquals(List.of("BLOCKED 1 T2 at 1 by [T1]", "BLOCKED 2 T3 at 2 by [T2]"), events(o));
    }

    @Test
    void aLockNeverReleasedEndsTheScheduleStuck() throws Exception {
        onSubmit.put(1, () -> done("created (1 row)"));
        onSubmit.put(2, () -> {
            waits.put("T2", List.of("T1"));
            return new CompletableFuture<>();
        });
        ScheduleInterpreter.Outcome o = run(step(1, "T1", "insert"), step(2, "T2", "insert"));
        assertEquals(List.of("RAN 1 T1 at 1: created (1 row)", "BLOCKED 2 T2 at 2 by [T1]"), events(o));
        assertEquals(Optional.of("the schedule ended after step 2 with step 2 (T2) still waiting for T1: no step "
                + "releases that lock; add a commit or rollback of T1 after step 2"), o.stuck());
    }

    @Test
    void aStepForASessionThatIsStillBlockedIsNotSent() throws Exception {
        onSubmit.put(1, () -> done("created (1 row)"));
        onSubmit.put(2, () -> {
            waits.put("T2", List.of("T1"));
            return new CompletableFuture<>();
        });
        ScheduleInterpreter.Outcome o = run(step(1, "T1", "insert"), step(2, "T2", "insert"), step(3, "T2", "commit"),
                step(4, "T1", "commit"));
        assertEquals(List.of("RAN 1 T1 at 1: created (1 row)", "BLOCKED 2 T2 at 2 by [T1]"), events(o));
        assertEquals(Optional.of("step 3 (T2) cannot be sent: T2 is still waiting at step 2 for T1, and a session runs "
                + "one statement at a time; a step before 3 must release that lock (e.g. a commit of T1)"), o.stuck());
    }

    /** Neither finished nor waiting for a lock (a pg_sleep): stopped after the step timeout, on the given clock. */
    @Test
    void aStepThatNeitherFinishesNorWaitsTimesOut() throws Exception {
        onSubmit.put(1, CompletableFuture::new);
        AtomicLong nanos = new AtomicLong();
        ScheduleInterpreter interpreter = new ScheduleInterpreter(view, Duration.ofSeconds(3), stop,
                () -> nanos.getAndAdd(Duration.ofSeconds(1).toNanos()));
        ScheduleInterpreter.Outcome o = interpreter.run(List.of(step(1, "T1", "select pg_sleep(60)")), sessions("T1"));
        assertEquals(List.of(), events(o));
        assertEquals(Optional.of("step 1 (T1) neither finished nor showed as waiting for a lock within 3000 ms "
                + "(--step-timeout); stopped it"), o.stuck());
    }

    @Test
    void aParameterWithNothingToBindStopsTheSchedule() throws Exception {
        onSubmit.put(1, () -> done("0 rows"));
        Map<String, FakeSession> sessions = sessions("T1");
        sessions.get("T1").bindFailure = "there is no row";
        ScheduleInterpreter.Outcome o = new ScheduleInterpreter(view, STEP_TIMEOUT, stop)
                .run(List.of(step(1, "T1", "update")), sessions);
        assertEquals(Optional.of("step 1 (T1) cannot be sent: there is no row"), o.stuck());
        assertEquals(List.of(), events(o));
    }

    @Test
    void aStopBetweenStepsEndsTheSchedule() throws Exception {
        onSubmit.put(1, () -> {
            stop.request("interrupted (SIGINT)");
            return done("created (1 row)");
        });
        ScheduleInterpreter.Outcome o = run(step(1, "T1", "insert"), step(2, "T1", "commit"));
        assertEquals(Optional.of("stopped at step 1: interrupted (SIGINT)"), o.stuck());
        assertTrue(o.events().isEmpty(), o.events().toString());
    }

    /** explain --step: the gate is asked before each step, with the schedule's length; saying stop ends it there. */
    @Test
    void aGateThatSaysStopEndsTheScheduleBeforeThatStep() throws Exception {
        onSubmit.put(1, () -> done("0 rows"));
        onSubmit.put(2, () -> done("0 rows"));
        List<String> asked = new ArrayList<>();
        StepGate gate = (next, steps) -> {
            asked.add(next.number() + "/" + steps);
            if (next.number() == 3) {
                stop.request("quit at the --step prompt");
                return false;
            }
            return true;
        };
        ScheduleInterpreter.Outcome o = new ScheduleInterpreter(view, STEP_TIMEOUT, stop).run(
                List.of(step(1, "T1", "select"), step(2, "T2", "select"), step(3, "T1", "insert")), sessions("T1", "T2"), gate);
        assertEquals(List.of("1/3", "2/3", "3/3"), asked);
        assertEquals(List.of("RAN 1 T1 at 1: 0 rows", "RAN 2 T2 at 2: 0 rows"), events(o));
        assertEquals(Optional.of("stopped before step 3: quit at the --step prompt"), o.stuck());
    }

    /** The sessions REPL: one step at a time; a blocked session is known; its step finishes when released. */
    @Test
    void stepsSentOneAtATimeKeepTheScheduleBetweenThem() throws Exception {
        CompletableFuture<StepResult> t2Insert = new CompletableFuture<>();
        onSubmit.put(1, () -> done("created (1 row)"));
        onSubmit.put(2, () -> {
            waits.put("T2", List.of("T1"));
            return t2Insert;
        });
        onSubmit.put(3, () -> {
            waits.remove("T2");
            t2Insert.complete(error("unique_violation"));
            return done("committed");
        });
        Map<String, FakeSession> sessions = sessions("T1", "T2");
        ScheduleInterpreter interpreter = new ScheduleInterpreter(view, STEP_TIMEOUT, stop);
        assertEquals(List.of("RAN 1 T1 at 1: created (1 row)"),
                lines(interpreter.send(step(1, "T1", "insert"), sessions.get("T1")).events()));
        assertEquals(List.of("BLOCKED 2 T2 at 2 by [T1]"),
                lines(interpreter.send(step(2, "T2", "insert"), sessions.get("T2")).events()));
        assertEquals(2, interpreter.waitingStep("T2").orElseThrow().number());
        assertEquals(List.of("T1"), interpreter.waitingFor(interpreter.waitingStep("T2").orElseThrow()));
        assertEquals(Optional.empty(), interpreter.waitingStep("T1"));
        assertEquals(List.of("RAN 3 T1 at 3: committed", "FINISHED 2 T2 at 3: ERROR unique_violation"),
                lines(interpreter.send(step(3, "T1", "commit"), sessions.get("T1")).events()));
        assertEquals(Optional.empty(), interpreter.waitingStep("T2"));
        assertEquals(4, interpreter.events().size());
    }

    /**
     * A blocked step that ends with no step's doing (the server's lock timeout) is found between
     * steps, and recorded in the row of the next step sent.
     */
    @Test
    void aBlockedStepThatEndsOnItsOwnIsFoundAndRecordedAtTheNextStep() throws Exception {
        CompletableFuture<StepResult> t2Insert = new CompletableFuture<>();
        onSubmit.put(1, () -> done("created (1 row)"));
        onSubmit.put(2, () -> {
            waits.put("T2", List.of("T1"));
            return t2Insert;
        });
        Map<String, FakeSession> sessions = sessions("T1", "T2");
        ScheduleInterpreter interpreter = new ScheduleInterpreter(view, STEP_TIMEOUT, stop);
        interpreter.send(step(1, "T1", "insert"), sessions.get("T1"));
        interpreter.send(step(2, "T2", "insert"), sessions.get("T2"));
        assertEquals(List.of(), interpreter.endedWhileWaiting(), "still waiting");
        waits.remove("T2");
        t2Insert.complete(error("lock_not_available"));
        assertEquals(List.of("FINISHED 2 T2 at 2: ERROR lock_not_available"), lines(interpreter.endedWhileWaiting()));
        assertEquals(2, interpreter.events().size(), "not recorded yet");
        onSubmit.put(3, () -> done("committed"));
        assertEquals(List.of("RAN 3 T1 at 3: committed", "FINISHED 2 T2 at 3: ERROR lock_not_available"),
                lines(interpreter.send(step(3, "T1", "commit"), sessions.get("T1")).events()));
        assertEquals(List.of(), interpreter.endedWhileWaiting());
    }

    /** A session whose waiting step ended on its own may be sent the next one; the end is recorded first. */
    @Test
    void aSessionWhoseWaitEndedOnItsOwnTakesItsNextStep() throws Exception {
        CompletableFuture<StepResult> t2Insert = new CompletableFuture<>();
        onSubmit.put(1, () -> done("created (1 row)"));
        onSubmit.put(2, () -> {
            waits.put("T2", List.of("T1"));
            return t2Insert;
        });
        onSubmit.put(3, () -> done("rolled back"));
        Map<String, FakeSession> sessions = sessions("T1", "T2");
        ScheduleInterpreter interpreter = new ScheduleInterpreter(view, STEP_TIMEOUT, stop);
        interpreter.send(step(1, "T1", "insert"), sessions.get("T1"));
        interpreter.send(step(2, "T2", "insert"), sessions.get("T2"));
        assertTrue(interpreter.waitingStep("T2").isPresent());
        waits.remove("T2");
        t2Insert.complete(error("lock_not_available"));
        assertEquals(Optional.empty(), interpreter.waitingStep("T2"), "ended: T2 may go on");
        assertEquals(List.of("FINISHED 2 T2 at 3: ERROR lock_not_available", "RAN 3 T2 at 3: rolled back"),
                lines(interpreter.send(step(3, "T2", "rollback"), sessions.get("T2")).events()));
    }

    /** A step that timed out is recorded with the answer to its cancel. */
    @Test
    void aTimedOutStepIsRecordedOnceCancelled() throws Exception {
        CompletableFuture<StepResult> sleep = new CompletableFuture<>();
        onSubmit.put(1, () -> sleep);
        AtomicLong nanos = new AtomicLong();
        ScheduleInterpreter interpreter = new ScheduleInterpreter(view, Duration.ofSeconds(3), stop,
                () -> nanos.getAndAdd(Duration.ofSeconds(1).toNanos()));
        ScheduleInterpreter.Sent sent = interpreter.send(step(1, "T1", "select pg_sleep(60)"), sessions("T1").get("T1"));
        assertEquals(1, sent.timedOut().number());
        assertEquals(List.of(), sent.events());
        sleep.complete(error("query_canceled"));
        assertEquals("RAN 1 T1 at 1: ERROR query_canceled", line(interpreter.recordCancelled().orElseThrow()));
        assertEquals(Optional.empty(), interpreter.recordCancelled(), "only once");
    }

    private static List<String> lines(List<TimelineEvent> events) {
        return events.stream().map(ScheduleInterpreterTest::line).toList();
    }

    /**
     * With a lock reader ({@code --locks}): a snapshot after every step, in step order, and a
     * deadlock where a step fails as one, its cycle from the wait seen before (T2 for T3) and the
     * victim's request, with the reader's report of it.
     */
    @Test
    void withLocksASnapshotAfterEveryStepAndTheDeadlock() throws Exception {
        CompletableFuture<StepResult> t2Lock = new CompletableFuture<>();
        onSubmit.put(1, () -> done("0 rows"));
        onSubmit.put(2, () -> {
            waits.put("T2", List.of("T3"));
            return t2Lock;
        });
        onSubmit.put(3, () -> {
            waits.remove("T2");
            t2Lock.complete(StepResult.ok("1 row"));
            return CompletableFuture.completedFuture(new StepResult("ERROR deadlock", true, "40001", 1213, "ER_LOCK_DEADLOCK",
                    "deadlock", "the server's detail"));
        });
        List<String> reportsAsked = new ArrayList<>();
        KeyLockReader reader = new KeyLockReader() {
            @Override
            public LockSnapshot read(int atStep) {
                List<LockEntry> entries = new ArrayList<>();
                waits.forEach((s, holders) -> entries.add(new LockEntry(s, LockEntry.Status.WAITING, "row", "X", "t", "w",
                        holders)));
                return new LockSnapshot(atStep, entries);
            }

            @Override
            public String deadlockReport(StepResult victim) {
                reportsAsked.add(victim.serverDetail());
                return "report";
            }
        };
        ScheduleInterpreter.Outcome o = new ScheduleInterpreter(view, STEP_TIMEOUT, stop, System::nanoTime, reader)
                .run(List.of(step(1, "T1", "select"), step(2, "T2", "lock"), step(3, "T3", "lock")),
                        sessions("T1", "T2", "T3"));
        assertEquals(List.of(1, 2, 3), o.locks().stream().map(LockSnapshot::atStep).toList());
        assertEquals(List.of(new LockEntry("T2", LockEntry.Status.WAITING, "row", "X", "t", "w", List.of("T3"))),
                o.locks().get(1).entries(), "the blocked step shows as waiting");
        assertEquals(List.of(new Deadlock(3, List.of("T2", "T3", "T2"), "T3", "report")), o.deadlocks());
        assertEquals(List.of("the server's detail"), reportsAsked);
    }

    /** Without a lock reader nothing is recorded. */
    @Test
    void withoutLocksNoSnapshots() throws Exception {
        onSubmit.put(1, () -> done("0 rows"));
        ScheduleInterpreter.Outcome o = run(step(1, "T1", "select"));
        assertEquals(List.of(), o.locks());
        assertEquals(List.of(), o.deadlocks());
    }

    private ScheduleInterpreter.Outcome run(Step... steps) throws Exception {
        List<String> names = new ArrayList<>();
        for (Step s : steps) {
            if (!names.contains(s.session())) {
                names.add(s.session());
            }
        }
        return new ScheduleInterpreter(view, STEP_TIMEOUT, stop).run(List.of(steps), sessions(names.toArray(String[]::new)));
    }

    private Map<String, FakeSession> sessions(String... names) {
        Map<String, FakeSession> sessions = new LinkedHashMap<>();
        for (String n : names) {
            sessions.put(n, new FakeSession(n));
        }
        return sessions;
    }

    /** A session whose steps do what the test scripted for their number; shows a step as its SQL. */
    private final class FakeSession implements ScheduledSession {
        private final String name;
        String bindFailure;

        FakeSession(String name) {
            this.name = name;
        }

        @Override
        public String name() {
            return name;
        }

        @Override
        public List<Object> bind(Step step) throws ScenarioException {
            if (bindFailure != null) {
                throw new ScenarioException(bindFailure);
            }
            return List.of();
        }

        @Override
        public String shown(Step step, List<Object> values) {
            return step.sql();
        }

        @Override
        public Future<StepResult> submit(Step step, List<Object> values) {
            return onSubmit.get(step.number()).get();
        }
    }

    private static Step step(int number, String session, String sql) {
        Step.Action action = sql.equals("commit") ? Step.Action.COMMIT : Step.Action.SQL;
        return new Step(number, session, action, sql, List.of());
    }

    private static Future<StepResult> done(String text) {
        return CompletableFuture.completedFuture(StepResult.ok(text));
    }

    private static StepResult error(String outcome) {
        return new StepResult("ERROR " + outcome, true, "40001", 0, outcome, outcome);
    }

    /** {@code BLOCKED 2 T2 at 2 by [T1]}, {@code FINISHED 2 T2 at 3: ERROR unique_violation}, ... */
    private static List<String> events(ScheduleInterpreter.Outcome o) {
        return lines(o.events());
    }

    private static String line(TimelineEvent e) {
        return e.kind() + " " + e.step() + " " + e.session() + " at " + e.atStep()
                + (e.result() == null ? " by " + e.waitingFor() : ": " + e.result().text());
    }
}
