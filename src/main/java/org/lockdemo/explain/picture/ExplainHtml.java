package org.lockdemo.explain.picture;

import static org.lockdemo.report.svg.Markup.escape;

import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.lockdemo.explain.ColumnsText;
import org.lockdemo.explain.Deadlock;
import org.lockdemo.explain.LockEntry;
import org.lockdemo.explain.LockSnapshot;
import org.lockdemo.explain.ScheduleColumns;
import org.lockdemo.explain.Timeline;
import org.lockdemo.explain.TimelineReport;

/**
 * {@code explain --format html}: one self-contained page (inline CSS, script and SVG; nothing from
 * the network) for a class or a projector: the heading and lesson, the swimlane picture
 * ({@link SwimlaneSvg}), the schedule in words, the lock table of each step (with
 * {@code --locks}), what happened and why, the reference and the final rows. Its script
 * ({@link PageScript}) reveals one step at a time with Next, Previous, Play and the arrow keys;
 * without script the page shows the whole schedule and every step's lock table. Pure; stateless.
 */
public final class ExplainHtml {
    private ExplainHtml() {
    }

    /** The whole page. */
    public static String page(Timeline t) {
        StringBuilder b = new StringBuilder(64 * 1024);
        b.append("<!DOCTYPE html>\n<html lang=\"en\">\n<head>\n<meta charset=\"utf-8\">\n")
                .append("<meta name=\"viewport\" content=\"width=device-width, initial-scale=1\">\n")
                .append("<title>").append(escape("lockdemo explain " + t.scenario().name())).append("</title>\n")
                .append("<style>\n").append(PAGE_CSS).append(PictureStyle.CSS).append("</style>\n</head>\n<body>\n");
        b.append("<header>\n<h1>").append(escape(TimelineReport.heading(t))).append("</h1>\n");
        if (t.scenario().clustered()) {
            b.append("<p class=\"nodes\">").append(escape(TimelineReport.nodes(t))).append("</p>\n");
        }
        b.append("<p class=\"lesson\"><strong>Lesson:</strong> ").append(escape(t.scenario().lesson())).append("</p>\n");
        b.append("</header>\n");
        b.append("<nav class=\"controls\" aria-label=\"steps\">\n")
                .append("<button type=\"button\" id=\"prev\" title=\"previous step (←)\">◀ Previous</button>\n")
                .append("<button type=\"button\" id=\"next\" title=\"next step (→)\">Next ▶</button>\n")
                .append("<button type=\"button\" id=\"play\" title=\"one step every 1.5 s\">Play</button>\n")
                .append("<button type=\"button\" id=\"whole\" title=\"the whole schedule (End)\">All</button>\n")
                .append("<span id=\"where\" class=\"where\" aria-live=\"polite\">the whole schedule</span>\n")
                .append("<span class=\"hint\">← → keys step; Home and End jump</span>\n</nav>\n");
        b.append("<main class=\"stage\">\n<div class=\"picture\">\n").append(SwimlaneSvg.inline(t)).append("</div>\n");
        b.append("<aside class=\"side\">\n");
        steps(b, t);
        locks(b, t);
        b.append("</aside>\n</main>\n");
        tail(b, t);
        b.append("<script>\n").append(PageScript.JS).append("</script>\n</body>\n</html>\n");
        return b.toString();
    }

    /** The schedule in words, a line per row, so the current step can be read out. */
    private static void steps(StringBuilder b, Timeline t) {
        Swimlanes p = Swimlanes.of(t);
        b.append("<h2>Steps</h2>\n<ol class=\"steps\">\n");
        for (Swimlanes.Row r : p.rows()) {
            b.append("<li data-step=\"").append(r.step()).append("\" value=\"").append(r.step()).append("\">");
            boolean first = true;
            for (int i = 0; i < r.cells().size(); i++) {
                ScheduleColumns.Cell c = r.cells().get(i);
                String words = switch (c.kind()) {
                    case RAN, BLOCKED -> "<code>" + escape(c.sql()) + "</code> → " + outcome(c);
                    case FINISHED -> "finishes: " + outcome(c);
                    case STILL_BLOCKED -> outcome(c);
                    case EMPTY, BAR -> null;
                };
                if (words != null) {
                    b.append(first ? "" : "<br>").append("<b>").append(escape(p.lanes().get(i).session()))
                            .append("</b> ").append(words);
                    first = false;
                }
            }
            if (r.version() != null) {
                b.append("<br><span class=\"row-version\">the row: ").append(escape(r.version().stateWords()))
                        .append(r.version().lockedBy().isEmpty() ? "" : ", " + escape(r.version().lockWords()))
                        .append("</span>");
            }
            b.append("</li>\n");
        }
        b.append("</ol>\n");
    }

