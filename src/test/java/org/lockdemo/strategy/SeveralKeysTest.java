package org.lockdemo.strategy;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Arrays;
import java.util.Set;
import java.util.TreeSet;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;
import org.lockdemo.model.Outcome;

/** Which built-ins can take several keys in one transaction, and the one outcome of such an attempt. */
class SeveralKeysTest {

    @Test
    void theStrategiesWhoseAttemptIsOneTransactionWithAPartPerKey() {
        Set<String> can = Arrays.stream(StrategyKind.values()).filter(k -> SeveralKeys.whyNot(k).isEmpty())
                .map(StrategyKind::id).collect(Collectors.toCollection(TreeSet::new));
        assertEquals(new TreeSet<>(Set.of("getorcreate", "savepoint", "nowait", "create-first", "upsert",
                "upsert-multirow", "upsert-returning", "insert-ignore", "insert-where-not-exists", "merge",
                "upsert-old-new", "on-conflict-do-select")), can);
        assertTrue(SeveralKeys.whyNot(StrategyKind.NAIVE).orElseThrow().startsWith("naive cannot get or create several"));
    }

    @Test
    void aCommittedAttemptIsCreatedIfItCreatedAnyKeyElseAfterConflictIfItMetOne() {
        assertEquals(Outcome.CREATED, outcome(Outcome.FOUND, Outcome.CREATED, Outcome.FOUND_AFTER_CONFLICT));
        assertEquals(Outcome.FOUND_AFTER_CONFLICT, outcome(Outcome.FOUND, Outcome.FOUND_AFTER_CONFLICT));
        assertEquals(Outcome.FOUND, outcome(Outcome.FOUND, Outcome.FOUND));
        AttemptState unfinished = new AttemptState();
        unfinished.reset(2);
        unfinished.keyOutcome(0, Outcome.FOUND);
        assertThrows(IllegalStateException.class, () -> KeysOutcome.of(unfinished));
    }

    private static Outcome outcome(Outcome... keys) {
        AttemptState s = new AttemptState();
        s.reset(keys.length);
        for (int i = 0; i < keys.length; i++) {
            s.keyOutcome(i, keys[i]);
        }
        return KeysOutcome.of(s);
    }

    @Test
    void theAttemptRacedIfItRacedForAnyOfItsKeys() {
        AttemptState s = new AttemptState();
        s.reset(2);
        s.firstRowRead(false); // the first key: none there
        s.atKey(1);
        s.firstRowRead(true); // the second: found
        assertTrue(s.raced());
    }
}
