package org.lockdemo.strategy.sequelize;

import static org.jooq.impl.DSL.default_;
import static org.jooq.impl.DSL.field;
import static org.jooq.impl.DSL.inline;
import static org.jooq.impl.DSL.name;
import static org.jooq.impl.DSL.param;

import java.sql.Connection;
import java.sql.SQLException;
import org.jooq.DSLContext;
import org.jooq.Field;
import org.jooq.Table;
import org.jooq.conf.RenderKeywordCase;
import org.jooq.impl.DSL;
import org.jooq.impl.SQLDataType;
import org.lockdemo.model.Outcome;
import org.lockdemo.model.RowKey;
import org.lockdemo.strategy.Attempt;
import org.lockdemo.strategy.RaceSchema;

/**
 * The statements Sequelize 6.37 sends for the seed's model, rendered once with jOOQ for lockdemo's
 * table. The reference is what Sequelize itself sent, captured by {@code scripts/transcripts.sh}
 * into {@code src/test/resources/org/lockdemo/transcripts/sequelize/}; {@code SequelizeTranscriptTest}
 * holds the strategies to those files statement for statement (names, literals, parameter markers,
 * spacing and savepoint names normalised, nothing else). Keywords upper case, as Sequelize writes
 * them. Immutable; thread-safe.
 */
final class SequelizeSql {
    /**
     * {@code sequelize.transaction({ transaction })} inside the caller's transaction: a savepoint
     * Sequelize names {@code "<transaction uuid>-sp-1"} and never releases.
     */
    final String savepoint;
    /**
     * {@code Model.findOne({ where })}: {@code SELECT id, jahr, monat, some_value FROM t AS T WHERE
     * T.jahr = ? AND T.monat = ? LIMIT 1}. The key's two conditions are rendered one by one and joined
     * with AND as Sequelize joins them: jOOQ would put a conjunction in parentheses.
     */
    final String findOne;
    /**
     * {@code Model.create(values)}: {@code INSERT INTO t (id, jahr, monat, some_value) VALUES
     * (DEFAULT, ?, ?, 0)}, with {@code RETURNING id, jahr, monat, some_value} on PostgreSQL (on
     * MariaDB the id comes back as the INSERT's insert id).
     */
    final String create;
    /** Whether {@link #create} returns the id as a result set (PostgreSQL). */
    final boolean createReturning;
    /**
     * {@code create(values, { ignoreDuplicates: true })}, which {@code findCreateFind} uses on
     * PostgreSQL in a transaction: {@code INSERT ... ON CONFLICT DO NOTHING RETURNING id, jahr, monat,
     * some_value}; null on MariaDB.
     */
    final String createIgnoringDuplicates;
    /**
     * {@code create(values, { exception: true })}, which {@code findOrCreate} uses, on PostgreSQL
     * (Sequelize's {@code query-generator.js} {@code insertQuery} with {@code options.exception}): the
     * INSERT inside a temporary PL/pgSQL function that catches {@code unique_violation}, the SELECT of
     * its answer and the function's DROP, in one string. The key's two {@code ?} are written into
     * the text as literals when it is sent ({@link Attempt#insertRowCatching}), as Sequelize inlines
     * them. Null on MariaDB, where {@code findOrCreate} sends the plain {@link #create}.
     */
    final String createCatching;
    /** {@code row.save()} after {@code some_value++}: {@code UPDATE t SET some_value = ? WHERE id = ?}. */
    final String save;
    final boolean postgres;

