package org.lockdemo.explain;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;

/**
 * A scenario as the JSON {@link ScenarioReader} reads, in its named-steps form: each step defined
 * once under {@code s1}, {@code s2}, ... and sent in {@code "order"}, COMMIT and ROLLBACK as the
 * built-in {@code commit} and {@code rollback}. What the sessions REPL's {@code \save} writes, so
 * {@code explain --scenario FILE} replays the schedule typed. Only steps without parameters are
 * written (typed SQL has its values in it). Pure; stateless; thread-safe.
 */
public final class ScenarioWriter {
    private static final ObjectMapper JSON = new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT);

    private ScenarioWriter() {
    }

    /**
     * The scenario's JSON text, ending in a newline.
     *
     * @throws ScenarioException when a step cannot be written so that it reads back the same: it
     *                           has parameters, or its SQL has a {@code ?} (which the reader takes
     *                           for one)
     */
    public static String json(Scenario s) throws ScenarioException {
        ObjectNode root = JSON.createObjectNode();
        root.put("name", s.name());
        ArrayNode dialects = root.putArray("dialects");
        s.dialects().forEach(dialects::add);
        root.put("isolation", s.isolation().cliName());
        root.put("lesson", s.lesson());
        if (!s.explanation().isEmpty()) {
            root.put("explanation", s.explanation());
        }
        if (!s.reference().isEmpty()) {
            root.put("reference", s.reference());
        }
        root.putArray("key").add(s.key().jahr()).add(s.key().monat());
        ArrayNode sessions = root.putArray("sessions");
        s.sessions().forEach(sessions::add);
        if (s.clustered()) {
            ObjectNode nodes = root.putObject("nodes");
            s.nodes().forEach(nodes::put);
        }
        if (!s.locksNote().isEmpty()) {
            root.put("locks_note", s.locksNote());
        }
        putSetup(root, s);
        ObjectNode steps = root.putObject("steps");
        ArrayNode order = root.putArray("order");
        for (Step step : s.steps()) {
            String name = switch (step.action()) {
                case BEGIN -> "begin";
                case COMMIT -> "commit";
                case ROLLBACK -> "rollback";
                case SQL -> "s" + step.number();
            };
            if (step.action() == Step.Action.SQL) {
                if (!step.params().isEmpty() || step.sql().indexOf('?') >= 0) {
                    throw new ScenarioException("step " + step.number() + " (" + step.session() + ": " + step.sql()
                            + ") has a '?', which a scenario file reads as a parameter; type the value instead");
                }
                steps.put(name, step.sql());
            }
            order.add(step.session() + " " + name);
        }
        if (steps.isEmpty()) {
            throw new ScenarioException("a scenario needs at least one statement that is not COMMIT or ROLLBACK");
        }
        try {
            return JSON.writeValueAsString(root) + "\n";
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("a tree of strings did not serialize", e);
        }
    }

    /**
     * The scenario's {@code "setup"}, {@code {"T1": ["SET ..."]}}, as a scenario file and explain's
     * JSON both write it; nothing when no session has one.
     */
    static void putSetup(ObjectNode root, Scenario s) {
        if (!s.setup().isEmpty()) {
            ObjectNode setup = root.putObject("setup");
            s.setup().forEach((session, statements) -> statements.forEach(setup.putArray(session)::add));
        }
    }
}
