package org.lockdemo.strategy.sqlalchemy;

import static org.jooq.impl.DSL.field;
import static org.jooq.impl.DSL.name;
import static org.jooq.impl.DSL.param;

import java.util.List;
import org.jooq.DSLContext;
import org.jooq.Field;
import org.jooq.SelectFieldOrAsterisk;
import org.jooq.conf.RenderKeywordCase;
import org.jooq.conf.Settings;
import org.jooq.impl.DSL;
import org.jooq.impl.SQLDataType;
import org.lockdemo.strategy.Attempt.RowColumn;
import org.lockdemo.strategy.RaceSchema;

/**
 * The statements SQLAlchemy 1.4's ORM sends for the seed's model, rendered once with jOOQ for
 * lockdemo's table. The reference is what SQLAlchemy itself sent, captured by
 * {@code scripts/transcripts/sqlalchemy_capture.py} into
 * {@code src/test/resources/org/lockdemo/transcripts/sqlalchemy/}; {@code SqlAlchemyTranscriptTest}
 * holds the strategies to those files. SQLAlchemy writes keywords in upper case, qualifies every
 * column with the table and labels each selected column {@code <table>_<column>}; jOOQ renders the
 * same. Immutable; thread-safe.
 */
final class SqlAlchemySql {
    /** {@code session.begin_nested()}: SQLAlchemy names its savepoints sa_savepoint_&lt;n&gt;. */
    static final String SAVEPOINT = "SAVEPOINT sa_savepoint_1";
    /** Leaving {@code begin_nested()} without an error. */
    static final String RELEASE = "RELEASE SAVEPOINT sa_savepoint_1";
    /** Leaving it with the IntegrityError: rolled back to, not released (SQLAlchemy's SessionTransaction). */
    static final String ROLLBACK_TO = "ROLLBACK TO SAVEPOINT sa_savepoint_1";

    /** The columns {@link #insertWithId} binds, in its order. */
    static final List<RowColumn> INSERT_WITH_ID_COLUMNS = List.of(RowColumn.ID, RowColumn.JAHR, RowColumn.MONAT,
            RowColumn.SOME_VALUE);

    /** {@code query(T).filter_by(jahr=, monat=)}: {@code SELECT t.id AS t_id, ... WHERE t.jahr = ? AND t.monat = ?}. */
    final String queryByKey;
    /** {@code session.get} inside {@code merge()}: the same columns {@code WHERE t.id = ?}. */
    final String queryById;
    /**
     * The flush of a new {@code T(jahr=, monat=)}: {@code INSERT INTO t (jahr, monat, some_value)
     * VALUES (?, ?, 0)}, with {@code RETURNING t.id} on PostgreSQL (psycopg2); on MariaDB mysqlclient
     * reads the id from the OK packet (SQLAlchemy 1.4 does not use MariaDB's RETURNING).
     */
    final String insert;
    /** Whether {@link #insert} returns the id as a result set. */
    final boolean insertReturning;
    /** The flush of a merged new {@code T(id=, ...)}: {@code INSERT INTO t (id, jahr, monat, some_value) VALUES (?, ?, ?, ?)}. */
    final String insertWithId;
    /** The flush of the changed value: {@code UPDATE t SET some_value=? WHERE t.id = ?}. */
    final String updateValue;

    SqlAlchemySql(RaceSchema s) {
        // a copy: withRenderKeywordCase changes the Settings it is called on, and RaceSchema's are shared
        DSLContext dsl = DSL.using(s.dsl().dialect(), ((Settings) s.dsl().settings().clone())
                .withRenderKeywordCase(RenderKeywordCase.UPPER));
        String t = s.tableName();
        Field<Long> id = field(name(t, "id"), SQLDataType.BIGINT);
        Field<Integer> jahr = field(name(t, "jahr"), SQLDataType.INTEGER);
        Field<Short> monat = field(name(t, "monat"), SQLDataType.SMALLINT);
        Field<Long> someValue = field(name(t, "some_value"), SQLDataType.BIGINT);
        List<SelectFieldOrAsterisk> labelled = List.of(id.as(t + "_id"), jahr.as(t + "_jahr"), monat.as(t + "_monat"),
                someValue.as(t + "_some_value"));
        // jOOQ puts a conjunction in parentheses, SQLAlchemy's filter_by does not: the second
        // predicate, rendered by jOOQ, is appended as SQLAlchemy appends it (parameters stay in order)
        queryByKey = dsl.select(labelled).from(s.table).where(jahr.eq(param("jahr", Integer.class))).getSQL()
                + " AND " + dsl.render(monat.eq(param("monat", Short.class)));
        queryById = dsl.select(labelled).from(s.table).where(id.eq(param("id", Long.class))).getSQL();
        insertReturning = s.isPostgres();
        insert = dsl.insertInto(s.table, s.jahr, s.monat, s.someValue)
                .values(param("jahr", Integer.class), param("monat", Short.class), DSL.inline(0L)).getSQL()
                + (insertReturning ? " RETURNING " + t + ".id" : "");
        insertWithId = dsl.insertInto(s.table, s.id, s.jahr, s.monat, s.someValue)
                .values(param("id", Long.class), param("jahr", Integer.class), param("monat", Short.class),
                        param("some_value", Long.class)).getSQL();
        updateValue = dsl.update(s.table).set(s.someValue, param("some_value", Long.class))
                .where(id.eq(param("id", Long.class))).getSQL();
    }
}
