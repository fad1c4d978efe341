package org.lockdemo.strategy.file;

import static org.lockdemo.strategy.file.StrategyFileReader.at;
import static org.lockdemo.strategy.file.StrategyFileReader.describe;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.lockdemo.db.TableDefinition;
import org.lockdemo.strategy.file.StrategyFile.Sql;
import org.lockdemo.strategy.file.StrategyFile.Table;
import org.lockdemo.strategy.file.StrategyFile.Where;
import org.lockdemo.strategy.file.StrategyFileReader.Fields;
import org.lockdemo.text.Shown;

/**
 * Reads a strategy file's {@code table:} section, the user's own table, and checks what lockdemo
 * promises about it before anything connects: the CREATE creates {@code {table}} (the name lockdemo
 * gives it per run) and nothing else; setup and teardown create, drop or rename no table and drop
 * only what is named after {@code {table}}; each entry is one statement without parameters; the key
 * columns and the counter column are in the CREATE; and the key columns tell every two of
 * lockdemo's keys apart. lockdemo does not parse SQL: these are checks on the text, which the
 * server then runs as the user's user would. Stateless.
 */
final class TableReader {
    static final Set<String> KEYS = Set.of("create", "key", "counter_column", "setup", "teardown");
    private static final Pattern CREATES_TABLE = Pattern.compile("(?is)\\s*CREATE\\s+TABLE\\s+\\{table\\}(\\s|\\().*");
    private static final Pattern TABLE_DDL = Pattern.compile(
            "(?is).*\\b(CREATE|DROP|RENAME|TRUNCATE)\\s+((TEMPORARY|TEMP|UNLOGGED|GLOBAL|LOCAL)\\s+)*TABLE\\b.*");
    private static final Pattern ALTERS_OWN = Pattern.compile("(?is)\\s*ALTER\\s+TABLE\\s+\\{table\\}(\\s.*|$)");
    private static final Pattern ALTER_TABLE = Pattern.compile("(?is).*\\bALTER\\s+TABLE\\b.*");
    private static final Pattern DROP = Pattern.compile("(?i)\\bDROP\\s+");
    /** Words that may stand between DROP and the name of what it drops. */
    private static final Set<String> DROP_WORDS = Set.of("INDEX", "FUNCTION", "PROCEDURE", "TRIGGER", "VIEW",
            "MATERIALIZED", "SEQUENCE", "TYPE", "RULE", "POLICY", "DOMAIN", "EVENT", "AGGREGATE", "STATISTICS",
            "EXTENSION", "SCHEMA", "DATABASE", "USER", "ROLE", "IF", "EXISTS", "CONCURRENTLY");
    private static final Pattern BARE = Pattern.compile("jahr|monat|index");
    private static final Pattern PLACEHOLDER = Pattern.compile("\\{([^}]*)\\}");

    private TableReader() {
    }

    /** The section at {@code n}; {@code counterSteps} are the file's {@code counter:} steps, which must agree. */
    static Table read(Node n, String source, List<String> counterSteps, Node counterNode) throws StrategyFileException {
        Fields f = Fields.of(n, source, "table", KEYS);
        Node createNode = f.required("create");
        Map<String, Node> creates = byDialect(createNode, source, "table.create");
        for (Map.Entry<String, Node> e : creates.entrySet()) {
            String text = text(e.getValue(), source, "table.create");
            if (!CREATES_TABLE.matcher(text).matches()) {
                throw new StrategyFileException(at(source, e.getValue()) + ": table.create must be CREATE TABLE {table} "
                        + "(...): lockdemo names the table per run and drops only it; got " + Shown.quote(text.strip()));
            }
            oneStatement(text, e.getValue(), source, "table.create");
        }
        Sql create = noParameters(StrategyFileReader.sql(createNode, source), createNode, source, "table.create");

        Node keyNode = f.required("key");
        if (!(keyNode instanceof Node.MapNode km) || km.entries().isEmpty()) {
            throw new StrategyFileException(at(source, keyNode) + ": table.key must map each key column to jahr, monat, "
                    + "index or a text such as \"tag-{monat}\", got " + describe(keyNode));
        }
        Map<String, KeyBinding> key = new LinkedHashMap<>();
        Set<String> parts = new LinkedHashSet<>();
        for (Map.Entry<String, Node> e : km.entries().entrySet()) {
            String column = e.getKey();
            Node.Pos columnPos = km.keys().get(column);
            if (!TableDefinition.isPlainIdentifier(column)) {
                throw new StrategyFileException(source + ":" + columnPos + ": key column " + Shown.quote(column)
                        + " must be a plain column name: a letter or _, then letters, digits or _, at most 63");
            }
            inCreate(column, "key column", creates, source, columnPos);
            KeyBinding b = binding(e.getValue(), source, column);
            parts.addAll(b.parts());
            key.put(column, b);
        }
        if (!parts.contains("index") && !(parts.contains("jahr") && parts.contains("monat"))) {
            throw new StrategyFileException(at(source, keyNode) + ": table.key binds only " + String.join(" and ", parts)
                    + ", so two of lockdemo's keys would be one row of yours; bind index, or both jahr and monat");
        }

        Node counterColumnNode = f.required("counter_column");
        String counterColumn = f.text("counter_column");
        Optional<String> counter = counterColumn.equals("none") ? Optional.empty() : Optional.of(counterColumn);
        if (counter.isPresent()) {
            if (!TableDefinition.isPlainIdentifier(counterColumn)) {
                throw new StrategyFileException(at(source, counterColumnNode) + ": counter_column "
                        + Shown.quote(counterColumn) + " must be a plain column name, or none");
            }
            inCreate(counterColumn, "counter_column", creates, source, counterColumnNode.pos());
            if (key.containsKey(counterColumn)) {
                throw new StrategyFileException(at(source, counterColumnNode) + ": counter_column " + counterColumn
                        + " is a key column");
            }
        }
        if (counter.isPresent() == counterSteps.isEmpty()) {
            throw new StrategyFileException(at(source, counter.isPresent() ? counterColumnNode : counterNode)
                    + (counter.isPresent() ? ": counter_column is " + counterColumn + " but counter is none; name the "
                            + "step(s) that update it, or say counter_column: none"
                            : ": counter names step(s) that update the counter, but table.counter_column is none; name "
                                    + "the column they update"));
        }
        List<Sql> setup = statements(f, "setup", source);
        List<Sql> teardown = statements(f, "teardown", source);
        return new Table(new Where(source, n.pos()), create, key, counter, setup, teardown);
    }

