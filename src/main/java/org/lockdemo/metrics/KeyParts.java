package org.lockdemo.metrics;

import org.lockdemo.model.Outcome;

/**
 * What an attempt of several keys in one transaction ({@code --keys-per-attempt N}) did for each
 * of its keys, position by position in the order it took them. Made once per attempt by its
 * worker from the attempt's ledger and not changed after: effectively immutable (the arrays are
 * not copied; nobody writes them after construction).
 *
 * @param keyIndexes         the keys, in the order the attempt took them
 * @param outcomes           each key's outcome (created, found, found_after_conflict), or null for
 *                           a key whose part did not end: the attempt failed before or at it
 * @param insertCommitted    whether a COMMIT made the key's insert durable
 * @param incrementCommitted whether a COMMIT made the key's counter update durable
 * @param insertUnknown      whether the connection died during the COMMIT that carried its insert
 * @param incrementUnknown   the same for its counter update
 */
public record KeyParts(long[] keyIndexes, Outcome[] outcomes, boolean[] insertCommitted,
        boolean[] incrementCommitted, boolean[] insertUnknown, boolean[] incrementUnknown) {

    public KeyParts {
        int n = keyIndexes.length;
        if (outcomes.length != n || insertCommitted.length != n || incrementCommitted.length != n
                || insertUnknown.length != n || incrementUnknown.length != n) {
            throw new IllegalArgumentException("one entry per key: " + n + " keys");
        }
    }

    public int size() {
        return keyIndexes.length;
    }
}
