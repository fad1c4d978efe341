package org.lockdemo.explain;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.PrintWriter;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import org.lockdemo.explain.picture.ExplainHtml;
import org.lockdemo.explain.picture.MermaidSequence;
import org.lockdemo.explain.picture.SwimlaneSvg;

/**
 * Renders a {@link Timeline} as text, markdown or JSON onto a writer the caller supplies: the
 * timeline, then what happened and why with its reference, then the table's final rows; or as a
 * picture (HTML, SVG, Mermaid), which {@code explain.picture} draws. Pure:
 * the same timeline renders to the same characters. Stateless; thread-safe.
 */
public final class TimelineReport {
    /** The width the columned text fits when the caller names none. */
    public static final int DEFAULT_WIDTH = 100;
    /** The width the list form fills the explanation to, as it always has. */
    private static final int LIST_WIDTH = 100;
    private static final String INDENT = "               ";

    private TimelineReport() {
    }

    /** As {@link #render(Timeline, ExplainFormat, int, PrintWriter)} at {@link #DEFAULT_WIDTH} columns. */
    public static void render(Timeline t, ExplainFormat format, PrintWriter out) {
        render(t, format, DEFAULT_WIDTH, out);
    }

    /**
     * Renders {@code t}; the columned text fits {@code width} columns, at least
     * {@link #minWidth(Scenario)} (the other formats ignore it).
     */
    public static void render(Timeline t, ExplainFormat format, int width, PrintWriter out) {
        switch (format) {
            case TEXT -> text(t, width, out);
            case LIST -> list(t, out);
            case MARKDOWN -> markdown(t, out);
            case JSON -> json(t, out);
            case HTML -> out.print(ExplainHtml.page(t));
            case SVG -> out.print(SwimlaneSvg.standalone(t));
            case MERMAID -> out.print(MermaidSequence.of(t));
            default -> throw new AssertionError(format);
        }
        out.flush();
    }

    /** The narrowest width the columned text of a scenario's timeline fits: a column of at least 18 per session. */
    public static int minWidth(Scenario s) {
        return ColumnsText.minWidth(s.sessions().size());
    }

    /** {@code BLOCKED (waiting for T1)} or the step's result. */
    static String outcome(TimelineEvent e) {
        return e.result() == null ? "BLOCKED (waiting for " + String.join(", ", e.waitingFor()) + ")" : e.result().text();
    }

    /** The first line of every form: scenario, database, isolation, key. */
    public static String heading(Timeline t) {
        return "lockdemo explain " + t.scenario().name() + ": " + t.product() + " " + t.version() + ", isolation "
                + t.isolation().toLowerCase(Locale.ROOT).replace('-', ' ') + ", key (jahr, monat) = ("
                + t.scenario().key().jahr() + ", " + t.scenario().key().monat() + ")";
    }

    /** For a cluster scenario, which session ran on which node; empty otherwise. */
    public static String nodes(Timeline t) {
        if (!t.scenario().clustered()) {
            return "";
        }
        List<String> on = new ArrayList<>();
        t.scenario().nodes().forEach((session, node) -> on.add(session + " on node " + node));
        return "Nodes: " + String.join(", ", on) + " of one Galera cluster (the order of --url); every session reads with "
                + "wsrep_sync_wait = " + GaleraNodes.SYNC_WAIT_READS;
    }

    /** The schedule in columns, one per session. */
    private static void text(Timeline t, int width, PrintWriter out) {
        head(t, width, out);
        ColumnsText.lines(ScheduleColumns.of(t), width, step -> locksAfter(t, step, "      ", width)).forEach(out::println);
        tail(t, width, out);
    }

    /**
     * With {@code --locks}, the lock table after {@code step} and the deadlock it broke, if any,
     * between blank lines; empty without {@code --locks}.
     */
    static List<String> locksAfter(Timeline t, int step, String indent, int width) {
        List<String> lines = new ArrayList<>();
        for (int i = 0; i < t.locks().size(); i++) {
            LockSnapshot s = t.locks().get(i);
            if (s.atStep() == step) {
                lines.add("");
                if (i > 0 && t.locks().get(i - 1).entries().equals(s.entries())) {
                    lines.add(indent + "locks after step " + step + ": unchanged");
                } else {
                    lines.add(indent + "locks after step " + step + ":");
                    lines.addAll(LockTableText.lines(s, indent + "  ", width));
                }
            }
        }
        for (Deadlock d : t.deadlocks()) {
            if (d.atStep() == step) {
                lines.add("");
                lines.addAll(LockTableText.deadlockLines(d, indent, width));
            }
        }
        if (!lines.isEmpty()) {
            lines.add("");
        }
        return lines;
    }

