package org.lockdemo.explain;

import java.util.List;
import java.util.Locale;
import org.lockdemo.model.SqlStep;

/**
 * One step of a scenario: a session sends one SQL statement, or ends its transaction. Immutable.
 *
 * @param number  1-based position in the schedule
 * @param session the session that runs it, e.g. {@code T1}
 * @param action  what to do
 * @param sql     the statement with {@code {table}} for lockdemo's table and {@code ?} for
 *                parameters; for COMMIT/ROLLBACK the word itself
 * @param params  one value per {@code ?}: the key's {@code jahr} or {@code monat}, a number, or a
 *                text (GET_LOCK's lock name: MariaDB refuses a number there), in which
 *                {@code {table}} stands for lockdemo's table as in the SQL
 */
public record Step(int number, String session, Action action, String sql, List<Param> params) {

    /** What a step does. */
    public enum Action {
        SQL, COMMIT, ROLLBACK
    }

    /** A parameter: a part of the scenario's key, a literal number, or (when text is set) a literal text. */
    public record Param(String keyPart, long literal, String text) {
        static Param jahr() {
            return new Param("jahr", 0, null);
        }

        static Param monat() {
            return new Param("monat", 0, null);
        }

        static Param number(long value) {
            return new Param(null, value, null);
        }

        static Param text(String value) {
            return new Param(null, 0, value);
        }

        @Override
        public String toString() {
            return keyPart != null ? keyPart : text != null ? "'" + text + "'" : Long.toString(literal);
        }
    }

    public Step {
        params = List.copyOf(params);
    }

    /** The SQL for {@code table}, as it is sent. */
    public String sqlFor(String table) {
        return sql.replace("{table}", table);
    }

    /**
     * The kind of statement, for the error classifier: some codes mean different things on
     * different statements (MariaDB's 1205 is NOWAIT's answer only after a NOWAIT read).
     */
    public SqlStep sqlStep() {
        if (action == Action.COMMIT) {
            return SqlStep.COMMIT;
        }
        if (action == Action.ROLLBACK) {
            return SqlStep.ROLLBACK;
        }
        String s = sql.strip().toLowerCase(Locale.ROOT);
        if (s.startsWith("select")) {
            return s.endsWith("for update nowait") ? SqlStep.LOCK_NOWAIT
                    : s.contains(" for update") ? SqlStep.LOCK : SqlStep.SELECT;
        }
        if (s.startsWith("insert")) {
            return SqlStep.INSERT;
        }
        if (s.startsWith("update")) {
            return SqlStep.UPDATE;
        }
        if (s.startsWith("savepoint") || s.startsWith("release") || s.startsWith("rollback to")) {
            return SqlStep.SAVEPOINT;
        }
        return SqlStep.SELECT;
    }
}
