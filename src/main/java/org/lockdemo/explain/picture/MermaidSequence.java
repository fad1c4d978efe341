package org.lockdemo.explain.picture;

import java.util.ArrayList;
import java.util.List;
import java.util.TreeSet;
import org.lockdemo.explain.ScheduleColumns;
import org.lockdemo.explain.Timeline;
import org.lockdemo.explain.TimelineReport;

/**
 * {@code explain --format mermaid}: the schedule as a Mermaid {@code sequenceDiagram}, which GitHub
 * renders in issues, pull requests and markdown files. A participant per session, then the
 * database (one per node in a cluster scenario, each session talking to its own); each statement
 * a message to the database and its result a reply (a reply ending in a cross, {@code --x}, for an
 * error, {@code ✓} before a commit); a blocked step a note over the session and the database,
 * and its finishing a reply noted with the step it was waiting in. Message text follows
 * <a href="https://mermaid.js.org/syntax/sequenceDiagram.html#entity-codes-to-escape-characters">Mermaid's
 * rules</a>: {@code ;} ends a statement and {@code #} starts an entity code, so both are written as
 * entity codes ({@code #59;}, {@code #35;}). Pure; stateless.
 */
public final class MermaidSequence {
    private MermaidSequence() {
    }

    public static String of(Timeline t) {
        Swimlanes p = Swimlanes.of(t);
        StringBuilder b = new StringBuilder(8 * 1024);
        b.append("sequenceDiagram\n"); // first: older renderers look for the diagram's type on the first line
        b.append("    %% ").append(comment(TimelineReport.heading(t))).append('\n');
        b.append("    %% Lesson: ").append(comment(t.scenario().lesson())).append('\n');
        TreeSet<Integer> nodes = new TreeSet<>();
        for (Swimlanes.Lane l : p.lanes()) {
            b.append("    participant ").append(l.session());
            if (l.node() > 0) {
                b.append(" as ").append(l.session()).append(" (node ").append(l.node()).append(')');
                nodes.add(l.node());
            }
            b.append('\n');
        }
        if (nodes.isEmpty()) {
            b.append("    participant DB as ").append(text(t.product() + " " + t.version())).append('\n');
        } else {
            for (int n : nodes) {
                b.append("    participant N").append(n).append(" as ").append(text(t.product() + " node " + n))
                        .append('\n');
            }
        }
        for (Swimlanes.Row r : p.rows()) {
            for (int k = 0; k < 2 * r.cells().size(); k++) { // the step sent first, then what it released
                int i = k % r.cells().size();
                ScheduleColumns.Cell c = r.cells().get(i);
                boolean sent = c.kind() == ScheduleColumns.Kind.RAN || c.kind() == ScheduleColumns.Kind.BLOCKED;
                if (sent != k < r.cells().size()) {
                    continue;
                }
                Swimlanes.Lane lane = p.lanes().get(i);
                String s = lane.session();
                String db = lane.node() > 0 ? "N" + lane.node() : "DB";
                switch (c.kind()) {
                    case RAN -> {
                        message(b, s, "->>", db, r.step() + ". " + c.sql());
                        reply(b, db, s, c);
                    }
                    case BLOCKED -> {
                        message(b, s, "->>", db, r.step() + ". " + c.sql());
                        note(b, s, db, c.outcome());
                    }
                    case FINISHED -> reply(b, db, s, c);
                    case STILL_BLOCKED -> note(b, s, db, c.outcome());
                    case EMPTY, BAR -> {
                    }
                    default -> throw new AssertionError(c.kind());
                }
            }
        }
        List<String> end = new ArrayList<>();
        t.stuck().ifPresent(why -> end.add("Stopped: " + why));
        t.outcomes().forEach(o -> end.add(o.session() + ": " + o.outcome()));
        t.finalRows().forEach(row -> end.add("final row (" + row.jahr() + ", " + row.monat() + "), some_value = "
                + row.someValue()));
        if (t.finalRows().isEmpty()) {
            end.add("no row in the end");
        }
        String over = nodes.isEmpty() ? "DB" : "N" + nodes.first();
        b.append("    Note over ").append(p.lanes().get(0).session()).append(',').append(over).append(": ")
                .append(text(String.join("; ", end))).append('\n');
        return b.toString();
    }

    private static void message(StringBuilder b, String from, String arrow, String to, String text) {
        b.append("    ").append(from).append(arrow).append(to).append(": ").append(text(text)).append('\n');
    }

    private static void reply(StringBuilder b, String db, String session, ScheduleColumns.Cell c) {
        String prefix = c.kind() == ScheduleColumns.Kind.FINISHED ? "finishes: " : "";
        String mark = c.mark() == ScheduleColumns.Mark.COMMIT ? "✓ " : c.mark() == ScheduleColumns.Mark.ERROR ? "✗ " : "";
        message(b, db, c.mark() == ScheduleColumns.Mark.ERROR ? "--x" : "-->>", session, prefix + mark + c.outcome());
    }

    private static void note(StringBuilder b, String session, String db, String text) {
        b.append("    Note over ").append(session).append(',').append(db).append(": ").append(text(text)).append('\n');
    }

    /** Text for a message, note or alias: Mermaid's separators as entity codes, on one line. */
    static String text(String s) {
        StringBuilder b = new StringBuilder(s.length() + 8);
        for (char c : s.strip().toCharArray()) {
            switch (c) {
                case '#' -> b.append("#35;");
                case ';' -> b.append("#59;");
                case '\r', '\n' -> b.append(' ');
                default -> b.append(c);
            }
        }
        return b.toString();
    }

    /** A {@code %%} comment's text on one line. */
    private static String comment(String s) {
        return s.replace('\n', ' ');
    }
}
