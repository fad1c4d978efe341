package org.lockdemo.explain;

import com.fasterxml.jackson.core.JsonLocation;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Pattern;
import org.lockdemo.db.SqliteSettings;
import org.lockdemo.model.Isolation;
import org.lockdemo.model.RowKey;
import org.lockdemo.strategy.StrategyKind;
import org.lockdemo.text.Shown;

/**
 * Reads a scenario from its JSON text and checks everything that can be checked without a
 * database: known fields, known sessions and steps, one parameter per {@code ?}. Every problem is
 * one {@link ScenarioException} line naming the source and the step. Stateless; thread-safe.
 *
 * <p>As in PostgreSQL's isolation specs, each step is defined once, by name, and {@code "order"}
 * sends them, each entry {@code "SESSION STEP"}; {@code commit} and {@code rollback} are built in:
 *
 * <pre>{@code
 * { "name": "my-race", "dialects": ["postgresql"], "isolation": "read-committed",
 *   "lesson": "one line", "explanation": ["what happens,", "and why"], "reference": "https://...",
 *   "sessions": ["T1", "T2"],
 *   "steps": { "get": "SELECT id, some_value FROM {table} WHERE (jahr = ? AND monat = ?)",
 *              "save": {"sql": "UPDATE {table} SET some_value = ? WHERE id = ?", "params": ["some_value + 1", "id"]} },
 *   "order": ["T1 get", "T2 get", "T1 save", "T1 commit", "T2 save", "T2 commit"] }
 * }</pre>
 *
 * <p>The older form, {@code "steps"} a list of {@code {"session": "T1", "sql": "...", "params":
 * [...]}} in the order they are sent and no {@code "order"}, is still read. {@code "explanation"}
 * may be one string or a list of lines, joined with a space; so may the optional {@code "locks_note"},
 * what the locks the scenario shows with {@code --locks} mean.
 *
 * <p>{@code "id"} and {@code "some_value + 1"} bind the row the session last read or inserted
 * ({@link LastRow}); a step that uses them must come after a SELECT or INSERT of its session.
 *
 * <p>A cluster scenario adds {@code "nodes": {"T1": 1, "T2": 2}}: the node each session runs on,
 * numbered 1.. in the order of {@code --url}, without gaps; a session not named runs on node 1.
 *
 * <p>{@code "setup": {"T1": ["SET deadlock_timeout = '10s'"]}} gives a session statements it runs
 * when it is opened, before the schedule and outside any transaction, as an isolation spec's
 * session setup does.
 */
public final class ScenarioReader {
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final Set<String> FIELDS = Set.of("name", "strategy", "dialects", "isolation", "lesson",
            "explanation", "reference", "key", "sessions", "steps", "order", "nodes", "locks_note", "sqlite_begin",
            "sqlite_journal", "setup");
    /** The fields of a step in the older form, a list of steps. */
    private static final Set<String> STEP_FIELDS = Set.of("session", "sql", "params");
    /** The fields of a named step given as an object. */
    private static final Set<String> DEFINITION_FIELDS = Set.of("sql", "params");
    private static final Pattern STEP_NAME = Pattern.compile("[A-Za-z][A-Za-z0-9_-]{0,31}");
    private static final Set<String> DIALECTS = Set.of("postgresql", "mysql", "sqlite");
    /**
     * A session's name; a trailing {@code '} marks by convention another connection of the same
     * client ({@code T2'} beside {@code T2}, as Sequelize's {@code findOrCreate} re-finds on a second
     * pooled connection): to the schedule it is a session like any other.
     */
    private static final Pattern SESSION_NAME = Pattern.compile("[A-Za-z][A-Za-z0-9_]{0,15}'?");
    /** The month of the django-users thread; any key works, a fixed one keeps the output the same. */
    static final RowKey DEFAULT_KEY = new RowKey(2016, 5);
    static final int MAX_SESSIONS = 8;
    static final int MAX_STEPS = 200;
    /** How a scenario writes each parameter that is not a literal (spaces around the + do not matter). */
    private static final Map<String, Step.Param> NAMED = Map.of(
            "jahr", Step.Param.jahr(), "monat", Step.Param.monat(),
            "id", Step.Param.rowId(), "some_value + 1", Step.Param.rowValuePlusOne());
    private static final Pattern PLUS = Pattern.compile("\\s*\\+\\s*");
    private static final String PARAM_CHOICES = "\"jahr\", \"monat\", \"id\", \"some_value + 1\", a whole number "
            + "or {\"text\": \"...\"}";