    private static String outcome(ScheduleColumns.Cell c) {
        String css = c.mark() == ScheduleColumns.Mark.ERROR ? "error"
                : c.mark() == ScheduleColumns.Mark.COMMIT ? "commit"
                : c.kind() == ScheduleColumns.Kind.BLOCKED || c.kind() == ScheduleColumns.Kind.STILL_BLOCKED ? "blocked"
                : "ok";
        return "<span class=\"" + css + "\">" + escape(ColumnsText.mark(c) + c.outcome()) + "</span>";
    }

    /** With {@code --locks}, a table per step (the page shows the current step's); else how to get them. */
    private static void locks(StringBuilder b, Timeline t) {
        b.append("<h2>Locks on the key</h2>\n");
        if (t.locks().isEmpty()) {
            b.append("<p class=\"no-locks\">Run with <code>--locks</code> to see, after every step, the locks the "
                    + "server shows on the key's rows and index entries.</p>\n");
            return;
        }
        Map<Integer, LockSnapshot> byStep = new HashMap<>();
        t.locks().forEach(s -> byStep.put(s.atStep(), s));
        b.append("<p id=\"locks-before\" class=\"locks-at\" data-only-step=\"0\">Before the first step: none.</p>\n");
        for (int step : SwimlaneSvg.steps(t)) {
            b.append("<section class=\"locks-at\" data-only-step=\"").append(step).append("\">\n<h3>After step ")
                    .append(step).append("</h3>\n");
            LockSnapshot s = byStep.get(step);
            if (s == null || s.entries().isEmpty()) {
                b.append("<p>No lock on the key.</p>\n");
            } else {
                lockTable(b, s.entries());
            }
            for (Deadlock d : t.deadlocks()) {
                if (d.atStep() == step) {
                    b.append("<p class=\"deadlock\"><strong>Deadlock:</strong> ")
                            .append(escape(String.join(" → ", d.cycle()))).append("; the server rolled back ")
                            .append(escape(d.victim())).append(".</p>\n");
                    if (d.serverReport() != null && !d.serverReport().isBlank()) {
                        b.append("<details><summary>the server's report</summary><pre>")
                                .append(escape(d.serverReport())).append("</pre></details>\n");
                    }
                }
            }
            b.append("</section>\n");
        }
    }

    private static void lockTable(StringBuilder b, List<LockEntry> entries) {
        b.append("<table class=\"locks\">\n<thead><tr><th>session</th><th></th><th>on</th><th>mode</th>"
                + "<th>in plain words</th></tr></thead>\n<tbody>\n");
        for (LockEntry e : entries) {
            boolean waits = e.status() == LockEntry.Status.WAITING;
            b.append("<tr class=\"").append(waits ? "waiting" : "held").append("\"><td><b>")
                    .append(escape(e.session())).append("</b></td><td>")
                    .append(waits ? "waits for " + escape(String.join(", ", e.waitsFor())) : "holds")
                    .append("</td><td>").append(escape(e.object())).append("</td><td><code title=\"")
                    .append(escape(e.serverTerms())).append("\">").append(escape(e.mode())).append("</code></td><td>")
                    .append(escape(e.plainWords())).append("</td></tr>\n");
        }
        b.append("</tbody>\n</table>\n");
    }

