package org.lockdemo.explain;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import org.junit.jupiter.api.Test;
import org.lockdemo.model.Isolation;
import org.lockdemo.model.SqlStep;

class ScenarioReaderTest {
    private static final String SELECT = "select some_value from {table} where (jahr = ? and monat = ?)";

    private static String scenario(String steps) {
        return "{\"name\": \"t\", \"dialects\": [\"postgresql\"], \"lesson\": \"l\", \"sessions\": [\"T1\", \"T2\"],\n"
                + " \"steps\": [" + steps + "]}";
    }

    @Test
    void readsSessionsStepsAndDefaults() throws Exception {
        Scenario s = ScenarioReader.read(scenario("{\"session\": \"T1\", \"sql\": \"" + SELECT + " for update nowait\"},"
                + "{\"session\": \"T2\", \"sql\": \"update {table} set some_value = ? where (jahr = ? and monat = ?)\","
                + " \"params\": [7, \"jahr\", \"monat\"]},"
                + "{\"session\": \"T2\", \"sql\": \"Commit\"}"), "test");
        assertEquals(List.of("T1", "T2"), s.sessions());
        assertEquals(Isolation.DEFAULT, s.isolation());
        assertEquals(ScenarioReader.DEFAULT_KEY, s.key());
        assertEquals(3, s.steps().size());
        Step lock = s.steps().get(0);
        assertEquals(SqlStep.LOCK_NOWAIT, lock.sqlStep(), "the classifier needs to know a NOWAIT read");
        assertEquals("[jahr, monat]", lock.params().toString(), "two '?' bind the key by default");
        assertEquals("[7, jahr, monat]", s.steps().get(1).params().toString());
        assertEquals(Step.Action.COMMIT, s.steps().get(2).action());
        assertEquals("COMMIT", s.steps().get(2).sql());
        assertEquals(3, s.steps().get(2).number());
    }

    @Test
    void syntaxErrorNamesLineAndColumn() {
        ScenarioException e = assertThrows(ScenarioException.class,
                () -> ScenarioReader.read(scenario("{\"session\": \"T1\" \"sql\": \"commit\"}"), "bad.json"));
        assertTrue(e.getMessage().startsWith("bad.json: not valid JSON at line 2, column "), e.getMessage());
    }

    @Test
    void unknownSessionIsNamedWithTheKnownOnes() {
        ScenarioException e = assertThrows(ScenarioException.class,
                () -> ScenarioReader.read(scenario("{\"session\": \"T3\", \"sql\": \"commit\"}"), "s.json"));
        assertEquals("s.json: step 1: unknown session 'T3'; the scenario's sessions are T1, T2", e.getMessage());
    }

    /** GET_LOCK's name is text: MariaDB refuses a number there; a bare string other than jahr/monat is a typo. */
    @Test
    void aTextParameterIsWrittenAsAnObject() throws Exception {
        Scenario s = ScenarioReader.read(scenario("{\"session\": \"T1\", \"sql\": \"SELECT RELEASE_LOCK(?)\","
                + " \"params\": [{\"text\": \"k:2016:5\"}]}"), "s.json");
        assertEquals(List.of(Step.Param.text("k:2016:5")), s.steps().get(0).params());
        assertEquals("['k:2016:5']", s.steps().get(0).params().toString());
        ScenarioException e = assertThrows(ScenarioException.class, () -> ScenarioReader.read(
                scenario("{\"session\": \"T1\", \"sql\": \"SELECT RELEASE_LOCK(?)\", \"params\": [\"k\"]}"), "s.json"));
        assertEquals("s.json: step 1: parameter 'k' must be \"jahr\", \"monat\", \"id\", \"some_value + 1\", a whole "
                + "number or {\"text\": \"...\"}", e.getMessage());
    }

    private static final String GET = "SELECT id, jahr, monat, some_value FROM {table} WHERE (jahr = ? AND monat = ?) LIMIT 21";
    private static final String SAVE = "UPDATE {table} SET some_value = ? WHERE id = ?";

