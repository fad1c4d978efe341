package org.lockdemo.strategy;

import java.sql.Connection;
import java.sql.SQLException;
import java.util.List;
import org.jooq.InsertValuesStep3;
import org.jooq.Record;
import org.jooq.impl.DSL;
import org.lockdemo.model.Outcome;
import org.lockdemo.model.RowKey;

/**
 * The batch get-or-create of 2026's deadlock threads (openobserve#13480, basic-memory#1208): one
 * multi-row {@code INSERT ... VALUES (k1), (k2), ... ON CONFLICT (jahr, monat) DO NOTHING RETURNING
 * jahr, monat} for all the attempt's keys (MySQL/MariaDB: {@code ... ON DUPLICATE KEY UPDATE
 * some_value = some_value}), then, key after key in the same order, {@code SELECT ... FOR UPDATE}
 * and the counter update, and one COMMIT. The server inserts the VALUES rows in the order given, so
 * two transactions that list overlapping keys in different orders can each hold one new row and
 * wait for the other's: a deadlock that no unique index prevents. Sorting the keys
 * ({@code --key-order sorted}) gives every transaction the same order.
 *
 * <p>Which keys it created: on PostgreSQL the rows {@code RETURNING} names; on MySQL the statement
 * only counts them: all or none say it; in between, a key counts as created when its row, read
 * under the lock, still has {@code some_value} 0: every transaction that commits a row of this table also commits its counter
 * update, so a committed row has a value of at least 1, and a row of 0 is this transaction's own.
 * The number so found must equal the statement's count, or the attempt fails as an unclassified
 * error. The SQL is rendered for the run's {@code --keys-per-attempt} once, at construction; an
 * attempt of another number of keys is refused. Thread-safe (stateless).
 */
public final class MultiRowUpsertStrategy implements GetOrCreate, GetOrCreateMany {
    private final int keys;
    /** ON CONFLICT DO NOTHING RETURNING (PostgreSQL, SQLite): the inserted keys come back as rows. */
    private final boolean returning;
    private final String upsert;
    private final String lock;
    private final String increment;

    public MultiRowUpsertStrategy(RaceSchema s, int keysPerAttempt) {
        if (keysPerAttempt < 1) {
            throw new IllegalArgumentException("keys per attempt must be at least 1, got " + keysPerAttempt);
        }
        keys = keysPerAttempt;
        returning = s.onConflict();
        InsertValuesStep3<Record, Integer, Short, Long> insert = s.upsertDsl()
                .insertInto(s.table, s.jahr, s.monat, s.someValue);
        for (int i = 0; i < keysPerAttempt; i++) {
            insert = insert.values(DSL.param("jahr" + i, Integer.class), DSL.param("monat" + i, Short.class),
                    DSL.inline(0L));
        }
        upsert = returning
                ? s.returning(insert.onConflict(s.jahr, s.monat).doNothing(), s.jahr, s.monat)
                : insert.onDuplicateKeyUpdate().set(s.someValue, s.someValue).getSQL();
        lock = s.lockingRead(s.dsl().select(s.id, s.jahr, s.monat, s.someValue).from(s.table).where(s.keyIs()));
        increment = s.incrementValue();
    }

    /** One key: the same statements with one VALUES row. */
    @Override
    public Outcome attempt(Connection c, RowKey key, Attempt a) throws SQLException, InterruptedException {
        return attempt(c, List.of(key), a);
    }

    @Override
    public Outcome attempt(Connection c, List<RowKey> keysInOrder, Attempt a) throws SQLException, InterruptedException {
        if (keysInOrder.size() != keys) {
            throw new IllegalArgumentException("rendered for " + keys + " keys per attempt, given " + keysInOrder.size());
        }
        // waits for concurrent inserts of its keys; null: MySQL inserted some, not all, and did not say which
        Attempt.ManyUpserted upserted = a.upsertMany(c, upsert, keysInOrder, returning);
        boolean[] inserted = upserted.inserted();
        int zeros = 0;
        for (int i = 0; i < keysInOrder.size(); i++) {
            a.atKey(i);
            RowKey key = keysInOrder.get(i);
            if (!a.lockRow(c, lock, key, false)) {
                return Outcome.MISSING_AFTER_CONFLICT; // the existing row is not visible to this snapshot
            }
            boolean createdHere;
            if (inserted != null) {
                createdHere = inserted[i];
            } else {
                createdHere = a.rowValue() == 0; // a committed row's value is at least 1: a 0 is this transaction's
                if (createdHere) {
                    zeros++;
                    a.insertedEarlier();
                }
            }
            a.work();
            a.increment(c, increment, key);
            a.keyDone(i, createdHere ? Outcome.CREATED : Outcome.FOUND);
        }
        if (inserted == null && zeros != upserted.count()) {
            throw new SQLException("the multi-row upsert inserted " + upserted.count() + " rows, but " + zeros
                    + " of its " + keysInOrder.size() + " keys have a row of value 0 under the lock");
        }
        a.commit(c);
        return keysInOrder.size() == 1 ? a.state().keyOutcome(0) : KeysOutcome.of(a.state());
    }

    @Override
    public List<String> statements() {
        return List.of(upsert, lock, increment);
    }
}
