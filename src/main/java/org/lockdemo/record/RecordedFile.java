package org.lockdemo.record;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.regex.Pattern;
import org.lockdemo.model.RowKey;

/**
 * Writes what a strategy sent, path by path, as a ready-to-edit strategy file (the format of
 * docs/strategy-files.md): the created path as its steps, with the key's values as {@code :jahr}
 * and {@code :monat}, a value an earlier statement returned as a capture of that statement (the
 * row's {@code id}, its {@code some_value} plus one), any other value written in; the found and
 * conflict paths as comments beside it, to be turned into {@code if} and {@code on:} by hand.
 * Pure; thread-safe.
 */
final class RecordedFile {
    private static final Pattern SAVEPOINT = Pattern.compile("(?i)\\s*SAVEPOINT\\s+(\\w+)\\s*");
    private static final Pattern RELEASE = Pattern.compile("(?i)\\s*RELEASE\\s+(?:SAVEPOINT\\s+)?(\\w+)\\s*");
    private static final Pattern ROLLBACK_TO = Pattern.compile("(?i)\\s*ROLLBACK\\s+TO\\s+(?:SAVEPOINT\\s+)?(\\w+)\\s*");

    private RecordedFile() {
    }

    /**
     * @param what   what was recorded, e.g. {@code the built-in strategy savepoint}
     * @param server the server it ran on, e.g. {@code PostgreSQL 18.3}
     */
    static String render(String name, String what, String server, String table, boolean expectedSafe,
            boolean locksRow, Map<PathRecorder.Path, PathRecorder.Recorded> paths) {
        StringBuilder b = new StringBuilder();
        b.append("# Recorded by lockdemo record: what ").append(what).append(" sent to ").append(server)
                .append(", once per path.\n")
                .append("# The steps are the created path; the other paths are below them as comments, to be written in\n")
                .append("# as `if:` on the first read's row count and `on:` handlers (docs/strategy-files.md).\n");
        for (Map.Entry<PathRecorder.Path, PathRecorder.Recorded> e : paths.entrySet()) {
            b.append("#\n# path ").append(e.getKey().id).append(" (key ").append(e.getKey().key.jahr()).append(", ")
                    .append(e.getKey().key.monat()).append("): ended ").append(e.getValue().outcome().id())
                    .append(e.getValue().note().isEmpty() ? "" : "; " + e.getValue().note()).append('\n');
            for (Transcript.Entry x : e.getValue().transcript().entries()) {
                b.append("#   ").append(line(x, table)).append('\n');
            }
        }
        PathRecorder.Recorded created = paths.get(PathRecorder.Path.CREATED);
        List<String> steps = new ArrayList<>();
        String counter = "none";
        List<Transcript.Entry> entries = created.transcript().entries();
        int lastStatement = -1;
        for (int i = 0; i < entries.size(); i++) {
            if (entries.get(i).kind() == Transcript.Kind.STATEMENT && !control(entries.get(i).sql())) {
                lastStatement = i;
            }
        }
        List<String> captures = new ArrayList<>();
        for (int i = 0; i < entries.size(); i++) {
            captures.add(null);
        }
        int n = 0;
        for (int i = 0; i < entries.size(); i++) {
            Transcript.Entry x = entries.get(i);
            boolean last = i == entries.size() - 1;
            switch (x.kind()) {
                case COMMIT -> steps.add(last ? "  - commit: " + created.outcome().id() : "  - commit");
                case ROLLBACK -> steps.add("  - rollback: " + (created.outcome().isSuccess() ? "unique_violation"
                        : created.outcome().id()));
                case SAVEPOINT -> steps.add("  - savepoint: " + x.sql());
                case RELEASE -> steps.add("  - release: " + x.sql());
                case ROLLBACK_TO -> steps.add("  # ROLLBACK TO SAVEPOINT " + x.sql() + ": write it as on: {CONDITION: "
                        + "{rollback_to: " + x.sql() + "}}");
                default -> {
                    var sp = SAVEPOINT.matcher(x.sql());
                    var rl = RELEASE.matcher(x.sql());
                    if (sp.matches()) {
                        steps.add("  - savepoint: " + sp.group(1));
                    } else if (rl.matches()) {
                        steps.add("  - release: " + rl.group(1));
                    } else if (ROLLBACK_TO.matcher(x.sql()).matches()) {
                        steps.add("  # " + x.sql() + ": write it as an on: {CONDITION: {rollback_to: ...}} handler");
                    } else {
                        String id = "s" + (++n);
                        String sql = bind(x, table, entries, i, captures, steps, created.transcript());
                        boolean counterUpdate = i == lastStatement && x.sql().toLowerCase(Locale.ROOT).contains("some_value")
                                && x.sql().stripLeading().toUpperCase(Locale.ROOT).startsWith("UPDATE");
                        if (counterUpdate) {
                            counter = id;
                        }
                        steps.add("  - id: " + id + "\n    sql: " + yamlString(sql)
                                + (x.error() != null ? "\n    # it failed here with " + x.error() : ""));
                    }
                }
            }
        }
        if (entries.isEmpty() || entries.get(entries.size() - 1).kind() != Transcript.Kind.COMMIT) {
            steps.add("  - commit: " + created.outcome().id()); // lockdemo's own COMMIT came after the recorded code
        }
        b.append("lockdemo-strategy: 1\n")
                .append("name: ").append(name).append('\n')
                .append("description: recorded; edit the paths in\n")
                .append("claims: {expected_safe: ").append(expectedSafe).append(", locks_row: ").append(locksRow).append("}\n")
                .append("counter: ").append(counter).append('\n')
                .append("steps:\n");
        steps.forEach(s -> b.append(s).append('\n'));
        return b.toString();
    }

