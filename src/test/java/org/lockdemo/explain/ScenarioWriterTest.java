package org.lockdemo.explain;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.lockdemo.model.Isolation;

/**
 * What the sessions REPL's {@code \save} writes reads back as the same scenario (the replay on a
 * database is SessionsIT's); and typed SQL becomes the steps a scenario file would give.
 */
class ScenarioWriterTest {

    @Test
    void typedSqlIsAStepOnLockdemosTable() {
        assertEquals(new Step(1, "T1", Step.Action.SQL, "insert into {table} values (1, 2016, 5, 0)", List.of()),
                TypedSql.step(1, "T1", " insert into LOCKDEMO_EXPLAIN values (1, 2016, 5, 0);; "));
        assertEquals("select * from {table} where id = 1",
                TypedSql.step(2, "T2", "select * from {table} where id = 1").sql(), "{table} as a scenario writes it");
        assertEquals("select * from lockdemo_explain_x", TypedSql.step(3, "T1", "select * from lockdemo_explain_x").sql(),
                "another table whose name starts the same is left alone");
        assertEquals(Step.Action.COMMIT, TypedSql.step(4, "T1", "Commit").action());
        assertEquals("ROLLBACK", TypedSql.step(5, "T2", "rollback;").sql());
    }

    @Test
    void whatIsWrittenReadsBackAsTheSameSteps() throws Exception {
        List<Step> steps = List.of(TypedSql.step(1, "T1", "insert into lockdemo_explain (jahr, monat, some_value) values (2016, 5, 0)"),
                TypedSql.step(2, "T2", "insert into lockdemo_explain (jahr, monat, some_value) values (2016, 5, 0)"),
                TypedSql.step(3, "T1", "commit"), TypedSql.step(4, "T2", "rollback"),
                TypedSql.step(5, "T2", "select 'it''s \"quoted\"'"));
        Scenario typed = new Scenario("typed-mysql", Optional.empty(), List.of("mysql"), Isolation.REPEATABLE_READ,
                "typed in lockdemo sessions", "", "", ScenarioReader.DEFAULT_KEY, List.of("T1", "T2"), steps, Map.of());
        String json = ScenarioWriter.json(typed);
        Scenario back = ScenarioReader.read(json, "saved");
        assertEquals(steps, back.steps());
        assertEquals(typed, back);
        assertTrue(json.contains("\"order\" : [ \"T1 s1\", \"T2 s2\", \"T1 commit\", \"T2 rollback\", \"T2 s5\" ]"), json);
    }

    @Test
    void aSessionsSetupIsWrittenAndReadsBack() throws Exception {
        Scenario typed = new Scenario("typed-postgresql", Optional.empty(), List.of("postgresql"), Isolation.DEFAULT,
                "typed", "", "", ScenarioReader.DEFAULT_KEY, List.of("T1", "T2"),
                List.of(TypedSql.step(1, "T2", "select 1")), Map.of(), "", Optional.empty(), Optional.empty(),
                Map.of("T2", List.of("SET deadlock_timeout = '10s'", "SET lock_timeout = '1s'")));
        Scenario back = ScenarioReader.read(ScenarioWriter.json(typed), "saved");
        assertEquals(typed, back);
        assertEquals(List.of("SET deadlock_timeout = '10s'", "SET lock_timeout = '1s'"), back.setup("T2"));
    }

    @Test
    void sessionsOnSeveralNodesAreWrittenAsACluster() throws Exception {
        Scenario typed = new Scenario("typed-mysql", Optional.empty(), List.of("mysql"), Isolation.DEFAULT, "typed", "", "",
                ScenarioReader.DEFAULT_KEY, List.of("T1", "T2"), List.of(TypedSql.step(1, "T2", "select 1")),
                Map.of("T1", 1, "T2", 2));
        Scenario back = ScenarioReader.read(ScenarioWriter.json(typed), "saved");
        assertEquals(2, back.node("T2"));
        assertTrue(back.clustered());
    }

    @Test
    void aQuestionMarkCannotBeWrittenSinceTheReaderTakesItForAParameter() {
        Scenario typed = new Scenario("typed-postgresql", Optional.empty(), List.of("postgresql"), Isolation.DEFAULT,
                "typed", "", "", ScenarioReader.DEFAULT_KEY, List.of("T1"), List.of(TypedSql.step(1, "T1", "select ?")),
                Map.of());
        ScenarioException e = assertThrows(ScenarioException.class, () -> ScenarioWriter.json(typed));
        assertEquals("step 1 (T1: select ?) has a '?', which a scenario file reads as a parameter; type the value instead",
                e.getMessage());
    }

    @Test
    void theReplLinesNameTheSessionTheStepAndWhatHappened() {
        StepResult dup = new StepResult("ERROR unique_violation (SQLState 23505): duplicate key", true, "23505", 0,
                "unique_violation", "unique_violation");
        assertEquals("T2: step 2 BLOCKED (waits for T1)", LiveLines.of(new TimelineEvent(TimelineEvent.Kind.BLOCKED, 2,
                "T2", "insert", 2, null, List.of("T1"))));
        assertEquals("T2: step 2 finished at step 3 → ERROR unique_violation (SQLState 23505): duplicate key",
                LiveLines.of(new TimelineEvent(TimelineEvent.Kind.FINISHED, 2, "T2", "insert", 3, dup, List.of())));
        assertEquals("T1: step 1 → created (1 row)", LiveLines.of(new TimelineEvent(TimelineEvent.Kind.RAN, 1, "T1",
                "insert", 1, StepResult.ok("created (1 row)"), List.of())));
        assertEquals("T3: step 4 still BLOCKED (now waits for T2)", LiveLines.of(new TimelineEvent(
                TimelineEvent.Kind.STILL_BLOCKED, 4, "T3", "x", 5, null, List.of("T2"))));
    }
}
