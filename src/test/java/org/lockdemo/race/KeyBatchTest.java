package org.lockdemo.race;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Arrays;
import org.junit.jupiter.api.Test;
import org.lockdemo.model.KeyOrder;
import org.lockdemo.model.RowKey;

/** The keys of an attempt of several: which, and in which order. */
class KeyBatchTest {

    @Test
    void theHotKeysAreEachRoundsFreshKeysTheSameForEveryThread() {
        KeyBatch a = new KeyBatch(3, 0, KeyOrder.SORTED, 7, 0);
        KeyBatch b = new KeyBatch(3, 0, KeyOrder.SORTED, 7, 5);
        assertArrayEquals(new long[] {0, 1, 2}, a.indexesFor(0));
        assertArrayEquals(new long[] {6, 7, 8}, a.indexesFor(2));
        assertArrayEquals(a.indexesFor(9), b.indexesFor(9));
    }

    @Test
    void withKeysTheyAreNInARowWrappingAroundSoNeighboursShareKeys() {
        KeyBatch a = new KeyBatch(3, 10, KeyOrder.SORTED, 7, 0);
        assertArrayEquals(new long[] {0, 8, 9}, a.indexesFor(8), "8, 9, 0 sorted");
        assertArrayEquals(new long[] {3, 4, 5}, a.indexesFor(3));
    }

    @Test
    void arrivalOrderIsAShuffleOfTheSameKeysDeterministicPerSeedAndDifferentPerThread() {
        KeyBatch one = new KeyBatch(4, 0, KeyOrder.ARRIVAL, 42, 1);
        KeyBatch again = new KeyBatch(4, 0, KeyOrder.ARRIVAL, 42, 1);
        KeyBatch other = new KeyBatch(4, 0, KeyOrder.ARRIVAL, 42, 2);
        int differs = 0;
        int unsorted = 0;
        for (long round = 0; round < 50; round++) {
            long[] x = one.indexesFor(round);
            assertArrayEquals(x, again.indexesFor(round), "the same seed and thread: the same order");
            long[] y = other.indexesFor(round);
            long[] sorted = x.clone();
            Arrays.sort(sorted);
            long[] ySorted = y.clone();
            Arrays.sort(ySorted);
            assertArrayEquals(new long[] {round * 4, round * 4 + 1, round * 4 + 2, round * 4 + 3}, sorted);
            assertArrayEquals(sorted, ySorted, "both threads take the round's keys");
            differs += Arrays.equals(x, y) ? 0 : 1;
            unsorted += Arrays.equals(x, sorted) ? 0 : 1;
        }
        assertTrue(differs > 40, "two threads' orders differ in most rounds: " + differs + " of 50");
        assertTrue(unsorted > 40, "arrival is rarely sorted: " + unsorted + " of 50 unsorted");
    }

    @Test
    void keysAreTheRowsOfTheIndexesInOrder() {
        assertEquals(java.util.List.of(RowKey.ofIndex(13), RowKey.ofIndex(2)), KeyBatch.keysOf(new long[] {13, 2}, new RowKeyCache()));
    }

    @Test
    void moreKeysPerAttemptThanKeysIsRefused() {
        assertThrows(IllegalArgumentException.class, () -> new KeyBatch(5, 3, KeyOrder.SORTED, 1, 0));
    }
}
