package org.lockdemo.report;

/** The HTML report's style sheet, inlined into the page so it needs nothing from the network. */
final class ReportStyle {
    static final String CSS = """
            :root { --ok: #2e7d32; --ok2: #66bb6a; --ok3: #a5d6a7; --bad: #c62828; --ink: #1d2329;
              --muted: #5f6b76; --line: #d9dee3; --bg: #f5f7f9; --series: #1565c0; }
            * { box-sizing: border-box; }
            body { margin: 0 auto; padding: 24px 28px 40px; max-width: 1320px; color: var(--ink); background: var(--bg);
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
            .absent { color: #9aa4ad; }
            .verdict { display: inline-block; padding: 0 7px; border-radius: 9px; font-size: 12px; font-weight: 600;
              color: #fff; }
            .verdict.pass { background: var(--ok); }
            .verdict.lesson { background: #ef6c00; }
            .verdict.fail { background: var(--bad); }
            .cards { display: flex; flex-wrap: wrap; gap: 16px; }
            .card { width: 420px; background: #fff; border: 1px solid var(--line); border-radius: 8px;
              padding: 12px 16px 14px; }
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
            svg.chart .series { fill: none; stroke: var(--series); stroke-width: 2; stroke-linejoin: round; }
            svg.chart .series-end { fill: var(--series); }
            svg.chart .bar.ok { fill: var(--ok2); }
            svg.chart .bar.o-created { fill: var(--ok); }
            svg.chart .bar.o-found_after_conflict { fill: var(--ok3); }
            svg.chart .bar.failed { fill: var(--bad); }
            svg.chart .bar.o-lock_not_available { fill: #ef6c00; }
            svg.chart .bar.o-deadlock { fill: #8e24aa; }
            svg.chart .bar.o-serialization_failure { fill: #5e35b1; }
            svg.chart .bar.o-certification_failure { fill: #3949ab; }
            svg.chart .bar.o-missing_after_conflict { fill: #ad1457; }
            svg.chart .bar.o-lock_timeout { fill: #8d6e63; }
            svg.chart .bar.o-interrupted { fill: #9e9e9e; }
            svg.chart .col-ok { fill: var(--ok2); }
            svg.chart .col-fail { fill: var(--bad); }
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
            """;

    private ReportStyle() {
    }
}