    /** Django's save() binds the id of the row the session read, and the value it computed from it. */
    @Test
    void idAndSomeValuePlusOneBindTheSessionsLastRow() throws Exception {
        Scenario s = ScenarioReader.read(scenario("{\"session\": \"T1\", \"sql\": \"" + GET + "\"},"
                + "{\"session\": \"T1\", \"sql\": \"" + SAVE + "\", \"params\": [\"some_value + 1\", \"id\"]},"
                + "{\"session\": \"T1\", \"sql\": \"" + SAVE + "\", \"params\": [\"some_value+1\", \"id\"]}"), "s.json");
        List<Step.Param> params = s.steps().get(1).params();
        assertEquals(List.of(Step.Param.Kind.ROW_VALUE_PLUS_ONE, Step.Param.Kind.ROW_ID),
                params.stream().map(Step.Param::kind).toList());
        assertEquals("[some_value + 1, id]", params.toString());
        assertTrue(params.stream().allMatch(Step.Param::fromLastRow));
        assertEquals(params, s.steps().get(2).params(), "spaces around + do not matter");
        assertFalse(s.steps().get(0).params().stream().anyMatch(Step.Param::fromLastRow));
        assertThrows(ScenarioException.class, () -> ScenarioReader.read(scenario("{\"session\": \"T1\", \"sql\": \""
                + GET + "\", \"params\": [\"ja hr\", \"monat\"]}"), "s.json"), "only the spaces around + are loose");
    }

    /** A session's last row is its own: another session's read does not give it one. */
    @Test
    void aLastRowParameterBeforeTheSessionReadsIsReported() {
        ScenarioException e = assertThrows(ScenarioException.class, () -> ScenarioReader.read(scenario(
                "{\"session\": \"T1\", \"sql\": \"" + GET + "\"}, {\"session\": \"T2\", \"sql\": \"SAVEPOINT a\"},"
                        + "{\"session\": \"T2\", \"sql\": \"" + SAVE + "\", \"params\": [\"some_value + 1\", \"id\"]}"),
                "s.json"));
        assertEquals("s.json: step 3: parameter \"some_value + 1\" binds the row T2 last read or inserted, but no step of "
                + "T2 before it reads or inserts one (a SELECT of id, or an INSERT)", e.getMessage());
    }

    /** {returning id}: RETURNING id where the server has INSERT ... RETURNING, nothing on MySQL. */
    @Test
    void returningIdEndsAnInsertWhereTheServerHasIt() throws Exception {
        String insert = "INSERT INTO {table} (jahr, monat, some_value) VALUES (?, ?, 0) {returning id}";
        Step step = ScenarioReader.read(scenario("{\"session\": \"T1\", \"sql\": \"" + insert + "\"}"), "s.json")
                .steps().get(0);
        assertEquals("INSERT INTO t (jahr, monat, some_value) VALUES (?, ?, 0) RETURNING id", step.sqlFor("t", true));
        assertEquals("INSERT INTO t (jahr, monat, some_value) VALUES (?, ?, 0)", step.sqlFor("t", false));
        assertEquals(SqlStep.INSERT, step.sqlStep());
        ScenarioException e = assertThrows(ScenarioException.class, () -> ScenarioReader.read(scenario(
                "{\"session\": \"T1\", \"sql\": \"SELECT id FROM {table} {returning id}\"}"), "s.json"));
        assertEquals("s.json: step 1: {returning id} goes at the end of an INSERT", e.getMessage());
    }

    @Test
    void parameterCountMustMatchTheQuestionMarks() {
        ScenarioException e = assertThrows(ScenarioException.class, () -> ScenarioReader.read(
                scenario("{\"session\": \"T1\", \"sql\": \"" + SELECT + "\", \"params\": [\"jahr\"]}"), "s.json"));
        assertEquals("s.json: step 1: the SQL has 2 '?' but 1 params", e.getMessage());
    }

