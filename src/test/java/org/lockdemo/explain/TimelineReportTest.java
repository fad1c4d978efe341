package org.lockdemo.explain;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.lockdemo.model.Isolation;
import org.lockdemo.model.RowKey;
import org.lockdemo.strategy.StrategyKind;

class TimelineReportTest {
    private static final String INSERT = "insert into lockdemo_explain (jahr, monat, some_value) values (?, ?, 0)";

    private static Timeline timeline() {
        Scenario s = new Scenario("demo", Optional.of(StrategyKind.SAVEPOINT), List.of("postgresql"),
                Isolation.READ_COMMITTED, "T2 waits for T1.", "T2's INSERT waits for T1's transaction.",
                "https://example.org/doc", new RowKey(2016, 5), List.of("T1", "T2"), List.of());
        StepResult dup = new StepResult("ERROR unique_violation (SQLState 23505): duplicate key | here", true, "23505", 0,
                "unique_violation", "unique_violation");
        return new Timeline(s, "PostgreSQL", "18.3", "read committed", "lockdemo_explain", List.of(
                new TimelineEvent(TimelineEvent.Kind.RAN, 1, "T1", INSERT, 1, StepResult.ok("created (1 row)"), List.of()),
                new TimelineEvent(TimelineEvent.Kind.BLOCKED, 2, "T2", INSERT, 2, null, List.of("T1")),
                new TimelineEvent(TimelineEvent.Kind.RAN, 3, "T1", "COMMIT", 3, StepResult.ok("committed"), List.of()),
                new TimelineEvent(TimelineEvent.Kind.FINISHED, 2, "T2", INSERT, 3, dup, List.of())),
                List.of(new Timeline.FinalRow(2016, 5, 1234567)), Optional.empty());
    }

    private static String render(ExplainFormat f, Locale locale) {
        Locale before = Locale.getDefault();
        Locale.setDefault(locale);
        try {
            StringWriter w = new StringWriter();
            TimelineReport.render(timeline(), f, new PrintWriter(w));
            return w.toString();
        } finally {
            Locale.setDefault(before);
        }
    }

    @Test
    void listIsTheSameInEveryLocale() {
        String expected = String.join("\n",
                "lockdemo explain demo: PostgreSQL 18.3, isolation read committed, key (jahr, monat) = (2016, 5)",
                "Lesson: T2 waits for T1.",
                "",
                "step  session  statement, then -> result",
                "   1  T1       " + INSERT,
                "               -> created (1 row)",
                "   2  T2       " + INSERT,
                "               -> BLOCKED (waiting for T1)",
                "   3  T1       COMMIT",
                "               -> committed",
                "      T2       step 2, blocked until now, finishes -> ERROR unique_violation (SQLState 23505): duplicate key | here",
                "",
                "What happened:",
                "  T2's INSERT waits for T1's transaction.",
                "Reference: https://example.org/doc",
                "",
                "Final rows of lockdemo_explain:",
                "  jahr  monat  some_value",
                "  2016      5     1234567",
                "");
        assertEquals(expected, render(ExplainFormat.LIST, Locale.US).replace(System.lineSeparator(), "\n"));
        assertEquals(expected, render(ExplainFormat.LIST, Locale.GERMANY).replace(System.lineSeparator(), "\n"));
    }

    @Test
    void markdownPutsEachStepInItsSessionsColumnAndEscapesPipes() {
        String md = render(ExplainFormat.MARKDOWN, Locale.GERMANY);
        assertTrue(md.contains("| step | T1 | T2 |\n|---:|---|---|\n"), md);
        assertTrue(md.contains("| 2 | | `" + INSERT + "`<br>→ **BLOCKED (waits for T1)** |\n"), md);
        assertTrue(md.contains("| 3 | `COMMIT`<br>→ ✓ committed | └→ **✗ ERROR unique_violation (SQLState 23505): duplicate key "
                + "\\| here** |\n"), md);
        assertTrue(md.contains("| 2016 | 5 | 1234567 |"), md);
    }

    @Test
    void aStepThatLostTheReleasedLockToAnotherIsStillBlocked() {
        Timeline t = timeline();
        List<TimelineEvent> events = new java.util.ArrayList<>(t.events().subList(0, 3));
        events.add(new TimelineEvent(TimelineEvent.Kind.STILL_BLOCKED, 2, "T2", INSERT, 3, null, List.of("T3")));
        Timeline still = new Timeline(t.scenario(), t.product(), t.version(), t.isolation(), t.table(), events,
                t.finalRows(), Optional.of("the schedule ended"));
        StringWriter w = new StringWriter();
        TimelineReport.render(still, ExplainFormat.LIST, new PrintWriter(w));
        assertTrue(w.toString().contains("\n      T2       step 2 is still blocked -> BLOCKED (waiting for T3)\n\nStopped: "
                + "the schedule ended\n"), w.toString());
    }

