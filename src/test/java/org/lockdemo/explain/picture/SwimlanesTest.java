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
import org.lockdemo.explain.Scenario;
import org.lockdemo.explain.StepResult;
import org.lockdemo.explain.Timeline;
import org.lockdemo.explain.TimelineEvent;
import org.lockdemo.model.Isolation;
import org.lockdemo.model.RowKey;

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

    private static TimelineEvent event(TimelineEvent.Kind kind, int step, String session, String sql, int atStep,
            String result, List<String> waiting) {
        return new TimelineEvent(kind, step, session, sql, atStep,
                result == null ? null : new StepResult(result, false, null, 0, null, null), waiting);
    }

    @Test
    void aQueueAStillBlockedStepAndAStepThatNeverFinished() {
        Scenario s = new Scenario("queue", Optional.empty(),
                List.of("postgresql"), Isolation.READ_COMMITTED, "a queue", "", "",
                new RowKey(2016, 5), List.of("T1", "T2", "T3"), List.of());
        String lock = "SELECT 1 FROM t FOR UPDATE";
        Timeline t = new Timeline(s, "PostgreSQL", "18.3", "read committed", "t", List.of(
                event(TimelineEvent.Kind.RAN, 1, "T1", lock, 1, "1 row", List.of()),
                event(TimelineEvent.Kind.BLOCKED, 2, "T2", lock, 2, null, List.of("T1")),
                event(TimelineEvent.Kind.BLOCKED, 3, "T3", lock, 3, null, List.of("T1")),
                event(TimelineEvent.Kind.RAN, 4, "T1", "COMMIT", 4, "committed", List.of()),
                event(TimelineEvent.Kind.FINISHED, 2, "T2", lock, 4, "1 row", List.of()),
                event(TimelineEvent.Kind.STILL_BLOCKED, 3, "T3", lock, 4, null, List.of("T2"))),
                List.of(), Optional.of("T3 waits for a lock no later step releases"));
        Swimlanes p = Swimlanes.of(t);
        assertEquals(List.of(new Swimlanes.Bar(1, 1, 3, true), new Swimlanes.Bar(2, 2, 3, false)), p.bars());
        assertEquals(List.of(new Swimlanes.Arrow(1, 0, 1), new Swimlanes.Arrow(2, 0, 2), new Swimlanes.Arrow(2, 1, 3)),
                p.arrows(), "T3's wait moves from T1 to T2 at step 4");
        String svg = SwimlaneSvg.standalone(t);
        assertEquals(1, count(svg, "<g class=\"bar unfinished\" data-session=\"T3\" data-from-step=\"3\" data-to-step=\"4\">"));
        assertEquals(1, count(svg, "<g class=\"box still-blocked\" data-step=\"4\" data-session=\"T3\">"));
        assertTrue(svg.contains(">T2 holds the lock</text>"), svg);
        assertTrue(ExplainHtml.page(t).contains("<strong>Stopped:</strong> T3 waits for a lock no later step releases"));
        assertTrue(MermaidSequence.of(t).contains("    Note over T3,DB: still BLOCKED (waits for T2)\n"));
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
     * text may not contain ';' (a statement separator) or '#' except in an entity code. A
     * participant's id may end in an apostrophe (Sequelize's second connection, T2'), which
     * Mermaid 11.17 renders as it is (MermaidRenderIT renders that golden too).
     */
    private static final Pattern LINE = Pattern.compile("    %% .*|sequenceDiagram|    participant [A-Za-z0-9]+'?( as [^;#]+)?"
            + "|    [A-Za-z0-9]+'?(->>|-->>|--x)[A-Za-z0-9]+'?: ([^;#]|#[0-9]+;)+"
            + "|    Note over [A-Za-z0-9]+'?,[A-Za-z0-9]+'?: ([^;#]|#[0-9]+;)+");

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
                || e.kind() == TimelineEvent.Kind.BLOCKED).count(), count(m, "(?m)^    T[0-9]+'?->>"), "a message per step sent");
        assertEquals(t.events().stream().filter(e -> e.result() != null && e.result().error()).count(),
                count(m, "(?m)--xT[0-9]+'?: "), "an error is a reply with a cross");
        assertEquals(events(t, TimelineEvent.Kind.BLOCKED), count(m, "(?m)^    Note over T[0-9]+'?,(DB|N[0-9]): BLOCKED"));
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
