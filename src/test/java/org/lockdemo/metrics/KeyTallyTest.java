package org.lockdemo.metrics;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

class KeyTallyTest {
    private static long[] sum(KeyTally t) {
        long[] into = new long[t.size()];
        t.addTo(into);
        return into;
    }

    @Test
    void eachKeyOnceAsInTheHotKeyRace() {
        KeyTally t = new KeyTally();
        for (int round = 0; round < 1000; round += 2) {
            t.increment(round);
        }
        assertEquals(999, t.size());
        long[] s = sum(t);
        for (int k = 0; k < s.length; k++) {
            assertEquals(k % 2 == 0 ? 1 : 0, s[k], "key " + k);
        }
    }

    @Test
    void aKeyCountedTwiceKeepsEveryCountExactly() {
        SplittableRandom random = new SplittableRandom(3);
        KeyTally t = new KeyTally();
        long[] expected = new long[200];
        for (int n = 0; n < 5_000; n++) {
            int k = n < 150 ? n : random.nextInt(200); // first all distinct (bits), then repeats (counts)
            t.increment(k);
            expected[k]++;
        }
        assertEquals(200, t.size());
        assertArrayEquals(expected, sum(t));
    }

    @Test
    void addsIntoWhatIsThere() {
        KeyTally t = new KeyTally();
        t.increment(2);
        long[] into = {5, 5, 5};
        t.addTo(into);
        assertArrayEquals(new long[] {5, 5, 6}, into);
    }
}
