package org.lockdemo.expect;

import java.math.BigDecimal;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;

/**
 * An expectation checked against a result. Immutable.
 *
 * @param actual the measured value per strategy it was checked on (one entry unless {@code all.}),
 *               in the run's strategy order
 * @param failing the strategies on which it did not hold, empty when it passed
 */
public record ExpectationResult(Expectation expectation, Map<String, BigDecimal> actual, List<String> failing) {

    public ExpectationResult {
        actual = Collections.unmodifiableMap(new LinkedHashMap<>(actual));
        failing = List.copyOf(failing);
    }

    public boolean passed() {
        return failing.isEmpty();
    }

    /** The measured value(s) as a person reads them: {@code 0}, or {@code naive=3, savepoint=0} for {@code all.}. */
    public String actualText() {
        if (!expectation().forAll() && actual.size() == 1) {
            return plain(actual.values().iterator().next());
        }
        return actual.entrySet().stream().map(e -> e.getKey() + "=" + plain(e.getValue()))
                .collect(Collectors.joining(", "));
    }

    /** A number without exponent or trailing zeros, the same in every locale. */
    public static String plain(BigDecimal v) {
        BigDecimal s = v.stripTrailingZeros();
        return (s.scale() < 0 ? s.setScale(0) : s).toPlainString();
    }
}