    /** The schedule as one column of statements, each tagged with its session. */
    private static void list(Timeline t, PrintWriter out) {
        head(t, 0, out);
        out.println("step  session  statement, then -> result");
        List<TimelineEvent> events = t.events();
        for (int i = 0; i < events.size(); i++) {
            TimelineEvent e = events.get(i);
            if (e.kind() == TimelineEvent.Kind.FINISHED) {
                out.printf(Locale.US, "      %-7s  step %d, blocked until now, finishes -> %s%n", e.session(), e.step(),
                        e.result().text());
            } else if (e.kind() == TimelineEvent.Kind.STILL_BLOCKED) {
                out.printf(Locale.US, "      %-7s  step %d is still blocked -> %s%n", e.session(), e.step(), outcome(e));
            } else {
                out.printf(Locale.US, "%4d  %-7s  %s%n", e.step(), e.session(), e.sql());
                out.println(INDENT + "-> " + outcome(e));
            }
            if (i + 1 == events.size() || events.get(i + 1).atStep() != e.atStep()) {
                locksAfter(t, e.atStep(), INDENT, LIST_WIDTH).forEach(out::println);
            }
        }
        tail(t, LIST_WIDTH, out);
    }

    /** The heading, and the lesson filled to {@code width}, or on one line when {@code width} is 0. */
    private static void head(Timeline t, int width, PrintWriter out) {
        out.println(heading(t));
        if (t.scenario().clustered()) {
            out.println(nodes(t));
        }
        List<String> lines = new ArrayList<>(List.of("Lesson: " + t.scenario().lesson()));
        lines.addAll(setupLines(t.scenario()));
        for (String line : lines) {
            if (width == 0) {
                out.println(line);
            } else {
                ColumnsText.wrap(line, width, "", "  ").forEach(out::println);
            }
        }
        out.println();
    }

    /** One line per session with a {@code "setup"}: what it ran when it was opened, before step 1. */
    private static List<String> setupLines(Scenario s) {
        List<String> lines = new ArrayList<>();
        s.setup().forEach((session, statements) -> lines.add("Setup: " + session + " ran " + String.join("; ", statements)
                + " when it was opened, before step 1"));
        return lines;
    }

    /** What stopped the schedule, what happened and why, the reference and the final rows. */
    private static void tail(Timeline t, int width, PrintWriter out) {
        t.stuck().ifPresent(why -> {
            out.println();
            out.println("Stopped: " + why);
        });
        out.println();
        if (!t.scenario().explanation().isEmpty()) {
            out.println("What happened:");
            wrap(t.scenario().explanation(), "  ", width).forEach(out::println);
        }
        if (!t.locks().isEmpty() && !t.scenario().locksNote().isEmpty()) {
            out.println("The locks:");
            wrap(t.scenario().locksNote(), "  ", width).forEach(out::println);
        }
        if (!t.scenario().reference().isEmpty()) {
            out.println("Reference: " + t.scenario().reference());
        }
        if (!t.outcomes().isEmpty()) {
            out.println();
            out.println("Outcomes:");
            for (Timeline.SessionOutcome o : t.outcomes()) {
                wrap(o.session() + ": " + o.text(), "  ", width).forEach(out::println);
            }
        }
        out.println();
        out.println("Final rows of " + t.table() + ":");
        if (t.finalRows().isEmpty()) {
            out.println("  (none)");
        } else {
            out.println("  jahr  monat  some_value");
            for (Timeline.FinalRow r : t.finalRows()) {
                out.printf(Locale.US, "  %4d  %5d  %10d%n", r.jahr(), r.monat(), r.someValue());
            }
        }
    }

