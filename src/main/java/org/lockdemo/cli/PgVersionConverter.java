package org.lockdemo.cli;

import java.util.Arrays;
import java.util.Iterator;
import org.lockdemo.db.PostgresMajor;
import picocli.CommandLine.ITypeConverter;
import picocli.CommandLine.TypeConversionException;

/** {@code --pg-version 15} to its {@link PostgresMajor}; anything else is one usage line. Stateless. */
final class PgVersionConverter implements ITypeConverter<PostgresMajor> {

    @Override
    public PostgresMajor convert(String value) {
        return PostgresMajor.parse(value).orElseThrow(() -> new TypeConversionException("'" + value
                + "' is not a PostgreSQL major the embedded server runs; choose from " + PostgresMajor.choices()));
    }

    /** The majors, for help and shell completion. */
    static final class Candidates implements Iterable<String> {
        @Override
        public Iterator<String> iterator() {
            return Arrays.stream(PostgresMajor.values()).map(PostgresMajor::toString).iterator();
        }
    }
}
