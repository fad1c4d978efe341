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
import org.lockdemo.model.Isolation;
import org.lockdemo.model.RowKey;
import org.lockdemo.strategy.StrategyKind;

/**
 * Reads a scenario from its JSON text and checks everything that can be checked without a
 * database: known fields, known sessions, one parameter per {@code ?}. Every problem is one
 * {@link ScenarioException} line naming the source and the step. Stateless; thread-safe.
 *
 * <pre>{@code
 * { "name": "my-race", "dialects": ["postgresql"], "isolation": "read-committed",
 *   "lesson": "one line", "explanation": "what happens and why", "reference": "https://...",
 *   "sessions": ["T1", "T2"],
 *   "steps": [ { "session": "T1", "sql": "SELECT id, some_value FROM {table} WHERE (jahr = ? AND monat = ?)" },
 *              { "session": "T1", "sql": "UPDATE {table} SET some_value = ? WHERE id = ?", "params": ["some_value + 1", "id"] },
 *              { "session": "T1", "sql": "commit" } ] }
 * }</pre>
 *
 * <p>{@code "id"} and {@code "some_value + 1"} bind the row the session last read or inserted
 * ({@link LastRow}); a step that uses them must come after a SELECT or INSERT of its session.
 *
 * <p>A cluster scenario adds {@code "nodes": {"T1": 1, "T2": 2}}: the node each session runs on,
 * numbered 1.. in the order of {@code --url}, without gaps; a session not named runs on node 1.
 */
public final class ScenarioReader {
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final Set<String> FIELDS = Set.of("name", "strategy", "dialects", "isolation", "lesson",
            "explanation", "reference", "key", "sessions", "steps", "nodes");
    private static final Set<String> STEP_FIELDS = Set.of("session", "sql", "params");
    private static final Set<String> DIALECTS = Set.of("postgresql", "mysql");
    private static final Pattern SESSION_NAME = Pattern.compile("[A-Za-z][A-Za-z0-9_]{0,15}");
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
                    + ": " + e.getOriginalMessage());
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
                    source + ": strategy '" + id + "' is not one of " + StrategyKind.ids())));
        }
        List<String> dialects = new ArrayList<>();
        for (JsonNode d : array(root, "dialects", source)) {
            String id = d.asText().toLowerCase(Locale.ROOT);
            if (!DIALECTS.contains(id)) {
                throw new ScenarioException(source + ": dialect '" + d.asText() + "' is not one of postgresql, mysql");
            }
            dialects.add(id);
        }
        Isolation isolation = isolation(root.has("isolation") ? text(root, "isolation", source, true) : "default", source);
        RowKey key = key(root, source);
        List<String> sessions = sessions(root, source);
        List<Step> steps = steps(root, sessions, source);
        Map<String, Integer> nodes = nodes(root, sessions, dialects, source);
        return new Scenario(name, strategy, dialects, isolation, text(root, "lesson", source, true),
                text(root, "explanation", source, false), text(root, "reference", source, false), key, sessions, steps,
                nodes);
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
            return nodes;
        }
        JsonNode n = root.get("nodes");
        if (!n.isObject() || n.isEmpty()) {
            throw new ScenarioException(source + ": \"nodes\" must be an object like {\"T1\": 1, \"T2\": 2}");
        }
        for (Iterator<String> it = n.fieldNames(); it.hasNext();) {
            String session = it.next();
            if (!sessions.contains(session)) {
                throw new ScenarioException(source + ": nodes: unknown session '" + session
                        + "'; the scenario's sessions are " + String.join(", ", sessions));
            }
            JsonNode v = n.get(session);
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

    private static List<String> sessions(JsonNode root, String source) throws ScenarioException {
        List<String> sessions = new ArrayList<>();
        for (JsonNode s : array(root, "sessions", source)) {
            String n = s.asText();
            if (!s.isTextual() || !SESSION_NAME.matcher(n).matches()) {
                throw new ScenarioException(source + ": session name '" + n + "' must be a letter and up to 15 letters, digits or _");
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

    private static List<Step> steps(JsonNode root, List<String> sessions, String source) throws ScenarioException {
        List<Step> steps = new ArrayList<>();
        for (JsonNode s : array(root, "steps", source)) {
            int number = steps.size() + 1;
            String where = source + ": step " + number;
            if (!s.isObject()) {
                throw new ScenarioException(where + ": expected an object like {\"session\": \"T1\", \"sql\": \"commit\"}");
            }
            unknownFields(s, STEP_FIELDS, where);
            String session = text(s, "session", where, true);
            if (!sessions.contains(session)) {
                throw new ScenarioException(where + ": unknown session '" + session + "'; the scenario's sessions are "
                        + String.join(", ", sessions));
            }
            String sql = text(s, "sql", where, true).strip();
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
            Step step = new Step(number, session, action, sql, params(s, sql, where));
            if (step.params().stream().anyMatch(Step.Param::fromLastRow)
                    && steps.stream().noneMatch(e -> e.session().equals(session) && e.readsOrInserts())) {
                String param = step.params().stream().filter(Step.Param::fromLastRow).findFirst().orElseThrow().toString();
                throw new ScenarioException(where + ": parameter \"" + param + "\" binds the row " + session
                        + " last read or inserted, but no step of " + session + " before it reads or inserts one "
                        + "(a SELECT of id, or an INSERT)");
            }
            steps.add(step);
        }
        if (steps.size() > MAX_STEPS) {
            throw new ScenarioException(source + ": at most " + MAX_STEPS + " steps, got " + steps.size());
        }
        return steps;
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
                throw new ScenarioException(where + ": parameter '" + p.asText() + "' must be " + PARAM_CHOICES);
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
        throw new ScenarioException(source + ": isolation '" + value
                + "' is not one of default, read-committed, repeatable-read, serializable");
    }

    private static JsonNode array(JsonNode node, String field, String where) throws ScenarioException {
        JsonNode a = node.get(field);
        if (a == null || !a.isArray() || a.isEmpty()) {
            throw new ScenarioException(where + ": \"" + field + "\" must be a non-empty list");
        }
        return a;
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
                throw new ScenarioException(where + ": unknown field \"" + f + "\"; known fields are "
                        + String.join(", ", known.stream().sorted().toList()));
            }
        }
    }
}
