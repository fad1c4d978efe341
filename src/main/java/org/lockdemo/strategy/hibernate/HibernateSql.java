package org.lockdemo.strategy.hibernate;

import static org.jooq.impl.DSL.field;
import static org.jooq.impl.DSL.name;
import static org.jooq.impl.DSL.param;

import java.util.List;
import org.jooq.DSLContext;
import org.jooq.Field;
import org.jooq.SQLDialect;
import org.jooq.Table;
import org.jooq.conf.RenderKeywordCase;
import org.jooq.conf.RenderOptionalKeyword;
import org.jooq.conf.Settings;
import org.jooq.impl.DSL;
import org.jooq.impl.SQLDataType;
import org.lockdemo.strategy.Attempt.RowColumn;
import org.lockdemo.strategy.RaceSchema;

/**
 * The statements Hibernate ORM 7.4 sends for the seed's model, rendered once with jOOQ for
 * lockdemo's table. The reference is what Hibernate itself sent, captured by
 * {@code scripts/transcripts/hibernate/.../HibernateCapture.java} into
 * {@code src/test/resources/org/lockdemo/transcripts/hibernate/}; {@code HibernateTranscriptTest}
 * holds the strategies to those files. Hibernate writes lower-case keywords, gives the table of a
 * query the alias {@code t1_0} (without {@code as}), and puts the id last in the INSERT of an
 * entity and in the UPDATE's WHERE; jOOQ renders the same. Immutable; thread-safe.
 */
final class HibernateSql {
    /** The columns {@link #insertWithId} binds, in its order: Hibernate puts the id last. */
    static final List<RowColumn> INSERT_WITH_ID_COLUMNS = List.of(RowColumn.JAHR, RowColumn.MONAT,
            RowColumn.SOME_VALUE, RowColumn.ID);

    /** The columns {@link #upsert} binds, in its order: the id last on PostgreSQL, first on MariaDB. */
    final List<RowColumn> upsertColumns;

    /** The HQL {@code from T where jahr = :j and monat = :m}: {@code select t1_0.id, ... where t1_0.jahr=? and t1_0.monat=?}. */
    final String selectByKey;
    /** {@code session.find} inside {@code merge()}: {@code select t1_0.id, ... where t1_0.id=?}. */
    final String selectById;
    /**
     * {@code persist()} of an entity with an IDENTITY id, sent at once: {@code insert into t
     * (jahr,monat,some_value) values (?,?,0)}. On PostgreSQL pgjdbc answers Hibernate's request for
     * the generated key by appending {@code RETURNING *}, so the server receives that, and so does
     * it here; on MariaDB Connector/J reads the id from the OK packet.
     */
    final String insert;
    /** Whether {@link #insert} returns the row as a result set. */
    final boolean insertReturning;
    /** The flush of a merged new entity with an assigned id: {@code insert into t (jahr,monat,some_value,id) values (?,?,?,?)}. */
    final String insertWithId;
    /** The flush of the dirty entity, every column: {@code update t set jahr=?,monat=?,some_value=? where id=?}. */
    final String updateAll;

    /**
     * {@code StatelessSession.upsert(entity)}, keyed on the primary key and writing every column:
     * on PostgreSQL {@code insert into t (jahr,monat,some_value,id) values (?,?,?,?) on conflict (id)
     * do update set jahr=excluded.jahr,...}; on MariaDB {@code insert into t (id,jahr,monat,some_value)
     * values (?,?,?,?) on duplicate key update jahr=values(jahr),...} (jOOQ's MARIADB rendering of
     * {@code excluded}), which matches any unique key.
     */
    final String upsert;

    HibernateSql(RaceSchema s) {
        // a copy: the with* setters change the Settings they are called on, and RaceSchema's are shared
        Settings settings = ((Settings) s.dsl().settings().clone()).withRenderKeywordCase(RenderKeywordCase.LOWER)
                .withRenderOptionalAsKeywordForTableAliases(RenderOptionalKeyword.OFF);
        DSLContext dsl = DSL.using(s.dsl().dialect(), settings);
        Table<?> t1 = s.table.as("t1_0");
        Field<Long> id = field(name("t1_0", "id"), SQLDataType.BIGINT);
        Field<Integer> jahr = field(name("t1_0", "jahr"), SQLDataType.INTEGER);
        Field<Short> monat = field(name("t1_0", "monat"), SQLDataType.SMALLINT);
        Field<Long> someValue = field(name("t1_0", "some_value"), SQLDataType.BIGINT);
        // jOOQ puts a conjunction in parentheses, Hibernate does not: the second predicate,
        // rendered by jOOQ, is appended as Hibernate appends it (parameters stay in order)
        selectByKey = dsl.select(id, jahr, monat, someValue).from(t1).where(jahr.eq(param("jahr", Integer.class)))
                .getSQL() + " and " + dsl.render(monat.eq(param("monat", Short.class)));
        selectById = dsl.select(id, jahr, monat, someValue).from(t1).where(id.eq(param("id", Long.class))).getSQL();
        insertReturning = s.isPostgres();
        insert = dsl.insertInto(s.table, s.jahr, s.monat, s.someValue)
                .values(param("jahr", Integer.class), param("monat", Short.class), DSL.inline(0L)).getSQL()
                + (insertReturning ? " RETURNING *" : "");
        insertWithId = dsl.insertInto(s.table, s.jahr, s.monat, s.someValue, s.id)
                .values(param("jahr", Integer.class), param("monat", Short.class), param("some_value", Long.class),
                        param("id", Long.class)).getSQL();
        if (s.isPostgres()) {
            upsertColumns = List.of(RowColumn.JAHR, RowColumn.MONAT, RowColumn.SOME_VALUE, RowColumn.ID);
            upsert = dsl.insertInto(s.table, s.jahr, s.monat, s.someValue, s.id)
                    .values(param("jahr", Integer.class), param("monat", Short.class), param("some_value", Long.class),
                            param("id", Long.class))
                    .onConflict(s.id).doUpdate().set(s.jahr, DSL.excluded(s.jahr)).set(s.monat, DSL.excluded(s.monat))
                    .set(s.someValue, DSL.excluded(s.someValue)).getSQL();
        } else {
            upsertColumns = List.of(RowColumn.ID, RowColumn.JAHR, RowColumn.MONAT, RowColumn.SOME_VALUE);
            upsert = DSL.using(SQLDialect.MARIADB, settings).insertInto(s.table, s.id, s.jahr, s.monat, s.someValue)
                    .values(param("id", Long.class), param("jahr", Integer.class), param("monat", Short.class),
                            param("some_value", Long.class))
                    .onDuplicateKeyUpdate().set(s.jahr, DSL.excluded(s.jahr)).set(s.monat, DSL.excluded(s.monat))
                    .set(s.someValue, DSL.excluded(s.someValue)).getSQL();
        }
        updateAll = dsl.update(s.table).set(s.jahr, param("jahr", Integer.class)).set(s.monat, param("monat", Short.class))
                .set(s.someValue, param("some_value", Long.class)).where(s.id.eq(param("id", Long.class))).getSQL();
    }
}
