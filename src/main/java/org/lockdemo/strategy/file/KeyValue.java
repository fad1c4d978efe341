package org.lockdemo.strategy.file;

import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.lockdemo.model.RowKey;

/**
 * A whole number a strategy file computes from the key ({@code let: {assigned_id: "jahr * 100 + monat"}}),
 * bound as one parameter ({@code :assigned_id}) in every statement: the id an application assigns to
 * a key's row before it exists (Hibernate's {@code merge()} of an entity with an id, SQLAlchemy's
 * {@code session.merge(T(id=...))}; lockdemo's built-ins use {@code jahr * 100 + monat},
 * {@code AssignedIds}). The expression is a sum of products: {@code jahr}, {@code monat},
 * {@code index} and whole numbers, joined by {@code *}, {@code +} and {@code -}, without
 * parentheses; it is evaluated exactly, and a result that does not fit in 64 bits is an error, not a
 * wrapped number. Immutable.
 *
 * @param where where it is written ({@code FILE:LINE:COL}), for messages
 * @param name  the parameter's name
 * @param text  the expression as written, for messages
 * @param terms the products, each with its sign, summed
 */
record KeyValue(String where, String name, String text, List<Term> terms) implements LetValue {
    private static final Pattern TOKEN = Pattern.compile("\\s*(jahr|monat|index|[0-9]{1,12}|[-+*])");

    /** {@code sign} times the product of {@code factors} (each {@code jahr}, {@code monat}, {@code index} or digits). */
    record Term(boolean negative, List<String> factors) {
    }

    KeyValue {
        terms = List.copyOf(terms);
    }

    /**
     * Parses {@code text}; empty when it is not a sum of products of jahr, monat, index and whole
     * numbers of at most 12 digits.
     */
    static Optional<KeyValue> parse(String where, String name, String text) {
        List<String> tokens = new ArrayList<>();
        Matcher m = TOKEN.matcher(text);
        int at = 0;
        while (at < text.length() && !text.substring(at).isBlank()) {
            if (!m.find(at) || m.start() != at) {
                return Optional.empty();
            }
            tokens.add(m.group(1));
            at = m.end();
        }
        List<Term> terms = new ArrayList<>();
        int i = 0;
        boolean negative = false;
        if (!tokens.isEmpty() && tokens.get(0).equals("-")) {
            negative = true;
            i++;
        }
        while (true) {
            List<String> factors = new ArrayList<>();
            while (true) {
                if (i >= tokens.size() || !isOperand(tokens.get(i))) {
                    return Optional.empty();
                }
                factors.add(tokens.get(i++));
                if (i < tokens.size() && tokens.get(i).equals("*")) {
                    i++;
                } else {
                    break;
                }
            }
            terms.add(new Term(negative, factors));
            if (i == tokens.size()) {
                return Optional.of(new KeyValue(where, name, text.strip(), terms));
            }
            String op = tokens.get(i++);
            if (!op.equals("+") && !op.equals("-")) {
                return Optional.empty(); // two operands in a row
            }
            negative = op.equals("-");
        }
    }

    private static boolean isOperand(String token) {
        return !token.equals("+") && !token.equals("-") && !token.equals("*");
    }

    /** Whether it names {@code part} ({@code jahr}, {@code monat} or {@code index}). */
    boolean uses(String part) {
        return terms.stream().anyMatch(t -> t.factors().contains(part));
    }

    @Override
    public Object value(RowKey key, String table) throws SQLException {
        return of(key);
    }

    /** Its value for {@code key}; SQLState 22003 (numeric value out of range) if it does not fit in a {@code long}. */
    long of(RowKey key) throws SQLException {
        try {
            return exact(key);
        } catch (ArithmeticException e) {
            throw new SQLException(where + ": let " + name + " = " + text + " does not fit in 64 bits for the key ("
                    + key.jahr() + ", " + key.monat() + ")", "22003", e);
        }
    }

    private long exact(RowKey key) {
        long sum = 0;
        for (Term t : terms) {
            long product = 1;
            for (String f : t.factors()) {
                long v = switch (f) {
                    case "jahr" -> key.jahr();
                    case "monat" -> key.monat();
                    case "index" -> key.index();
                    default -> Long.parseLong(f);
                };
                product = Math.multiplyExact(product, v);
            }
            sum = t.negative() ? Math.subtractExact(sum, product) : Math.addExact(sum, product);
        }
        return sum;
    }
}
