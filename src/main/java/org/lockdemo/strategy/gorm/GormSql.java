package org.lockdemo.strategy.gorm;

import static org.jooq.impl.DSL.field;
import static org.jooq.impl.DSL.inline;
import static org.jooq.impl.DSL.name;
import static org.jooq.impl.DSL.param;
import static org.jooq.impl.DSL.table;

import org.jooq.Condition;
import org.jooq.DSLContext;
import org.jooq.Field;
import org.jooq.Record;
import org.jooq.SQLDialect;
import org.jooq.Table;
import org.jooq.conf.RenderKeywordCase;
import org.jooq.conf.RenderQuotedNames;
import org.jooq.impl.DSL;
import org.jooq.impl.SQLDataType;
import org.lockdemo.strategy.RaceSchema;

/**
 * The statements GORM v2 sends for lockdemo's model ({@code type T struct { ID int64; Jahr int32;
 * Monat int16; SomeValue int64 }}, {@code (jahr, monat)} unique), rendered once with jOOQ. From
 * source, not captured (GORM is Go and does not install here): go-gorm/gorm v1.31.2 (1d6ce995)
 * {@code finisher_api.go}, {@code callbacks/create.go}, {@code callbacks/query.go},
 * {@code callbacks/update.go}, {@code clause/*.go}; go-gorm/postgres v1.6.0 (1ffb5a75)
 * {@code postgres.go}; go-gorm/mysql v1.6.0 (d7441567) {@code mysql.go}. As GORM writes them:
 * keywords upper case, every name quoted, the key's columns qualified by the table
 * ({@code clause.CurrentTable}), {@code SELECT *}, {@code ORDER BY "t"."id" LIMIT 1} from
 * {@code First}/{@code FirstOrCreate}, {@code RETURNING "id"} where the dialect registers the
 * RETURNING clause (PostgreSQL; MariaDB 10.5+). What jOOQ spells differently: GORM binds
 * {@code LIMIT} and {@code some_value} as parameters ({@code $3}), writes no blanks after commas
 * and none around {@code =} in SET, and no parentheses around the WHERE's AND. Immutable; thread-safe.
 */
final class GormSql {
    /** {@code Find}/{@code First} with conditions: {@code SELECT * ... WHERE "t"."jahr" = ? AND "t"."monat" = ? ORDER BY "t"."id" LIMIT 1}. */
    final String first;
    /** {@code Create(&t)}: {@code INSERT INTO "t" ("jahr","monat","some_value") VALUES (?,?,0)} [{@code RETURNING "id"}]. */
    final String create;
    /** Whether {@link #create} returns the id as a result set; else as the INSERT's generated key (MySQL). */
    final boolean createReturning;
    /**
     * {@code Clauses(clause.OnConflict{DoNothing: true}).Create(&t)}: PostgreSQL
     * {@code ... ON CONFLICT DO NOTHING RETURNING "id"}; MySQL/MariaDB
     * {@code ... ON DUPLICATE KEY UPDATE `id` = `id`} (go-gorm/mysql's ON CONFLICT builder turns
     * DoNothing into an update of the primary key to itself).
     */
    final String createOnConflictDoNothing;
    /** Whether {@link #createOnConflictDoNothing} returns the id (PostgreSQL); else its update count says. */
    final boolean onConflictReturning;
    /** {@code Model(&t).Update("some_value", v)}: {@code UPDATE "t" SET "some_value" = ? WHERE "id" = ?}. */
    final String update;

    GormSql(RaceSchema s) {
        boolean postgres = s.isPostgres();
        var settings = s.dsl().settings().withRenderQuotedNames(RenderQuotedNames.ALWAYS)
                .withRenderKeywordCase(RenderKeywordCase.UPPER);
        DSLContext dsl = DSL.using(s.dsl().dialect(), settings);
        // ON DUPLICATE KEY UPDATE as MariaDB takes it (jOOQ's MYSQL rendering may add a row alias)
        DSLContext upsertDsl = postgres ? dsl : DSL.using(SQLDialect.MARIADB, settings);
        String t = s.tableName();
        Table<Record> table = table(name(t));
        Field<Long> id = field(name("id"), SQLDataType.BIGINT);
        Field<Integer> jahr = field(name("jahr"), SQLDataType.INTEGER);
        Field<Short> monat = field(name("monat"), SQLDataType.SMALLINT);
        Field<Long> someValue = field(name("some_value"), SQLDataType.BIGINT);
        // BuildCondition of a struct: clause.Eq{Column: clause.Column{Table: clause.CurrentTable, ...}}
        Condition keyIs = field(name(t, "jahr"), SQLDataType.INTEGER).eq(param("jahr", Integer.class))
                .and(field(name(t, "monat"), SQLDataType.SMALLINT).eq(param("monat", Short.class)));
        // First / FirstOrCreate: Limit(1).Order(clause.OrderByColumn{Column: {Table: CurrentTable, Name: PrimaryKey}});
        // GORM binds the 1 ($3); jOOQ would render a PostgreSQL limit as FETCH NEXT
        first = dsl.select(DSL.asterisk()).from(table).where(keyIs).orderBy(field(name(t, "id"))).getSQL()
                + " LIMIT 1";
        var insert = dsl.insertInto(table, jahr, monat, someValue)
                .values(param("jahr", Integer.class), param("monat", Short.class), inline(0L));
        createReturning = s.insertReturning();
        String returningId = " RETURNING " + dsl.render(id);
        create = insert.getSQL() + (createReturning ? returningId : "");
        var upsert = upsertDsl.insertInto(table, jahr, monat, someValue)
                .values(param("jahr", Integer.class), param("monat", Short.class), inline(0L));
        onConflictReturning = postgres;
        // MariaDB 10.5+ would get RETURNING "id" too (go-gorm/mysql withReturning), which answers with the
        // existing row's id on a duplicate: neither GORM nor JDBC can tell a found row from a created one.
        // lockdemo sends it as GORM sends it to MySQL 8 (and to MariaDB with DisableWithReturning)
        createOnConflictDoNothing = postgres ? upsert.onConflictDoNothing().getSQL() + returningId
                : upsert.onDuplicateKeyUpdate().set(id, id).getSQL();
        // Update of a model with a primary key: clause.Eq{Column: "id"} (unqualified)
        update = dsl.update(table).set(someValue, param("some_value", Long.class))
                .where(id.eq(param("id", Long.class))).getSQL();
    }
}