    private ScenarioReader() {
    }

    /** A value of the file, as a message quotes it: {@link Shown#quote}. */
    static String quote(String value) {
        return Shown.quote(value);
    }

    /** A value or name of the file, as a message shows it: {@link Shown#shown}. */
    static String shown(String value) {
        return Shown.shown(value);
    }

    /**
     * @param source where the text came from, for messages (a file name or {@code built-in X})
     */
    public static Scenario read(String text, String source) throws ScenarioException {
        JsonNode root;
        try {
            root = JSON.readTree(text);
        } catch (JsonProcessingException e) {
            JsonLocation at = e.getLocation();
            throw new ScenarioException(source + ": not valid JSON"
                    + (at == null ? "" : " at line " + at.getLineNr() + ", column " + at.getColumnNr())
                    + ": " + Shown.escaped(String.valueOf(e.getOriginalMessage())));
        }
        if (root == null || !root.isObject()) {
            throw new ScenarioException(source + ": expected a JSON object with sessions and steps");
        }
        unknownFields(root, FIELDS, source);
        String name = text(root, "name", source, true);
        Optional<StrategyKind> strategy = Optional.empty();
        if (root.has("strategy")) {
            String id = text(root, "strategy", source, true);
            strategy = Optional.of(StrategyKind.fromId(id).orElseThrow(() -> new ScenarioException(
                    source + ": strategy " + quote(id) + " is not one of lockdemo's (`lockdemo strategies` lists them)")));
        }
        List<String> dialects = new ArrayList<>();
        for (JsonNode d : array(root, "dialects", source)) {
            String id = d.asText().toLowerCase(Locale.ROOT);
            if (!DIALECTS.contains(id)) {
                throw new ScenarioException(source + ": dialect " + quote(d.asText()) + " is not one of postgresql, mysql, sqlite");
            }
            dialects.add(id);
        }
        Isolation isolation = isolation(root.has("isolation") ? text(root, "isolation", source, true) : "default", source);
        RowKey key = key(root, source);
        List<String> sessions = sessions(root, source);
        List<Step> steps = steps(root, sessions, source);
        Map<String, Integer> nodes = nodes(root, sessions, dialects, source);
        Optional<SqliteSettings.Begin> begin = sqliteMode(root, "sqlite_begin", SqliteSettings.Begin.class, dialects, source);
        Optional<SqliteSettings.Journal> journal = sqliteMode(root, "sqlite_journal", SqliteSettings.Journal.class,
                dialects, source);
        beginStepsOnlyOnSqlite(steps, dialects, source);
        Map<String, List<String>> setup = setup(root, sessions, source);
        return new Scenario(name, strategy, dialects, isolation, text(root, "lesson", source, true),
                lines(root, "explanation", source), text(root, "reference", source, false), key, sessions, steps,
                nodes, root.has("locks_note") ? lines(root, "locks_note", source) : "", begin, journal, setup);
    }

    /**
     * The optional {@code "setup"} object: session name to the statements it runs when it is
     * opened, e.g. {@code {"T1": ["SET deadlock_timeout = '10s'"]}}; a statement takes no parameters.
     */
    private static Map<String, List<String>> setup(JsonNode root, List<String> sessions, String source)
            throws ScenarioException {
        Map<String, List<String>> setup = new LinkedHashMap<>();
        for (Map.Entry<String, JsonNode> e : perSession(root, "setup", "{\"T1\": [\"SET deadlock_timeout = '10s'\"]}",
                sessions, source).entrySet()) {
            String session = e.getKey();
            JsonNode list = e.getValue();
            if (!list.isArray() || list.isEmpty()) {
                throw new ScenarioException(source + ": setup: session " + session
                        + "'s setup must be a list of SQL statements, got " + shown(list.toString()));
            }
            List<String> statements = new ArrayList<>();
            for (JsonNode sql : list) {
                if (!sql.isTextual() || sql.asText().isBlank()) {
                    throw new ScenarioException(source + ": setup: session " + session
                            + "'s statements must be non-empty strings, got " + shown(sql.toString()));
                }
                if (sql.asText().indexOf('?') >= 0) {
                    throw new ScenarioException(source + ": setup: session " + session + "'s statement "
                            + quote(sql.asText()) + " has a '?'; setup statements take no parameters");
                }
                statements.add(sql.asText());
            }
            setup.put(session, statements);
        }
        return setup;
    }

