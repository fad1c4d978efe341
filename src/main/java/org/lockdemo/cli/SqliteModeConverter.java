package org.lockdemo.cli;

import java.util.Arrays;
import java.util.Iterator;
import java.util.stream.Collectors;
import org.lockdemo.db.SqliteSettings;
import picocli.CommandLine.ITypeConverter;
import picocli.CommandLine.TypeConversionException;

/**
 * The lower-case names of SQLite's modes, for {@code --sqlite-begin} and {@code --sqlite-journal}:
 * one converter and one candidate list per option, each a nested class picocli instantiates.
 * Stateless.
 */
final class SqliteModeConverter {
    private SqliteModeConverter() {
    }

    private static <E extends Enum<E>> E convert(Class<E> type, String value, String what) {
        for (E e : type.getEnumConstants()) {
            if (e.toString().equalsIgnoreCase(value.trim())) {
                return e;
            }
        }
        throw new TypeConversionException("'" + value + "' is not " + what + "; choose from " + names(type));
    }

    private static <E extends Enum<E>> String names(Class<E> type) {
        return Arrays.stream(type.getEnumConstants()).map(Object::toString).collect(Collectors.joining(", "));
    }

    /** {@code deferred}, {@code immediate}, {@code exclusive}. */
    static final class Begin implements ITypeConverter<SqliteSettings.Begin> {
        @Override
        public SqliteSettings.Begin convert(String value) {
            return SqliteModeConverter.convert(SqliteSettings.Begin.class, value, "a SQLite transaction mode");
        }
    }

    /** {@code wal}, {@code delete}. */
    static final class Journal implements ITypeConverter<SqliteSettings.Journal> {
        @Override
        public SqliteSettings.Journal convert(String value) {
            return SqliteModeConverter.convert(SqliteSettings.Journal.class, value, "a journal mode lockdemo runs SQLite with");
        }
    }

    static final class BeginCandidates implements Iterable<String> {
        @Override
        public Iterator<String> iterator() {
            return Arrays.stream(SqliteSettings.Begin.values()).map(Object::toString).iterator();
        }
    }

    static final class JournalCandidates implements Iterable<String> {
        @Override
        public Iterator<String> iterator() {
            return Arrays.stream(SqliteSettings.Journal.values()).map(Object::toString).iterator();
        }
    }
}
