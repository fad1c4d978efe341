package org.lockdemo.results;

import java.math.BigDecimal;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * An {@code --expect} expression as checked on the result. Immutable.
 *
 * @param forAll whether it was an {@code all.} expression (then {@code actual} is per strategy)
 * @param actual the measured value per strategy, in the run's order
 */
public record ExpectationCheck(String expression, boolean passed, boolean forAll, Map<String, BigDecimal> actual) {
    public ExpectationCheck {
        actual = Collections.unmodifiableMap(new LinkedHashMap<>(actual));
    }
}