    /**
     * The optional {@code "sqlite_begin"} or {@code "sqlite_journal"}: one of the mode's names, lower
     * case, in a scenario written for SQLite only.
     */
    private static <E extends Enum<E>> Optional<E> sqliteMode(JsonNode root, String field, Class<E> modes,
            List<String> dialects, String source) throws ScenarioException {
        if (!root.has(field)) {
            return Optional.empty();
        }
        String value = text(root, field, source, true);
        if (!dialects.equals(List.of("sqlite"))) {
            throw new ScenarioException(source + ": \"" + field + "\" is for a scenario written for SQLite alone "
                    + "(\"dialects\": [\"sqlite\"]), got " + dialects);
        }
        List<String> names = new ArrayList<>();
        for (E mode : modes.getEnumConstants()) {
            names.add(mode.toString());
            if (mode.toString().equals(value)) {
                return Optional.of(mode);
            }
        }
        throw new ScenarioException(source + ": " + field + " " + quote(value) + " is not one of " + String.join(", ", names));
    }

    /** The built-in step {@code begin} is SQLite's: on the servers a transaction begins with its first statement. */
    private static void beginStepsOnlyOnSqlite(List<Step> steps, List<String> dialects, String source)
            throws ScenarioException {
        if (dialects.equals(List.of("sqlite"))) {
            return;
        }
        for (Step step : steps) {
            if (step.action() == Step.Action.BEGIN) {
                throw new ScenarioException(source + ": step " + step.number() + " (\"" + step.session() + " begin\"): "
                        + "begin is for a scenario written for SQLite alone, where the BEGIN's mode is when the "
                        + "transaction takes the write lock; on " + String.join(", ", dialects) + " a transaction "
                        + "begins with its first statement");
            }
        }
    }

    /**
     * The optional {@code "nodes"} object: session name to node number. Nodes are numbered from 1
     * without gaps (each one is a {@code --url} the user must give), and several nodes mean a
     * Galera cluster, which only the mysql dialect (MariaDB) has.
     */
    private static Map<String, Integer> nodes(JsonNode root, List<String> sessions, List<String> dialects, String source)
            throws ScenarioException {
        Map<String, Integer> nodes = new LinkedHashMap<>();
        if (!root.has("nodes")) {
            return nodes; // every session on node 1
        }
        for (Map.Entry<String, JsonNode> e : perSession(root, "nodes", "{\"T1\": 1, \"T2\": 2}", sessions, source)
                .entrySet()) {
            String session = e.getKey();
            JsonNode v = e.getValue();
            if (!v.isIntegralNumber() || v.asInt() < 1 || v.asInt() > MAX_SESSIONS) {
                throw new ScenarioException(source + ": nodes: session " + session + "'s node must be a whole number 1.."
                        + MAX_SESSIONS + " (the position of its --url), got " + v);
            }
            nodes.put(session, v.asInt());
        }
        TreeSet<Integer> used = new TreeSet<>();
        for (String s : sessions) {
            used.add(nodes.getOrDefault(s, 1));
        }
        int highest = used.last();
        if (used.size() != highest) {
            throw new ScenarioException(source + ": nodes: the sessions use nodes " + used + "; number them 1.." + used.size()
                    + " without gaps, since each node is a --url to give");
        }
        if (highest > 1 && !dialects.equals(List.of("mysql"))) {
            throw new ScenarioException(source + ": a scenario on several nodes runs on a MariaDB Galera cluster; "
                    + "its dialects must be [\"mysql\"], got " + dialects);
        }
        return nodes;
    }

