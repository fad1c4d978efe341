package org.lockdemo.explain;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.lockdemo.explain.Step.Param.Kind;

/** What "id" and "some_value + 1" bind, from the results a session's steps gave; no database. */
class LastRowTest {
    private static final List<String> MODEL = List.of("id", "jahr", "monat", "some_value");

    @Test
    void aReadRowGivesItsIdAndItsValuePlusOne() throws Exception {
        LastRow row = LastRow.fromResult("T2", 12, false, MODEL, List.of(List.of("1", "2016", "5", "1"))).orElseThrow();
        assertEquals(1, row.value(Kind.ROW_ID));
        assertEquals(2, row.value(Kind.ROW_VALUE_PLUS_ONE));
    }

    /** INSERT ... RETURNING id: the new row has some_value 0, as lockdemo's INSERTs write it. */
    @Test
    void anInsertedRowHasValueZero() throws Exception {
        LastRow returned = LastRow.fromResult("T1", 4, true, List.of("ID"), List.of(List.of("7"))).orElseThrow();
        assertEquals(7, returned.value(Kind.ROW_ID));
        assertEquals(1, returned.value(Kind.ROW_VALUE_PLUS_ONE));
        LastRow reported = LastRow.inserted("T1", 4, 1, 7L); // MySQL: the id in the INSERT's answer
        assertEquals(7, reported.value(Kind.ROW_ID));
        assertEquals(1, reported.value(Kind.ROW_VALUE_PLUS_ONE));
    }

    @Test
    void noRowIsAOneLineErrorThatSaysWhy() {
        assertEquals("parameter \"id\" binds a value of the row T1 last read or inserted, and there is none: "
                + "T1 has read or inserted no row yet", message(LastRow.none("T1"), Kind.ROW_ID));
        LastRow missed = LastRow.fromResult("T2", 10, false, MODEL, List.of()).orElseThrow();
        assertEquals("parameter \"some_value + 1\" binds a value of the row T2 last read or inserted, and there is none: "
                + "T2's read at step 10 returned 0 rows", message(missed, Kind.ROW_VALUE_PLUS_ONE));
        assertEquals("parameter \"id\" binds a value of the row T1 last read or inserted, and there is none: T1's INSERT "
                + "at step 3 reported no id (end it with RETURNING id, or with {returning id} in a scenario for MySQL too)",
                message(LastRow.inserted("T1", 3, 1, null), Kind.ROW_ID));
        assertEquals("parameter \"id\" binds a value of the row T1 last read or inserted, and there is none: T1's INSERT "
                + "at step 3 inserted 0 rows", message(LastRow.inserted("T1", 3, 0, null), Kind.ROW_ID));
    }

    /** A read of the id alone gives the id; some_value + 1 then has nothing to add to. */
    @Test
    void aResultWithoutSomeValueBindsOnlyTheId() throws Exception {
        LastRow row = LastRow.fromResult("T1", 2, false, List.of("id"), List.of(List.of("3"))).orElseThrow();
        assertEquals(3, row.value(Kind.ROW_ID));
        assertEquals("parameter \"some_value + 1\" needs some_value of the row T1 read at step 2, and that result had no "
                + "some_value column", message(row, Kind.ROW_VALUE_PLUS_ONE));
    }

    /** SELECT pg_advisory_xact_lock(...), SELECT some_value ...: not a row of the model; the memory stays. */
    @Test
    void aResultWithoutAnIdLeavesTheMemoryAsItWas() {
        assertEquals(Optional.empty(), LastRow.fromResult("T1", 1, false, List.of("some_value"), List.of(List.of("0"))));
    }

    private static String message(LastRow row, Kind kind) {
        return assertThrows(ScenarioException.class, () -> row.value(kind)).getMessage();
    }
}
