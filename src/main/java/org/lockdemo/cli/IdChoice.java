package org.lockdemo.cli;

import java.util.Iterator;
import java.util.List;
import java.util.function.Function;
import java.util.stream.Collectors;
import picocli.CommandLine.ITypeConverter;
import picocli.CommandLine.TypeConversionException;

/**
 * A closed choice named by lower-case ids (an enum's {@code id()}): the converter for its option,
 * with a message naming the value and the choices, and the completion candidates. Subclasses name
 * the values and the noun ("a key order"). Stateless and thread-safe.
 */
abstract class IdChoice<E> implements ITypeConverter<E>, Iterable<String> {
    private final List<E> values;
    private final Function<E, String> id;
    private final String noun;

    IdChoice(E[] values, Function<E, String> id, String noun) {
        this.values = List.of(values);
        this.id = id;
        this.noun = noun;
    }

    @Override
    public E convert(String value) {
        for (E e : values) {
            if (id.apply(e).equalsIgnoreCase(value.trim())) {
                return e;
            }
        }
        throw new TypeConversionException("'" + value + "' is not " + noun + "; choose from "
                + values.stream().map(id).collect(Collectors.joining(", ")));
    }

    /** The completion candidates: the ids. */
    @Override
    public Iterator<String> iterator() {
        return values.stream().map(id).iterator();
    }
}
