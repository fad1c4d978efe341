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
 * @param params  one value per {@code ?}: the key's {@code jahr} or {@code monat}, or a number
 */
public record Step(int number, String session, Action action, String sql, List<Param> params) {

    /** What a step does. */
    public enum Action {
        SQL, COMMIT, ROLLBACK
    }

    /** A parameter: a part of the scenario's key, or a literal number. */
    public record Param(String keyPart, long literal) {
        static Param jahr() {
            return new Param("jahr", 0);
        }

        static Param monat() {
            return new Param("monat", 0);
        }

        static Param number(long value) {
            return new Param(null, value);
        }

        @Override
        public String toString() {
            return keyPart != null ? keyPart : Long.toString(literal);
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