    /**
     * An optional object of the file keyed by session name ({@code "nodes"}, {@code "setup"}): its
     * entries in the file's order, each session checked to be the scenario's; empty when absent.
     */
    private static Map<String, JsonNode> perSession(JsonNode root, String field, String example, List<String> sessions,
            String source) throws ScenarioException {
        Map<String, JsonNode> entries = new LinkedHashMap<>();
        if (!root.has(field)) {
            return entries;
        }
        JsonNode n = root.get(field);
        if (!n.isObject() || n.isEmpty()) {
            throw new ScenarioException(source + ": \"" + field + "\" must be an object like " + example);
        }
        for (Iterator<String> it = n.fieldNames(); it.hasNext();) {
            String session = it.next();
            if (!sessions.contains(session)) {
                throw new ScenarioException(source + ": " + field + ": unknown session " + quote(session)
                        + "; the scenario's sessions are " + String.join(", ", sessions));
            }
            entries.put(session, n.get(session));
        }
        return entries;
    }

    private static List<String> sessions(JsonNode root, String source) throws ScenarioException {
        List<String> sessions = new ArrayList<>();
        for (JsonNode s : array(root, "sessions", source)) {
            String n = s.asText();
            if (!s.isTextual() || !SESSION_NAME.matcher(n).matches()) {
                throw new ScenarioException(source + ": session name " + quote(n) + " must be a letter and up to 15 letters, digits or _, and may end in '");
            }
            if (sessions.contains(n)) {
                throw new ScenarioException(source + ": session " + n + " is listed twice");
            }
            sessions.add(n);
        }
        if (sessions.size() > MAX_SESSIONS) {
            throw new ScenarioException(source + ": at most " + MAX_SESSIONS + " sessions, got " + sessions.size());
        }
        return sessions;
    }

    /**
     * The schedule: named steps ({@code "steps"} an object) sent in the {@code "order"} given, or
     * the older form, {@code "steps"} a list of steps that each name their session.
     */
    private static List<Step> steps(JsonNode root, List<String> sessions, String source) throws ScenarioException {
        JsonNode defined = root.get("steps");
        List<Step> steps = new ArrayList<>();
        if (defined != null && defined.isObject() && !defined.isEmpty()) {
            Map<String, Definition> named = definitions(defined, source);
            Set<String> unused = new TreeSet<>(named.keySet());
            for (JsonNode entry : array(root, "order", source)) {
                int number = steps.size() + 1;
                String[] sessionAndStep = entry.isTextual() ? entry.asText().strip().split("\\s+") : new String[0];
                if (sessionAndStep.length != 2) {
                    // Jackson escapes only the C0 controls in the entry's text; Shown escapes the rest (DEL, C1)
                    throw new ScenarioException(source + ": step " + number + " of \"order\" is " + Shown.shown(entry.toString())
                            + "; write each as \"SESSION STEP\", e.g. \"T1 " + named.keySet().iterator().next() + "\"");
                }
                String where = source + ": step " + number + " (\"" + sessionAndStep[0] + " " + sessionAndStep[1] + "\")";
                requireSession(sessionAndStep[0], sessions, where);
                Definition d = BUILT_IN_STEPS.containsKey(sessionAndStep[1]) ? BUILT_IN_STEPS.get(sessionAndStep[1])
                        : named.get(sessionAndStep[1]);
                if (d == null) {
                    throw new ScenarioException(where + ": no step \"" + sessionAndStep[1] + "\" in \"steps\"; the steps are "
                            + String.join(", ", named.keySet()) + ", and commit, rollback and begin (SQLite's)");
                }
                unused.remove(sessionAndStep[1]);
                steps.add(step(number, sessionAndStep[0], d, steps, where));
            }
            if (!unused.isEmpty()) {
                throw new ScenarioException(source + ": step \"" + unused.iterator().next() + "\" is defined in \"steps\" "
                        + "but \"order\" never sends it");
            }
        } else if (defined != null && defined.isArray()) {
            if (root.has("order")) {
                throw new ScenarioException(source + ": \"order\" sends named steps; with \"steps\" a list, each step "
                        + "names its session and \"order\" is left out");
            }
            for (JsonNode s : defined) {
                int number = steps.size() + 1;
                String where = source + ": step " + number;
                if (!s.isObject()) {
                    throw new ScenarioException(where + ": expected an object like {\"session\": \"T1\", \"sql\": \"commit\"}");
                }
                unknownFields(s, STEP_FIELDS, where);
                String session = text(s, "session", where, true);
                requireSession(session, sessions, where);
                steps.add(step(number, session, definition(s, where), steps, where));
            }
        } else {
            throw new ScenarioException(source + ": \"steps\" must be a non-empty object of named steps, "
                    + "e.g. {\"insert\": \"INSERT INTO {table} (jahr, monat, some_value) VALUES (?, ?, 0)\"}, "
                    + "sent in the \"order\" given");
        }
        if (steps.isEmpty()) {
            throw new ScenarioException(source + ": \"steps\" must be a non-empty list");
        }
        if (steps.size() > MAX_STEPS) {
            throw new ScenarioException(source + ": at most " + MAX_STEPS + " steps, got " + steps.size());
        }
        return steps;
    }

