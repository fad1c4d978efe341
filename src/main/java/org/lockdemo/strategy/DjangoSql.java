package org.lockdemo.strategy;

import static org.jooq.impl.DSL.inline;
import static org.jooq.impl.DSL.param;

import org.jooq.DSLContext;
import org.jooq.conf.RenderKeywordCase;
import org.jooq.impl.DSL;

/**
 * The statements Django's ORM sends for the thread's model, rendered once with jOOQ for lockdemo's
 * table: the reference is what Django itself sends, captured from it by
 * {@code scripts/transcripts.sh} into {@code src/test/resources/org/lockdemo/transcripts/django/},
 * and {@code StrategyTranscriptTest} holds the strategies that use these to those files,
 * statement for statement (identifiers, literals and savepoint names normalised, nothing else).
 * Keywords are upper case, as Django writes them. Django quotes and qualifies every name
 * ({@code "t"."id"}); lockdemo's names need neither. Immutable; thread-safe.
 */
public final class DjangoSql {
    /** Django's {@code MAX_GET_RESULTS}: {@code get()} fetches up to 21 rows to report "more than one". */
    static final int MAX_GET_RESULTS = 21;

    /** {@code transaction.atomic()} nested in another: a savepoint (Django names it s&lt;thread&gt;_x&lt;n&gt;). */
    static final String SAVEPOINT = "SAVEPOINT lockdemo_create";
    /** Leaving the nested atomic() without an error. */
    static final String RELEASE = "RELEASE SAVEPOINT lockdemo_create";
    /** Leaving it with the IntegrityError: roll back to the savepoint, then release it (Django's Atomic.__exit__). */
    static final String ROLLBACK_TO = "ROLLBACK TO SAVEPOINT lockdemo_create";

    /** {@code objects.get(jahr=, monat=)}: {@code SELECT id, jahr, monat, some_value ... LIMIT 21}. */
    final String get;
    /** {@code select_for_update().get(...)}: the same {@code ... LIMIT 21 FOR UPDATE}. */
    final String getForUpdate;
    /** {@code select_for_update(nowait=True).get(...)}: {@code ... LIMIT 21 FOR UPDATE NOWAIT}. */
    final String getForUpdateNowait;
    /**
     * {@code create()} / {@code save()} of a new instance: {@code INSERT INTO t (jahr, monat,
     * some_value) VALUES (?, ?, 0) RETURNING id}; without {@code RETURNING} on MySQL.
     */
    final String insert;
    /** Whether {@link #insert} returns the id as a result set; else as the INSERT's generated key. */
    final boolean insertReturning;
    /** {@code save(update_fields={'some_value'})}: {@code UPDATE t SET some_value = ? WHERE id = ?}. */
    final String saveValue;
    /** A full {@code save()}: {@code UPDATE t SET jahr = ?, monat = ?, some_value = ? WHERE id = ?}. */
    final String saveAll;

    DjangoSql(RaceSchema s) {
        DSLContext dsl = DSL.using(s.dsl().dialect(), s.dsl().settings().withRenderKeywordCase(RenderKeywordCase.UPPER));
        // LIMIT and FOR UPDATE as Django writes them on both servers (jOOQ renders a PostgreSQL
        // limit as FETCH NEXT 21 ROWS ONLY): the same rows, but not the same statement
        get = dsl.select(s.id, s.jahr, s.monat, s.someValue).from(s.table).where(s.keyIs()).getSQL()
                + " LIMIT " + MAX_GET_RESULTS;
        getForUpdate = get + s.forUpdate(); // nothing on SQLite, as Django sends it there
        getForUpdateNowait = getForUpdate + " NOWAIT";
        var insertRow = dsl.insertInto(s.table, s.jahr, s.monat, s.someValue)
                .values(param("jahr", Integer.class), param("monat", Short.class), inline(0L));
        insertReturning = s.insertReturning();
        // jOOQ's MYSQL dialect would emulate RETURNING; the clause is written as MariaDB and PostgreSQL take it
        insert = insertRow.getSQL() + (insertReturning ? " RETURNING " + s.id.getName() : "");
        saveValue = dsl.update(s.table).set(s.someValue, param("some_value", Long.class))
                .where(s.id.eq(param("id", Long.class))).getSQL();
        saveAll = dsl.update(s.table).set(s.jahr, param("jahr", Integer.class)).set(s.monat, param("monat", Short.class))
                .set(s.someValue, param("some_value", Long.class)).where(s.id.eq(param("id", Long.class))).getSQL();
    }

    /**
     * Django's {@code create()} inside its own {@code atomic()}: a savepoint, the INSERT and the
     * savepoint's release; on a duplicate (IntegrityError) a roll back to the savepoint and its
     * release, so the duplicate does not doom the transaction. True if this attempt created the row,
     * false after a duplicate; any other error propagates.
     */
    boolean createInSavepoint(Attempt a, java.sql.Connection c, org.lockdemo.model.RowKey key)
            throws java.sql.SQLException {
        a.savepointStatement(c, SAVEPOINT);
        try {
            a.insertRow(c, insert, key, insertReturning); // waits if another transaction inserted the key uncommitted
            a.savepointStatement(c, RELEASE);
            return true;
        } catch (java.sql.SQLException e) {
            if (!a.isUniqueViolation(e)) {
                throw e;
            }
            a.rollbackToSavepoint(c, ROLLBACK_TO);
            a.savepointStatement(c, RELEASE);
            return false;
        }
    }
}
