package org.lockdemo.explain;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.util.ArrayList;
import java.util.List;
import java.util.OptionalInt;
import org.junit.jupiter.api.Test;

/** The default race's turns and an explicit --schedule, over hand-written sessions; no database. */
class FileScheduleTest {
    private final List<FileSchedule.State> states = List.of(new FileSchedule.State(), new FileSchedule.State());

    /** Sends what {@code rule} chooses from each session's script until it says stop; the sessions chosen, 1-based. */
    private List<Integer> play(FileSchedule rule, List<List<String>> scripts, String blockOn) {
        int[] at = {0, 0};
        List<Integer> order = new ArrayList<>();
        while (true) {
            OptionalInt next = rule.next(states);
            if (next.isEmpty()) {
                return order;
            }
            int s = next.getAsInt();
            if (at[s] == scripts.get(s).size()) {
                states.get(s).ended = true;
                continue;
            }
            String sql = scripts.get(s).get(at[s]++);
            order.add(s + 1);
            states.get(s).sent(sql);
            rule.sent();
            // T2's INSERT waits for T1 until T1's COMMIT
            if (s == 1 && sql.equals(blockOn) && !states.get(0).ended) {
                states.get(1).waiting = true;
            }
            if (s == 0 && sql.equals("COMMIT")) {
                states.get(1).waiting = false;
            }
        }
    }

    private static final List<String> SAVEPOINT = List.of("SELECT ... FOR UPDATE", "SAVEPOINT sp", "INSERT ...",
            "RELEASE SAVEPOINT sp", "UPDATE ...", "COMMIT");

    @Test
    void bothLookThenBothInsertThenEachToItsEnd() {
        assertEquals(List.of(1, 2, 1, 1, 2, 2, 1, 1, 1, 2, 2, 2, 2), play(FileSchedule.race(),
                List.of(SAVEPOINT, List.of("SELECT ... FOR UPDATE", "SAVEPOINT sp", "INSERT ...", "ROLLBACK TO SAVEPOINT sp",
                        "SELECT ... FOR UPDATE", "UPDATE ...", "COMMIT")), "INSERT ..."));
    }

    /** An upsert first: the first statement on the row is the INSERT, so the INSERT turns are skipped. */
    @Test
    void anInsertFirstSkipsTheInsertTurns() {
        List<String> upsert = List.of("SET TRANSACTION ISOLATION LEVEL READ COMMITTED", "INSERT ... ON CONFLICT DO NOTHING",
                "SELECT ... FOR UPDATE", "UPDATE ...", "COMMIT");
        assertEquals(List.of(1, 1, 2, 2, 1, 1, 1, 2, 2, 2), play(FileSchedule.race(), List.of(upsert, upsert),
                "INSERT ... ON CONFLICT DO NOTHING"));
    }

    @Test
    void anExplicitListThenTheFirstThatCanGoOn() {
        assertEquals(List.of(2, 1, 1, 1, 1, 1, 1, 2, 2, 2, 2, 2), play(FileSchedule.explicit(List.of(1, 0)),
                List.of(SAVEPOINT, SAVEPOINT), "none"));
    }

    @Test
    void theScheduleIsParsedAndCheckedEntryByEntry() {
        assertEquals(List.of(0, 1, 1), FileSchedule.parse("1, 2,2", 2));
        assertEquals("--schedule 1,,2: entry 2 '' is not a session number (1 for T1, 2 for T2)",
                assertThrows(IllegalArgumentException.class, () -> FileSchedule.parse("1,,2", 2)).getMessage());
        assertEquals("--schedule 0: entry 1 is 0; the sessions are 1 (T1) and 2 (T2)",
                assertThrows(IllegalArgumentException.class, () -> FileSchedule.parse("0", 2)).getMessage());
    }
}
