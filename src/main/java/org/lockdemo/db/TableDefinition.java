package org.lockdemo.db;

import java.util.List;
import java.util.Optional;
import java.util.regex.Pattern;
import org.lockdemo.model.RowKey;

/**
 * A strategy's table when it is the user's, not lockdemo's (a strategy file's {@code table:}
 * section), written for one dialect: its CREATE and the statements run once after it and once
 * before the DROP, each with {@code {table}} for the name lockdemo gives it; the columns that are
 * the user's key and the counter column the checks read back. Checked by whoever built it (the
 * file's reader): the CREATE creates {@code {table}} and nothing else, and the column names are
 * plain identifiers, because the read-back splices them. Immutable.
 *
 * @param create        {@code CREATE TABLE {table} (...)}
 * @param setup         run in order after the CREATE, each committed
 * @param teardown      run in order before the DROP, each committed; a failure is a warning, the DROP still runs
 * @param keyColumns    the user's key, in the order the read-back groups by
 * @param counterColumn the column summed for {@code no_lost_update}, or empty (the check is then not applicable)
 * @param keys          how a row's key columns (as text) map back to the lockdemo key the race bound them from
 */
public record TableDefinition(String create, List<String> setup, List<String> teardown, List<String> keyColumns,
        Optional<String> counterColumn, KeyMapping keys) {
    private static final Pattern IDENTIFIER = Pattern.compile("[A-Za-z_][A-Za-z0-9_]{0,62}");

    /** The lockdemo key of a row, from its key columns read as text; empty for a row the race cannot have written. */
    @FunctionalInterface
    public interface KeyMapping {
        Optional<RowKey> keyOf(List<String> values);
    }

    public TableDefinition {
        setup = List.copyOf(setup);
        teardown = List.copyOf(teardown);
        keyColumns = List.copyOf(keyColumns);
        if (keyColumns.isEmpty()) {
            throw new IllegalArgumentException("a table definition needs at least one key column");
        }
        for (String c : keyColumns) {
            if (!IDENTIFIER.matcher(c).matches()) {
                throw new IllegalArgumentException("not a plain column name: " + c);
            }
        }
        if (counterColumn.isPresent() && !IDENTIFIER.matcher(counterColumn.get()).matches()) {
            throw new IllegalArgumentException("not a plain column name: " + counterColumn.get());
        }
    }

    /** Whether {@code name} is a column name the read-back may splice: a letter or _, then letters, digits, _. */
    public static boolean isPlainIdentifier(String name) {
        return IDENTIFIER.matcher(name).matches();
    }
}
