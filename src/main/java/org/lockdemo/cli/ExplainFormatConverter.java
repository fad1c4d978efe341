package org.lockdemo.cli;

import java.util.Arrays;
import java.util.Locale;
import java.util.stream.Collectors;
import org.lockdemo.explain.ExplainFormat;
import picocli.CommandLine.ITypeConverter;
import picocli.CommandLine.TypeConversionException;

/** Accepts the name of an {@link ExplainFormat} ({@code text}, {@code html}, ...), any case, for explain's {@code --format}. */
final class ExplainFormatConverter implements ITypeConverter<ExplainFormat> {
    @Override
    public ExplainFormat convert(String value) {
        for (ExplainFormat f : ExplainFormat.values()) {
            if (f.name().equalsIgnoreCase(value.trim())) {
                return f;
            }
        }
        throw new TypeConversionException("'" + value + "' is not one of " + Arrays.stream(ExplainFormat.values())
                .map(f -> f.name().toLowerCase(Locale.ROOT)).collect(Collectors.joining(", ")));
    }
}