    private static boolean control(String sql) {
        return SAVEPOINT.matcher(sql).matches() || RELEASE.matcher(sql).matches() || ROLLBACK_TO.matcher(sql).matches();
    }

    /** The statement with its table as {@code {table}} and each {@code ?} as a parameter or a value. */
    private static String bind(Transcript.Entry x, String table, List<Transcript.Entry> entries, int at,
            List<String> captures, List<String> steps, Transcript t) {
        StringBuilder out = new StringBuilder();
        String sql = x.sql().replace(table, "{table}");
        int p = 0;
        boolean quoted = false;
        for (int i = 0; i < sql.length(); i++) {
            char c = sql.charAt(i);
            if (c == '\'') {
                quoted = !quoted;
            }
            if (c != '?' || quoted) {
                out.append(c);
                continue;
            }
            Object v = p < x.params().size() ? x.params().get(p) : null;
            p++;
            out.append(param(v, entries, at, steps));
        }
        return out.toString();
    }

    /** How a bound value is written: the key, a capture of an earlier row, or the value itself. */
    private static String param(Object v, List<Transcript.Entry> entries, int at, List<String> steps) {
        RowKey key = PathRecorder.Path.CREATED.key;
        if (v instanceof Number num) {
            long value = num.longValue();
            if (value == key.jahr()) {
                return ":jahr";
            }
            if (value == key.monat()) {
                return ":monat";
            }
            for (int j = at - 1; j >= 0; j--) {
                for (Map.Entry<String, Object> col : entries.get(j).firstRow().entrySet()) {
                    if (col.getValue() instanceof Number c && (c.longValue() == value || c.longValue() + 1 == value)) {
                        String name = col.getKey().replaceAll("[^a-z0-9_]", "_") + (c.longValue() == value ? "" : "_plus_1");
                        String capture = "{" + name + ": {column: " + col.getKey()
                                + (c.longValue() == value ? "" : ", plus: 1") + "}}";
                        addCapture(steps, j, entries, name, capture);
                        return ":" + name;
                    }
                }
            }
            return Long.toString(value);
        }
        return v == null ? "NULL" : "'" + v.toString().replace("'", "''") + "'";
    }

    /** Adds {@code capture} to the step that was entry {@code j} (the steps so far are in entry order). */
    private static void addCapture(List<String> steps, int j, List<Transcript.Entry> entries, String name, String capture) {
        // find the step of entry j: count the statement steps before it
        int statements = 0;
        for (int k = 0; k < j; k++) {
            Transcript.Entry e = entries.get(k);
            if (e.kind() == Transcript.Kind.STATEMENT && !control(e.sql())) {
                statements++;
            }
        }
        String id = "  - id: s" + (statements + 1) + "\n";
        for (int s = 0; s < steps.size(); s++) {
            String step = steps.get(s);
            if (step.startsWith(id) && !step.contains(" " + name + ": {column")) {
                String body = capture.substring(1, capture.length() - 1);
                steps.set(s, step.contains("\n    capture: {") ? step.replace("\n    capture: {", "\n    capture: {" + body + ", ")
                        : step.replaceFirst("\n    sql: ", "\n    capture: {" + body + "}\n    sql: "));
            }
        }
    }

    private static String line(Transcript.Entry x, String table) {
        String text = switch (x.kind()) {
            case COMMIT -> "COMMIT";
            case ROLLBACK -> "ROLLBACK";
            case SAVEPOINT -> "SAVEPOINT " + x.sql();
            case RELEASE -> "RELEASE SAVEPOINT " + x.sql();
            case ROLLBACK_TO -> "ROLLBACK TO SAVEPOINT " + x.sql();
            default -> x.sql().replace(table, "{table}") + (x.params().isEmpty() ? "" : "  -- " + x.params());
        };
        return text + (x.error() != null ? "  ! " + x.error() : "");
    }

    /** A YAML scalar for a statement: double-quoted, escaped. */
    static String yamlString(String s) {
        return "\"" + s.replace("\\", "\\\\").replace("\"", "\\\"") + "\"";
    }
}
