package org.lockdemo.model;

/**
 * In which order an attempt of several keys ({@code --keys-per-attempt N}) takes its keys: the
 * lock order of its transaction.
 */
public enum KeyOrder {
    /**
     * As they arrived: a different order per attempt, shuffled from the run's {@code --seed} and the
     * thread, as events reach the application. Two transactions that share keys in different orders
     * can deadlock.
     */
    ARRIVAL,
    /** Sorted by the key, {@code (jahr, monat)}: every transaction takes shared keys in one order, the fix. */
    SORTED;

    /** The command-line and JSON name. */
    public String id() {
        return name().toLowerCase(java.util.Locale.ROOT);
    }
}