    /** What a step sends, before it is given a session and a place in the schedule. */
    private record Definition(Step.Action action, String sql, List<Step.Param> params) {
    }

    /** The steps a scenario need not define. */
    private static final Map<String, Definition> BUILT_IN_STEPS = Map.of(
            "commit", new Definition(Step.Action.COMMIT, "COMMIT", List.of()),
            "rollback", new Definition(Step.Action.ROLLBACK, "ROLLBACK", List.of()),
            "begin", new Definition(Step.Action.BEGIN, "BEGIN", List.of()));

    /** The named steps: each name maps to its SQL, or to {@code {"sql": ..., "params": [...]}}. */
    private static Map<String, Definition> definitions(JsonNode defined, String source) throws ScenarioException {
        Map<String, Definition> named = new LinkedHashMap<>();
        for (Iterator<String> it = defined.fieldNames(); it.hasNext();) {
            String name = it.next();
            String where = source + ": step \"" + shown(name) + "\"";
            if (BUILT_IN_STEPS.containsKey(name)) {
                throw new ScenarioException(where + ": commit, rollback and begin are built in; leave them out of \"steps\"");
            }
            if (!STEP_NAME.matcher(name).matches()) {
                throw new ScenarioException(where + ": a step's name must be a letter and up to 31 letters, digits, _ or -");
            }
            JsonNode d = defined.get(name);
            if (d.isTextual()) {
                named.put(name, definition(JSON.createObjectNode().put("sql", d.asText()), where));
            } else if (d.isObject()) {
                unknownFields(d, DEFINITION_FIELDS, where);
                named.put(name, definition(d, where));
            } else {
                throw new ScenarioException(where + ": expected its SQL, or an object like {\"sql\": \"...\", "
                        + "\"params\": [...]}");
            }
        }
        return named;
    }

    /** The {@code "sql"} and {@code "params"} of {@code node}. */
    private static Definition definition(JsonNode node, String where) throws ScenarioException {
        String sql = text(node, "sql", where, true).strip();
        Step.Action action = switch (sql.toLowerCase(Locale.ROOT)) {
            case "commit" -> Step.Action.COMMIT;
            case "rollback" -> Step.Action.ROLLBACK;
            default -> Step.Action.SQL;
        };
        if (action != Step.Action.SQL) {
            sql = sql.toUpperCase(Locale.ROOT);
        }
        if (sql.contains(Step.RETURNING_ID) && (!sql.endsWith(Step.RETURNING_ID)
                || !sql.toLowerCase(Locale.ROOT).startsWith("insert"))) {
            throw new ScenarioException(where + ": " + Step.RETURNING_ID + " goes at the end of an INSERT");
        }
        return new Definition(action, sql, params(node, sql, where));
    }

    private static void requireSession(String session, List<String> sessions, String where) throws ScenarioException {
        if (!sessions.contains(session)) {
            throw new ScenarioException(where + ": unknown session " + quote(session) + "; the scenario's sessions are "
                    + String.join(", ", sessions));
        }
    }

    /** Step {@code number} of the schedule: {@code session} sends {@code d}, after {@code before}. */
    private static Step step(int number, String session, Definition d, List<Step> before, String where) throws ScenarioException {
        Step step = new Step(number, session, d.action(), d.sql(), d.params());
        if (step.params().stream().anyMatch(Step.Param::fromLastRow)
                && before.stream().noneMatch(e -> e.session().equals(session) && e.readsOrInserts())) {
            String param = step.params().stream().filter(Step.Param::fromLastRow).findFirst().orElseThrow().toString();
            throw new ScenarioException(where + ": parameter \"" + param + "\" binds the row " + session
                    + " last read or inserted, but no step of " + session + " before it reads or inserts one "
                    + "(a SELECT of id, or an INSERT)");
        }
        return step;
    }

