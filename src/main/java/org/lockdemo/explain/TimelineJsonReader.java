package org.lockdemo.explain;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import org.lockdemo.model.Isolation;
import org.lockdemo.model.RowKey;
import org.lockdemo.strategy.StrategyKind;

/**
 * Reads what {@code explain --format json} wrote ({@link TimelineReport}) back into a
 * {@link Timeline}, so {@code lockdemo report} can draw an explained schedule beside race results.
 * What the JSON holds comes back exactly: rendering the timeline read gives the same JSON again.
 * What it does not hold (the scenario's steps as written, its dialects) is left empty or derived
 * from the database's product. A field missing or of the wrong type fails with one line naming
 * it. Pure; stateless.
 */
public final class TimelineJsonReader {
    /** A file that is explain JSON but cannot be read; the message names the field. */
    public static final class BadTimeline extends Exception {
        private static final long serialVersionUID = 1L;

        public BadTimeline(String message) {
            super(message);
        }
    }

    private TimelineJsonReader() {
    }

    /** Whether {@code root} is explain's JSON: it has {@code scenario} and {@code timeline}. */
    public static boolean isExplainJson(JsonNode root) {
        return root != null && root.isObject() && root.has("scenario") && root.has("timeline");
    }

    public static Timeline read(JsonNode root) throws BadTimeline {
        String name = text(root, "scenario");
        Optional<StrategyKind> strategy = Optional.ofNullable(optText(root, "strategy")).flatMap(StrategyKind::fromId);
        JsonNode db = object(root, "database");
        String product = text(db, "product");
        String isolation = text(db, "isolation");
        JsonNode key = array(root, "key");
        if (key.size() != 2 || !key.get(0).canConvertToInt() || !key.get(1).canConvertToInt()) {
            throw new BadTimeline("\"key\" must be [jahr, monat], got " + key);
        }
        List<String> sessions = new ArrayList<>();
        for (JsonNode s : array(root, "sessions")) {
            sessions.add(s.asText());
        }
        Map<String, Integer> nodes = new LinkedHashMap<>();
        if (root.hasNonNull("nodes")) {
            object(root, "nodes").properties().forEach(e -> nodes.put(e.getKey(), e.getValue().asInt(1)));
        }
        Map<String, List<String>> setup = new LinkedHashMap<>();
        if (root.hasNonNull("setup")) {
            object(root, "setup").properties().forEach(e -> setup.put(e.getKey(), strings(e.getValue())));
        }
        String lower = product.toLowerCase(Locale.ROOT);
        String dialect = lower.contains("postgres") ? "postgresql" : lower.contains("sqlite") ? "sqlite" : "mysql";
        Scenario scenario = new Scenario(name, strategy, List.of(dialect), isolation(isolation), text(root, "lesson"),
                optText(root, "explanation") == null ? "" : optText(root, "explanation"),
                optText(root, "reference") == null ? "" : optText(root, "reference"),
                new RowKey(key.get(0).asInt(), key.get(1).asInt()), sessions, List.of(), nodes,
                optText(root, "locks_note") == null ? "" : optText(root, "locks_note"), Optional.empty(), Optional.empty(),
                setup);
        List<TimelineEvent> events = new ArrayList<>();
        JsonNode timeline = array(root, "timeline");
        for (int i = 0; i < timeline.size(); i++) {
            events.add(event(timeline.get(i), "timeline[" + i + "]"));
        }
        List<Timeline.FinalRow> rows = new ArrayList<>();
        for (JsonNode r : array(root, "final_rows")) {
            rows.add(new Timeline.FinalRow(r.path("jahr").asInt(), r.path("monat").asInt(), r.path("some_value").asLong()));
        }
        List<LockSnapshot> locks = new ArrayList<>();
        List<Deadlock> deadlocks = new ArrayList<>();
        if (root.has("locks")) {
            for (JsonNode s : array(root, "locks")) {
                List<LockEntry> entries = new ArrayList<>();
                for (JsonNode e : s.path("entries")) {
                    entries.add(new LockEntry(e.path("session").asText(),
                            LockEntry.Status.valueOf(e.path("status").asText().toUpperCase(Locale.ROOT)),
                            optText(e, "object"), optText(e, "mode"), optText(e, "server_terms"),
                            optText(e, "plain_words"), strings(e.path("waits_for"))));
                }
                locks.add(new LockSnapshot(s.path("at_step").asInt(), entries));
            }
            for (JsonNode d : root.path("deadlocks")) {
                deadlocks.add(new Deadlock(d.path("at_step").asInt(), strings(d.path("cycle")), optText(d, "victim"),
                        optText(d, "server_report")));
            }
        }
        List<Timeline.SessionOutcome> outcomes = new ArrayList<>();
        for (JsonNode o : root.path("outcomes")) {
            outcomes.add(new Timeline.SessionOutcome(o.path("session").asText(), o.path("outcome").asText(),
                    o.path("retries").asInt()));
        }
        return new Timeline(scenario, product, text(db, "version"), isolation, text(root, "table"), events, rows,
                Optional.ofNullable(optText(root, "stuck")), locks, deadlocks, outcomes);
    }

