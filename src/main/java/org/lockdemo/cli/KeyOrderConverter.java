package org.lockdemo.cli;

import java.util.Arrays;
import java.util.Iterator;
import java.util.stream.Collectors;
import org.lockdemo.model.KeyOrder;
import picocli.CommandLine.ITypeConverter;
import picocli.CommandLine.TypeConversionException;

/** Accepts {@code arrival} and {@code sorted} for {@code --key-order}. */
public final class KeyOrderConverter implements ITypeConverter<KeyOrder> {
    @Override
    public KeyOrder convert(String value) {
        for (KeyOrder o : KeyOrder.values()) {
            if (o.id().equalsIgnoreCase(value.trim())) {
                return o;
            }
        }
        throw new TypeConversionException("'" + value + "' is not a key order; choose from " + ids());
    }

    private static String ids() {
        return Arrays.stream(KeyOrder.values()).map(KeyOrder::id).collect(Collectors.joining(", "));
    }

    /** The completion candidates: the orders' ids. */
    static final class Candidates implements Iterable<String> {
        @Override
        public Iterator<String> iterator() {
            return Arrays.stream(KeyOrder.values()).map(KeyOrder::id).iterator();
        }
    }
}
