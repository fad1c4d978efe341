package org.lockdemo.cli;

import java.io.IOException;
import java.util.Locale;
import org.lockdemo.explain.ExplainRunner;
import org.lockdemo.explain.Step;
import org.lockdemo.explain.StepGate;
import org.lockdemo.race.StopSignal;

/**
 * {@code explain --step}: before each step, one line on standard error,
 * {@code next: step 5 of 12, T2: INSERT ...  [Enter to run, q to quit]}, then a line from the user.
 * Enter sends the step; {@code q}, Ctrl-C at a terminal's prompt or the end of input stop the
 * schedule there, as Ctrl-C does elsewhere (a stop request: the timeline so far, sessions rolled
 * back, table dropped, exit 130). Any other answer asks again. The interpreter's thread only.
 */
final class StepPrompt implements StepGate {
    /** Why the schedule stopped, as the timeline's last line and the stop request say. */
    static final String QUIT = "quit at the --step prompt";

    private final Console console;
    private final StopSignal stop;

    StepPrompt(Console console, StopSignal stop) {
        this.console = console;
        this.stop = stop;
    }

    @Override
    public boolean proceed(Step next, int steps) {
        String prompt = line(next, steps);
        while (true) {
            if (!console.interactive()) {
                console.println(prompt); // a pipe shows no prompt: the transcript shows each step asked about
            }
            String answer;
            try {
                answer = console.readLine(prompt + " ");
            } catch (IOException e) {
                stop.request(QUIT + " (the input failed: " + e.getMessage() + ")");
                return false;
            }
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
        String sql = next.sql().replace("{table}", ExplainRunner.DISPLAY_TABLE);
        // the key alone is what most steps bind, and the timeline shows it so: no note
        boolean keyOnly = next.params().stream().allMatch(p -> p.kind() == Step.Param.Kind.JAHR
                || p.kind() == Step.Param.Kind.MONAT);
        String params = keyOnly ? "" : "  -- ? = " + String.join(", ", next.params().stream().map(Object::toString).toList());
        return String.format(Locale.ROOT, "next: step %d of %d, %s: %s%s  [Enter to run, q to quit]", next.number(), steps,
                next.session(), sql.replaceAll("\\s+", " "), params);
    }
}
