package org.lockdemo.report;

import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import org.lockdemo.model.Outcome;

/**
 * The HTML report's style sheet, inlined into the page so it needs nothing from the network, and
 * its colours, all here. The palettes are colour-blind safe: Okabe and Ito's eight colours
 * (<a href="https://jfly.uni-koeln.de/color/">Color Universal Design</a>), for the outcomes
 * completed by Paul Tol's muted wine, purple and olive and two greys. Successes are the cool
 * colours (blue, sky blue, bluish green), failures the warm ones and greys; a strategy's line
 * cycles through seven Okabe–Ito colours, then the same dashed, then dotted, so no two strategies
 * look alike even past seven. Charts never rely on colour alone: the legend names each, and the
 * numbers are written in the table under the overview. Stateless.
 */
final class ReportStyle {
    /** A strategy's colour, by its place in the report (see {@link #seriesClass}). Okabe–Ito without yellow. */
    static final List<String> SERIES_COLOURS = List.of("#0072B2", "#D55E00", "#009E73", "#CC79A7", "#E69F00",
            "#56B4E9", "#000000");
    /** After the colours, the lines repeat them dashed, then dotted. */
    static final List<String> SERIES_DASHES = List.of("none", "7 4", "2 3");
    /** The throughput columns: successful attempts (blue) under failed ones (vermillion). */
    static final String SUCCESS_COLOUR = "#56B4E9";
    static final String FAILURE_COLOUR = "#D55E00";
    /** An outcome from a newer file that this version does not know. */
    static final String UNKNOWN_OUTCOME_COLOUR = "#777777";

    static final Map<Outcome, String> OUTCOME_COLOURS = outcomeColours();

    private static Map<Outcome, String> outcomeColours() {
        Map<Outcome, String> c = new EnumMap<>(Outcome.class);
        c.put(Outcome.CREATED, "#0072B2"); // Okabe–Ito blue
        c.put(Outcome.FOUND, "#56B4E9"); // sky blue
        c.put(Outcome.FOUND_AFTER_CONFLICT, "#009E73"); // bluish green
        c.put(Outcome.UNIQUE_VIOLATION, "#D55E00"); // vermillion
        c.put(Outcome.MISSING_AFTER_CONFLICT, "#CC79A7"); // reddish purple
        c.put(Outcome.LOCK_NOT_AVAILABLE, "#E69F00"); // orange
        c.put(Outcome.DEADLOCK, "#882255"); // Tol's wine
        c.put(Outcome.SERIALIZATION_FAILURE, "#F0E442"); // yellow
        c.put(Outcome.CERTIFICATION_FAILURE, "#AA4499"); // Tol's purple
        c.put(Outcome.LOCK_TIMEOUT, "#999933"); // Tol's olive
        c.put(Outcome.CONNECTION_LOST, "#444444");
        c.put(Outcome.INTERRUPTED, "#BBBBBB");
        c.put(Outcome.OTHER_ERROR, "#000000");
        for (Outcome o : Outcome.all()) {
            if (!c.containsKey(o)) {
                throw new IllegalStateException("no colour for outcome " + o.id());
            }
        }
        return c;
    }

    /** The CSS class that colours an outcome in every chart: {@code o-created}, ... */
    static String outcomeClass(String outcomeId) {
        for (Outcome o : Outcome.all()) {
            if (o.id().equals(outcomeId)) {
                return "o-" + o.id();
            }
        }
        return "o-unknown";
    }

    /** The CSS classes that colour the {@code index}th strategy's line and bars: {@code c3}, {@code c2 d1}, ... */
    static String seriesClass(int index) {
        int colour = index % SERIES_COLOURS.size();
        int dash = (index / SERIES_COLOURS.size()) % SERIES_DASHES.size();
        return "c" + colour + (dash == 0 ? "" : " d" + dash);
    }