    @Test
    void typoInAFieldIsReported() {
        ScenarioException e = assertThrows(ScenarioException.class,
                () -> ScenarioReader.read(scenario("{\"sesion\": \"T1\", \"sql\": \"commit\"}"), "s.json"));
        assertTrue(e.getMessage().startsWith("s.json: step 1: unknown field \"sesion\""), e.getMessage());
    }

    @Test
    void unknownIsolationAndDialectAreReported() {
        ScenarioException iso = assertThrows(ScenarioException.class, () -> ScenarioReader.read(
                "{\"name\": \"t\", \"dialects\": [\"postgresql\"], \"isolation\": \"snapshot\", \"lesson\": \"l\","
                        + " \"sessions\": [\"T1\"], \"steps\": [{\"session\": \"T1\", \"sql\": \"commit\"}]}", "s.json"));
        assertTrue(iso.getMessage().startsWith("s.json: isolation 'snapshot' is not one of"), iso.getMessage());
        ScenarioException dialect = assertThrows(ScenarioException.class, () -> ScenarioReader.read(
                "{\"name\": \"t\", \"dialects\": [\"oracle\"], \"lesson\": \"l\","
                        + " \"sessions\": [\"T1\"], \"steps\": [{\"session\": \"T1\", \"sql\": \"commit\"}]}", "s.json"));
        assertEquals("s.json: dialect 'oracle' is not one of postgresql, mysql, sqlite", dialect.getMessage());
    }

    private static String onSqlite(String dialects, String extra, String order) {
        return "{\"name\": \"t\", \"dialects\": " + dialects + ", \"lesson\": \"l\", \"sessions\": [\"T1\"]" + extra
                + ", \"steps\": {\"get\": \"" + SELECT + "\"}, \"order\": " + order + "}";
    }

    /** A SQLite scenario's BEGIN mode and journal, and its begin steps. */
    @Test
    void readsTheSqliteFieldsAndBeginSteps() throws Exception {
        Scenario s = ScenarioReader.read(onSqlite("[\"sqlite\"]", ", \"sqlite_begin\": \"immediate\", \"sqlite_journal\": \"wal\"",
                "[\"T1 begin\", \"T1 get\", \"T1 commit\"]"), "s.json");
        assertEquals(java.util.Optional.of(org.lockdemo.db.SqliteSettings.Begin.IMMEDIATE), s.sqliteBegin());
        assertEquals(java.util.Optional.of(org.lockdemo.db.SqliteSettings.Journal.WAL), s.sqliteJournal());
        assertEquals(Step.Action.BEGIN, s.steps().get(0).action());
        assertEquals("BEGIN", s.steps().get(0).sql());
        Scenario plain = ScenarioReader.read(onSqlite("[\"sqlite\"]", "", "[\"T1 get\"]"), "s.json");
        assertEquals(java.util.Optional.empty(), plain.sqliteBegin(), "--sqlite-begin's default then");
    }

    /** begin and the sqlite_ fields belong to a scenario written for SQLite alone; a mode is one SQLite has. */
    @Test
    void sqliteFieldsOutsideASqliteScenarioAreRefused() {
        ScenarioException begin = assertThrows(ScenarioException.class, () -> ScenarioReader.read(
                onSqlite("[\"postgresql\"]", "", "[\"T1 begin\", \"T1 get\"]"), "s.json"));
        assertEquals("s.json: step 1 (\"T1 begin\"): begin is for a scenario written for SQLite alone, where the BEGIN's "
                + "mode is when the transaction takes the write lock; on postgresql a transaction begins with its first "
                + "statement", begin.getMessage());
        ScenarioException field = assertThrows(ScenarioException.class, () -> ScenarioReader.read(
                onSqlite("[\"sqlite\", \"mysql\"]", ", \"sqlite_begin\": \"immediate\"", "[\"T1 get\"]"), "s.json"));
        assertEquals("s.json: \"sqlite_begin\" is for a scenario written for SQLite alone (\"dialects\": [\"sqlite\"]), "
                + "got [sqlite, mysql]", field.getMessage());
        ScenarioException mode = assertThrows(ScenarioException.class, () -> ScenarioReader.read(
                onSqlite("[\"sqlite\"]", ", \"sqlite_journal\": \"truncate\"", "[\"T1 get\"]"), "s.json"));
        assertEquals("s.json: sqlite_journal 'truncate' is not one of wal, delete", mode.getMessage());
    }

