package org.lockdemo.report;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.PrintWriter;
import java.util.List;
import java.util.Optional;
import org.lockdemo.strategy.Framework;
import org.lockdemo.strategy.Requires;
import org.lockdemo.strategy.StrategyDefinition.ModelledOn;
import org.lockdemo.strategy.StrategyKind;

/**
 * The strategies lockdemo knows, as {@code lockdemo strategies} shows them: per framework group,
 * each strategy's id, the call it models, the version, where its statements come from, its known
 * failure modes and what it needs of the server; as text, markdown or JSON, all from the registry
 * ({@link StrategyKind}). Stateless; thread-safe.
 */
public final class StrategyCatalog {
    /** How {@code lockdemo strategies} writes the catalog. */
    public enum Format {
        TEXT, MARKDOWN, JSON
    }

    /** The text format's width: a terminal's or a page's. */
    static final int TEXT_WIDTH = 100;

    private StrategyCatalog() {
    }

    public static void write(List<StrategyKind> kinds, Format format, PrintWriter out) {
        switch (format) {
            case TEXT -> text(kinds, out);
            case MARKDOWN -> markdown(kinds, out);
            case JSON -> json(kinds, out);
        }
        out.flush();
    }

    private static void text(List<StrategyKind> kinds, PrintWriter out) {
        Framework group = null;
        for (StrategyKind k : kinds) {
            if (k.framework() != group) {
                group = k.framework();
                out.println((group == kinds.get(0).framework() ? "" : "\n") + group.displayName() + " (--strategy "
                        + group.id() + ")");
            }
            ModelledOn m = k.modelledOn();
            out.println("  " + k.id());
            field(out, "call", m.call());
            field(out, "models", m.version());
            field(out, "source", m.source());
            field(out, "fails by", m.failureModes());
            needs(k).ifPresent(n -> field(out, "needs", n));
            field(out, "safe", k.expectedSafe() ? "claims no duplicate-key error reaches the application"
                    : "no: its lesson is an error or a lost update");
        }
    }

    /** "    label:   value", the value wrapped at {@link #TEXT_WIDTH} under its own start. */
    private static void field(PrintWriter out, String label, String value) {
        String head = String.format(java.util.Locale.ROOT, "    %-10s ", label + ":");
        List<String> lines = TextWrap.lines(value, TEXT_WIDTH - head.length());
        out.println(head + lines.get(0));
        // TextWrap indents continuation lines by two; under the value's start they need the head's width
        lines.subList(1, lines.size()).forEach(l -> out.println(" ".repeat(head.length()) + l.substring(2)));
    }

    private static void markdown(List<StrategyKind> kinds, PrintWriter out) {
        out.println("| group | strategy | the call | modelled version | statements from | known failure modes | needs |");
        out.println("|---|---|---|---|---|---|---|");
        for (StrategyKind k : kinds) {
            ModelledOn m = k.modelledOn();
            out.println("| " + k.framework().id() + " | `" + k.id() + "` | `" + cell(m.call()).replace("`", "'") + "` | "
                    + cell(m.version()) + " | " + cell(m.source()) + " | " + cell(m.failureModes()) + " | "
                    + cell(needs(k).orElse("")) + " |");
        }
    }

    private static void json(List<StrategyKind> kinds, PrintWriter out) {
        ObjectMapper mapper = new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT);
        ObjectNode root = mapper.createObjectNode();
        ArrayNode list = root.putArray("strategies");
        for (StrategyKind k : kinds) {
            ModelledOn m = k.modelledOn();
            ObjectNode n = list.addObject();
            n.put("id", k.id());
            n.put("group", k.framework().id());
            n.put("framework", k.framework().displayName());
            n.put("call", m.call());
            n.put("version", m.version());
            n.put("source", m.source());
            n.put("failure_modes", m.failureModes());
            n.put("expected_safe", k.expectedSafe());
            n.put("locks_row", k.locksRow());
            Requires r = k.requires();
            ArrayNode dialects = n.putArray("dialects");
            r.dialects().stream().sorted().forEach(dialects::add);
            if (r.postgresMajor() > 0) {
                n.put("postgresql_major", r.postgresMajor());
            }
            if (r.mariaDbOnly()) {
                n.put("mariadb_only", true);
            }
            n.put("description", k.description());
        }
        out.println(root.toPrettyString());
    }

    /** What it needs of the server, when it does not run everywhere. */
    static Optional<String> needs(StrategyKind k) {
        Requires r = k.requires();
        if (r.equals(Requires.ANY) || r.equals(Requires.EVERY_ENGINE)
                || (r.dialects().containsAll(java.util.Set.of("postgresql", "mysql")) && r.postgresMajor() == 0
                        && !r.mariaDbOnly() && r.feature().isEmpty())) {
            return Optional.empty();
        }
        boolean both = r.dialects().contains("mysql") && r.dialects().contains("postgresql");
        String where = both && (r.postgresMajor() > 0 || r.mariaDbOnly())
                ? (r.postgresMajor() > 0 ? "PostgreSQL " + r.postgresMajor() + " or later" : "PostgreSQL")
                        + (r.mariaDbOnly() ? " or MariaDB" : " or MySQL/MariaDB")
                : both ? "any server"
                : r.dialects().contains("postgresql") ? "PostgreSQL" + (r.postgresMajor() > 0 ? " " + r.postgresMajor()
                        + " or later" : "") : r.mariaDbOnly() ? "MariaDB" : "MySQL or MariaDB";
        return Optional.of(where + (r.feature().isEmpty() ? "" : " (" + r.feature() + ")"));
    }

    private static String cell(String s) {
        return s.replace("|", "\\|").replace("\n", " ");
    }
}