    @Test
    void jsonHasNoTimings() throws Exception {
        var json = new com.fasterxml.jackson.databind.ObjectMapper().readTree(render(ExplainFormat.JSON, Locale.US));
        assertEquals("blocked", json.path("timeline").get(1).path("event").asText());
        assertEquals("T1", json.path("timeline").get(1).path("waiting_for").get(0).asText());
        assertEquals(3, json.path("timeline").get(3).path("at_step").asInt());
        assertEquals("23505", json.path("timeline").get(3).path("error").path("sqlstate").asText());
        json.path("timeline").forEach(e -> e.fieldNames().forEachRemaining(n ->
                assertTrue(!n.contains("ms") && !n.contains("time"), "no timing field in the timeline: " + n)));
    }

    /** A cluster scenario says which session ran on which node; others print and write as before. */
    @Test
    void aClusterScenarioNamesEachSessionsNode() throws Exception {
        Timeline t = timeline();
        Scenario s = t.scenario();
        Scenario onNodes = new Scenario(s.name(), s.strategy(), List.of("mysql"), s.isolation(), s.lesson(), s.explanation(),
                s.reference(), s.key(), s.sessions(), s.steps(), java.util.Map.of("T2", 2));
        Timeline cluster = new Timeline(onNodes, "MariaDB", "10.11.19", "READ-COMMITTED", t.table(), t.events(),
                t.finalRows(), Optional.empty());
        StringWriter text = new StringWriter();
        TimelineReport.render(cluster, ExplainFormat.TEXT, new PrintWriter(text));
        assertTrue(text.toString().contains("\nNodes: T1 on node 1, T2 on node 2 of one Galera cluster (the order of --url);"
                + " every session reads with wsrep_sync_wait = 1\nLesson: "), text.toString());
        StringWriter json = new StringWriter();
        TimelineReport.render(cluster, ExplainFormat.JSON, new PrintWriter(json));
        assertEquals("{\"T1\":1,\"T2\":2}",
                new com.fasterxml.jackson.databind.ObjectMapper().readTree(json.toString()).path("nodes").toString());
        assertTrue(new com.fasterxml.jackson.databind.ObjectMapper().readTree(render(ExplainFormat.JSON, Locale.US))
                .path("nodes").isMissingNode(), "no nodes for a scenario on one database");
    }

    /** A session's setup is printed under the lesson and written to the JSON, from which it reads back. */
    @Test
    void aSessionsSetupIsShownAboveTheSchedule() throws Exception {
        Timeline t = timeline();
        Scenario s = t.scenario();
        Scenario withSetup = new Scenario(s.name(), s.strategy(), s.dialects(), s.isolation(), s.lesson(), s.explanation(),
                s.reference(), s.key(), s.sessions(), s.steps(), s.nodes(), "", Optional.empty(), Optional.empty(),
                java.util.Map.of("T1", List.of("SET deadlock_timeout = '10s'")));
        Timeline set = new Timeline(withSetup, t.product(), t.version(), t.isolation(), t.table(), t.events(),
                t.finalRows(), Optional.empty());
        StringWriter text = new StringWriter();
        TimelineReport.render(set, ExplainFormat.TEXT, new PrintWriter(text));
        assertTrue(text.toString().contains("\nLesson: T2 waits for T1.\nSetup: T1 ran SET deadlock_timeout = '10s' when it"
                + " was opened, before step 1\n\n"), text.toString());
        StringWriter json = new StringWriter();
        TimelineReport.render(set, ExplainFormat.JSON, new PrintWriter(json));
        com.fasterxml.jackson.databind.JsonNode root = new com.fasterxml.jackson.databind.ObjectMapper().readTree(json.toString());
        assertEquals("{\"T1\":[\"SET deadlock_timeout = '10s'\"]}", root.path("setup").toString());
        assertEquals(withSetup.setup(), TimelineJsonReader.read(root).scenario().setup());
        assertTrue(new com.fasterxml.jackson.databind.ObjectMapper().readTree(render(ExplainFormat.JSON, Locale.US))
                .path("setup").isMissingNode(), "no setup for a scenario without one");
    }