    private static String onNodes(String dialects, String nodes) {
        return "{\"name\": \"t\", \"dialects\": " + dialects + ", \"lesson\": \"l\", \"sessions\": [\"T1\", \"T2\", \"T3\"],"
                + " \"nodes\": " + nodes + ", \"steps\": [{\"session\": \"T2\", \"sql\": \"commit\"}]}";
    }

    /** A session not named in "nodes" runs on node 1; a scenario without "nodes" is on one database. */
    @Test
    void nodesPlaceSessionsOnClusterNodes() throws Exception {
        Scenario s = ScenarioReader.read(onNodes("[\"mysql\"]", "{\"T2\": 2, \"T3\": 2}"), "s.json");
        assertEquals(1, s.node("T1"));
        assertEquals(2, s.node("T2"));
        assertEquals(java.util.Map.of("T1", 1, "T2", 2, "T3", 2), s.nodes());
        assertEquals(2, s.nodeCount());
        assertTrue(s.clustered());
        Scenario single = ScenarioReader.read(scenario("{\"session\": \"T2\", \"sql\": \"commit\"}"), "s.json");
        assertEquals(1, single.nodeCount());
        assertEquals(1, single.node("T2"));
        assertFalse(single.clustered());
    }

    @Test
    void badNodesAreReported() {
        assertEquals("s.json: nodes: unknown session 'T4'; the scenario's sessions are T1, T2, T3",
                assertThrows(ScenarioException.class, () -> ScenarioReader.read(onNodes("[\"mysql\"]", "{\"T4\": 2}"),
                        "s.json")).getMessage());
        assertEquals("s.json: nodes: session T2's node must be a whole number 1..8 (the position of its --url), got 0",
                assertThrows(ScenarioException.class, () -> ScenarioReader.read(onNodes("[\"mysql\"]", "{\"T2\": 0}"),
                        "s.json")).getMessage());
        assertEquals("s.json: nodes: the sessions use nodes [1, 3]; number them 1..2 without gaps, since each node is a "
                + "--url to give", assertThrows(ScenarioException.class, () -> ScenarioReader.read(
                        onNodes("[\"mysql\"]", "{\"T2\": 3}"), "s.json")).getMessage());
        assertEquals("s.json: a scenario on several nodes runs on a MariaDB Galera cluster; its dialects must be "
                + "[\"mysql\"], got [postgresql]", assertThrows(ScenarioException.class, () -> ScenarioReader.read(
                        onNodes("[\"postgresql\"]", "{\"T2\": 2}"), "s.json")).getMessage());
    }

    private static String withSetup(String setup) {
        return onNodes("[\"postgresql\"]", "{\"T1\": 1}").replace("\"nodes\": {\"T1\": 1}", "\"setup\": " + setup);
    }

    /** "setup": statements a session runs when it is opened, in the scenario's session order; none for the others. */
    @Test
    void setupGivesSessionsStatementsToRunWhenOpened() throws Exception {
        Scenario s = ScenarioReader.read(withSetup("{\"T3\": [\"SET a = 1\", \"SET b = 2\"], \"T1\": [\"SET c = 3\"]}"),
                "s.json");
        assertEquals(List.of("SET c = 3"), s.setup("T1"));
        assertEquals(List.of(), s.setup("T2"));
        assertEquals(List.of("SET a = 1", "SET b = 2"), s.setup("T3"));
        assertEquals(List.of("T1", "T3"), List.copyOf(s.setup().keySet()));
        assertEquals(java.util.Map.of(), ScenarioReader.read(onNodes("[\"mysql\"]", "{\"T1\": 1}"), "s.json").setup());
    }

