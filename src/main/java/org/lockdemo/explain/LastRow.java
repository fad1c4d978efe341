package org.lockdemo.explain;

import java.util.List;
import java.util.Locale;
import java.util.Optional;

/**
 * What a session remembers of the row it last read or inserted, as an ORM's model instance does:
 * the id and {@code some_value} that the parameters {@code "id"} and {@code "some_value + 1"} bind,
 * so a scenario can send Django's {@code UPDATE ... SET some_value = ? WHERE id = ?} with the value
 * the client computed. Only a step that succeeds changes it:
 * <ul>
 * <li>a result set with an {@code id} column: its one row, with {@code some_value} from its
 *     {@code some_value} column (an INSERT's {@code RETURNING id}: 0, what lockdemo's INSERTs
 *     write); a result set with no row or several leaves no row to bind;</li>
 * <li>an INSERT without a result set: the id the server reported with its answer (MySQL and
 *     MariaDB do; PostgreSQL only with {@code RETURNING id}), and {@code some_value} 0;</li>
 * <li>anything else (a result set without {@code id}, UPDATE, SAVEPOINT, COMMIT, ROLLBACK) leaves it
 *     as it was: like a model instance, it outlives the transaction it was read in.</li>
 * </ul>
 * Immutable.
 *
 * @param session   the session whose memory it is
 * @param id        the row's id; null when there is no row to bind, and {@code why} says why
 * @param someValue its {@code some_value}; null when the result that gave the row had no such column
 * @param why       where the row came from, or why there is none, for messages
 */
record LastRow(String session, Long id, Long someValue, String why) {
    private static final String ID = "id";
    private static final String SOME_VALUE = "some_value";

    /** A session's memory before its first read or INSERT. */
    static LastRow none(String session) {
        return new LastRow(session, null, null, session + " has read or inserted no row yet");
    }

    /**
     * The row a result set gives, or empty when it has no {@code id} column (e.g. {@code SELECT
     * pg_advisory_xact_lock(...)}), which leaves the memory as it was.
     *
     * @param insert whether the step was an INSERT (its {@code RETURNING}), whose row has some_value 0
     *               unless it returns the column
     * @param rows   the rows' values as text, one list per row, in the order of {@code labels}
     */
    static Optional<LastRow> fromResult(String session, int step, boolean insert, List<String> labels,
            List<List<String>> rows) {
        int idAt = column(labels, ID);
        if (idAt < 0) {
            return Optional.empty();
        }
        String what = session + "'s " + (insert ? "INSERT" : "read") + " at step " + step;
        if (rows.size() != 1) {
            return Optional.of(new LastRow(session, null, null, what + " returned " + rows.size() + " rows"));
        }
        List<String> row = rows.get(0);
        Long id = number(row.get(idAt));
        if (id == null) {
            return Optional.of(new LastRow(session, null, null, what + " returned id = " + row.get(idAt) + ", not a whole number"));
        }
        int valueAt = column(labels, SOME_VALUE);
        Long value = valueAt >= 0 ? number(row.get(valueAt)) : insert ? Long.valueOf(0) : null;
        return Optional.of(new LastRow(session, id, value, "the row " + session + (insert ? " inserted" : " read") + " at step " + step));
    }

    /**
     * The row an INSERT without a result set made.
     *
     * @param updateCount  the rows it inserted (0: an upsert that found the key)
     * @param generatedId  the id the server reported with its answer; null when it reported none
     */
    static LastRow inserted(String session, int step, int updateCount, Long generatedId) {
        String what = session + "'s INSERT at step " + step;
        if (updateCount != 1) {
            return new LastRow(session, null, null, what + " inserted " + updateCount + " rows");
        }
        if (generatedId == null) {
            return new LastRow(session, null, null, what + " reported no id (end it with RETURNING id, or with "
                    + Step.RETURNING_ID + " in a scenario for MySQL too)");
        }
        return new LastRow(session, generatedId, 0L, "the row " + session + " inserted at step " + step);
    }

    /**
     * The value {@code kind} ({@link Step.Param.Kind#ROW_ID} or {@link Step.Param.Kind#ROW_VALUE_PLUS_ONE})
     * binds.
     *
     * @throws ScenarioException when there is no row, or no some_value, to bind (one line)
     */
    long value(Step.Param.Kind kind) throws ScenarioException {
        String param = "parameter \"" + kind.word() + "\"";
        if (id == null) {
            throw new ScenarioException(param + " binds a value of the row " + session + " last read or inserted, and there "
                    + "is none: " + why);
        }
        return switch (kind) {
            case ROW_ID -> id;
            case ROW_VALUE_PLUS_ONE -> {
                if (someValue == null) {
                    throw new ScenarioException(param + " needs some_value of " + why
                            + ", and that result had no some_value column");
                }
                yield someValue + 1;
            }
            default -> throw new IllegalArgumentException(kind + " is not bound from the last row");
        };
    }

    private static int column(List<String> labels, String name) {
        for (int i = 0; i < labels.size(); i++) {
            if (labels.get(i).toLowerCase(Locale.ROOT).equals(name)) {
                return i;
            }
        }
        return -1;
    }

    private static Long number(String text) {
        try {
            return text == null ? null : Long.valueOf(text.strip());
        } catch (NumberFormatException e) {
            return null;
        }
    }
}
