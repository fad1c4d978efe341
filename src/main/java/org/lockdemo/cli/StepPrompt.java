package org.lockdemo.cli;

import java.util.Locale;
import java.util.Optional;
import org.lockdemo.explain.ExplainRunner;
import org.lockdemo.explain.Step;
import org.lockdemo.explain.StepGate;
import org.lockdemo.race.StopSignal;

/**
 * {@code explain --step}: before each step, one line on standard error,
 * {@code next: step 5 of 12, T2: INSERT ...  [Enter to run, q to quit]}, then a line from the user.
 * Enter sends the step; {@code q}, Ctrl-C at a terminal's prompt or the end of input stop the
 * schedule there, as Ctrl-C does elsewhere (a stop request: the timeline so far, sessions rolled
 * back, table dropped, exit 130). Any other answer asks again. The line is read on the
 * {@link InputPump}'s thread, so a Ctrl-C or SIGTERM while the user has not answered stops the
 * schedule too. {@link #proceed} from the interpreter's thread only.
 */
final class StepPrompt implements StepGate {
    /** Why the schedule stopped, as the timeline's last line and the stop request say. */
    static final String QUIT = "quit at the --step prompt";

    /** How often the wait for an answer looks for a stop (Ctrl-C, SIGTERM while no terminal prompt is shown). */
    private static final long POLL_MILLIS = 50;

    private final Console console;
    private final InputPump pump;
    private final StopSignal stop;
    /** What a {@code begin} step sends, e.g. {@code BEGIN IMMEDIATE} (SQLite's mode of the run). */
    private final String beginSql;

    StepPrompt(Console console, StopSignal stop) {
        this(console, stop, "BEGIN");
    }

    /** @param beginSql what a {@code begin} step sends on this run, e.g. {@code BEGIN IMMEDIATE} */
    StepPrompt(Console console, StopSignal stop, String beginSql) {
        this.console = console;
        this.pump = new InputPump(console);
        this.stop = stop;
        this.beginSql = beginSql;
    }

    @Override
    public boolean proceed(Step next, int steps) throws InterruptedException {
        String prompt = line(next, steps, beginSql);
        while (true) {
            if (!console.interactive()) {
                console.println(prompt); // a pipe shows no prompt: the transcript shows each step asked about
            }
            pump.request(prompt + " ");
            Optional<InputPump.Read> read = Optional.empty();
            while (read.isEmpty()) {
                if (stop.isRequested()) {
                    return false; // a signal: the interpreter reports its reason
                }
                read = pump.poll(POLL_MILLIS);
            }
            if (read.get().failure() != null) {
                stop.request(QUIT + " (the input failed: " + read.get().failure().getMessage() + ")");
                return false;
            }
            String answer = read.get().line();
            if (answer == null || answer.equals(SessionsInput.INTERRUPT) || answer.strip().equalsIgnoreCase("q")) {
                stop.request(QUIT);
                return false;
            }
            if (answer.isBlank()) {
                return true;
            }
            console.println("press Enter to run step " + next.number() + ", or q to quit (got '" + answer.strip() + "')");
        }
    }

    /** {@code next: step 5 of 12, T2: INSERT ...  [Enter to run, q to quit]}. */
    static String line(Step next, int steps) {
        return line(next, steps, "BEGIN");
    }

    /** As {@link #line(Step, int)}, a {@code begin} step shown as {@code beginSql}, what it sends. */
    static String line(Step next, int steps, String beginSql) {
        String sql = next.action() == Step.Action.BEGIN ? beginSql
                : next.sql().replace("{table}", ExplainRunner.DISPLAY_TABLE);
        // the key alone is what most steps bind, and the timeline shows it so: no note
        boolean keyOnly = next.params().stream().allMatch(p -> p.kind() == Step.Param.Kind.JAHR
                || p.kind() == Step.Param.Kind.MONAT);
        String params = keyOnly ? "" : "  -- ? = " + String.join(", ", next.params().stream().map(Object::toString).toList());
        return String.format(Locale.ROOT, "next: step %d of %d, %s: %s%s  [Enter to run, q to quit]", next.number(), steps,
                next.session(), sql.replaceAll("\\s+", " "), params);
    }
}