    @Test
    void badSetupIsReported() {
        assertEquals("s.json: \"setup\" must be an object like {\"T1\": [\"SET deadlock_timeout = '10s'\"]}",
                error(withSetup("[\"SET a = 1\"]")));
        assertEquals("s.json: \"setup\" must be an object like {\"T1\": [\"SET deadlock_timeout = '10s'\"]}",
                error(withSetup("{}")));
        assertEquals("s.json: setup: unknown session 'T9'; the scenario's sessions are T1, T2, T3",
                error(withSetup("{\"T9\": [\"SET a = 1\"]}")));
        assertEquals("s.json: setup: session T2's setup must be a list of SQL statements, got \"SET a = 1\"",
                error(withSetup("{\"T2\": \"SET a = 1\"}")));
        assertEquals("s.json: setup: session T2's statements must be non-empty strings, got 7",
                error(withSetup("{\"T2\": [7]}")));
        assertEquals("s.json: setup: session T2's statements must be non-empty strings, got \" \"",
                error(withSetup("{\"T2\": [\" \"]}")));
        assertEquals("s.json: setup: session T2's statement 'SET a = ?' has a '?'; setup statements take no parameters",
                error(withSetup("{\"T2\": [\"SET a = ?\"]}")));
    }

    /** Named steps, each defined once, sent in "order": what the built-ins use, as isolation specs do. */
    private static String named(String steps, String order) {
        return "{\"name\": \"t\", \"dialects\": [\"postgresql\"], \"lesson\": \"l\", \"sessions\": [\"T1\", \"T2\"],\n"
                + " \"steps\": {" + steps + "},\n \"order\": [" + order + "]}";
    }

    private static final String NAMED_STEPS = "\"get\": \"SELECT id, some_value FROM {table} WHERE (jahr = ? AND monat = ?)\","
            + " \"save\": {\"sql\": \"UPDATE {table} SET some_value = ? WHERE id = ?\", \"params\": [\"some_value + 1\", \"id\"]}";

    /** Found by ScenarioReaderPropertyTest: Jackson's message quotes a C1 control it stopped at, raw. */
    @Test
    void aParseErrorAtAControlCharacterIsOneEscapedLine() {
        String m = assertThrows(ScenarioException.class, () -> ScenarioReader.read("{\"name\": tru\u007fe}", "s.json"))
                .getMessage();
        assertTrue(m.startsWith("s.json: not valid JSON at line 1, column "), m);
        assertTrue(m.codePoints().noneMatch(Character::isISOControl), m);
        assertTrue(m.contains("tru\\u007fe"), m);
    }

    /** Found by ScenarioReaderPropertyTest: a C1 control in an order entry reached the message raw. */
    @Test
    void anOrderEntryWithAControlCharacterIsQuotedEscaped() {
        String m = assertThrows(ScenarioException.class, () -> ScenarioReader.read(named(NAMED_STEPS,
                "\"\u0085\u007f\""), "s.json")).getMessage();
        assertEquals("s.json: step 1 of \"order\" is \"\\u0085\\u007f\"; write each as \"SESSION STEP\", e.g. \"T1 get\"", m);
    }

    @Test
    void namedStepsAreSentInTheOrderGiven() throws Exception {
        Scenario s = ScenarioReader.read(named(NAMED_STEPS,
                "\"T1 get\", \"T2 get\", \"T1 save\", \"T1  commit\", \"T2 save\", \"T2 rollback\""), "s.json");
        Scenario legacy = ScenarioReader.read(scenario(
                "{\"session\": \"T1\", \"sql\": \"SELECT id, some_value FROM {table} WHERE (jahr = ? AND monat = ?)\"},"
                + "{\"session\": \"T2\", \"sql\": \"SELECT id, some_value FROM {table} WHERE (jahr = ? AND monat = ?)\"},"
                + "{\"session\": \"T1\", \"sql\": \"UPDATE {table} SET some_value = ? WHERE id = ?\", \"params\": [\"some_value + 1\", \"id\"]},"
                + "{\"session\": \"T1\", \"sql\": \"commit\"},"
                + "{\"session\": \"T2\", \"sql\": \"UPDATE {table} SET some_value = ? WHERE id = ?\", \"params\": [\"some_value + 1\", \"id\"]},"
                + "{\"session\": \"T2\", \"sql\": \"rollback\"}"), "s.json");
        assertEquals(legacy, s, "the older form, a list of steps, reads as the same scenario");
        assertEquals(6, s.steps().size());
        assertEquals(Step.Action.COMMIT, s.steps().get(3).action());
        assertEquals("ROLLBACK", s.steps().get(5).sql());
        assertEquals("[some_value + 1, id]", s.steps().get(4).params().toString());
    }

