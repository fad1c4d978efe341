package org.lockdemo.check;

/**
 * One invariant checked after a run, with the evidence behind the verdict.
 *
 * @param name       stable identifier, e.g. {@code no_lost_update}
 * @param passed     whether the invariant held; false for a check that does not apply
 * @param enforced   whether a failure fails the run; false for the lesson of an unsafe strategy
 * @param expected   what should hold, in numbers where possible
 * @param actual     what was measured
 * @param evidence   a short explanation or the first offending keys; never empty
 * @param applicable false when the strategy gives the check nothing to hold it to (a strategy file
 *                   with {@code counter: none} has no counter update for {@code no_lost_update}):
 *                   it is reported "not applicable", never passed, and does not change the verdict
 */
public record Check(String name, boolean passed, boolean enforced, String expected, String actual, String evidence,
        boolean applicable) {

    /** A check that applies. */
    public Check(String name, boolean passed, boolean enforced, String expected, String actual, String evidence) {
        this(name, passed, enforced, expected, actual, evidence, true);
    }

    /** A check the strategy gives nothing to hold it to, and why. */
    public static Check notApplicable(String name, String why) {
        return new Check(name, false, false, "not applicable", "not applicable", why, false);
    }

    /** True unless this is an enforced check that failed. */
    public boolean acceptable() {
        return passed || !enforced;
    }
}
