package org.lockdemo.expect;

import java.math.BigDecimal;

/**
 * One parsed {@code --expect} expression: {@code STRATEGY.METRIC OP NUMBER}. Immutable.
 *
 * @param text     the expression as the user wrote it (trimmed), used in output and JSON
 * @param strategy a strategy id, or {@link #ALL} for every strategy of the run
 */
public record Expectation(String text, String strategy, Metric metric, Comparison comparison, BigDecimal expected) {
    /** The strategy name that makes an expectation hold for every strategy of the run. */
    public static final String ALL = "all";

    public boolean forAll() {
        return ALL.equals(strategy);
    }
}
