package org.lockdemo.strategy;

import static org.jooq.impl.DSL.field;
import static org.jooq.impl.DSL.name;
import static org.jooq.impl.DSL.param;
import static org.jooq.impl.DSL.table;

import org.jooq.Condition;
import org.jooq.DSLContext;
import org.jooq.Field;
import org.jooq.Record;
import org.jooq.SQLDialect;
import org.jooq.Table;
import org.jooq.conf.ParamType;
import org.jooq.conf.RenderQuotedNames;
import org.jooq.conf.Settings;
import org.jooq.impl.DSL;
import org.jooq.impl.SQLDataType;

/**
 * The thread's table as jOOQ DSL objects, for strategies to write their SQL with. Statements are
 * rendered once into JDBC SQL with {@code ?} placeholders; every key predicate binds
 * {@code (jahr, monat)} as parameters 1 and 2. Immutable; thread-safe.
 */
public final class RaceSchema {
    public final Table<Record> table;
    public final Field<Long> id = field(name("id"), SQLDataType.BIGINT);
    public final Field<Integer> jahr = field(name("jahr"), SQLDataType.INTEGER);
    public final Field<Short> monat = field(name("monat"), SQLDataType.SMALLINT);
    public final Field<Long> someValue = field(name("some_value"), SQLDataType.BIGINT);
    private final DSLContext dsl;
    private final SQLDialect dialect;
    private final String tableName;
    private final boolean insertReturning;

    /** For PostgreSQL, MariaDB (jOOQ's MARIADB), MySQL and SQLite; see {@link #insertReturning()}. */
    public RaceSchema(String tableName, SQLDialect dialect) {
        this(tableName, dialect, dialect.family() != SQLDialect.MYSQL);
    }

    /**
     * @param insertReturning whether the server has {@code INSERT ... RETURNING}: PostgreSQL,
     *                        MariaDB 10.5+ and SQLite 3.35+, not MySQL (lockdemo renders MariaDB's SQL with jOOQ's
     *                        MYSQL dialect, so the server decides this, not {@code dialect})
     */
    public RaceSchema(String tableName, SQLDialect dialect, boolean insertReturning) {
        this.table = table(name(tableName));
        this.tableName = tableName;
        this.dialect = dialect;
        this.insertReturning = insertReturning;
        Settings settings = new Settings()
                .withRenderQuotedNames(RenderQuotedNames.NEVER)
                .withParamType(ParamType.INDEXED)
                .withRenderSchema(false);
        this.dsl = DSL.using(dialect, settings);
    }

    public DSLContext dsl() {
        return dsl;
    }

    /**
     * A DSL context for MariaDB's syntax. For statements where jOOQ's MYSQL rendering uses MySQL
     * 8.0.19+ syntax that MariaDB lacks (the {@code AS excluded} row alias of
     * {@code ON DUPLICATE KEY UPDATE}); MariaDB's form is valid MySQL 8 too.
     */
    public DSLContext mariaDbDsl() {
        return DSL.using(SQLDialect.MARIADB, dsl.settings());
    }

    /** True for PostgreSQL, false for the MySQL family (MySQL, MariaDB) and SQLite. */
    public boolean isPostgres() {
        return dialect.family() == SQLDialect.POSTGRES;
    }

    /** True for SQLite, which has no row locks: its database write lock is the lock. */
    public boolean isSqlite() {
        return dialect.family() == SQLDialect.SQLITE;
    }

    /** The lockdemo dialect id of the rendering: {@code postgresql}, {@code mysql} or {@code sqlite}. */
    public String dialectId() {
        return isPostgres() ? "postgresql" : isSqlite() ? "sqlite" : "mysql";
    }

    /**
     * Whether the upsert is {@code INSERT ... ON CONFLICT (...) DO ...}: PostgreSQL's, and SQLite's
     * since 3.24; else MySQL's {@code ON DUPLICATE KEY UPDATE}.
     */
    public boolean onConflict() {
        return isPostgres() || isSqlite();
    }

    /** The context an upsert is rendered in: this one where {@link #onConflict()}, else MariaDB's. */
    public DSLContext upsertDsl() {
        return onConflict() ? dsl : mariaDbDsl();
    }

    /**
     * The locking clause of a read that locks the row, as appended to a SELECT: {@code " FOR UPDATE"},
     * and nothing on SQLite, which has no row locks and no FOR UPDATE: there the transaction's write
     * lock (taken at BEGIN IMMEDIATE, or at its first write) is what keeps a second writer out, as
     * Django does on SQLite ({@code has_select_for_update = False}: {@code select_for_update()} is
     * left out of the SQL).
     */
    public String forUpdate() {
        return isSqlite() ? "" : " FOR UPDATE";
    }

    public String tableName() {
        return tableName;
    }

    /**
     * Whether the server answers {@code INSERT ... RETURNING id} (PostgreSQL, MariaDB 10.5+), as
     * Django's {@code can_return_columns_from_insert}; on MySQL the new id comes with the INSERT's
     * answer (the OK packet's last insert id), as Django reads {@code cursor.lastrowid}.
     */
    public boolean insertReturning() {
        return insertReturning;
    }

    /** {@code SELECT some_value FROM t WHERE jahr = ? AND monat = ?}: the row's current value, no lock. */
    public String selectValue() {
        return dsl.select(someValue).from(table).where(keyIs()).getSQL();
    }

    /** {@code SELECT some_value ... FOR UPDATE}: lock the row if it exists (SQLite: see {@link #forUpdate()}). */
    public String selectForUpdate() {
        return lockingRead(dsl.select(someValue).from(table).where(keyIs()));
    }

    /**
     * {@code insert ... returning FIELDS}: jOOQ's, and on SQLite written out, because jOOQ 3.19
     * emulates RETURNING there instead of rendering it (SQLite has it since 3.35).
     */
    public String returning(org.jooq.InsertReturningStep<?> insert, Field<?>... fields) {
        if (!isSqlite()) {
            return insert.returning(fields).getSQL();
        }
        StringBuilder sql = new StringBuilder(insert.getSQL()).append(" returning ");
        for (int i = 0; i < fields.length; i++) {
            sql.append(i == 0 ? "" : ", ").append(fields[i].getName());
        }
        return sql.toString();
    }

    /** {@code select} with jOOQ's {@code FOR UPDATE}, or as it is on SQLite (see {@link #forUpdate()}). */
    public String lockingRead(org.jooq.SelectForUpdateStep<?> select) {
        return isSqlite() ? select.getSQL() : select.forUpdate().getSQL();
    }

    /** {@code INSERT INTO t (jahr, monat, some_value) VALUES (?, ?, 0)}. */
    public String insertRow() {
        return dsl.insertInto(table, jahr, monat, someValue)
                .values(param("jahr", Integer.class), param("monat", Short.class), DSL.inline(0L)).getSQL();
    }

    /** {@code UPDATE t SET some_value = some_value + 1 WHERE ...}: the update done under the lock. */
    public String incrementValue() {
        return dsl.update(table).set(someValue, someValue.plus(DSL.inline(1L))).where(keyIs()).getSQL();
    }

    /** {@code jahr = ? AND monat = ?}. */
    public Condition keyIs() {
        return jahr.eq(param("jahr", Integer.class)).and(monat.eq(param("monat", Short.class)));
    }
}
