package org.lockdemo.check;

import java.util.List;

/** All checks of one strategy's run. Immutable. */
public record Verdict(List<Check> checks) {

    public Verdict {
        checks = List.copyOf(checks);
    }

    /** True when every enforced check passed. */
    public boolean ok() {
        return checks.stream().allMatch(Check::acceptable);
    }

    /** True when every check passed, enforced or not (the strategy was safe in this run). */
    public boolean allPassed() {
        return checks.stream().allMatch(c -> c.passed() || !c.applicable());
    }
}
