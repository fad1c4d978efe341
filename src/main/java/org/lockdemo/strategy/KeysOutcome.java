package org.lockdemo.strategy;

import org.lockdemo.model.Outcome;

/**
 * The one outcome of a committed attempt of several keys, from its keys' outcomes: it counts once
 * in the run's outcomes (so attempts = sum of outcomes still holds), and each key's own outcome
 * is counted apart, in the run's key outcomes. Pure function; thread-safe.
 */
public final class KeysOutcome {
    private KeysOutcome() {
    }

    /**
     * {@code created} when the attempt created at least one of its keys; else
     * {@code found_after_conflict} when it met a conflict on at least one; else {@code found}.
     *
     * @throws IllegalStateException when a key's part has no outcome: the strategy committed
     *                               before it finished every key
     */
    public static Outcome of(AttemptState state) {
        boolean conflict = false;
        boolean created = false;
        for (int i = 0; i < state.keys(); i++) {
            Outcome o = state.keyOutcome(i);
            if (o == null) {
                throw new IllegalStateException("committed before the part of key " + (i + 1) + " of " + state.keys()
                        + " ended");
            }
            created |= o == Outcome.CREATED;
            conflict |= o == Outcome.FOUND_AFTER_CONFLICT;
        }
        return created ? Outcome.CREATED : conflict ? Outcome.FOUND_AFTER_CONFLICT : Outcome.FOUND;
    }
}