    /** {@code jahr}, {@code monat}, {@code index} (a whole number), or a text with them as placeholders. */
    private static KeyBinding binding(Node v, String source, String column) throws StrategyFileException {
        if (!(v instanceof Node.Scalar s) || s.type() != Node.Scalar.Type.STRING || s.text().isEmpty()) {
            throw new StrategyFileException(at(source, v) + ": key column " + column + " is bound from jahr, monat, "
                    + "index or a text such as \"tag-{monat}\", got " + describe(v));
        }
        String t = s.text();
        if (BARE.matcher(t).matches()) {
            return new KeyBinding("{" + t + "}", false);
        }
        Matcher m = PLACEHOLDER.matcher(t);
        int count = 0;
        int lastEnd = -1;
        while (m.find()) {
            if (!KeyBinding.PARTS.contains(m.group(1))) {
                throw new StrategyFileException(at(source, v) + ": {" + Shown.shown(m.group(1)) + "} in key column "
                        + column + " is not one of {jahr}, {monat}, {index}");
            }
            if (lastEnd >= 0 && t.substring(lastEnd, m.start()).chars().allMatch(Character::isDigit)) {
                throw new StrategyFileException(at(source, v) + ": key column " + column + ": put a character that is "
                        + "not a digit between two placeholders, or \"" + Shown.shown(t) + "\" can be two keys' value");
            }
            lastEnd = m.end();
            count++;
        }
        if (count == 0) {
            throw new StrategyFileException(at(source, v) + ": key column " + column + " is bound to the same text "
                    + Shown.quote(t) + " for every key; use jahr, monat, index or a text with {jahr}, {monat} or {index}");
        }
        return new KeyBinding(t, true);
    }

    private static List<Sql> statements(Fields f, String what, String source) throws StrategyFileException {
        if (f.optional(what).isEmpty()) {
            return List.of();
        }
        Node n = f.node(what);
        if (!(n instanceof Node.ListNode l)) {
            throw new StrategyFileException(at(source, n) + ": table." + what + " must be a list of statements, got "
                    + describe(n));
        }
        List<Sql> out = new ArrayList<>();
        for (Node item : l.items()) {
            for (Map.Entry<String, Node> e : byDialect(item, source, "table." + what).entrySet()) {
                String text = text(e.getValue(), source, "table." + what);
                checkSetupText(text, e.getValue(), source, "table." + what);
            }
            out.add(noParameters(StrategyFileReader.sql(item, source), item, source, "table." + what));
        }
        return List.copyOf(out);
    }

