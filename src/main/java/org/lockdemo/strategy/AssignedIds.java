package org.lockdemo.strategy;

import org.lockdemo.model.RowKey;

/**
 * The primary key an application assigns to a key's row when its ORM call needs an id before the
 * row exists ({@code session.merge(T(id=...))}, Spring Data's {@code save()} of an entity with an
 * id): derived from the natural key, so every client computes the same id for the same
 * {@code (jahr, monat)} and two racing inserts of a key collide on both unique keys, as they would
 * in such an application. The race tables' {@code id} columns take it: PostgreSQL's
 * {@code bigserial} is only a default ({@code nextval}), not {@code GENERATED ALWAYS}, and
 * InnoDB's {@code AUTO_INCREMENT} accepts any explicit value but 0; nothing in these tables uses
 * the generator. Stateless.
 */
public final class AssignedIds {
    private AssignedIds() {
    }

    /** {@code jahr * 100 + monat}: (1, 1) is 101, (1006, 1) is 100601; distinct for months 1 to 12. */
    public static long of(RowKey key) {
        return key.jahr() * 100L + key.monat();
    }
}
