package org.lockdemo.race;

import org.lockdemo.model.RowKey;

/**
 * One worker's {@link RowKey}s, so an attempt on a key seen before allocates nothing: a
 * direct-mapped table of {@value #SLOTS} entries indexed by the key index's low bits. With
 * {@code --keys K} up to {@value #SLOTS} every key is built once per worker; beyond that, or for
 * the hot key's fresh key per round, a key whose slot holds another is built anew (24 bytes). The
 * table has a fixed size, so it never grows with the attempts. Not thread-safe: one per worker.
 */
final class RowKeyCache {
    static final int SLOTS = 1024;

    private final RowKey[] keys = new RowKey[SLOTS];

    RowKey of(long keyIndex) {
        int slot = (int) (keyIndex & (SLOTS - 1));
        RowKey k = keys[slot];
        if (k == null || k.index() != keyIndex) {
            k = RowKey.ofIndex(keyIndex);
            keys[slot] = k;
        }
        return k;
    }
}