    /** What a setup or teardown statement may not do: touch another table, or drop what the run did not create. */
    private static void checkSetupText(String text, Node at, String source, String what) throws StrategyFileException {
        oneStatement(text, at, source, what);
        if (TABLE_DDL.matcher(text).matches()) {
            throw new StrategyFileException(at(source, at) + ": " + what + " may not create, drop, rename or truncate a "
                    + "table: lockdemo creates {table} from table.create and drops only it");
        }
        if (ALTER_TABLE.matcher(text).matches() && !ALTERS_OWN.matcher(text).matches()) {
            throw new StrategyFileException(at(source, at) + ": " + what + " may alter only {table} (ALTER TABLE {table} "
                    + "...)");
        }
        if (ALTERS_OWN.matcher(text).matches()) {
            return; // ALTER TABLE {table} DROP COLUMN/CONSTRAINT/INDEX x: a part of the run's own table
        }
        Matcher m = DROP.matcher(text);
        while (m.find()) {
            String[] words = text.substring(m.end()).strip().split("\\s+");
            String dropped = "";
            for (String w : words) {
                if (!DROP_WORDS.contains(w.toUpperCase(Locale.ROOT))) {
                    dropped = w;
                    break;
                }
            }
            if (!dropped.startsWith("{table}")) {
                throw new StrategyFileException(at(source, at) + ": " + what + " drops only what the run created: name it "
                        + "after {table} (e.g. {table}_idx), got " + Shown.quote(dropped));
            }
        }
    }

    /** One statement: no {@code ;} outside quotes (PostgreSQL's {@code $$} bodies included). */
    private static void oneStatement(String text, Node at, String source, String what) throws StrategyFileException {
        int i = 0;
        String body = text.strip();
        while (i < body.length()) {
            char ch = body.charAt(i);
            if (ch == '\'' || ch == '"' || ch == '`') {
                int end = body.indexOf(ch, i + 1);
                i = end < 0 ? body.length() : end + 1; // an unclosed quote is the statement reader's to refuse
            } else if (ch == '$' && dollarTag(body, i) != null) {
                String tag = dollarTag(body, i);
                int end = body.indexOf(tag, i + tag.length());
                i = end < 0 ? body.length() : end + tag.length();
            } else if (ch == ';') {
                throw new StrategyFileException(at(source, at) + ": " + what + " is one statement per entry, without ;");
            } else {
                i++;
            }
        }
    }

    /** The dollar-quote tag starting at {@code i} ({@code $$} or {@code $name$}), or null. */
    private static String dollarTag(String s, int i) {
        int j = i + 1;
        while (j < s.length() && (Character.isLetterOrDigit(s.charAt(j)) || s.charAt(j) == '_')) {
            j++;
        }
        return j < s.length() && s.charAt(j) == '$' && (j == i + 1 || !Character.isDigit(s.charAt(i + 1)))
                ? s.substring(i, j + 1) : null;
    }

    private static void inCreate(String column, String what, Map<String, Node> creates, String source, Node.Pos pos)
            throws StrategyFileException {
        Pattern word = Pattern.compile("(?i)(^|[^A-Za-z0-9_])" + Pattern.quote(column) + "($|[^A-Za-z0-9_])");
        for (Map.Entry<String, Node> e : creates.entrySet()) {
            String text = ((Node.Scalar) e.getValue()).text();
            if (!word.matcher(text).find()) {
                throw new StrategyFileException(source + ":" + pos + ": " + what + " " + column + " is not in table.create"
                        + (creates.size() > 1 || !e.getKey().equals("*") ? " (" + e.getKey() + ")" : ""));
            }
        }
    }

    /** The statement's text per dialect id ({@code *}: one text for every dialect), each with its node. */
    private static Map<String, Node> byDialect(Node n, String source, String what) throws StrategyFileException {
        Map<String, Node> out = new LinkedHashMap<>();
        if (n instanceof Node.Scalar) {
            out.put("*", n);
        } else if (n instanceof Node.MapNode m) {
            Fields f = Fields.of(n, source, what, StrategyFileReader.DIALECTS);
            for (String d : m.entries().keySet()) {
                f.text(d);
                out.put(d, m.entries().get(d));
            }
        }
        return out; // anything else: StrategyFileReader.sql refuses it with its message
    }

    private static String text(Node n, String source, String what) throws StrategyFileException {
        if (!(n instanceof Node.Scalar s) || s.type() != Node.Scalar.Type.STRING) {
            throw new StrategyFileException(at(source, n) + ": " + what + " must be a statement, got " + describe(n));
        }
        return s.text();
    }

    private static Sql noParameters(Sql sql, Node at, String source, String what) throws StrategyFileException {
        for (Sql.Text t : sql.byDialect().values()) {
            if (!t.params().isEmpty()) {
                throw new StrategyFileException(at(source, at) + ": " + what + " runs once, before any key: no "
                        + "parameters (:name)");
            }
            if (t.sql().contains("{returning_id}")) {
                throw new StrategyFileException(at(source, at) + ": " + what + ": {returning_id} belongs in a step's "
                        + "INSERT");
            }
            if (t.sql().contains("{jahr}") || t.sql().contains("{monat}")) {
                throw new StrategyFileException(at(source, at) + ": " + what + " runs once, before any key: no key "
                        + "written in ({jahr}, {monat})");
            }
            if (t.sql().contains(StrategyFileReader.ROWS)) {
                throw new StrategyFileException(at(source, at) + ": " + what + " runs once, before any key: {rows} "
                        + "belongs in a keys: all statement");
            }
        }
        return sql;
    }
}