    @Test
    void anExplanationMayBeAListOfLines() throws Exception {
        String text = scenario("{\"session\": \"T1\", \"sql\": \"commit\"}");
        Scenario s = ScenarioReader.read(text.replace("\"lesson\": \"l\"",
                "\"lesson\": \"l\", \"explanation\": [\"T1 commits.\", \"Nothing else happens.\"]"), "s.json");
        assertEquals("T1 commits. Nothing else happens.", s.explanation());
        assertEquals("s.json: \"explanation\" must be a string or a list of strings, got 7",
                assertThrows(ScenarioException.class, () -> ScenarioReader.read(text.replace("\"lesson\": \"l\"",
                        "\"lesson\": \"l\", \"explanation\": [7]"), "s.json")).getMessage());
    }

    @Test
    void badNamedStepsAreReportedOnOneLine() {
        assertEquals("s.json: step 3 (\"T1 sav\"): no step \"sav\" in \"steps\"; the steps are get, save, and commit, "
                + "rollback and begin (SQLite's)", error(named(NAMED_STEPS, "\"T1 get\", \"T2 get\", \"T1 sav\"")));
        assertEquals("s.json: step 2 (\"T3 get\"): unknown session 'T3'; the scenario's sessions are T1, T2",
                error(named(NAMED_STEPS, "\"T1 get\", \"T3 get\", \"T1 save\"")));
        assertEquals("s.json: step 1 (\"T1 save\"): parameter \"some_value + 1\" binds the row T1 last read or inserted, "
                + "but no step of T1 before it reads or inserts one (a SELECT of id, or an INSERT)",
                error(named(NAMED_STEPS, "\"T1 save\", \"T1 get\"")));
        assertEquals("s.json: step 2 of \"order\" is \"T1\"; write each as \"SESSION STEP\", e.g. \"T1 get\"",
                error(named(NAMED_STEPS, "\"T1 get\", \"T1\", \"T1 save\"")));
        assertEquals("s.json: step \"save\" is defined in \"steps\" but \"order\" never sends it",
                error(named(NAMED_STEPS, "\"T1 get\"")));
        assertEquals("s.json: step \"commit\": commit, rollback and begin are built in; leave them out of \"steps\"",
                error(named("\"commit\": \"commit\"", "\"T1 commit\"")));
        assertEquals("s.json: step \"get\": the SQL has 1 '?' but no \"params\"; give one per '?', each \"jahr\", "
                + "\"monat\", \"id\", \"some_value + 1\", a whole number or {\"text\": \"...\"}",
                error(named("\"get\": \"SELECT 1 WHERE ? = 1\"", "\"T1 get\"")));
        assertEquals("s.json: \"order\" must be a non-empty list", error(named(NAMED_STEPS, "").replace(", \"order\": []", "")));
        assertTrue(error(named(NAMED_STEPS, "\"T1 get\", \"T1 save\"").replace("\"steps\": {", "\"steps\": [{\"session\": \"T1\", "
                + "\"sql\": \"commit\"}], \"x\": {")).startsWith("s.json: unknown field \"x\""));
        String both = scenario("{\"session\": \"T1\", \"sql\": \"commit\"}").replace("]}", "], \"order\": [\"T1 commit\"]}");
        assertEquals("s.json: \"order\" sends named steps; with \"steps\" a list, each step names its session and "
                + "\"order\" is left out", error(both));
    }

    private static String error(String text) {
        return assertThrows(ScenarioException.class, () -> ScenarioReader.read(text, "s.json")).getMessage();
    }
}
