package org.lockdemo.race;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotSame;
import static org.junit.jupiter.api.Assertions.assertSame;

import org.junit.jupiter.api.Test;
import org.lockdemo.model.RowKey;

class RowKeyCacheTest {
    @Test
    void aKeySeenBeforeIsTheSameObject() {
        RowKeyCache cache = new RowKeyCache();
        RowKey first = cache.of(13);
        assertEquals(new RowKey(2, 2), first);
        assertSame(first, cache.of(13));
    }

    @Test
    void keysSharingASlotAreStillTheRightKeys() {
        RowKeyCache cache = new RowKeyCache();
        long a = 5;
        long b = 5 + RowKeyCache.SLOTS;
        RowKey ka = cache.of(a);
        assertEquals(RowKey.ofIndex(b), cache.of(b));
        RowKey again = cache.of(a);
        assertEquals(ka, again);
        assertNotSame(ka, again, "b took the slot, so a was built anew");
        assertEquals(a, again.index());
    }
}