    /** The palettes as CSS: each class sets {@code --c}, which lines, bars and swatches paint with. */
    static String paletteCss() {
        StringBuilder b = new StringBuilder();
        for (int i = 0; i < SERIES_COLOURS.size(); i++) {
            b.append(".c").append(i).append(" { --c: ")
                    .append(SERIES_COLOURS.get(i)).append("; }\n");
        }
        for (int i = 1; i < SERIES_DASHES.size(); i++) {
            b.append("svg.chart .series.d").append(i).append(", svg.chart line.swatch.d").append(i)
                    .append(" { stroke-dasharray: ").append(SERIES_DASHES.get(i)).append("; }\n");
            // where a line cannot be dashed: a bar drawn paler and outlined, a key striped, a card's edge dashed
            b.append("svg.chart .mbar.d").append(i).append(" { fill-opacity: ").append(i == 1 ? ".4" : ".15")
                    .append("; stroke: var(--c); stroke-width: 1.5; }\n");
            b.append(".key.d").append(i).append(" { background: repeating-linear-gradient(90deg, var(--c) 0 ")
                    .append(i == 1 ? "4px, transparent 4px 6px" : "2px, transparent 2px 4px").append("); }\n");
            b.append(".card.d").append(i).append(" { border-top-style: ").append(i == 1 ? "dashed" : "dotted")
                    .append("; }\n");
        }
        OUTCOME_COLOURS.forEach((o, colour) -> b.append(".o-").append(o.id()).append(" { --c: ").append(colour)
                .append("; }\n"));
        b.append(".o-unknown { --c: ").append(UNKNOWN_OUTCOME_COLOUR).append("; }\n");
        b.append(":root { --c-ok: ").append(SUCCESS_COLOUR).append("; --c-fail: ").append(FAILURE_COLOUR)
                .append("; }\n");
        return b.toString();
    }

