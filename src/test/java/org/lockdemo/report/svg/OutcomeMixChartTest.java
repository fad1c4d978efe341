package org.lockdemo.report.svg;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;

class OutcomeMixChartTest {
    private static final int WIDTH = 760;

    private static final List<String> ORDER = List.of("created", "found", "unique_violation", "lock_not_available",
            "deadlock");

    private static OutcomeMixChart.Part part(String outcome, long count) {
        return new OutcomeMixChart.Part(outcome, count, "o-" + outcome, ORDER.indexOf(outcome));
    }

    /** Three strategies; thirds and sevenths, so the shares do not land on whole pixels. */
    private static List<OutcomeMixChart.Row> rows() {
        return List.of(
                new OutcomeMixChart.Row("naive", "naive", 3, List.of(part("created", 1), part("found", 1),
                        part("unique_violation", 1))),
                new OutcomeMixChart.Row("nowait", "nowait", 7, List.of(part("created", 1), part("found", 0),
                        part("lock_not_available", 6))),
                new OutcomeMixChart.Row("<b>x</b>", "<b>x</b> (Postgre<SQL>)", 1000,
                        List.of(part("created", 999), part("deadlock", 1))));
    }

    @Test
    void theLegendListsTheOutcomesByRankWhicheverRowTheyFirstOccurIn() {
        List<OutcomeMixChart.Row> rows = List.of(
                new OutcomeMixChart.Row("a", "a", 2, List.of(part("deadlock", 1), part("lock_not_available", 1))),
                new OutcomeMixChart.Row("b", "b", 2, List.of(part("created", 1), part("found", 1))));
        assertEquals(List.of("created", "found", "lock_not_available", "deadlock"),
                OutcomeMixChart.legend(rows).stream().map(Legend.Entry::label).toList());
    }

    @Test
    void eachBarSpansTheFullWidthSplitByTheShares() {
        List<OutcomeMixChart.Segment> segments = OutcomeMixChart.layout(rows(), WIDTH);
        assertEquals(3 + 2 + 2, segments.size(), "one segment per strategy and outcome that happened");
        double full = OutcomeMixChart.barRight(WIDTH) - OutcomeMixChart.barLeft();
        for (OutcomeMixChart.Row r : rows()) {
            List<OutcomeMixChart.Segment> bar = segments.stream().filter(s -> s.row().equals(r)).toList();
            assertEquals(full, bar.stream().mapToDouble(OutcomeMixChart.Segment::width).sum(), 1e-9, r.label());
            assertEquals(OutcomeMixChart.barLeft(), bar.get(0).x(), 1e-9);
            for (int i = 1; i < bar.size(); i++) {
                assertEquals(bar.get(i - 1).x() + bar.get(i - 1).width(), bar.get(i).x(), 1e-9, "no gap, no overlap");
                assertEquals(bar.get(0).y(), bar.get(i).y(), 1e-9, "one row");
            }
        }
        assertEquals(full * 6 / 7, segments.get(4).width(), 1e-9, "lock_not_available: 6 of 7 attempts");
        assertEquals(OutcomeMixChart.ROW_HEIGHT, segments.get(3).y() - segments.get(0).y(), 1e-9);
    }

    @Test
    void theSvgHasOneRectPerSegmentWhoseWidthsAddUpWithinRounding() {
        String svg = OutcomeMixChart.svg("overview-outcomes", "how it ended", rows(), WIDTH);
        double full = OutcomeMixChart.barRight(WIDTH) - OutcomeMixChart.barLeft();
        Matcher m = Pattern.compile("<rect class=\"seg o-[a-z_]+\" x=\"([\\d.]+)\" y=\"([\\d.]+)\" width=\"([\\d.]+)\"")
                .matcher(svg);
        java.util.Map<String, Double> widthByRow = new java.util.TreeMap<>();
        int rects = 0;
        while (m.find()) {
            rects++;
            widthByRow.merge(m.group(2), Double.parseDouble(m.group(3)), Double::sum);
        }
        assertEquals(7, rects, svg);
        assertEquals(3, widthByRow.size(), "three bars");
        // each width is rounded to 0.1 px: a bar of n segments is off by at most n * 0.05
        widthByRow.values().forEach(w -> assertEquals(full, w, 3 * 0.05 + 1e-9, svg));
    }

    @Test
    void oneColourPerOutcomeALegendAndEscapedNames() {
        String svg = OutcomeMixChart.svg("overview-outcomes", "mix <of> strategies", rows(), WIDTH);
        List<String> legend = OutcomeMixChart.legend(rows()).stream().map(Legend.Entry::label).toList();
        assertEquals(ORDER, legend, "the outcomes that happened");
        assertEquals(3, count(svg, "<rect class=\"seg o-created\""), "created in every bar, in one colour class");
        assertEquals(1, count(svg, "<rect class=\"swatch o-created\""), "and once in the legend");
        assertEquals(5, count(svg, "<rect class=\"swatch "));
        assertTrue(svg.contains("<title>nowait: lock_not_available 6 of 7 attempts (85.7%)</title>"), svg);
        assertTrue(svg.contains(">&lt;b&gt;x&lt;/b&gt;</text>"), svg);
        assertTrue(svg.contains("<title>&lt;b&gt;x&lt;/b&gt; (Postgre&lt;SQL&gt;): deadlock 1 of 1000 attempts (0.1%)"),
                svg);
        assertTrue(svg.contains("aria-label=\"mix &lt;of&gt; strategies\""), svg);
        assertFalse(svg.contains("<b>"));
        // a wide segment carries its share, a sliver does not
        assertTrue(svg.contains(">86%</text>"), svg);
        assertFalse(svg.contains(">0.1%</text>"), svg);
        assertTrue(svg.contains(">100%</text>") && svg.contains(">0%</text>"), "the axis is the share, 0 to 100%");
    }

    @Test
    void noRowsSaysSo() {
        String svg = OutcomeMixChart.svg("overview-outcomes", "t", List.of(), WIDTH);
        assertTrue(svg.contains(">no strategies</text>"), svg);
        assertFalse(svg.contains("<rect"));
    }

    static int count(String haystack, String needle) {
        int n = 0;
        for (int i = haystack.indexOf(needle); i >= 0; i = haystack.indexOf(needle, i + needle.length())) {
            n++;
        }
        return n;
    }
}
