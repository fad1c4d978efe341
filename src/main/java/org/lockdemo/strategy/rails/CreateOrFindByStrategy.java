package org.lockdemo.strategy.rails;

import java.sql.Connection;
import java.sql.SQLException;
import java.util.List;
import org.lockdemo.model.Outcome;
import org.lockdemo.model.RowKey;
import org.lockdemo.strategy.Attempt;
import org.lockdemo.strategy.GetOrCreate;
import org.lockdemo.strategy.RaceSchema;

/**
 * ActiveRecord's {@code create_or_find_by} in the caller's transaction, then the workload's "read,
 * add one, save": {@code T.transaction { t = T.create_or_find_by(jahr:, monat:); t.some_value += 1;
 * t.save! }}. The create runs in a savepoint ({@code transaction(requires_new: true)}); on
 * {@code RecordNotUnique} Rails rolls back to it and reads the row back, which is where the
 * generations differ ({@link ReadBack}). The value saved is the one read, plus one: without a row
 * lock two sessions can save the same value (a lost update). Thread-safe (stateless).
 */
final class CreateOrFindByStrategy implements GetOrCreate {
    /** How the row is read back after the duplicate. */
    enum ReadBack {
        /** 6.0 and 6.1: {@code find_by!(attributes)}, a plain read. */
        PLAIN,
        /** 7.1 to 8.1 (rails/rails#48053): {@code where(attributes).lock.find_by!(attributes)}, FOR UPDATE. */
        FOR_UPDATE,
        /** The 2026 form (rails/rails#58733): a shared lock, FOR SHARE / LOCK IN SHARE MODE. */
        FOR_SHARE
    }

    private final RailsSql sql;
    private final ReadBack readBack;

    CreateOrFindByStrategy(RaceSchema s, ReadBack readBack) {
        this.sql = new RailsSql(s);
        this.readBack = readBack;
    }

    @Override
    public Outcome attempt(Connection c, RowKey key, Attempt a) throws SQLException, InterruptedException {
        Outcome outcome = createOrFindBy(sql, readBack, c, key, a);
        if (!outcome.isSuccess()) {
            return outcome;
        }
        a.work(); // the long computation, holding the lock the read-back took, if any
        a.saveValue(c, sql.saveValue, a.rowId(), a.rowValue() + 1); // t.some_value += 1; t.save!
        a.commit(c);
        return outcome;
    }

    /**
     * {@code create_or_find_by} itself: CREATED, FOUND_AFTER_CONFLICT, or MISSING_AFTER_CONFLICT
     * when the read-back found nothing (Rails raises {@code RecordNotFound}). Any other error
     * propagates. Shared with {@link FindOrCreateByStrategy}.
     */
    static Outcome createOrFindBy(RailsSql sql, ReadBack readBack, Connection c, RowKey key, Attempt a)
            throws SQLException {
        a.savepointStatement(c, RailsSql.SAVEPOINT);
        try {
            a.insertRow(c, sql.insert, key, sql.insertReturning); // waits on another session's uncommitted duplicate
            a.savepointStatement(c, RailsSql.RELEASE);
            return Outcome.CREATED;
        } catch (SQLException e) {
            if (!a.isUniqueViolation(e)) {
                throw e;
            }
        }
        // RecordNotUnique: roll back to the savepoint (InnoDB keeps the duplicate check's shared lock)
        a.rollbackToSavepoint(c, RailsSql.ROLLBACK_TO);
        boolean found = switch (readBack) {
            case PLAIN -> a.getRow(c, sql.findBy, key);
            case FOR_UPDATE -> a.lockRowRepeatingKey(c, sql.findByForUpdate, key, RailsSql.FIND_BY_LOCKED_KEY_COPIES);
            case FOR_SHARE -> a.lockRow(c, sql.findByForShare, key, false);
        };
        return found ? Outcome.FOUND_AFTER_CONFLICT : Outcome.MISSING_AFTER_CONFLICT;
    }

    /** The read-back this strategy sends. */
    static String readBackSql(RailsSql sql, ReadBack readBack) {
        return switch (readBack) {
            case PLAIN -> sql.findBy;
            case FOR_UPDATE -> sql.findByForUpdate;
            case FOR_SHARE -> sql.findByForShare;
        };
    }

    @Override
    public List<String> statements() {
        return List.of(RailsSql.SAVEPOINT, sql.insert, RailsSql.RELEASE, RailsSql.ROLLBACK_TO,
                readBackSql(sql, readBack), sql.saveValue);
    }
}
