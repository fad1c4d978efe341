package org.lockdemo.strategy.file;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.lockdemo.model.RowKey;

/** The user's key columns bound from lockdemo's key, and read back to it: only what a key renders to. */
class KeyBindingTest {
    private static final List<KeyBinding> TENANT_SLUG = List.of(new KeyBinding("{jahr}", false),
            new KeyBinding("tag-{monat}", true));

    @Test
    void aKeyRendersAndReadsBackToItself() {
        for (long i = 0; i < 200; i++) {
            RowKey k = RowKey.ofIndex(i);
            List<String> values = TENANT_SLUG.stream().map(b -> b.render(k)).toList();
            assertEquals(Optional.of(k), KeyBinding.keyOf(TENANT_SLUG, values), values.toString());
        }
        List<KeyBinding> one = List.of(new KeyBinding("{jahr}/{monat}", true));
        assertEquals(Optional.of(new RowKey(2024, 11)), KeyBinding.keyOf(one, List.of("2024/11")));
        assertEquals(Optional.of(RowKey.ofIndex(4711)), KeyBinding.keyOf(List.of(new KeyBinding("{index}", false)),
                List.of("4711")));
    }

    @Test
    void aValueNoKeyRendersToIsNotTheRaces() {
        assertEquals(Optional.empty(), KeyBinding.keyOf(TENANT_SLUG, List.of("0", "seed")), "a seed row");
        assertEquals(Optional.empty(), KeyBinding.keyOf(TENANT_SLUG, List.of("0", "tag-1")), "jahr starts at 1");
        assertEquals(Optional.empty(), KeyBinding.keyOf(TENANT_SLUG, List.of("3", "tag-01")), "not what a key renders");
        assertEquals(Optional.empty(), KeyBinding.keyOf(TENANT_SLUG, List.of("3", "tag-13")), "no 13th month");
        assertEquals(Optional.empty(), KeyBinding.keyOf(TENANT_SLUG, java.util.Arrays.asList("3", null)), "NULL");
        List<KeyBinding> twice = List.of(new KeyBinding("{jahr}", false), new KeyBinding("{jahr}-{monat}", true));
        assertEquals(Optional.empty(), KeyBinding.keyOf(twice, List.of("3", "4-5")), "the columns disagree on jahr");
        assertEquals(Optional.of(new RowKey(3, 5)), KeyBinding.keyOf(twice, List.of("3", "3-5")));
    }
}
