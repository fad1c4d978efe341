package org.lockdemo.expect;

import java.math.BigDecimal;
import java.util.regex.Pattern;
import org.lockdemo.strategy.StrategyKind;

/**
 * Parses {@code STRATEGY.METRIC OP NUMBER}, e.g. {@code savepoint.unique_violation == 0} or
 * {@code all.latency_us.p99 < 250000}. Stateless; thread-safe. Errors are
 * {@link IllegalArgumentException}s whose message names what is wrong and what would be right,
 * fit to print after {@code lockdemo: --expect '...': }.
 */
public final class ExpectationParser {
    private static final Pattern STRATEGY = Pattern.compile("[a-z][a-z0-9-]*");
    // plain decimal numbers only: no exponent, no hex, no thousands separators, the same in every locale
    private static final Pattern NUMBER = Pattern.compile("-?\\d+(\\.\\d+)?");

    private ExpectationParser() {
    }

    public static Expectation parse(String expression) {
        String text = expression.trim();
        if (text.isEmpty()) {
            throw new IllegalArgumentException("empty; write e.g. 'savepoint.unique_violation == 0'");
        }
        int at = -1;
        Comparison op = null;
        for (int i = 0; i < text.length() && op == null; i++) {
            for (Comparison c : Comparison.values()) {
                if (text.startsWith(c.symbol(), i)) {
                    at = i;
                    op = c;
                    break;
                }
            }
        }
        if (op == null) {
            throw new IllegalArgumentException("no comparison; use one of == != < <= > >=, e.g. 'naive.unique_violation > 0'");
        }
        String left = text.substring(0, at).trim();
        String right = text.substring(at + op.symbol().length()).trim();
        int dot = left.indexOf('.');
        if (dot < 0) {
            throw new IllegalArgumentException("'" + left + "' is not STRATEGY.METRIC, e.g. savepoint.unique_violation");
        }
        String strategy = left.substring(0, dot).trim();
        String metricName = left.substring(dot + 1).trim();
        if (!STRATEGY.matcher(strategy).matches()
                || !(Expectation.ALL.equals(strategy) || StrategyKind.fromId(strategy).isPresent())) {
            throw new IllegalArgumentException("'" + strategy + "' is not a strategy; choose from " + StrategyKind.ids()
                    + " or all");
        }
        Metric metric = Metric.byName(metricName).orElseThrow(() -> new IllegalArgumentException(
                "'" + metricName + "' is not a metric; choose from " + String.join(", ", Metric.names())));
        if (!NUMBER.matcher(right).matches()) {
            throw new IllegalArgumentException("'" + right + "' is not a number; write a plain decimal such as 0, 12 or 2.5");
        }
        return new Expectation(text, strategy, metric, op, new BigDecimal(right));
    }
}
