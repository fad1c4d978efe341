package org.lockdemo.explain;

import java.util.List;
import java.util.Locale;
import java.util.regex.Pattern;

/**
 * A statement typed into the sessions REPL as a {@link Step}: the trailing {@code ;} dropped,
 * {@code COMMIT} and {@code ROLLBACK} as those actions (as a scenario file's {@code commit} and
 * {@code rollback}), and lockdemo's table, written {@code lockdemo_explain} or {@code {table}},
 * as {@code {table}}, so the session sends it to the real table and {@code \save} writes it as a
 * scenario does. Typed SQL carries its values: no parameters. Pure; stateless; thread-safe.
 */
public final class TypedSql {
    /** The display name as a whole word, any case (not {@code lockdemo_explain_x1}). */
    private static final Pattern DISPLAY_TABLE = Pattern.compile("(?i)\\b" + ExplainRunner.DISPLAY_TABLE + "\\b");

    private TypedSql() {
    }

    /** Step {@code number} of the schedule: {@code session} sends {@code typed}. */
    public static Step step(int number, String session, String typed) {
        String sql = typed.strip();
        while (sql.endsWith(";")) {
            sql = sql.substring(0, sql.length() - 1).stripTrailing();
        }
        Step.Action action = switch (sql.toLowerCase(Locale.ROOT)) {
            case "commit" -> Step.Action.COMMIT;
            case "rollback" -> Step.Action.ROLLBACK;
            default -> Step.Action.SQL;
        };
        if (action != Step.Action.SQL) {
            return new Step(number, session, action, sql.toUpperCase(Locale.ROOT), List.of());
        }
        return new Step(number, session, action, DISPLAY_TABLE.matcher(sql).replaceAll("{table}"), List.of());
    }
}