    private static TimelineEvent event(JsonNode n, String where) throws BadTimeline {
        TimelineEvent.Kind kind;
        try {
            kind = TimelineEvent.Kind.valueOf(text(n, "event").toUpperCase(Locale.ROOT));
        } catch (IllegalArgumentException e) {
            throw new BadTimeline(where + ".event: '" + n.path("event").asText() + "' is not one of ran, blocked, "
                    + "finished, still_blocked");
        }
        StepResult result = null;
        String text = optText(n, "result");
        if (text != null) {
            JsonNode err = n.path("error");
            result = err.isObject()
                    ? new StepResult(text, true, optText(err, "sqlstate"), err.path("vendor_code").asInt(),
                            optText(err, "condition"), optText(err, "outcome"))
                    : StepResult.ok(text);
        }
        return new TimelineEvent(kind, n.path("step").asInt(), text(n, "session"), text(n, "sql"),
                n.path("at_step").asInt(), result, strings(n.path("waiting_for")));
    }

    /** The run's isolation as the server named it ({@code read committed}, {@code READ-COMMITTED}). */
    private static Isolation isolation(String serverName) {
        String s = serverName.toLowerCase(Locale.ROOT).replace('-', ' ').replace('_', ' ');
        for (Isolation i : Isolation.values()) {
            if (i.sqlName().equals(s)) {
                return i;
            }
        }
        return Isolation.DEFAULT;
    }

    private static List<String> strings(JsonNode array) {
        List<String> out = new ArrayList<>();
        array.forEach(v -> out.add(v.asText()));
        return out;
    }

    private static String text(JsonNode n, String field) throws BadTimeline {
        JsonNode v = n.get(field);
        if (v == null || !v.isTextual()) {
            throw new BadTimeline("\"" + field + "\" must be a string, got " + (v == null ? "nothing" : v.getNodeType()));
        }
        return v.asText();
    }

    private static String optText(JsonNode n, String field) {
        JsonNode v = n.get(field);
        return v == null || v.isNull() ? null : v.asText();
    }

    private static JsonNode object(JsonNode n, String field) throws BadTimeline {
        JsonNode v = n.get(field);
        if (v == null || !v.isObject()) {
            throw new BadTimeline("\"" + field + "\" must be an object, got " + (v == null ? "nothing" : v.getNodeType()));
        }
        return v;
    }

    private static JsonNode array(JsonNode n, String field) throws BadTimeline {
        JsonNode v = n.get(field);
        if (v == null || !v.isArray()) {
            throw new BadTimeline("\"" + field + "\" must be an array, got " + (v == null ? "nothing" : v.getNodeType()));
        }
        return v;
    }
}