    private static void tail(StringBuilder b, Timeline t) {
        b.append("<section class=\"why\">\n");
        t.stuck().ifPresent(why -> b.append("<p class=\"stuck\"><strong>Stopped:</strong> ").append(escape(why))
                .append("</p>\n"));
        if (!t.scenario().explanation().isEmpty()) {
            b.append("<h2>What happened</h2>\n<p>").append(escape(t.scenario().explanation())).append("</p>\n");
        }
        if (!t.locks().isEmpty() && !t.scenario().locksNote().isEmpty()) {
            b.append("<h2>The locks</h2>\n<p class=\"locks-note\">").append(escape(t.scenario().locksNote()))
                    .append("</p>\n");
        }
        if (!t.scenario().reference().isEmpty()) {
            b.append("<p class=\"reference\">Reference: ").append(link(t.scenario().reference())).append("</p>\n");
        }
        if (!t.outcomes().isEmpty()) {
            b.append("<h2>Outcomes</h2>\n<ul class=\"outcomes\">\n");
            for (Timeline.SessionOutcome o : t.outcomes()) {
                b.append("<li>").append(escape(o.session())).append(": ").append(escape(o.text())).append("</li>\n");
            }
            b.append("</ul>\n");
        }
        b.append("<h2>Final rows of <code>").append(escape(t.table())).append("</code></h2>\n");
        if (t.finalRows().isEmpty()) {
            b.append("<p>(none)</p>\n");
        } else {
            b.append("<table class=\"final\">\n<thead><tr><th>jahr</th><th>monat</th><th>some_value</th></tr></thead>\n"
                    + "<tbody>\n");
            for (Timeline.FinalRow r : t.finalRows()) {
                b.append("<tr><td>").append(r.jahr()).append("</td><td>").append(r.monat()).append("</td><td>")
                        .append(r.someValue()).append("</td></tr>\n");
            }
            b.append("</tbody>\n</table>\n");
        }
        b.append("</section>\n<footer>Made by lockdemo explain from a real run on ").append(escape(t.product()))
                .append(' ').append(escape(t.version())).append(". The key row's versions are derived from the "
                        + "timeline's results (docs/explain.md, \"Pictures\").</footer>\n");
    }

    /** A reference that is a web address as a link, other text as it is. */
    private static String link(String reference) {
        if (reference.matches("https?://\\S+")) {
            return "<a href=\"" + escape(reference) + "\">" + escape(reference) + "</a>";
        }
        return escape(reference);
    }

    static final String PAGE_CSS = """
            * { box-sizing: border-box; }
            body { margin: 0; padding: 18px 24px 32px; color: #1d2329; background: #fff;
              font: 15px/1.45 system-ui, -apple-system, "Segoe UI", Roboto, "DejaVu Sans", sans-serif; }
            h1 { font-size: 21px; margin: 0 0 4px; }
            h2 { font-size: 16px; margin: 18px 0 6px; }
            h3 { font-size: 14px; margin: 6px 0; }
            .lesson, .nodes { margin: 2px 0; max-width: 1100px; }
            code { font: 12.5px/1.3 ui-monospace, "DejaVu Sans Mono", monospace; }
            .controls { position: sticky; top: 0; z-index: 1; background: #fff; padding: 8px 0; display: flex;
              gap: 8px; align-items: center; border-bottom: 1px solid #d9dee3; margin: 8px 0 12px; }
            .controls button { font: inherit; padding: 4px 14px; border: 1px solid #aab4bd; border-radius: 6px;
              background: #f5f7f9; cursor: pointer; }
            .controls button:disabled { opacity: .45; cursor: default; }
            .where { font-weight: 600; margin-left: 8px; }
            .hint { color: #5f6b76; font-size: 13px; margin-left: auto; }
            .stage { display: flex; flex-wrap: wrap; gap: 20px; align-items: flex-start; }
            .picture { flex: 0 0 auto; max-width: 100%; overflow-x: auto; }
            .side { flex: 1 1 340px; min-width: 300px; max-width: 720px; }
            .side h2:first-child { margin-top: 0; }
            ol.steps { margin: 0; padding-left: 30px; font-size: 13px; }
            ol.steps li { margin: 0 0 5px; }
            ol.steps code { font-size: 11.5px; word-break: break-word; }
            .error { color: #b34700; font-weight: 600; }
            .commit { color: #00694b; font-weight: 600; }
            .blocked { color: #9a5b00; font-weight: 600; }
            .row-version { color: #5f6b76; }
            table { border-collapse: collapse; margin: 4px 0 10px; font-size: 13px; }
            th, td { padding: 3px 8px; border-bottom: 1px solid #d9dee3; text-align: left; vertical-align: top; }
            thead th { background: #eef1f4; font-size: 12px; color: #5f6b76; }
            tr.waiting td { background: #fff4dc; }
            .deadlock { color: #882255; }
            .why { max-width: 1100px; }
            footer { margin-top: 24px; color: #5f6b76; font-size: 12px; }
            html:not(.js) .controls button, html:not(.js) .controls .hint { display: none; }
            .js .later { visibility: hidden; }
            .js ol.steps li.later { display: none; }
            .js ol.steps li.current { background: #fff4dc; outline: 4px solid #fff4dc; }
            g.swimlanes .current .frame { stroke-width: 3; }
            g.swimlanes .row.current .step-no { font-weight: 700; fill: #1d2329; }
            """;
}
