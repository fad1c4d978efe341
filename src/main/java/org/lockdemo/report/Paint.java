package org.lockdemo.report;

import picocli.CommandLine.Help.Ansi.IStyle;
import picocli.CommandLine.Help.Ansi.Style;

/**
 * The console's colours, as picocli's ANSI styles: a verdict's colour and an error's. Whether to
 * colour at all is the caller's decision, passed in; text painted off is the text unchanged.
 * Stateless; thread-safe.
 */
public enum Paint {
    /** A verdict {@code pass}. */
    PASS(Style.fg_green),
    /** A verdict or check {@code lesson}: expected of an unsafe strategy, not a failure. */
    LESSON(Style.fg_yellow),
    /** A verdict {@code FAIL}, a failed check, partial results. */
    FAIL(Style.bold, Style.fg_red),
    /** An error line on stderr ({@code lockdemo: ...}). */
    ERROR(Style.bold, Style.fg_red);

    private final IStyle[] styles;

    Paint(IStyle... styles) {
        this.styles = styles;
    }

    /** A verdict as the result file spells it, painted in its colour when {@code colour}. */
    public static String verdict(String verdict, boolean colour) {
        Paint paint = ofVerdict(verdict);
        return paint == null ? verdict : paint.on(verdict, colour);
    }

    /** {@code text} in this paint when {@code colour}, else {@code text} itself. */
    public String on(String text, boolean colour) {
        return colour ? Style.on(styles) + text + Style.reset.on() : text;
    }

    /** The paint of a verdict as the result file spells it ({@code pass}, {@code lesson}, {@code fail}), or null. */
    public static Paint ofVerdict(String verdict) {
        if (verdict == null) {
            return null;
        }
        return switch (verdict) {
            case "pass" -> PASS;
            case "lesson" -> LESSON;
            case "fail" -> FAIL;
            default -> null;
        };
    }
}
