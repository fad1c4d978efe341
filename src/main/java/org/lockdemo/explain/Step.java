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
 * @param sql     the statement with {@code {table}} for lockdemo's table, {@code ?} for parameters
 *                and, at the end of an INSERT, {@link #RETURNING_ID}; for BEGIN/COMMIT/ROLLBACK the word itself
 * @param params  one value per {@code ?}: the key's {@code jahr} or {@code monat}, a number, a text
 *                (GET_LOCK's lock name: MariaDB refuses a number there), in which {@code {table}}
 *                stands for lockdemo's table as in the SQL, or the {@code id} or
 *                {@code some_value + 1} of the row the session last read or inserted ({@link LastRow})
 */
public record Step(int number, String session, Action action, String sql, List<Param> params) {
    /**
     * Ends an INSERT that returns the new row's id where the server can: {@code RETURNING id} on
     * PostgreSQL and MariaDB 10.5+, nothing on MySQL (which reports the id with the INSERT's
     * answer), so that a scenario for both sends what the strategy sends on each.
     */
    public static final String RETURNING_ID = "{returning id}";

    /**
     * What a step does. BEGIN is SQLite's (the built-in step {@code begin}): there the mode of the
     * BEGIN is when the transaction takes the database's write lock, so a scenario sends it as a
     * step of its own, and a wait at {@code BEGIN IMMEDIATE} shows at that step. On the servers a
     * transaction begins with its first statement.
     */
    public enum Action {
        SQL, BEGIN, COMMIT, ROLLBACK
    }

    /** A parameter: a part of the scenario's key, a literal, or a value of the session's last row. */
    public record Param(Kind kind, long literal, String text) {

        /** What a parameter binds. */
        public enum Kind {
            /** The key's {@code jahr}. */
            JAHR("jahr"),
            /** The key's {@code monat}. */
            MONAT("monat"),
            /** A literal whole number. */
            NUMBER(null),
            /** A literal text. */
            TEXT(null),
            /** The id of the row the session last read or inserted, as Django's {@code obj.pk}. */
            ROW_ID("id"),
            /** That row's {@code some_value} plus one: the value a client computes and saves. */
            ROW_VALUE_PLUS_ONE("some_value + 1");

            private final String word;

            Kind(String word) {
                this.word = word;
            }

            /** How a scenario writes it, e.g. {@code "some_value + 1"}; null for the literals. */
            public String word() {
                return word;
            }
        }

        static Param jahr() {
            return new Param(Kind.JAHR, 0, null);
        }

        static Param monat() {
            return new Param(Kind.MONAT, 0, null);
        }

        static Param number(long value) {
            return new Param(Kind.NUMBER, value, null);
        }

        static Param text(String value) {
            return new Param(Kind.TEXT, 0, value);
        }

        static Param rowId() {
            return new Param(Kind.ROW_ID, 0, null);
        }

        static Param rowValuePlusOne() {
            return new Param(Kind.ROW_VALUE_PLUS_ONE, 0, null);
        }

        /** Whether it is bound from the session's last row, so its value is known only when the step is sent. */
        public boolean fromLastRow() {
            return kind == Kind.ROW_ID || kind == Kind.ROW_VALUE_PLUS_ONE;
        }

        @Override
        public String toString() {
            return switch (kind) {
                case NUMBER -> Long.toString(literal);
                case TEXT -> "'" + text + "'";
                default -> kind.word();
            };
        }
    }

    public Step {
        params = List.copyOf(params);
    }

    /**
     * The SQL for {@code table}, as it is sent: {@link #RETURNING_ID} becomes {@code RETURNING id}
     * where the server has {@code INSERT ... RETURNING} ({@code insertReturning}), else nothing.
     */
    public String sqlFor(String table, boolean insertReturning) {
        String s = sql.replace("{table}", table);
        if (!s.endsWith(RETURNING_ID)) {
            return s;
        }
        String plain = s.substring(0, s.length() - RETURNING_ID.length()).stripTrailing();
        return insertReturning ? plain + " RETURNING id" : plain;
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
        if (action == Action.BEGIN) {
            return SqlStep.LOCK; // BEGIN IMMEDIATE takes the write lock, and may wait for it
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

    /** Whether it can give the session a row to remember: a SELECT or an INSERT (see {@link LastRow}). */
    boolean readsOrInserts() {
        if (action != Action.SQL) {
            return false;
        }
        String s = sql.strip().toLowerCase(Locale.ROOT);
        return s.startsWith("select") || s.startsWith("insert");
    }
}