    private static void markdown(Timeline t, PrintWriter out) {
        out.println("### " + heading(t));
        out.println();
        if (t.scenario().clustered()) {
            out.println(nodes(t));
            out.println();
        }
        out.println("**Lesson:** " + t.scenario().lesson());
        out.println();
        if (!t.scenario().setup().isEmpty()) {
            setupLines(t.scenario()).forEach(l -> out.println("- " + l));
            out.println();
        }
        ScheduleColumns columns = ScheduleColumns.of(t);
        out.println("| step | " + String.join(" | ", columns.sessions()) + " |");
        out.println("|---:|" + "---|".repeat(columns.sessions().size()));
        for (ScheduleColumns.Row r : columns.rows()) {
            StringBuilder row = new StringBuilder("| ").append(r.step()).append(" |");
            for (ScheduleColumns.Cell c : r.cells()) {
                String cell = markdownCell(c);
                row.append(cell.isEmpty() ? " " : " " + cell.replace("|", "\\|") + " ").append('|');
            }
            out.println(row);
        }
        if (!t.locks().isEmpty()) {
            markdownLocks(t, out);
        }
        t.stuck().ifPresent(why -> {
            out.println();
            out.println("**Stopped:** " + why);
        });
        out.println();
        if (!t.scenario().explanation().isEmpty()) {
            out.println(t.scenario().explanation());
            out.println();
        }
        if (!t.locks().isEmpty() && !t.scenario().locksNote().isEmpty()) {
            out.println("**The locks:** " + t.scenario().locksNote());
            out.println();
        }
        if (!t.scenario().reference().isEmpty()) {
            out.println("Reference: " + t.scenario().reference());
            out.println();
        }
        if (!t.outcomes().isEmpty()) {
            out.println("Outcomes:");
            out.println();
            for (Timeline.SessionOutcome o : t.outcomes()) {
                out.println("- " + o.session() + ": `" + o.outcome() + "`" + o.text().substring(o.outcome().length()));
            }
            out.println();
        }
        out.println("Final rows of `" + t.table() + "`:");
        out.println();
        out.println("| jahr | monat | some_value |");
        out.println("|---:|---:|---:|");
        for (Timeline.FinalRow r : t.finalRows()) {
            out.println("| " + r.jahr() + " | " + r.monat() + " | " + r.someValue() + " |");
        }
    }

    /** With {@code --locks}: after the schedule, the lock table after each step, and the deadlocks. */
    private static void markdownLocks(Timeline t, PrintWriter out) {
        out.println();
        out.println("#### Locks after each step");
        for (int i = 0; i < t.locks().size(); i++) {
            LockSnapshot s = t.locks().get(i);
            boolean unchanged = i > 0 && t.locks().get(i - 1).entries().equals(s.entries());
            out.println();
            out.println("**After step " + s.atStep() + ":**" + (unchanged ? " unchanged"
                    : s.entries().isEmpty() ? " no locks on the key" : ""));
            if (!s.entries().isEmpty() && !unchanged) {
                out.println();
            }
            for (LockEntry e : unchanged ? List.<LockEntry>of() : s.entries()) {
                out.println("- " + LockTableText.headline(e).replace("|", "\\|") + " — `" + e.serverTerms() + "`: "
                        + e.plainWords());
            }
            for (Deadlock d : t.deadlocks()) {
                if (d.atStep() == s.atStep()) {
                    out.println();
                    out.println("**Deadlock:** " + LockTableText.cycle(d) + "; the server chose " + d.victim() + " as the victim.");
                    if (!d.serverReport().isEmpty()) {
                        out.println();
                        out.println("```");
                        out.println(d.serverReport());
                        out.println("```");
                    }
                }
            }
        }
    }

    /** A cell as the columned text draws it, with the SQL as code and a blocked or failed outcome in bold. */
    private static String markdownCell(ScheduleColumns.Cell c) {
        String outcome = c.outcome() == null ? "" : ColumnsText.mark(c) + c.outcome();
        String bold = c.kind() == ScheduleColumns.Kind.BLOCKED || c.kind() == ScheduleColumns.Kind.STILL_BLOCKED
                || c.mark() == ScheduleColumns.Mark.ERROR ? "**" + outcome + "**" : outcome;
        return switch (c.kind()) {
            case EMPTY -> "";
            case BAR -> "│";
            case RAN, BLOCKED -> "`" + c.sql() + "`<br>→ " + bold;
            case FINISHED -> "└→ " + bold;
            case STILL_BLOCKED -> "│ " + bold;
        };
    }

