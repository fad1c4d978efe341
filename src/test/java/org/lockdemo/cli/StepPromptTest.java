package org.lockdemo.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Deque;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.lockdemo.explain.Step;
import org.lockdemo.explain.TypedSql;
import org.lockdemo.race.StopSignal;

/** explain --step's prompt over a scripted console: Enter goes on, q and the end of input stop as Ctrl-C does. */
class StepPromptTest {
    private static final Step INSERT = TypedSql.step(5, "T2", "insert into lockdemo_explain\n  values (1, 2016, 5, 0)");
    private final StopSignal stop = new StopSignal();

    @Test
    void theLineNamesTheStepTheSessionAndTheSqlOnOneLine() {
        assertEquals("next: step 5 of 12, T2: insert into lockdemo_explain values (1, 2016, 5, 0)  [Enter to run, q to quit]",
                StepPrompt.line(INSERT, 12));
    }

    /** A SQLite scenario's begin step is shown as what it sends, the BEGIN of the run's mode. */
    @Test
    void aBeginStepShowsItsMode() {
        Step begin = new Step(3, "T2", Step.Action.BEGIN, "BEGIN", List.of());
        assertEquals("next: step 3 of 11, T2: BEGIN IMMEDIATE  [Enter to run, q to quit]",
                StepPrompt.line(begin, 11, "BEGIN IMMEDIATE"));
    }

    @Test
    void enterRunsTheStep() throws Exception {
        Scripted console = new Scripted("");
        assertTrue(new StepPrompt(console, stop).proceed(INSERT, 12));
        assertFalse(stop.isRequested());
        assertEquals(List.of(StepPrompt.line(INSERT, 12)), console.printed, "a pipe's transcript shows the step asked about");
    }

    @Test
    void qCtrlCOrTheEndOfInputStopLikeCtrlC() throws Exception {
        for (String answer : Arrays.asList("q", " Q ", SessionsInput.INTERRUPT, null)) {
            StopSignal s = new StopSignal();
            assertFalse(new StepPrompt(new Scripted(answer), s).proceed(INSERT, 12), String.valueOf(answer));
            assertEquals(StepPrompt.QUIT, s.reason());
        }
    }

    @Test
    void aSignalWhileWaitingForTheAnswerStops() throws Exception {
        Console silent = new Scripted() {
            @Override
            public String readLine(String prompt) {
                try {
                    new java.util.concurrent.CountDownLatch(1).await(); // nobody answers
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                }
                return null;
            }
        };
        stop.request("interrupted by a signal (Ctrl-C or SIGTERM)");
        assertFalse(new StepPrompt(silent, stop).proceed(INSERT, 12));
        assertEquals("interrupted by a signal (Ctrl-C or SIGTERM)", stop.reason(), "the signal's reason stands");
    }

    @Test
    void anythingElseAsksAgain() throws Exception {
        Scripted console = new Scripted("yes", "");
        assertTrue(new StepPrompt(console, stop).proceed(INSERT, 12));
        assertEquals("press Enter to run step 5, or q to quit (got 'yes')", console.printed.get(1));
    }

    /** Answers in turn; the end of the answers is the end of input. */
    private static class Scripted implements Console {
        private final Deque<String> answers = new ArrayDeque<>();
        private final List<String> printed = new ArrayList<>();

        Scripted(String... answers) {
            for (String a : answers) {
                this.answers.add(a == null ? "\0end" : a);
            }
        }

        @Override
        public String readLine(String prompt) {
            String a = answers.poll();
            return a == null || a.equals("\0end") ? null : a;
        }

        @Override
        public void println(String line) {
            printed.add(line);
        }

        @Override
        public boolean interactive() {
            return false;
        }

        @Override
        public int columns() {
            return 0;
        }

        @Override
        public void close() {
        }
    }
}
