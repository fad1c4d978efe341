package org.lockdemo.cli;

import java.util.Arrays;
import java.util.stream.Collectors;
import org.lockdemo.model.Isolation;
import picocli.CommandLine.ITypeConverter;
import picocli.CommandLine.TypeConversionException;

/** Accepts {@code read-committed}, {@code repeatable-read}, {@code serializable} (and {@code default}). */
public final class IsolationConverter implements ITypeConverter<Isolation> {
    @Override
    public Isolation convert(String value) {
        for (Isolation i : Isolation.values()) {
            if (i.cliName().equalsIgnoreCase(value.trim()) || i.name().equalsIgnoreCase(value.trim())) {
                return i;
            }
        }
        throw new TypeConversionException("'" + value + "' is not an isolation level; choose from "
                + Arrays.stream(Isolation.values()).map(Isolation::cliName).collect(Collectors.joining(", ")));
    }
}
