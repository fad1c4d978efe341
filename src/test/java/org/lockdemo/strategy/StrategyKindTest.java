package org.lockdemo.strategy;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Arrays;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/** The registry: every strategy has its facts in StrategyKind, and its lesson reads its counts. */
class StrategyKindTest {
    private static final ExplanationFacts QUIET = new ExplanationFacts(100, 0, 0, 0, 0, 0, 0);
    private static final ExplanationFacts SURFACED = new ExplanationFacts(100, 3, 0, 2, 0, 0, 0);

    @ParameterizedTest
    @EnumSource(StrategyKind.class)
    void everyKindHasItsFacts(StrategyKind k) {
        assertFalse(k.description().isBlank(), k.id());
        assertFalse(k.explain(QUIET).isBlank(), k.id());
        assertEquals(k, StrategyKind.fromId(k.id()).orElseThrow());
        assertEquals(k, StrategyKind.fromId(k.id().toUpperCase(java.util.Locale.ROOT)).orElseThrow());
    }

    @ParameterizedTest
    @EnumSource(value = StrategyKind.class, names = {"NAIVE"}, mode = EnumSource.Mode.EXCLUDE)
    void surfacedDuplicatesAreCountedInTheLesson(StrategyKind k) {
        assertTrue(k.explain(SURFACED).contains("5 duplicate-key errors reached the application"), k.explain(SURFACED));
    }

    @Test
    void idsKeepTheirCommandLineSpelling() {
        for (String id : List.of("naive", "getorcreate", "create-first", "savepoint", "nowait", "upsert",
                "upsert-returning", "advisory", "serializable")) {
            assertTrue(StrategyKind.fromId(id).isPresent(), id);
        }
        assertTrue(StrategyKind.ids().startsWith("naive, getorcreate, savepoint, nowait, "), StrategyKind.ids());
        assertTrue(StrategyKind.fromId("no-such").isEmpty());
        // an id is no group's name, so --strategy never has to guess
        for (StrategyKind k : StrategyKind.values()) {
            assertTrue(Framework.fromId(k.id()).isEmpty(), k.id());
        }
    }

    @Test
    void theRegistryIsInGroupOrderAndEveryKindSaysWhatItIsModelledOn() {
        List<StrategyKind> kinds = Arrays.asList(StrategyKind.values());
        for (int i = 1; i < kinds.size(); i++) {
            assertTrue(kinds.get(i - 1).framework().ordinal() <= kinds.get(i).framework().ordinal(),
                    kinds.get(i - 1).id() + " before " + kinds.get(i).id());
        }
        for (StrategyKind k : kinds) {
            var m = k.modelledOn();
            assertFalse(m.call().isBlank() || m.version().isBlank() || m.source().isBlank() || m.failureModes().isBlank(),
                    k.id() + ": " + m);
            assertTrue(StrategyKind.of(k.framework()).contains(k), k.id());
        }
        assertEquals(List.of(StrategyKind.NAIVE, StrategyKind.GETORCREATE, StrategyKind.SAVEPOINT, StrategyKind.NOWAIT),
                StrategyKind.of(Framework.DJANGO).subList(0, 4));
    }

    @Test
    void naiveCountsItsUniqueViolations() {
        assertTrue(StrategyKind.NAIVE.explain(SURFACED).startsWith("3 of 100 attempts got a unique violation"));
        assertTrue(StrategyKind.NAIVE.explain(QUIET).startsWith("no unique violation this time"));
    }

    @Test
    void savepointNamesTheLosersOfTheInsertRace() {
        assertEquals("no unique violation reached the application: 4 attempts lost the INSERT race, rolled back to "
                + "the savepoint and then locked the winner's row",
                StrategyKind.SAVEPOINT.explain(new ExplanationFacts(100, 0, 4, 0, 0, 0, 0)));
        assertEquals("no unique violation reached the application", StrategyKind.SAVEPOINT.explain(QUIET));
    }

    @Test
    void nowaitCountsLockNotAvailable() {
        assertTrue(StrategyKind.NOWAIT.explain(new ExplanationFacts(100, 0, 0, 0, 9, 0, 0))
                .startsWith("9 attempts found the row locked"));
    }

    @Test
    void advisoryAcrossNodesSaysGetLockIsOneServers() {
        assertTrue(StrategyKind.ADVISORY.explain(new ExplanationFacts(100, 0, 0, 0, 0, 0, 3))
                .startsWith("GET_LOCK is a lock of one server"));
        assertTrue(StrategyKind.ADVISORY.explain(new ExplanationFacts(100, 0, 0, 0, 0, 0, 1))
                .startsWith("no unique violation: the advisory lock"));
    }

    @Test
    void serializableCountsRetries() {
        assertTrue(StrategyKind.SERIALIZABLE.explain(new ExplanationFacts(100, 0, 0, 0, 0, 7, 0))
                .endsWith("the database detected the race 7 times and the transactions were retried"));
    }

    @Test
    void getorcreatePointsAtTheLostUpdateCheck() {
        assertTrue(StrategyKind.GETORCREATE.explain(QUIET).contains("see no_lost_update"));
    }

    @Test
    void safetyFlags() {
        assertFalse(StrategyKind.NAIVE.expectedSafe());
        assertFalse(StrategyKind.GETORCREATE.expectedSafe());
        assertFalse(StrategyKind.GETORCREATE.locksRow());
        assertTrue(StrategyKind.ADVISORY.expectedSafe());
        assertFalse(StrategyKind.ADVISORY.expectedSafeAcrossNodes());
        assertTrue(StrategyKind.SAVEPOINT.expectedSafeAcrossNodes());
    }
}
