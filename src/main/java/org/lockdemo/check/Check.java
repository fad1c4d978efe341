package org.lockdemo.check;

/**
 * One invariant checked after a run, with the evidence behind the verdict.
 *
 * @param name     stable identifier, e.g. {@code no_lost_update}
 * @param passed   whether the invariant held
 * @param enforced whether a failure fails the run; false for the lesson of an unsafe strategy
 * @param expected what should hold, in numbers where possible
 * @param actual   what was measured
 * @param evidence a short explanation or the first offending keys; never empty
 */
public record Check(String name, boolean passed, boolean enforced, String expected, String actual, String evidence) {

    /** True unless this is an enforced check that failed. */
    public boolean acceptable() {
        return passed || !enforced;
    }
}
