package org.lockdemo.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;

/** What the sessions REPL makes of each line typed: pure, no database. */
class SessionsInputTest {
    private final SessionsInput input = new SessionsInput(List.of("T1", "T2", "T3"));

    @Test
    void aStatementEndsWithASemicolonAndRunsOnTheCurrentSession() {
        assertEquals("T1> ", input.prompt());
        assertEquals(new SessionsInput.Statement("T1", "select 1"), input.feed("select 1;"));
        assertEquals(new SessionsInput.Statement("T1", "select 1"), input.feed("  select 1 ;  "));
    }

    @Test
    void aStatementMaySpanLinesAndThePromptSaysSo() {
        assertEquals(new SessionsInput.Pending(), input.feed("insert into lockdemo_explain"));
        assertEquals("T1-> ", input.prompt());
        assertEquals(new SessionsInput.Pending(), input.feed("  (jahr, monat, some_value)"));
        assertEquals(new SessionsInput.Statement("T1", "insert into lockdemo_explain\n  (jahr, monat, some_value)\n"
                + "values (2016, 5, 0)"), input.feed("values (2016, 5, 0);"));
        assertEquals("T1> ", input.prompt());
    }

    @Test
    void aSessionPrefixRunsThereAndMakesItCurrent() {
        assertEquals(new SessionsInput.Statement("T2", "commit"), input.feed("T2: commit;"));
        assertEquals("T2", input.current());
        assertEquals(new SessionsInput.Statement("T3", "select 1"), input.feed("T3> select 1;"), "as the issue writes it");
        assertEquals(new SessionsInput.Statement("T1", "rollback"), input.feed("t1: rollback;"), "any case");
        assertEquals(new SessionsInput.Switch("T2"), input.feed("T2:"));
        assertEquals("T2> ", input.prompt());
    }

    @Test
    void aWordThatIsNoSessionIsPartOfTheStatement() {
        assertEquals(new SessionsInput.Pending(), input.feed("T9: select 1"));
        assertEquals("T1", input.current());
    }

    @Test
    void backslashCommands() {
        assertEquals(new SessionsInput.Switch("T2"), input.feed("\\2"));
        assertEquals(new SessionsInput.Switch("T3"), input.feed("\\T3"));
        assertEquals(new SessionsInput.Locks(), input.feed("\\locks"));
        assertEquals(new SessionsInput.Schedule(), input.feed("\\schedule"));
        assertEquals(new SessionsInput.Save(Path.of("my race.json")), input.feed("\\save my race.json"));
        assertEquals(new SessionsInput.Help(), input.feed("\\?"));
        assertEquals(new SessionsInput.Help(), input.feed("\\help"));
        assertEquals(new SessionsInput.Quit(), input.feed("\\q"));
    }

    @Test
    void badCommandsSayWhyInOneLine() {
        assertEquals(new SessionsInput.Invalid("\\4: there are 3 sessions (T1, T2, T3)"), input.feed("\\4"));
        assertEquals(new SessionsInput.Invalid("unknown command \\lock; \\help lists the commands"), input.feed("\\lock"));
        assertEquals(new SessionsInput.Invalid("\\save needs a file name, e.g. \\save my-race.json"), input.feed("\\save"));
        assertEquals("T1", input.current(), "nothing switched");
    }

    @Test
    void ctrlCOrBackslashRForgetsTheStatementBeingTyped() {
        input.feed("insert into");
        assertEquals(new SessionsInput.Nothing("statement cleared"), input.feed(SessionsInput.INTERRUPT));
        assertEquals("T1> ", input.prompt());
        input.feed("insert into");
        assertEquals(new SessionsInput.Nothing("statement cleared"), input.feed("\\r"));
        assertEquals(new SessionsInput.Nothing(""), input.feed(SessionsInput.INTERRUPT), "nothing to clear");
    }

    @Test
    void emptyLinesCommentsAndLoneSemicolonsDoNothing() {
        assertEquals(new SessionsInput.Nothing(""), input.feed(""));
        assertEquals(new SessionsInput.Nothing(""), input.feed("-- T1 inserts first"));
        assertEquals(new SessionsInput.Nothing(""), input.feed(";"));
        assertTrue(SessionsInput.HELP.stream().anyMatch(l -> l.contains("\\save FILE")));
    }
}
