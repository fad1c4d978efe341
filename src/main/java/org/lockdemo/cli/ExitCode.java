package org.lockdemo.cli;

/** lockdemo's exit codes; documented in --help and the README. */
public enum ExitCode {
    OK(0, "success: the run completed and every enforced check passed"),
    INTERNAL_ERROR(1, "an unexpected internal error (a bug; run with --verbose and report it)"),
    USAGE(2, "usage error: an unknown option or value, or options that do not fit together"),
    DATABASE_UNAVAILABLE(3, "could not reach or prepare the database (connect, authenticate, create the table, connection limit)"),
    CHECKS_FAILED(4, "a strategy that should be safe failed a check (duplicate rows, lost update, surfaced unique violation)"),
    EXPECTATION_FAILED(5, "an expectation did not hold: race --expect, or an explain schedule that could not run to its end"),
    DATABASE_LOST(6, "the database went away during the run; partial results were printed and written"),
    DEADLINE_REACHED(7, "--max-run-time was reached; partial results were printed and written"),
    INTERRUPTED(130, "interrupted (Ctrl-C/SIGINT or SIGTERM); partial results were printed and written");

    private final int code;
    private final String meaning;

    ExitCode(int code, String meaning) {
        this.code = code;
        this.meaning = meaning;
    }

    public int code() {
        return code;
    }

    public String meaning() {
        return meaning;
    }
}
