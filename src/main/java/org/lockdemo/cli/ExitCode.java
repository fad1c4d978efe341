package org.lockdemo.cli;

import java.util.Arrays;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;

/**
 * lockdemo's exit codes, each with its meaning; every command's {@code --help} lists the ones it
 * uses from here ({@link HelpSections}). When several apply to one run, {@link #worst} says which
 * is reported.
 */
public enum ExitCode {
    OK(0, 0, "success: the run completed and every enforced check passed"),
    INTERNAL_ERROR(1, 9, "an unexpected internal error (a bug; run with --verbose and report it)"),
    USAGE(2, 8, "usage error: an unknown option or value, or options that do not fit together"),
    DATABASE_UNAVAILABLE(3, 7, "could not reach or prepare the database (connect, authenticate, create the table, connection limit)"),
    CHECKS_FAILED(4, 2, "a strategy that should be safe failed a check (duplicate rows, lost update, surfaced unique violation)"),
    EXPECTATION_FAILED(5, 1, "an expectation did not hold: race --expect, or an explain schedule that could not run to its end"),
    DATABASE_LOST(6, 4, "the database went away during the run; partial results were printed and written"),
    DEADLINE_REACHED(7, 3, "--max-run-time was reached; partial results were printed and written"),
    INTERRUPTED(130, 5, "interrupted (Ctrl-C/SIGINT or SIGTERM); partial results were printed and written");

    private final int code;
    /**
     * Higher wins in {@link #worst}. Of a finished run's codes: interrupted, then database lost,
     * then deadline, then a failed check (the strategy itself broke), then a failed expectation (the
     * numbers are only in doubt when nothing worse happened). The codes that end a command before
     * any result (1, 2, 3) outrank them all.
     */
    private final int severity;
    private final String meaning;

    ExitCode(int code, int severity, String meaning) {
        this.code = code;
        this.severity = severity;
        this.meaning = meaning;
    }

    public int code() {
        return code;
    }

    public String meaning() {
        return meaning;
    }

    /** The code to report when all of {@code codes} apply; {@link #OK} for none. */
    public static ExitCode worst(ExitCode... codes) {
        return Arrays.stream(codes).max(Comparator.comparingInt(c -> c.severity)).orElse(OK);
    }

    /** The constant with this numeric code, if lockdemo has one. */
    public static Optional<ExitCode> of(int code) {
        return Arrays.stream(values()).filter(c -> c.code == code).findFirst();
    }

    /** One line of a command's exit-code list: the code and what it means for that command. */
    record Use(ExitCode code, String text) {
        /** The code as {@link ExitCode#meaning()} says. */
        static Use of(ExitCode code) {
            return new Use(code, code.meaning);
        }

        /** The code's meaning, and what else it covers for this command. */
        static Use also(ExitCode code, String more) {
            return new Use(code, code.meaning + "; also " + more);
        }

        /** What the code means for a command that is not a race (e.g. {@code 0}: merged). */
        static Use as(ExitCode code, String text) {
            return new Use(code, text);
        }
    }

    /** Every code with its plain meaning, in numeric order: the list for the top-level command. */
    static List<Use> all() {
        return Arrays.stream(values()).map(Use::of).toList();
    }
}
