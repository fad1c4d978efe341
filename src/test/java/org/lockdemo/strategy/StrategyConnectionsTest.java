package org.lockdemo.strategy;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.List;
import org.jooq.SQLDialect;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/**
 * The connections per attempt a built-in declares (and the pool and the embedded server are sized
 * from before anything is built) are what the strategy it builds uses, on every dialect it runs on.
 */
class StrategyConnectionsTest {
    private static final List<SQLDialect> DIALECTS = List.of(SQLDialect.POSTGRES, SQLDialect.MYSQL, SQLDialect.SQLITE);

    @ParameterizedTest(name = "{0}")
    @EnumSource(StrategyKind.class)
    void theDeclaredCountIsTheBuiltStrategysOnEveryDialect(StrategyKind kind) {
        for (SQLDialect dialect : DIALECTS) {
            RaceSchema schema = new RaceSchema("lockdemo_sizing", dialect);
            if (kind.unsupportedOn(schema.dialectId()).isPresent()) {
                continue;
            }
            assertEquals(kind.connectionsPerAttempt(), kind.create(schema, StrategyOptions.DEFAULTS).connectionsPerAttempt(),
                    kind.id() + " on " + schema.dialectId());
        }
    }
}