    static final String CSS = """
            :root { --ok: #2e7d32; --bad: #c62828; --ink: #1d2329;
              --muted: #5f6b76; --line: #d9dee3; --bg: #f5f7f9; --series: #0072B2; }
            * { box-sizing: border-box; }
            body { margin: 0; padding: 24px 28px 40px; color: var(--ink); background: var(--bg);
              font: 14px/1.45 system-ui, -apple-system, "Segoe UI", Roboto, "DejaVu Sans", sans-serif; }
            h1 { font-size: 26px; margin: 0 0 4px; }
            h2 { font-size: 20px; margin: 32px 0 10px; padding-bottom: 4px; border-bottom: 2px solid var(--line); }
            h4 { font-size: 12px; text-transform: uppercase; letter-spacing: .04em; color: var(--muted);
              margin: 14px 0 4px; }
            .lead { color: var(--muted); margin: 0 0 16px; max-width: 900px; }
            code { font: 12.5px/1.3 ui-monospace, "DejaVu Sans Mono", monospace; }
            table.files { width: 100%; }
            table.files code { word-break: break-all; }
            table { border-collapse: collapse; background: #fff; margin: 0 0 16px; border: 1px solid var(--line); }
            th, td { padding: 5px 10px; text-align: left; border-bottom: 1px solid var(--line); vertical-align: top; }
            thead th { background: #eef1f4; font-size: 12px; color: var(--muted); font-weight: 600; }
            tbody th a { color: var(--ink); }
            .num { font-variant-numeric: tabular-nums; color: var(--muted); font-size: 12.5px; }
            .verdict { display: inline-block; padding: 0 7px; border-radius: 9px; font-size: 12px; font-weight: 600;
              color: #fff; }
            .verdict.pass { background: var(--ok); }
            .verdict.lesson { background: #ef6c00; }
            .verdict.fail { background: var(--bad); }
            .cards { display: grid; grid-template-columns: repeat(auto-fill, minmax(min(430px, 100%), 1fr)); gap: 16px;
              align-items: start; }
            .card { min-width: 0; background: #fff; border: 1px solid var(--line); border-radius: 8px;
              padding: 12px 16px 14px; border-top: 4px solid var(--c, var(--line)); }
            .card h3 { margin: 0 0 2px; font-size: 17px; }
            .card svg.chart { width: 100%; max-width: 520px; height: auto; }
            .overview { background: #fff; border: 1px solid var(--line); border-radius: 8px; padding: 14px 18px 8px;
              margin: 0 0 24px; }
            .overview h2 { margin-top: 0; }
            .overview .row { display: grid; grid-template-columns: repeat(auto-fit, minmax(min(600px, 100%), 1fr)); gap: 8px 28px; }
            .overview figure { margin: 0 0 14px; min-width: 0; }
            .overview figcaption { font-size: 13px; font-weight: 600; margin: 0 0 2px; }
            .overview figcaption span { font-weight: 400; color: var(--muted); }
            .overview svg.chart { max-width: 100%; height: auto; }
            .overview table { width: 100%; }
            .overview tbody th, .overview td.run { white-space: nowrap; }
            .overview td.num, .overview th.num { text-align: right; }
            .key { display: inline-block; width: 10px; height: 10px; margin-right: 3px; background: var(--c);
              vertical-align: -1px; border-radius: 2px; }
            .mix { font-size: 12.5px; }
            .mix span { white-space: nowrap; margin-right: 8px; }
            .card header { display: flex; gap: 6px; align-items: baseline; font-weight: 600; }
            .card header .verdict { margin-left: auto; }
            .file-no { color: var(--muted); }
            .setup { margin: 2px 0 6px; color: var(--muted); font-size: 12.5px; }
            .explain { margin: 0 0 8px; font-size: 13px; }
            .facts { display: grid; grid-template-columns: repeat(4, 1fr); gap: 4px 12px; margin: 0; }
            .facts div { display: flex; flex-direction: column; }
            .facts dt { font-size: 11px; color: var(--muted); }
            .facts dd { margin: 0; font-weight: 600; font-variant-numeric: tabular-nums; }
            svg.chart { display: block; overflow: visible; }
            svg.chart text { font: 11px system-ui, "DejaVu Sans", sans-serif; fill: var(--ink); }
            svg.chart .tick, svg.chart .axis-unit, svg.chart .axis-title, svg.chart .bar-count { fill: var(--muted); }
            svg.chart .chart-title { font-weight: 600; display: none; }
            svg.chart .empty { fill: #9aa4ad; font-style: italic; }
            svg.chart .grid { stroke: #eceff2; stroke-width: 1; }
            svg.chart .axis { stroke: #aab4bd; stroke-width: 1; }
            svg.chart .series { fill: none; stroke: var(--c, var(--series)); stroke-width: 2; stroke-linejoin: round; }
            svg.chart .bar, svg.chart .seg, svg.chart .mbar, svg.chart rect.swatch { fill: var(--c, #777); }
            svg.chart .seg { stroke: #fff; stroke-width: .75; }
            svg.chart .seg-label { font-size: 10.5px; font-weight: 600; fill: var(--ink); paint-order: stroke;
              stroke: rgba(255, 255, 255, .85); stroke-width: 3px; stroke-linejoin: round; }
            svg.chart .series-end { fill: var(--c, var(--series)); }
            svg.chart line.swatch { stroke: var(--c); stroke-width: 2.5; }
            svg.chart .legend-label { fill: var(--ink); }
            svg.chart .panel-title { font-weight: 600; }
            svg.chart .grid.minor { stroke: #f3f5f7; }
            svg.chart .col-ok { fill: var(--c-ok); }
            svg.chart .col-fail { fill: var(--c-fail); }
            svg.chart .partial { opacity: .35; }
            .checks { list-style: none; padding: 0; margin: 0; font-size: 13px; }
            .checks li { margin: 2px 0; }
            .checks details { display: inline; }
            .checks summary { display: inline; cursor: pointer; color: var(--muted); font-size: 12px; margin-left: 6px; }
            .checks details p { margin: 2px 0 6px 20px; font-size: 12px; color: var(--muted); }
            .mark { display: inline-block; width: 14px; font-weight: 700; }
            .check.passed .mark { color: var(--ok); }
            .check.failed .mark, .check.failed .check-state { color: var(--bad); font-weight: 600; }
            .check.lesson .mark, .check.lesson .check-state { color: #ef6c00; }
            footer { margin-top: 32px; color: var(--muted); font-size: 12px; }
            """ + paletteCss();

    private ReportStyle() {
    }
}
