package org.lockdemo.strategy.rails;

import static org.jooq.impl.DSL.param;

import org.jooq.DSLContext;
import org.jooq.conf.RenderKeywordCase;
import org.jooq.impl.DSL;
import org.lockdemo.strategy.RaceSchema;

/**
 * The statements ActiveRecord sends for the seed's model, rendered once with jOOQ for lockdemo's
 * table. The reference is what ActiveRecord 6.1 itself sends, captured by
 * {@code scripts/transcripts.sh} into {@code src/test/resources/org/lockdemo/transcripts/rails/};
 * {@code RailsTranscriptTest} holds the strategies to those files. The statements of later versions
 * (the locking read-backs) are the captured {@code find_by} with the lock clause those versions'
 * source adds (docs/frameworks.md). Keywords are upper case, as Arel writes them. Immutable;
 * thread-safe.
 */
final class RailsSql {
    /** {@code transaction(requires_new: true)} inside the caller's transaction: Rails' first savepoint. */
    static final String SAVEPOINT = "SAVEPOINT active_record_1";
    /** Leaving it after the create succeeded. */
    static final String RELEASE = "RELEASE SAVEPOINT active_record_1";
    /** Leaving it with {@code RecordNotUnique}; Rails does not release it afterwards. */
    static final String ROLLBACK_TO = "ROLLBACK TO SAVEPOINT active_record_1";

    /**
     * {@code find_by(jahr:, monat:)} (and {@code rewhere(...).take!}):
     * {@code SELECT t.* FROM t WHERE jahr = ? AND monat = ? LIMIT 1}, no lock.
     */
    final String findBy;
    /**
     * ActiveRecord 7.1 to 8.1's read-back in a transaction, {@code where(attributes).lock
     * .find_by!(attributes)}: the key's predicates twice (the relation's and find_by's), then
     * {@code FOR UPDATE}. Binds the key {@link #FIND_BY_LOCKED_KEY_COPIES} times.
     */
    final String findByForUpdate;
    /** How many times {@link #findByForUpdate} names the key. */
    static final int FIND_BY_LOCKED_KEY_COPIES = 2;
    /**
     * The 2026 read-back (rails/rails#58733), a shared lock: {@code lock(:share)}, which Arel renders
     * {@code FOR SHARE} on PostgreSQL and {@code LOCK IN SHARE MODE} on MySQL and MariaDB.
     */
    final String findByForShare;
    /**
     * {@code create} of a new record: {@code INSERT INTO t (jahr, monat) VALUES (?, ?)}, some_value
     * left to the column's default (0); {@code RETURNING id} on PostgreSQL only. ActiveRecord 6.1's
     * mysql2 adapter reads the new id from the OK packet, not by RETURNING, even on MariaDB 10.5+.
     */
    final String insert;
    /** Whether {@link #insert} returns the id as a result set; else as the INSERT's generated key. */
    final boolean insertReturning;
    /** {@code save!} after {@code some_value += 1}: {@code UPDATE t SET some_value = ? WHERE id = ?}. */
    final String saveValue;

    RailsSql(RaceSchema s) {
        DSLContext dsl = DSL.using(s.dsl().dialect(), s.dsl().settings().withRenderKeywordCase(RenderKeywordCase.UPPER));
        // jOOQ puts a WHERE of two predicates in parentheses; Arel does not. The predicates are
        // rendered by jOOQ one by one and joined as Arel joins them; LIMIT as Arel writes it on both
        // servers (jOOQ renders a PostgreSQL limit as FETCH NEXT 1 ROWS ONLY)
        String key = dsl.render(s.jahr.eq(param("jahr", Integer.class))) + " AND "
                + dsl.render(s.monat.eq(param("monat", Short.class)));
        String selectAll = dsl.select(s.table.asterisk()).from(s.table).getSQL();
        findBy = selectAll + " WHERE " + key + " LIMIT 1";
        findByForUpdate = selectAll + " WHERE " + key + " AND " + key + " LIMIT 1 FOR UPDATE";
        findByForShare = findBy + (s.isPostgres() ? " FOR SHARE" : " LOCK IN SHARE MODE");
        insertReturning = s.isPostgres();
        insert = dsl.insertInto(s.table, s.jahr, s.monat).values(param("jahr", Integer.class), param("monat", Short.class))
                .getSQL() + (insertReturning ? " RETURNING " + s.id.getName() : "");
        saveValue = dsl.update(s.table).set(s.someValue, param("some_value", Long.class))
                .where(s.id.eq(param("id", Long.class))).getSQL();
    }
}
