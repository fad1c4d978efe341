package org.lockdemo.cli;

import java.time.Duration;
import java.time.format.DateTimeParseException;
import java.util.Locale;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import picocli.CommandLine.ITypeConverter;
import picocli.CommandLine.TypeConversionException;

/**
 * Parses durations such as {@code 500ms}, {@code 10s}, {@code 1.5s}, {@code 2m}, {@code 1h} or ISO {@code PT10S}.
 * A bare {@code 0} is zero: nothing needs a unit, and the docs write {@code --lock-timeout 0} for "no bound".
 * Any other number without a unit is refused, since {@code 10} could mean seconds or milliseconds.
 */
public final class DurationConverter implements ITypeConverter<Duration> {
    private static final Pattern ZERO = Pattern.compile("0+(?:\\.0+)?");
    private static final Pattern SIMPLE = Pattern.compile("(\\d+(?:\\.\\d+)?)\\s*(ms|s|m|h)");

    @Override
    public Duration convert(String value) {
        return parse(value);
    }

    public static Duration parse(String value) {
        String v = value.trim().toLowerCase(Locale.ROOT);
        if (ZERO.matcher(v).matches()) {
            return Duration.ZERO;
        }
        Matcher m = SIMPLE.matcher(v);
        if (m.matches()) {
            double n = Double.parseDouble(m.group(1));
            double millis = switch (m.group(2)) {
                case "ms" -> n;
                case "s" -> n * 1_000;
                case "m" -> n * 60_000;
                default -> n * 3_600_000;
            };
            if (millis > Long.MAX_VALUE / 1_000_000.0 / 2) {
                throw new TypeConversionException("'" + value + "' is too long");
            }
            return Duration.ofNanos(Math.round(millis * 1_000_000));
        }
        if (v.startsWith("pt")) {
            try {
                return Duration.parse(value.trim().toUpperCase(Locale.ROOT));
            } catch (DateTimeParseException e) {
                // fall through to the common message
            }
        }
        throw new TypeConversionException("'" + value + "' is not a duration; use e.g. 500ms, 10s, 2m or 1h");
    }
}
