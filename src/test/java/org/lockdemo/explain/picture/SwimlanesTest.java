package org.lockdemo.explain.picture;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.Optional;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;
import org.lockdemo.explain.Deadlock;
import org.lockdemo.explain.LockEntry;
import org.lockdemo.explain.LockSnapshot;
import org.lockdemo.explain.Timeline;
import org.lockdemo.explain.TimelineEvent;

/** The picture's model and what each format draws of it, counted against the timeline. */
class SwimlanesTest {
    static List<String> names() {
        return Timelines.NAMES;
    }

    private static long count(String text, String regex) {
        return Pattern.compile(regex).matcher(text).results().count();
    }

    private static long events(Timeline t, TimelineEvent.Kind kind) {
        return t.events().stream().filter(e -> e.kind() == kind).count();
    }

    @ParameterizedTest
    @MethodSource("names")
    void aLanePerSessionABarPerBlockedStepAnArrowPerHolder(String name) {
        Timeline t = Timelines.read(name);
        Swimlanes p = Swimlanes.of(t);
        assertEquals(t.scenario().sessions(), p.lanes().stream().map(Swimlanes.Lane::session).toList());
        assertEquals(events(t, TimelineEvent.Kind.BLOCKED), p.bars().size());
        assertTrue(p.bars().stream().allMatch(Swimlanes.Bar::finished), "every built-in schedule runs to its end");
        long holders = t.events().stream().filter(e -> e.kind() == TimelineEvent.Kind.BLOCKED
                || e.kind() == TimelineEvent.Kind.STILL_BLOCKED).mapToLong(e -> e.waitingFor().size()).sum();
        assertEquals(holders, p.arrows().size());
        String svg = SwimlaneSvg.standalone(t);
        assertEquals(p.lanes().size(), count(svg, "<g class=\"lane\" data-session="));
        assertEquals(p.bars().size(), count(svg, "<g class=\"bar\" data-session="));
        assertEquals(p.arrows().size(), count(svg, "<g class=\"arrow\" data-step="));
        long statements = events(t, TimelineEvent.Kind.RAN) + events(t, TimelineEvent.Kind.BLOCKED)
                + events(t, TimelineEvent.Kind.FINISHED) + events(t, TimelineEvent.Kind.STILL_BLOCKED);
        assertEquals(statements, count(svg, "<g class=\"box "), "a box per statement sent and per finish");
        assertEquals(t.events().stream().filter(e -> e.result() != null && e.result().error()).count(),
                count(svg, "<g class=\"box [a-z-]+ error\""), "every error marked");
        assertEquals(p.rows().size(), count(svg, "<g class=\"version "), "the key row after every row");
        assertFalse(svg.contains("NaN") || svg.contains("Infinity"), "no broken coordinate");
    }

    @Test
    void aClusterScenariosLanesAreLabelledWithTheirNode() {
        Timeline t = Timelines.read("galera-savepoint");
        assertEquals(List.of(new Swimlanes.Lane("T1", 1), new Swimlanes.Lane("T2", 2)), Swimlanes.of(t).lanes());
        String svg = SwimlaneSvg.standalone(t);
        assertTrue(svg.contains("<g class=\"lane\" data-session=\"T2\" data-node=\"2\">"), svg);
        assertTrue(svg.contains(">node 2</text>"), svg);
        String mermaid = MermaidSequence.of(t);
        assertTrue(mermaid.contains("    participant T2 as T2 (node 2)\n    participant N1 as MariaDB node 1\n"
                + "    participant N2 as MariaDB node 2\n"), mermaid);
        assertTrue(mermaid.contains("    T2->>N2: 8. COMMIT\n    N2--xT2: ✗ ERROR ER_LOCK_DEADLOCK"), mermaid);
    }

    /**
     * What Mermaid's sequenceDiagram grammar accepts, for the statements this writer uses
     * (https://mermaid.js.org/syntax/sequenceDiagram.html): participants with an alias, messages
     * with the arrows ->>, -->> and --x, notes over two participants, and %% comments; message
     * text may not contain ';' (a statement separator) or '#' except in an entity code.
     */
    private static final Pattern LINE = Pattern.compile("    %% .*|sequenceDiagram|    participant [A-Za-z0-9]+( as [^;#]+)?"
            + "|    [A-Za-z0-9]+(->>|-->>|--x)[A-Za-z0-9]+: ([^;#]|#[0-9]+;)+|    Note over [A-Za-z0-9]+,[A-Za-z0-9]+: ([^;#]|#[0-9]+;)+");

    @ParameterizedTest
    @MethodSource("names")
    void mermaidUsesOnlyWhatItsGrammarAccepts(String name) {
        Timeline t = Timelines.read(name);
        String m = MermaidSequence.of(t);
        List<String> lines = m.lines().toList();
        assertEquals("sequenceDiagram", lines.get(0));
        for (String l : lines) {
            assertTrue(LINE.matcher(l).matches(), name + ": not in the grammar: " + l);
        }
        assertEquals(t.events().stream().filter(e -> e.kind() == TimelineEvent.Kind.RAN
                || e.kind() == TimelineEvent.Kind.BLOCKED).count(), count(m, "(?m)^    T[0-9]+->>"), "a message per step sent");
        assertEquals(t.events().stream().filter(e -> e.result() != null && e.result().error()).count(),
                count(m, "(?m)--xT[0-9]+: "), "an error is a reply with a cross");
        assertEquals(events(t, TimelineEvent.Kind.BLOCKED), count(m, "(?m)^    Note over T[0-9]+,(DB|N[0-9]): BLOCKED"));
    }

    @Test
    void mermaidEscapesItsSeparators() {
        assertEquals("a#59; b #35;1", MermaidSequence.text("a; b #1"));
    }

    @Test
    void thePageHasTheLockTableOfEachStepWhenTheRunHadLocks() {
        Timeline real = Timelines.read("savepoint-postgresql");
        assertTrue(ExplainHtml.page(real).contains("Run with <code>--locks</code>"));
        LockEntry waits = new LockEntry("T2", LockEntry.Status.WAITING, "T1's transaction", "ShareLock",
                "pg_locks: transactionid 745 ShareLock granted=false", "T2 waits for T1's transaction to end",
                List.of("T1"));
        Timeline withLocks = new Timeline(real.scenario(), real.product(), real.version(), real.isolation(), real.table(),
                real.events(), real.finalRows(), Optional.empty(), List.of(new LockSnapshot(7, List.of(waits))),
                List.of(new Deadlock(9, List.of("T1", "T2", "T1"), "T2", "DETAIL: Process 1 waits for ShareLock")));
        String page = ExplainHtml.page(withLocks);
        assertFalse(page.contains("Run with <code>--locks</code>"));
        assertEquals(Swimlanes.of(real).rows().size(), count(page, "<section class=\"locks-at\" data-only-step="));
        assertTrue(page.contains("<tr class=\"waiting\"><td><b>T2</b></td><td>waits for T1</td><td>T1&#39;s transaction"
                + "</td><td><code title=\"pg_locks: transactionid 745 ShareLock granted=false\">ShareLock</code></td>"), page);
        assertTrue(page.contains("<strong>Deadlock:</strong> T1 → T2 → T1; the server rolled back T2."), page);
        assertTrue(page.contains("<summary>the server's report</summary><pre>DETAIL: Process 1 waits"), page);
    }
}
