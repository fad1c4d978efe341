package org.lockdemo.strategy;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;
import org.jooq.SQLDialect;
import org.junit.jupiter.api.Test;
import org.lockdemo.strategy.file.FileStrategy;
import org.lockdemo.strategy.file.StrategyFileException;
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

    /** The same for every shipped strategy file, Sequelize's findOrCreate with its second connection among them. */
    @Test
    void everyShippedFileDeclaresTheConnectionsItsStrategyUses() throws IOException, StrategyFileException {
        List<Path> files;
        try (Stream<Path> all = Files.walk(Path.of("strategies"))) {
            files = all.filter(p -> p.toString().endsWith(".yaml")).sorted().toList();
        }
        int two = 0;
        for (Path f : files) {
            FileStrategy file = FileStrategy.read(f);
            for (SQLDialect dialect : List.of(SQLDialect.POSTGRES, SQLDialect.MYSQL)) {
                RaceSchema schema = new RaceSchema("lockdemo_sizing", dialect);
                if (file.unsupportedOn(schema.dialectId()).isPresent()) {
                    continue;
                }
                assertEquals(file.connectionsPerAttempt(), file.create(schema, StrategyOptions.DEFAULTS)
                        .connectionsPerAttempt(), f + " on " + schema.dialectId());
            }
            two += file.connectionsPerAttempt() == 2 ? 1 : 0;
        }
        assertEquals(1, two, "strategies/sequelize/find-or-create.yaml is the one file on two connections");
    }
}
