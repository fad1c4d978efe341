package org.lockdemo.model;

/**
 * The thread's natural key {@code (jahr, monat)}, derived from a dense key index so that any
 * number of keys map to distinct, realistic-looking rows: index 0 is (1, 1), index 11 is (1, 12),
 * index 12 is (2, 1).
 */
public record RowKey(int jahr, int monat) {

    public static RowKey ofIndex(long index) {
        if (index < 0 || index / 12 >= Integer.MAX_VALUE) {
            throw new IllegalArgumentException("key index out of range: " + index);
        }
        return new RowKey((int) (index / 12) + 1, (int) (index % 12) + 1);
    }

    public long index() {
        return (jahr - 1L) * 12 + (monat - 1);
    }

    @Override
    public String toString() {
        return "(" + jahr + ", " + monat + ")";
    }
}
