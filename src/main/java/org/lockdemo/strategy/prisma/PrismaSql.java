package org.lockdemo.strategy.prisma;

import static org.jooq.impl.DSL.field;
import static org.jooq.impl.DSL.name;
import static org.jooq.impl.DSL.param;
import static org.jooq.impl.DSL.table;

import org.jooq.DSLContext;
import org.jooq.Field;
import org.jooq.Record;
import org.jooq.Table;
import org.jooq.conf.RenderKeywordCase;
import org.jooq.conf.RenderQuotedNames;
import org.jooq.impl.DSL;
import org.jooq.impl.SQLDataType;
import org.lockdemo.strategy.RaceSchema;

/**
 * The statements Prisma's query engine sends for lockdemo's model ({@code model T { id BigInt @id
 * @default(autoincrement()); jahr Int; monat Int @db.SmallInt; some_value BigInt @default(0);
 * @@unique([jahr, monat]) }}), rendered once with jOOQ. From source, not captured (Prisma does not
 * install here): the query graph of prisma/prisma-engines
 * {@code query-engine/core/src/query_graph_builder/write/upsert.rs} (01aad9b6) and its SQL as
 * quaint writes it ({@code quaint/src/visitor/postgres.rs} at 044ec3d4,
 * {@code quaint/src/visitor/mysql.rs} at 032ea598). Quaint quotes every name and qualifies columns
 * with the table (and the schema, {@code "public"."t"} / {@code `test`.`t`}, which lockdemo leaves
 * out); it binds LIMIT and OFFSET as parameters (lockdemo writes the values); on MySQL an OFFSET
 * of 0 without a LIMIT is not written. Prisma's MySQL connector has no {@code InsertReturning}:
 * the new id comes with the INSERT's answer. Immutable; thread-safe.
 */
final class PrismaSql {
    /** {@code read_ids_infallible}: {@code SELECT "t"."id" FROM "t" WHERE ("t"."jahr" = ? AND "t"."monat" = ?) OFFSET 0}. */
    final String readIds;
    /** {@code create}: {@code INSERT INTO "t" ("jahr","monat") VALUES (?,?) RETURNING "t"."id"} (MySQL: no RETURNING). */
    final String create;
    /** Whether {@link #create} returns the id as a result set (PostgreSQL); else as the INSERT's generated key. */
    final boolean createReturning;
    /** The upsert's result, read back by id: {@code SELECT "t"."id", "t"."jahr", "t"."monat", "t"."some_value" ... WHERE "t"."id" = ? LIMIT 1 OFFSET 0}. */
    final String readById;
    /** {@code t.update({where: {id}, data: {some_value}})}: {@code UPDATE "t" SET "some_value" = ? WHERE "t"."id" = ?}. */
    final String update;

    PrismaSql(RaceSchema s) {
        boolean postgres = s.isPostgres();
        var settings = s.dsl().settings().withRenderQuotedNames(RenderQuotedNames.ALWAYS)
                .withRenderKeywordCase(RenderKeywordCase.UPPER);
        DSLContext dsl = DSL.using(s.dsl().dialect(), settings);
        String t = s.tableName();
        Table<Record> table = table(name(t));
        Field<Long> id = field(name(t, "id"), SQLDataType.BIGINT);
        Field<Integer> jahr = field(name(t, "jahr"), SQLDataType.INTEGER);
        Field<Short> monat = field(name(t, "monat"), SQLDataType.SMALLINT);
        Field<Long> someValue = field(name(t, "some_value"), SQLDataType.BIGINT);
        // the compound unique filter jahr_monat: Filter::and of the two fields
        var keyIs = jahr.eq(param("jahr", Integer.class)).and(monat.eq(param("monat", Short.class)));
        readIds = dsl.select(id).from(table).where(keyIs).getSQL() + (postgres ? " OFFSET 0" : "");
        // the INSERT's column list is unqualified (visit_insert: c.name / into_bare)
        var insert = dsl.insertInto(table, field(name("jahr"), SQLDataType.INTEGER), field(name("monat"), SQLDataType.SMALLINT))
                .values(param("jahr", Integer.class), param("monat", Short.class));
        createReturning = postgres;
        create = insert.getSQL() + (postgres ? " RETURNING " + dsl.render(id) : "");
        readById = dsl.select(id, jahr, monat, someValue).from(table).where(id.eq(param("id", Long.class))).getSQL()
                + " LIMIT 1 OFFSET 0";
        update = dsl.update(table).set(field(name("some_value"), SQLDataType.BIGINT), param("some_value", Long.class))
                .where(id.eq(param("id", Long.class))).getSQL();
    }
}
