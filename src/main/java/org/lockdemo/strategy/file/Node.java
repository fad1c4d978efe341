package org.lockdemo.strategy.file;

import java.util.List;
import java.util.Map;

/**
 * A strategy file parsed into a tree whose every node knows where it was written (line and column),
 * so that every message about the file can name the place. The same tree comes from YAML and from
 * JSON ({@link NodeReader}). Immutable.
 */
sealed interface Node permits Node.MapNode, Node.ListNode, Node.Scalar {

    /** Where a node starts in the file, 1-based. */
    record Pos(int line, int column) {
        @Override
        public String toString() {
            return line + ":" + column;
        }
    }

    Pos pos();

    /** What kind of value it is, as a message names it ("a mapping", "a list", "a number", ...). */
    String kind();

    /** A mapping, its keys in file order, each key's own position. */
    record MapNode(Pos pos, Map<String, Node> entries, Map<String, Pos> keys) implements Node {
        @Override
        public String kind() {
            return "a mapping";
        }
    }

    record ListNode(Pos pos, List<Node> items) implements Node {
        @Override
        public String kind() {
            return "a list";
        }
    }

    /** A scalar: its text as written, and whether it was a string, a number, a boolean or null. */
    record Scalar(Pos pos, String text, Type type) implements Node {
        enum Type {
            STRING("a string"), INTEGER("a whole number"), DECIMAL("a number"), BOOLEAN("true or false"),
            NULL("null");

            final String words;

            Type(String words) {
                this.words = words;
            }
        }

        @Override
        public String kind() {
            return type.words;
        }
    }
}
