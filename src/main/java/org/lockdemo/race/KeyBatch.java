package org.lockdemo.race;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.SplittableRandom;
import org.lockdemo.model.KeyOrder;
import org.lockdemo.model.RowKey;

/**
 * The keys of one worker's attempts when each gets or creates several in one transaction
 * ({@code --keys-per-attempt N}). The schedule hands out one index per attempt as for one key; it
 * becomes N distinct keys:
 * <ul>
 *   <li>hot key ({@code --keys 0}): round {@code r}'s keys are {@code r·N … r·N+N-1}, fresh for
 *       every round and the same for every thread of it;
 *   <li>{@code --keys K}: index {@code i}'s keys are {@code i, i+1, …, i+N-1} modulo K, so attempts
 *       whose indexes are close share some of their keys, as batches of real traffic do.
 * </ul>
 * Then put in the run's {@link KeyOrder}: sorted by the key, or in arrival order, shuffled per
 * attempt from the run's seed and the worker's index (deterministic for a seed, different per
 * thread). Not thread-safe: one per worker, used by its thread only.
 */
final class KeyBatch {
    private final int keysPerAttempt;
    private final int keyCount;
    private final KeyOrder order;
    private final SplittableRandom random;
    private final long[] indexes;

    /**
     * @param keyCount {@code --keys}: 0 for the hot key
     */
    KeyBatch(int keysPerAttempt, int keyCount, KeyOrder order, long seed, int worker) {
        if (keysPerAttempt < 1 || keyCount > 0 && keysPerAttempt > keyCount) {
            throw new IllegalArgumentException(keysPerAttempt + " keys per attempt of " + keyCount + " keys");
        }
        this.keysPerAttempt = keysPerAttempt;
        this.keyCount = keyCount;
        this.order = order;
        this.random = new SplittableRandom(seed ^ (0x9E3779B97F4A7C15L * (worker + 1)));
        this.indexes = new long[keysPerAttempt];
    }

    /** The key indexes of the attempt the schedule gave {@code slot}, in the order it takes them. */
    long[] indexesFor(long slot) {
        for (int j = 0; j < keysPerAttempt; j++) {
            indexes[j] = keyCount == 0 ? slot * keysPerAttempt + j : (slot + j) % keyCount;
        }
        if (order == KeyOrder.SORTED) {
            Arrays.sort(indexes);
        } else {
            for (int j = keysPerAttempt - 1; j > 0; j--) { // Fisher-Yates
                int k = random.nextInt(j + 1);
                long t = indexes[j];
                indexes[j] = indexes[k];
                indexes[k] = t;
            }
        }
        return indexes.clone();
    }

    /** The rows' keys of {@code indexes}, in the same order, from the worker's {@code cache}. */
    static List<RowKey> keysOf(long[] indexes, RowKeyCache cache) {
        List<RowKey> keys = new ArrayList<>(indexes.length);
        for (long i : indexes) {
            keys.add(cache.of(i));
        }
        return keys;
    }
}