    SequelizeSql(RaceSchema s) {
        postgres = s.isPostgres();
        DSLContext dsl = DSL.using(s.dsl().dialect(), s.dsl().settings().withRenderKeywordCase(RenderKeywordCase.UPPER));
        Table<?> model = s.table.as("T");
        Field<Integer> jahr = field(name("T", s.jahr.getName()), SQLDataType.INTEGER);
        Field<Short> monat = field(name("T", s.monat.getName()), SQLDataType.SMALLINT);
        // LIMIT 1 as Sequelize writes it on both servers (jOOQ renders a PostgreSQL limit as FETCH NEXT)
        findOne = dsl.select(s.id, s.jahr, s.monat, s.someValue).from(model).where(jahr.eq(param("jahr", Integer.class)))
                .getSQL() + " AND " + dsl.render(monat.eq(param("monat", Short.class))) + " LIMIT 1";
        var insert = dsl.insertInto(s.table, s.id, s.jahr, s.monat, s.someValue)
                .values(default_(s.id), param("jahr", Integer.class), param("monat", Short.class), inline(0L));
        String plainInsert = insert.getSQL();
        createReturning = postgres;
        create = postgres ? insert.returning(s.id, s.jahr, s.monat, s.someValue).getSQL() : plainInsert;
        createIgnoringDuplicates = postgres
                ? insert.onConflictDoNothing().returning(s.id, s.jahr, s.monat, s.someValue).getSQL() : null;
        createCatching = postgres ? catching(s, plainInsert) : null;
        save = dsl.update(s.table).set(s.someValue, param("some_value", Long.class))
                .where(s.id.eq(param("id", Long.class))).getSQL();
        savepoint = postgres ? "SAVEPOINT \"lockdemo-sp-1\"" : "SAVEPOINT `lockdemo-sp-1`";
    }

    /**
     * Sequelize's exception-catching INSERT (PostgreSQL's {@code query-generator.js},
     * {@code insertQuery} with {@code options.exception}), around jOOQ's INSERT: PL/pgSQL's
     * {@code RETURNING * INTO} and the function's frame are not SQL jOOQ renders, so they are written
     * as Sequelize writes them.
     */
    private static String catching(RaceSchema s, String insert) {
        String t = s.tableName();
        String columns = "(testfunc.response)." + s.id.getName() + ", (testfunc.response)." + s.jahr.getName()
                + ", (testfunc.response)." + s.monat.getName() + ", (testfunc.response)." + s.someValue.getName();
        return "CREATE OR REPLACE FUNCTION pg_temp.testfunc(OUT response " + t + ", OUT sequelize_caught_exception text) "
                + "RETURNS RECORD AS $func_h1$ BEGIN " + insert + " RETURNING * INTO response; "
                + "EXCEPTION WHEN unique_violation THEN GET STACKED DIAGNOSTICS sequelize_caught_exception = "
                + "PG_EXCEPTION_DETAIL; END $func_h1$ LANGUAGE plpgsql; SELECT " + columns
                + ", testfunc.sequelize_caught_exception FROM pg_temp.testfunc(); DROP FUNCTION IF EXISTS pg_temp.testfunc()";
    }

    /**
     * {@code findOrCreate}'s {@code create(values, { exception: true })}: true if this attempt
     * inserted the row, false on a duplicate (the {@code UniqueConstraintError} Sequelize catches).
     * On PostgreSQL the server catches the duplicate inside the function, so nothing fails and the
     * transaction goes on; on MariaDB the INSERT fails with 1062, which rolls back only that statement.
     * Any other error propagates.
     */
    boolean createExpectingDuplicate(Attempt a, Connection c, RowKey key) throws SQLException {
        if (postgres) {
            return a.insertRowCatching(c, createCatching, key);
        }
        return createOrDuplicate(a, c, key);
    }

    /** The plain {@link #create}: true if it inserted the row, false on a duplicate-key error. */
    boolean createOrDuplicate(Attempt a, Connection c, RowKey key) throws SQLException {
        try {
            a.insertRow(c, create, key, createReturning); // waits if another transaction inserted the key uncommitted
            return true;
        } catch (SQLException e) {
            if (!a.isUniqueViolation(e)) {
                throw e;
            }
            return false;
        }
    }

    /**
     * {@code row.some_value++; row.save()}: the work, then the value as read plus one, written
     * without a lock (in autocommit, or in the caller's transaction), and the commit; the outcome
     * the call ended with.
     */
    Outcome saveAndCommit(Connection c, Attempt a, Outcome outcome) throws SQLException, InterruptedException {
        a.work();
        a.saveValue(c, save, a.rowId(), a.rowValue() + 1);
        a.commit(c);
        return outcome;
    }
}
