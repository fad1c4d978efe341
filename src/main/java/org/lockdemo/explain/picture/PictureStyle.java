package org.lockdemo.explain.picture;

/**
 * The swimlane picture's colours and type, one style sheet for the standalone SVG and the page.
 * The colours are the race report's (Okabe and Ito's colour-blind safe palette, see
 * {@code report.ReportStyle}): a wait is orange, an error vermillion, a commit bluish green, an
 * uncommitted row yellow, a committed one blue, a row lock reddish purple; the marks ✗ and ✓ and
 * the words say the same, so nothing relies on colour alone. Stateless.
 */
public final class PictureStyle {
    public static final String WAIT = "#E69F00";
    public static final String ERROR = "#D55E00";
    public static final String COMMIT = "#009E73";
    public static final String UNCOMMITTED = "#F0E442";
    public static final String COMMITTED = "#0072B2";
    public static final String LOCKED = "#CC79A7";

    public static final String CSS = """
            svg.chart { display: block; overflow: visible; }
            g.swimlanes text { font: 12px system-ui, "DejaVu Sans", sans-serif; fill: #1d2329; }
            g.swimlanes .lane-bg { fill: #f3f6f9; }
            g.swimlanes .lane-bg.odd { fill: #eaeff4; }
            g.swimlanes .lane-name { font-size: 15px; font-weight: 700; }
            g.swimlanes .lane-node, g.swimlanes .head-small { font-size: 11px; fill: #5f6b76; }
            g.swimlanes .step-no { font-size: 12px; fill: #5f6b76; font-variant-numeric: tabular-nums; }
            g.swimlanes .row-rule { stroke: #dde3e8; stroke-width: 1; }
            g.swimlanes .frame { fill: #fff; stroke: #aab4bd; stroke-width: 1; rx: 3px; }
            g.swimlanes .blocked .frame, g.swimlanes .still-blocked .frame { stroke: %1$s; stroke-width: 2; }
            g.swimlanes .error .frame { stroke: %2$s; stroke-width: 2; }
            g.swimlanes .commit .frame { stroke: %3$s; stroke-width: 1.5; }
            g.swimlanes .error .stripe { fill: %2$s; }
            g.swimlanes .commit .stripe { fill: %3$s; }
            g.swimlanes .sql { font: 11px ui-monospace, "DejaVu Sans Mono", monospace; fill: #1d2329; }
            g.swimlanes .result { font-weight: 600; }
            g.swimlanes .error .result { fill: %2$s; }
            g.swimlanes .commit .result { fill: #00694b; }
            g.swimlanes .blocked .result, g.swimlanes .still-blocked .result { fill: #9a5b00; }
            g.swimlanes .wait { fill: %1$s; }
            g.swimlanes .wait-line { stroke: %1$s; stroke-width: 2; stroke-dasharray: 5 3; }
            g.swimlanes .wait-head { fill: %1$s; }
            g.swimlanes .wait-label { font-size: 11px; font-weight: 600; fill: #9a5b00; }
            g.swimlanes .pill { stroke: #aab4bd; stroke-width: 1; rx: 4px; }
            g.swimlanes .version.absent .pill { fill: #fff; stroke-dasharray: 4 3; }
            g.swimlanes .version.uncommitted .pill { fill: %4$s; }
            g.swimlanes .version.committed .pill { fill: %5$s; stroke: %5$s; }
            g.swimlanes .version.committed .pill-text { fill: #fff; font-weight: 600; }
            g.swimlanes .version.absent .pill-text { fill: #5f6b76; font-style: italic; }
            g.swimlanes .version.uncommitted .pill-text { font-weight: 600; }
            g.swimlanes .lock-band { fill: %6$s; }
            g.swimlanes .lock-text { font-size: 11px; font-weight: 600; fill: #fff; }
            g.swimlanes rect.swatch { fill: var(--c, #777); }
            g.swimlanes .legend-label { font-size: 11px; }
            g.swimlanes .k-wait { --c: %1$s; }
            g.swimlanes .k-error { --c: %2$s; }
            g.swimlanes .k-commit { --c: %3$s; }
            g.swimlanes .k-uncommitted { --c: %4$s; }
            g.swimlanes .k-committed { --c: %5$s; }
            g.swimlanes .k-locked { --c: %6$s; }
            """.formatted(WAIT, ERROR, COMMIT, UNCOMMITTED, COMMITTED, LOCKED);

    private PictureStyle() {
    }
}
