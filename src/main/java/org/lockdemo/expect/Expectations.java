package org.lockdemo.expect;

import com.fasterxml.jackson.databind.JsonNode;
import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Checks expectations against a result in its JSON form (what a race writes and a merge produces),
 * so an expectation reads exactly the numbers the file holds. Pure; thread-safe.
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
    public static List<ExpectationResult> check(List<Expectation> expectations, JsonNode result) {
        List<ExpectationResult> out = new ArrayList<>();
        for (Expectation e : expectations) {
            Map<String, BigDecimal> actual = new LinkedHashMap<>();
            List<String> failing = new ArrayList<>();
            for (JsonNode s : result.path("strategies")) {
                String name = s.path("strategy").asText();
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
}
