package org.lockdemo.strategy.file;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonLocation;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.JsonToken;
import com.fasterxml.jackson.core.StreamReadConstraints;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import java.io.IOException;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.lockdemo.text.Shown;

/**
 * Parses YAML or JSON into a {@link Node} tree with positions, with Jackson's streaming parsers
 * (a tree of {@code JsonNode} forgets where its nodes were). Bounded: nesting deeper than
 * {@link #MAX_DEPTH}, a key given twice, and text longer than Jackson's limits are refused with the
 * place. Stateless; thread-safe.
 */
final class NodeReader {
    /** A strategy file nests a few levels (step, handler, retry); anything deeper is a mistake. */
    static final int MAX_DEPTH = 32;
    private static final StreamReadConstraints LIMITS = StreamReadConstraints.builder().maxNestingDepth(MAX_DEPTH + 8)
            .maxNumberLength(40).maxStringLength(100_000).build();
    private static final JsonFactory JSON = JsonFactory.builder().streamReadConstraints(LIMITS).build();
    private static final YAMLFactory YAML = YAMLFactory.builder().streamReadConstraints(LIMITS).build();

    private NodeReader() {
    }

    /** The tree of {@code text}: JSON if it starts with {@code {} (after blanks), else YAML. */
    static Node read(String text, String source) throws StrategyFileException {
        boolean json = text.stripLeading().startsWith("{");
        try (JsonParser p = json ? JSON.createParser(text) : YAML.createParser(text)) {
            JsonToken first = p.nextToken();
            if (first == null) {
                throw new StrategyFileException(source + ": the file is empty");
            }
            Node root = node(p, source, 0);
            if (p.nextToken() != null) {
                throw new StrategyFileException(source + ":" + pos(p.currentTokenLocation())
                        + ": more after the end of the strategy (one strategy per file)");
            }
            return root;
        } catch (JsonProcessingException e) {
            JsonLocation at = e.getLocation();
            throw new StrategyFileException(source + (at == null ? "" : ":" + pos(at)) + ": not valid "
                    + (json ? "JSON" : "YAML") + ": " + Shown.shown(firstLine(e.getOriginalMessage())), e);
        } catch (IOException e) {
            throw new StrategyFileException(source + ": cannot read it: " + Shown.shown(firstLine(e.getMessage())), e);
        }
    }

    private static String firstLine(String m) {
        if (m == null) {
            return "unknown error";
        }
        int nl = m.indexOf('\n');
        return nl < 0 ? m : m.substring(0, nl);
    }

    private static Node.Pos pos(JsonLocation at) {
        return new Node.Pos(Math.max(1, at.getLineNr()), Math.max(1, at.getColumnNr()));
    }

    private static Node node(JsonParser p, String source, int depth) throws IOException, StrategyFileException {
        Node.Pos at = pos(p.currentTokenLocation());
        if (depth > MAX_DEPTH) {
            throw new StrategyFileException(source + ":" + at + ": nested deeper than " + MAX_DEPTH + " levels");
        }
        JsonToken t = p.currentToken();
        switch (t) {
            case START_OBJECT -> {
                Map<String, Node> entries = new LinkedHashMap<>();
                Map<String, Node.Pos> keys = new LinkedHashMap<>();
                for (JsonToken k = p.nextToken(); k != JsonToken.END_OBJECT; k = p.nextToken()) {
                    String name = p.currentName();
                    Node.Pos keyAt = pos(p.currentTokenLocation());
                    if (entries.containsKey(name)) {
                        throw new StrategyFileException(source + ":" + keyAt + ": '" + Shown.shown(name)
                                + "' is given twice in this mapping (first at " + keys.get(name) + ")");
                    }
                    p.nextToken();
                    entries.put(name, node(p, source, depth + 1));
                    keys.put(name, keyAt);
                }
                return new Node.MapNode(at, Collections.unmodifiableMap(entries), Collections.unmodifiableMap(keys));
            }
            case START_ARRAY -> {
                List<Node> items = new ArrayList<>();
                for (JsonToken i = p.nextToken(); i != JsonToken.END_ARRAY; i = p.nextToken()) {
                    items.add(node(p, source, depth + 1));
                }
                return new Node.ListNode(at, List.copyOf(items));
            }
            case VALUE_STRING -> {
                return new Node.Scalar(at, p.getText(), Node.Scalar.Type.STRING);
            }
            case VALUE_NUMBER_INT -> {
                return new Node.Scalar(at, p.getText(), Node.Scalar.Type.INTEGER);
            }
            case VALUE_NUMBER_FLOAT -> {
                return new Node.Scalar(at, p.getText(), Node.Scalar.Type.DECIMAL);
            }
            case VALUE_TRUE, VALUE_FALSE -> {
                return new Node.Scalar(at, p.getText(), Node.Scalar.Type.BOOLEAN);
            }
            case VALUE_NULL -> {
                return new Node.Scalar(at, "null", Node.Scalar.Type.NULL);
            }
            default -> throw new StrategyFileException(source + ":" + at + ": unexpected " + t);
        }
    }
}
