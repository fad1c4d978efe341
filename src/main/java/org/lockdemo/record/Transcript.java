package org.lockdemo.record;

import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * What one connection sent on one path, in order, as {@link RecordingJdbc} saw it: statements with
 * the values bound to them, the first row each query returned, the errors, and the transaction
 * control. Not thread-safe: one attempt's thread writes it, the recorder reads it after.
 */
final class Transcript {

    /** What an entry is. */
    enum Kind {
        STATEMENT, COMMIT, ROLLBACK, SAVEPOINT, RELEASE, ROLLBACK_TO
    }

    /**
     * One thing sent.
     *
     * @param sql      the statement as sent, or the savepoint's name
     * @param params   the values bound, by position (1-based index 0 is the first {@code ?})
     * @param firstRow the first row a query returned, by column label (lower case); empty otherwise
     * @param count    the rows returned or the affected count; -1 when unknown
     * @param error    the SQLState and vendor code of the error it met, or null
     */
    record Entry(Kind kind, String sql, List<Object> params, Map<String, Object> firstRow, int count, String error) {
    }

    private final List<Entry> entries = new ArrayList<>();

    void add(Entry e) {
        entries.add(e);
    }

    /** Replaces the last entry (a statement whose result was read after it was added). */
    void replaceLast(Entry e) {
        entries.set(entries.size() - 1, e);
    }

    Entry last() {
        return entries.get(entries.size() - 1);
    }

    boolean isEmpty() {
        return entries.isEmpty();
    }

    List<Entry> entries() {
        return Collections.unmodifiableList(entries);
    }

    static Map<String, Object> noRow() {
        return new LinkedHashMap<>();
    }
}