    /** A timeline with --locks: T2 waits at step 2, nothing changes at step 3 but T1's lock goes, and a deadlock. */
    private static Timeline withLocks() {
        Timeline t = timeline();
        Scenario s = new Scenario(t.scenario().name(), t.scenario().strategy(), t.scenario().dialects(),
                t.scenario().isolation(), t.scenario().lesson(), t.scenario().explanation(), t.scenario().reference(),
                t.scenario().key(), t.scenario().sessions(), t.scenario().steps(), t.scenario().nodes(),
                "ShareLock on a transaction id means: wait for it to end.");
        LockEntry held = new LockEntry("T1", LockEntry.Status.HELD, "T1's own transaction id", "ExclusiveLock",
                "pg_locks: transactionid ExclusiveLock granted=true", "T1 has written rows.", List.of());
        LockEntry waiting = new LockEntry("T2", LockEntry.Status.WAITING, "T1's transaction id", "ShareLock",
                "pg_locks: transactionid ShareLock granted=false", "T2 waits for T1 to end.", List.of("T1"));
        return new Timeline(s, t.product(), t.version(), t.isolation(), t.table(), t.events(), t.finalRows(), t.stuck(),
                List.of(new LockSnapshot(1, List.of(held)), new LockSnapshot(2, List.of(held, waiting)),
                        new LockSnapshot(3, List.of(held, waiting))),
                List.of(new Deadlock(3, List.of("T2", "T1", "T2"), "T1", "T1 waits for ShareLock on the transaction of T2.")));
    }

    private static String renderLocks(ExplainFormat f) {
        StringWriter w = new StringWriter();
        TimelineReport.render(withLocks(), f, 80, new PrintWriter(w));
        return w.toString();
    }

    @Test
    void textHasTheLockTableUnderEachRowAndTheCycle() {
        String text = renderLocks(ExplainFormat.TEXT);
        assertTrue(text.contains("\n      locks after step 2:\n"
                + "        T1 holds ExclusiveLock on T1's own transaction id\n"
                + "          [pg_locks: transactionid ExclusiveLock granted=true]\n"
                + "          T1 has written rows.\n"
                + "        T2 waits for ShareLock on T1's transaction id (held by T1)\n"
                + "          [pg_locks: transactionid ShareLock granted=false]\n"
                + "          T2 waits for T1 to end.\n"), text);
        assertTrue(text.contains("      locks after step 3: unchanged\n"), text);
        assertTrue(text.contains("      DEADLOCK at step 3: T2 ──waits for──▶ T1 ──waits for──▶ T2\n"), text);
        assertTrue(text.contains("        the server's report:\n          T1 waits for ShareLock on the transaction of T2.\n"),
                text);
        assertTrue(text.contains("The locks:\n  ShareLock on a transaction id means: wait for it to end.\n"), text);
        // the heading and the reference are printed whole, as without --locks
        text.lines().skip(1).filter(l -> !l.startsWith("Reference: "))
                .forEach(l -> assertTrue(l.length() <= 80, "fits 80 columns: " + l));
    }

    @Test
    void listAndMarkdownCarryTheSameTables() {
        String list = renderLocks(ExplainFormat.LIST);
        assertTrue(list.contains("               -> BLOCKED (waiting for T1)\n\n               locks after step 2:\n"), list);
        String md = renderLocks(ExplainFormat.MARKDOWN);
        assertTrue(md.contains("**After step 2:**\n\n- T1 holds ExclusiveLock on T1's own transaction id — "
                + "`pg_locks: transactionid ExclusiveLock granted=true`: T1 has written rows.\n"), md);
        assertTrue(md.contains("**After step 3:** unchanged\n"), md);
        assertTrue(md.contains("**Deadlock:** T2 ──waits for──▶ T1 ──waits for──▶ T2; the server chose T1 as the victim."), md);
    }

    @Test
    void withoutLocksNoLockLines() {
        StringWriter w = new StringWriter();
        TimelineReport.render(timeline(), ExplainFormat.TEXT, 80, new PrintWriter(w));
        assertTrue(!w.toString().contains("locks after") && !w.toString().contains("The locks:"), w.toString());
    }

    @Test
    void jsonHasTheLocksNote() throws Exception {
        var json = new com.fasterxml.jackson.databind.ObjectMapper().readTree(renderLocks(ExplainFormat.JSON));
        assertEquals("ShareLock on a transaction id means: wait for it to end.", json.path("locks_note").asText());
        assertEquals(3, json.path("locks").size());
        assertEquals("[\"T2\",\"T1\",\"T2\"]", json.path("deadlocks").get(0).path("cycle").toString());
    }
}