    private static void json(Timeline t, PrintWriter out) {
        ObjectMapper m = new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT);
        ObjectNode root = m.createObjectNode();
        root.put("scenario", t.scenario().name());
        root.put("strategy", t.scenario().strategy().map(k -> k.id()).orElse(null));
        root.put("lesson", t.scenario().lesson());
        ObjectNode db = root.putObject("database");
        db.put("product", t.product());
        db.put("version", t.version());
        db.put("isolation", t.isolation());
        root.putArray("key").add(t.scenario().key().jahr()).add(t.scenario().key().monat());
        root.put("table", t.table());
        ArrayNode sessions = root.putArray("sessions");
        t.scenario().sessions().forEach(sessions::add);
        if (t.scenario().clustered()) {
            ObjectNode nodes = root.putObject("nodes");
            t.scenario().nodes().forEach(nodes::put);
        }
        ScenarioWriter.putSetup(root, t.scenario());
        ArrayNode timeline = root.putArray("timeline");
        for (TimelineEvent e : t.events()) {
            ObjectNode n = timeline.addObject();
            n.put("event", e.kind().name().toLowerCase(Locale.ROOT));
            n.put("step", e.step());
            n.put("session", e.session());
            n.put("sql", e.sql());
            n.put("at_step", e.atStep());
            ArrayNode waiting = n.putArray("waiting_for");
            e.waitingFor().forEach(waiting::add);
            n.put("result", e.result() == null ? null : e.result().text());
            if (e.result() != null && e.result().error()) {
                ObjectNode err = n.putObject("error");
                err.put("sqlstate", e.result().sqlState());
                err.put("vendor_code", e.result().vendorCode());
                err.put("condition", e.result().condition());
                err.put("outcome", e.result().outcome());
            } else {
                n.putNull("error");
            }
        }
        if (!t.locks().isEmpty()) {
            locksJson(t, root);
        }
        root.put("stuck", t.stuck().orElse(null));
        root.put("explanation", t.scenario().explanation());
        root.put("reference", t.scenario().reference());
        if (!t.outcomes().isEmpty()) {
            ArrayNode outcomes = root.putArray("outcomes");
            for (Timeline.SessionOutcome o : t.outcomes()) {
                outcomes.addObject().put("session", o.session()).put("outcome", o.outcome()).put("retries", o.retries());
            }
        }
        ArrayNode rows = root.putArray("final_rows");
        for (Timeline.FinalRow r : t.finalRows()) {
            rows.addObject().put("jahr", r.jahr()).put("monat", r.monat()).put("some_value", r.someValue());
        }
        try {
            out.println(m.writeValueAsString(root));
        } catch (JsonProcessingException e) {
            throw new IllegalStateException(e);
        }
    }

    /** With {@code --locks}: the key's locks after each step, and the deadlocks broken. */
    private static void locksJson(Timeline t, ObjectNode root) {
        root.put("locks_note", t.scenario().locksNote());
        ArrayNode locks = root.putArray("locks");
        for (LockSnapshot s : t.locks()) {
            ObjectNode n = locks.addObject();
            n.put("at_step", s.atStep());
            ArrayNode entries = n.putArray("entries");
            for (LockEntry e : s.entries()) {
                ObjectNode l = entries.addObject();
                l.put("session", e.session());
                l.put("status", e.status().name().toLowerCase(Locale.ROOT));
                l.put("object", e.object());
                l.put("mode", e.mode());
                l.put("server_terms", e.serverTerms());
                l.put("plain_words", e.plainWords());
                ArrayNode waits = l.putArray("waits_for");
                e.waitsFor().forEach(waits::add);
            }
        }
        ArrayNode deadlocks = root.putArray("deadlocks");
        for (Deadlock d : t.deadlocks()) {
            ObjectNode n = deadlocks.addObject();
            n.put("at_step", d.atStep());
            ArrayNode cycle = n.putArray("cycle");
            d.cycle().forEach(cycle::add);
            n.put("victim", d.victim());
            n.put("server_report", d.serverReport());
        }
    }

    private static List<String> wrap(String text, String indent, int width) {
        List<String> lines = new ArrayList<>();
        StringBuilder line = new StringBuilder(indent);
        for (String word : text.split("\\s+")) {
            if (line.length() > indent.length() && line.length() + 1 + word.length() > width) {
                lines.add(line.toString());
                line = new StringBuilder(indent);
            }
            if (line.length() > indent.length()) {
                line.append(' ');
            }
            line.append(word);
        }
        lines.add(line.toString());
        return lines;
    }
}
