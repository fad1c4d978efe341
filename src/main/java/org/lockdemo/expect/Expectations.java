package org.lockdemo.expect;

import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.lockdemo.results.ExpectationCheck;
import org.lockdemo.results.RunResult;
import org.lockdemo.results.StrategyEntry;

/**
 * Checks expectations against a result's records (what a race writes and a merge produces, with
 * the numbers exactly as the file holds them). Pure; thread-safe.
 */
public final class Expectations {
    private Expectations() {
    }

    /**
     * Why {@code e} cannot be checked on a run of {@code strategies}, or empty if it can. Called
     * before the run, so a typo does not cost a whole run.
     */
    public static Optional<String> notApplicable(Expectation e, List<String> strategies) {
        if (e.forAll() || strategies.contains(e.strategy())) {
            return Optional.empty();
        }
        return Optional.of("strategy " + e.strategy() + " is not in this run (it runs " + String.join(", ", strategies)
                + ")");
    }

    /** Checks each expectation on {@code result}'s {@code strategies[]}; same order as given. */
    public static List<ExpectationResult> check(List<Expectation> expectations, RunResult result) {
        List<ExpectationResult> out = new ArrayList<>();
        for (Expectation e : expectations) {
            Map<String, BigDecimal> actual = new LinkedHashMap<>();
            List<String> failing = new ArrayList<>();
            for (StrategyEntry s : result.strategies()) {
                String name = s.strategy();
                if (e.forAll() || e.strategy().equals(name)) {
                    BigDecimal v = e.metric().read(s);
                    actual.put(name, v);
                    if (!e.comparison().test(v, e.expected())) {
                        failing.add(name);
                    }
                }
            }
            if (actual.isEmpty()) {
                // validated before the run; reaching here means the result lacks the strategy (e.g. a merge input)
                failing.add(e.strategy());
            }
            out.add(new ExpectationResult(e, actual, failing));
        }
        return out;
    }

    /** The checked expectations as the result records them. */
    public static List<ExpectationCheck> asRecorded(List<ExpectationResult> checked) {
        return checked.stream().map(r -> new ExpectationCheck(r.expectation().text(), r.passed(),
                r.expectation().forAll(), r.actual())).toList();
    }
}
