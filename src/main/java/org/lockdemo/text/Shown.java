package org.lockdemo.text;

/**
 * How a message quotes a value from a file people write by hand, so that one bad value keeps the
 * message one readable line: control characters and lone surrogates written as {@code \\uXXXX},
 * and cut to 40 characters. Stateless; thread-safe.
 */
public final class Shown {
    private static final int MAX = 40;

    private Shown() {
    }

    /** {@link #shown} in single quotes. */
    public static String quote(String value) {
        return "'" + shown(value) + "'";
    }

    /** The value escaped and cut, without quotes. */
    public static String shown(String value) {
        return escaped(value, MAX);
    }

    /**
     * A parser's message about such a value, escaped but not cut: the parser may quote the bad
     * character itself, raw (Jackson does, for DEL and the C1 controls).
     */
    public static String escaped(String message) {
        return escaped(message, Integer.MAX_VALUE);
    }

    private static String escaped(String value, int max) {
        StringBuilder b = new StringBuilder();
        int[] points = value.codePoints().toArray();
        for (int i = 0; i < Math.min(points.length, max); i++) {
            int cp = points[i];
            boolean unprintable = Character.isISOControl(cp) || cp >= Character.MIN_SURROGATE && cp <= Character.MAX_SURROGATE;
            b.append(unprintable ? String.format("\\u%04x", cp) : Character.toString(cp));
        }
        return b.append(points.length > max ? "..." : "").toString();
    }
}
