package org.lockdemo.report;

import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import java.util.stream.Collectors;
import org.lockdemo.check.Check;
import org.lockdemo.check.Checker;
import org.lockdemo.results.ExpectationCheck;
import org.lockdemo.results.RunResult;
import org.lockdemo.results.StrategyEntry;

/**
 * The testcases of a {@link JunitReport}, from a result: the run, each strategy's outcomes and
 * checks, the strategies not reached, each expectation; and which of them failed, erred or were
 * skipped. What a check or an expectation means for a CI reader is decided here; how it is written
 * as XML is the report's. Stateless.
 */
final class JunitTestcases {
    static final String FAILED_CHECK = "lockdemo.check_failed";
    static final String FAILED_EXPECTATION = "lockdemo.expectation_failed";
    static final String PARTIAL_RUN = "lockdemo.partial_run";

    private JunitTestcases() {
    }

    /** One testcase: its classname, name, time and at most one of failure, error, skipped. */
    record Case(String classname, String name, double timeS, Kind kind, String type, String message,
            String detail, String systemOut) {
        static Case passed(String classname, String name, double timeS, String systemOut) {
            return new Case(classname, name, timeS, Kind.PASSED, null, null, null, systemOut);
        }
    }

    enum Kind {
        PASSED, FAILURE, ERROR, SKIPPED
    }

    /** The testcases in report order: the run, per strategy its outcomes and checks, the strategies not run, the expectations. */
    static List<Case> of(RunResult result) {
        List<Case> cases = new ArrayList<>();
        cases.add(result.complete() || result.status() == null
                ? Case.passed("lockdemo.run", "completed", 0, null)
                : new Case("lockdemo.run", "completed", 0, Kind.ERROR, PARTIAL_RUN,
                        "the run stopped early: " + orUnknown(result.stopReason()),
                        "status " + result.status() + ": " + orUnknown(result.stopReason())
                                + "\nthe counts and checks cover what was measured until then", null));
        for (StrategyEntry s : result.strategies()) {
            String classname = "lockdemo." + s.strategy();
            cases.add(Case.passed(classname, "outcomes", s.elapsedS() == null ? 0 : s.elapsedS(),
                    JunitStrategySummary.of(s)));
            for (Check check : s.checks()) {
                cases.add(check(classname, s, check));
            }
        }
        Set<String> notRun = new LinkedHashSet<>(result.config() == null ? List.of() : result.config().strategies());
        notRun.removeAll(result.strategyIds());
        for (String id : notRun) {
            cases.add(new Case("lockdemo." + id, "outcomes", 0, Kind.SKIPPED, null,
                    "not run: the run stopped before " + id, null, null));
        }
        for (ExpectationCheck e : result.expectations()) {
            cases.add(expectation(e));
        }
        return cases;
    }

    private static Case check(String classname, StrategyEntry s, Check c) {
        String facts = "expected: " + c.expected() + "\nactual: " + c.actual() + "\n" + c.evidence();
        if (c.passed()) {
            return Case.passed(classname, c.name(), 0, "passed\n" + facts);
        }
        if (!c.applicable()) {
            return new Case(classname, c.name(), 0, Kind.SKIPPED, null, c.name() + " not applicable: " + c.evidence(),
                    null, null);
        }
        if (c.enforced()) {
            return new Case(classname, c.name(), 0, Kind.FAILURE, FAILED_CHECK, s.strategy() + " failed " + c.name()
                    + ": expected " + c.expected() + ", actual " + c.actual(), facts, null);
        }
        if (Checker.TABLE_CHECKS.equals(c.name())) {
            return new Case(classname, c.name(), 0, Kind.SKIPPED, null, c.name() + " " + c.actual() + ": "
                    + c.evidence(), null, null);
        }
        return Case.passed(classname, c.name(), 0, "lesson: " + s.strategy()
                + " is not meant to be safe, and this check shows its flaw, as expected\n" + facts);
    }

    private static Case expectation(ExpectationCheck e) {
        String actual = e.actual().entrySet().stream()
                .map(a -> (e.forAll() ? a.getKey() + " " : "") + plain(a.getValue()))
                .collect(Collectors.joining(", "));
        String facts = "expected: " + e.expression() + "\nactual: " + actual;
        return e.passed() ? Case.passed("lockdemo.expect", e.expression(), 0, "passed\n" + facts)
                : new Case("lockdemo.expect", e.expression(), 0, Kind.FAILURE, FAILED_EXPECTATION,
                        "expected " + e.expression() + ", actual " + actual, facts, null);
    }

    private static String plain(BigDecimal n) {
        return n == null ? "none" : n.stripTrailingZeros().toPlainString();
    }

    static long count(List<Case> cases, Kind kind) {
        return cases.stream().filter(c -> c.kind() == kind).count();
    }

    private static String orUnknown(String s) {
        return s == null ? "unknown" : s;
    }
}
