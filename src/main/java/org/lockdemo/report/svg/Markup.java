package org.lockdemo.report.svg;

import java.util.Locale;

/**
 * Escaping and number formatting for HTML and SVG text. Numbers are written with {@link Locale#ROOT}
 * so that a German or French default locale cannot turn {@code 1.5} into {@code 1,5}, which would
 * break SVG coordinates and every golden test. Stateless.
 */
public final class Markup {
    private Markup() {
    }

    /** Escapes text for element content and for double- or single-quoted attribute values. */
    public static String escape(String s) {
        if (s == null) {
            return "";
        }
        StringBuilder b = new StringBuilder(s.length() + 16);
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            switch (c) {
                case '&' -> b.append("&amp;");
                case '<' -> b.append("&lt;");
                case '>' -> b.append("&gt;");
                case '"' -> b.append("&quot;");
                case '\'' -> b.append("&#39;");
                default -> b.append(c);
            }
        }
        return b.toString();
    }

    /** A coordinate: one decimal, no grouping, always a dot. */
    public static String coord(double v) {
        if (!Double.isFinite(v)) {
            throw new IllegalArgumentException("not a finite coordinate: " + v);
        }
        return format("%.1f", v == 0 ? 0 : v); // -0.0 prints as "-0.0"
    }

    /** A value for people: up to {@code decimals} decimals, trailing zeros dropped. */
    public static String number(double v, int decimals) {
        String s = format("%." + decimals + "f", v);
        if (s.indexOf('.') >= 0) {
            s = s.replaceAll("0+$", "");
            if (s.endsWith(".")) {
                s = s.substring(0, s.length() - 1);
            }
        }
        return s.equals("-0") ? "0" : s;
    }

    /** {@link String#format} in {@link Locale#ROOT}. */
    public static String format(String pattern, Object... args) {
        return String.format(Locale.ROOT, pattern, args);
    }
}
