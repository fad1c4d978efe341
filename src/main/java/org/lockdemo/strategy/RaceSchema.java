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
    public final Field<Integer> jahr = field(name("jahr"), SQLDataType.INTEGER);
    public final Field<Short> monat = field(name("monat"), SQLDataType.SMALLINT);
    public final Field<Long> someValue = field(name("some_value"), SQLDataType.BIGINT);
    private final DSLContext dsl;

    public RaceSchema(String tableName, SQLDialect dialect) {
        this.table = table(name(tableName));
        Settings settings = new Settings()
                .withRenderQuotedNames(RenderQuotedNames.NEVER)
                .withParamType(ParamType.INDEXED)
                .withRenderSchema(false);
        this.dsl = DSL.using(dialect, settings);
    }

    public DSLContext dsl() {
        return dsl;
    }

    /** {@code jahr = ? AND monat = ?}. */
    public Condition keyIs() {
        return jahr.eq(param("jahr", Integer.class)).and(monat.eq(param("monat", Short.class)));
    }
}
