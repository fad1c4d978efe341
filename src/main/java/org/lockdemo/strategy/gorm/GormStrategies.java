package org.lockdemo.strategy.gorm;

import static org.lockdemo.strategy.StrategyDefinition.exactRaceCount;
import static org.lockdemo.strategy.StrategyDefinition.insertFirst;

import org.lockdemo.strategy.Framework;
import org.lockdemo.strategy.Requires;
import org.lockdemo.strategy.StrategyDefinition;
import org.lockdemo.strategy.StrategyDefinition.ModelledOn;

/**
 * GORM's (Go) get-or-create calls, from source, not captured: GORM does not install here. Constants
 * only; immutable.
 */
public final class GormStrategies {
    private static final String SOURCE = "from source, not captured: go-gorm/gorm@v1.31.2 (1d6ce995) "
            + "finisher_api.go (FirstOrCreate, First, Create), callbacks/create.go, callbacks/query.go, "
            + "callbacks/update.go, clause/; go-gorm/postgres@v1.6.0 (1ffb5a75) postgres.go; "
            + "go-gorm/mysql@v1.6.0 (d7441567) mysql.go (docs/frameworks.md#gorm)";

    public static final StrategyDefinition FIRST_OR_CREATE = new StrategyDefinition(Framework.GORM, false, false,
            (s, o) -> new GormFirstOrCreateStrategy(s),
            "GORM's db.Where(key).FirstOrCreate(&t), then Update(\"some_value\"): SELECT * ... ORDER BY id LIMIT 1; absent => INSERT in GORM's default transaction. It never retries: a concurrent twin's INSERT fails and the unique violation reaches the application. No lock: updates get lost.",
            f -> (f.surfaced() > 0
                    ? f.surfaced() + " duplicate-key errors reached the application: two callers' FirstOrCreate found "
                            + "no row, both inserted, and GORM returned the later INSERT's error; expected, "
                            + "FirstOrCreate never retries"
                    : "no unique violation this time: the race needs callers that miss the SELECT together")
                    + "; it never locks the row, so concurrent updates can overwrite each other (see no_lost_update)",
            Requires.ANY, exactRaceCount(),
            new ModelledOn("db.Where(&T{Jahr: j, Monat: m}).FirstOrCreate(&t); "
                    + "db.Model(&t).Update(\"some_value\", t.SomeValue+1)", "GORM v1.31", SOURCE,
                    "no retry: a concurrent create surfaces the unique violation (23505 / 1062); no row lock: "
                            + "concurrent updates are lost"));

    public static final StrategyDefinition ON_CONFLICT = new StrategyDefinition(Framework.GORM, true, false,
            (s, o) -> new GormOnConflictStrategy(s),
            "The GORM maintainers' advice: db.Clauses(clause.OnConflict{DoNothing: true}).Create(&t) (INSERT ... ON CONFLICT DO NOTHING; MySQL: ON DUPLICATE KEY UPDATE id = id); if it did nothing, First(&t); then Update. No duplicate-key error, but no lock: updates get lost.",
            f -> (f.surfaced() > 0 ? f.surfaced() + " duplicate-key errors reached the application"
                    : "no duplicate-key error reached the application: a concurrent insert of the key made the "
                            + "INSERT wait for the winner and then do nothing")
                    + "; the read and the update take no lock, so concurrent updates can overwrite each other "
                    + "(see no_lost_update)",
            Requires.ANY, insertFirst(),
            new ModelledOn("res := db.Clauses(clause.OnConflict{DoNothing: true}).Create(&t); "
                    + "if res.RowsAffected == 0 { db.Where(&T{Jahr: j, Monat: m}).First(&t) }; "
                    + "db.Model(&t).Update(\"some_value\", t.SomeValue+1)", "GORM v1.31", SOURCE,
                    "no row lock: concurrent updates are lost; on MariaDB 10.5+ GORM appends RETURNING `id`, "
                            + "which returns the existing row's id on a duplicate, so RowsAffected is 1 either way "
                            + "(lockdemo sends the statement without RETURNING there, as GORM does to MySQL 8)"));

    private GormStrategies() {
    }
}
