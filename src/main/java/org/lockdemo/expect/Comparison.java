package org.lockdemo.expect;

import java.math.BigDecimal;

/** The comparison operators an expectation may use. Stateless. */
public enum Comparison {
    // two-character operators first, so "<=" is not read as "<" followed by "="
    EQ("=="), NE("!="), LE("<="), GE(">="), LT("<"), GT(">");

    private final String symbol;

    Comparison(String symbol) {
        this.symbol = symbol;
    }

    public String symbol() {
        return symbol;
    }

    /** Whether {@code actual OP expected} holds; exact decimal comparison, no floating-point slack. */
    public boolean test(BigDecimal actual, BigDecimal expected) {
        int c = actual.compareTo(expected);
        return switch (this) {
            case EQ -> c == 0;
            case NE -> c != 0;
            case LE -> c <= 0;
            case GE -> c >= 0;
            case LT -> c < 0;
            case GT -> c > 0;
        };
    }
}