    /** One parameter per {@code ?}; without "params", a statement with two binds the key. */
    private static List<Step.Param> params(JsonNode step, String sql, String where) throws ScenarioException {
        long marks = sql.chars().filter(ch -> ch == '?').count();
        List<Step.Param> params = new ArrayList<>();
        if (!step.has("params")) {
            if (marks == 2) {
                return List.of(Step.Param.jahr(), Step.Param.monat());
            }
            if (marks != 0) {
                throw new ScenarioException(where + ": the SQL has " + marks + " '?' but no \"params\"; "
                        + "give one per '?', each " + PARAM_CHOICES);
            }
            return params;
        }
        for (JsonNode p : array(step, "params", where)) {
            if (p.isIntegralNumber()) {
                params.add(Step.Param.number(p.asLong()));
            } else if (p.isObject() && p.size() == 1 && p.path("text").isTextual()) {
                params.add(Step.Param.text(p.get("text").asText()));
            } else if (p.isTextual() && NAMED.containsKey(PLUS.matcher(p.asText()).replaceAll(" + "))) {
                params.add(NAMED.get(PLUS.matcher(p.asText()).replaceAll(" + ")));
            } else {
                throw new ScenarioException(where + ": parameter " + quote(p.asText()) + " must be " + PARAM_CHOICES);
            }
        }
        if (params.size() != marks) {
            throw new ScenarioException(where + ": the SQL has " + marks + " '?' but " + params.size() + " params");
        }
        return params;
    }

    private static RowKey key(JsonNode root, String source) throws ScenarioException {
        if (!root.has("key")) {
            return DEFAULT_KEY;
        }
        JsonNode k = root.get("key");
        if (!k.isArray() || k.size() != 2 || !k.get(0).isIntegralNumber() || !k.get(1).isIntegralNumber()
                || k.get(1).asInt() < 1 || k.get(1).asInt() > 12) {
            throw new ScenarioException(source + ": key must be [jahr, monat], e.g. [2016, 5], with monat 1..12");
        }
        return new RowKey(k.get(0).asInt(), k.get(1).asInt());
    }

    private static Isolation isolation(String value, String source) throws ScenarioException {
        for (Isolation i : Isolation.values()) {
            if (i.cliName().equalsIgnoreCase(value)) {
                return i;
            }
        }
        throw new ScenarioException(source + ": isolation " + quote(value)
                + " is not one of default, read-committed, repeatable-read, serializable");
    }

    private static JsonNode array(JsonNode node, String field, String where) throws ScenarioException {
        JsonNode a = node.get(field);
        if (a == null || !a.isArray() || a.isEmpty()) {
            throw new ScenarioException(where + ": \"" + field + "\" must be a non-empty list");
        }
        return a;
    }

    /**
     * Optional prose: a string, or a list of lines (one sentence each, say), joined with one space
     * into the paragraph the report wraps.
     */
    private static String lines(JsonNode node, String field, String where) throws ScenarioException {
        JsonNode v = node.get(field);
        if (v == null || !v.isArray()) {
            return text(node, field, where, false);
        }
        List<String> lines = new ArrayList<>();
        for (JsonNode line : v) {
            if (!line.isTextual()) {
                throw new ScenarioException(where + ": \"" + field + "\" must be a string or a list of strings, got " + line);
            }
            lines.add(line.asText().strip());
        }
        return String.join(" ", lines);
    }

    private static String text(JsonNode node, String field, String where, boolean required) throws ScenarioException {
        JsonNode v = node.get(field);
        if (v == null || v.isNull()) {
            if (required) {
                throw new ScenarioException(where + ": \"" + field + "\" is missing");
            }
            return "";
        }
        if (!v.isTextual() || (required && v.asText().isBlank())) {
            throw new ScenarioException(where + ": \"" + field + "\" must be a non-empty string");
        }
        return v.asText();
    }

    private static void unknownFields(JsonNode node, Set<String> known, String where) throws ScenarioException {
        for (Iterator<String> it = node.fieldNames(); it.hasNext();) {
            String f = it.next();
            if (!known.contains(f)) {
                throw new ScenarioException(where + ": unknown field \"" + shown(f) + "\"; known fields are "
                        + String.join(", ", known.stream().sorted().toList()));
            }
        }
    }
}
