package org.lockdemo.strategy.sequelize;

import static org.lockdemo.strategy.StrategyDefinition.exactRaceCount;

import org.lockdemo.strategy.ExplanationFacts;
import org.lockdemo.strategy.Framework;
import org.lockdemo.strategy.Requires;
import org.lockdemo.strategy.StrategyDefinition;
import org.lockdemo.strategy.StrategyDefinition.ModelledOn;

/**
 * Sequelize's get-or-create calls, {@code findOrCreate} and {@code findCreateFind}, each without and
 * inside the caller's transaction, as Sequelize 6.37 sends them ({@link SequelizeSql}), held to the
 * transcripts captured from it by {@code SequelizeTranscriptTest}. Constants only; immutable.
 */
public final class SequelizeStrategies {
    private static final String VERSION = "Sequelize 6.37";
    private static final String CAPTURED = "captured from sequelize 6.37.8 (npm, scripts/transcripts/sequelize/"
            + "package-lock.json) with pg 8.16.3 and mariadb 2.5.6 on PostgreSQL 15 and MariaDB 10.11 "
            + "(transcripts/sequelize/*/";
    private static final String NO_LOCK = "it never locks the row: concurrent saves can overwrite each other "
            + "(see no_lost_update)";

    public static final StrategyDefinition FIND_OR_CREATE = new StrategyDefinition(Framework.SEQUELIZE, true, false,
            (s, o) -> new FindOrCreateStrategy(s, false),
            "Sequelize's findOrCreate() with no caller transaction: its own transaction, SELECT, INSERT (on PostgreSQL in a PL/pgSQL function that catches the duplicate); after a duplicate the re-find runs outside that transaction, on a second pooled connection, so it sees the winner's row. No lock: updates get lost.",
            f -> afterConflict(f, "re-read the row on a second connection, outside findOrCreate's open transaction, "
                    + "and found it"),
            Requires.ANY, exactRaceCount(),
            new ModelledOn("const [row] = await T.findOrCreate({ where: { jahr, monat } }); row.some_value++; "
                    + "await row.save();", VERSION, CAPTURED + "findOrCreate-*.sql)",
                    "no row lock: concurrent saves lose updates; the re-find holds a second pooled connection "
                            + "while the first one's transaction is open (a pool of one connection would wait forever)"),
            2); // the re-find's connection (FindOrCreateStrategy.connectionsPerAttempt)

    public static final StrategyDefinition FIND_OR_CREATE_TX = new StrategyDefinition(Framework.SEQUELIZE, false, false,
            (s, o) -> new FindOrCreateStrategy(s, true),
            "Sequelize's findOrCreate() in the caller's transaction: a savepoint it never releases, SELECT, INSERT; after a duplicate the re-find reads the caller's snapshot: under REPEATABLE READ it finds nothing and the UniqueConstraintError reaches the application. No lock: updates get lost.",
            f -> (f.surfaced() > 0 ? f.surfaced() + " duplicate-key errors reached the application (the re-find "
                    + "inside the caller's transaction could not see the winner's row)"
                    : "no duplicate-key error reached the application")
                    + "; " + NO_LOCK,
            Requires.ANY, exactRaceCount(),
            new ModelledOn("await sequelize.transaction(async (t) => { const [row] = await T.findOrCreate({ where: "
                    + "{ jahr, monat }, transaction: t }); row.some_value++; await row.save({ transaction: t }); })",
                    VERSION, CAPTURED + "findOrCreate-tx-*.sql)",
                    "no row lock: concurrent saves lose updates; under REPEATABLE READ the re-find cannot see the "
                            + "winner's row and the UniqueConstraintError is rethrown"));

    public static final StrategyDefinition FIND_CREATE_FIND = new StrategyDefinition(Framework.SEQUELIZE, true, false,
            (s, o) -> new FindCreateFindStrategy(s, false),
            "Sequelize's findCreateFind() with no caller transaction: SELECT, INSERT, and after a duplicate SELECT again, each statement in autocommit, so the re-find sees the winner's row. No lock: updates get lost.",
            f -> afterConflict(f, "lost the INSERT race and found the winner's row with a fresh autocommit SELECT"),
            Requires.ANY, exactRaceCount(),
            new ModelledOn("const [row] = await T.findCreateFind({ where: { jahr, monat } }); row.some_value++; "
                    + "await row.save();", VERSION, CAPTURED + "findCreateFind-*.sql)",
                    "no row lock: concurrent saves lose updates"));

    public static final StrategyDefinition FIND_CREATE_FIND_TX = new StrategyDefinition(Framework.SEQUELIZE, false, false,
            (s, o) -> new FindCreateFindStrategy(s, true),
            "Sequelize's findCreateFind() in the caller's transaction: SELECT, INSERT (on PostgreSQL ON CONFLICT DO NOTHING), SELECT again in the same snapshot: under REPEATABLE READ MariaDB returns no row and PostgreSQL fails with a serialization failure. No lock: updates get lost.",
            f -> (f.surfaced() > 0 ? f.surfaced() + " duplicate-key errors reached the application: the INSERT lost "
                    + "to the winner and the re-find in the caller's snapshot could not see its row, so findCreateFind "
                    + "returned null"
                    : "no duplicate-key error reached the application")
                    + "; " + NO_LOCK,
            Requires.ANY, exactRaceCount(),
            new ModelledOn("await sequelize.transaction(async (t) => { const [row] = await T.findCreateFind({ where: "
                    + "{ jahr, monat }, transaction: t }); row.some_value++; await row.save({ transaction: t }); })",
                    VERSION, CAPTURED + "findCreateFind-tx-*.sql)",
                    "no row lock: concurrent saves lose updates; under REPEATABLE READ the re-find returns null on "
                            + "MariaDB, and on PostgreSQL the ON CONFLICT fails with 40001"));

    private static String afterConflict(ExplanationFacts f, String how) {
        String errors = f.surfaced() > 0 ? f.surfaced() + " duplicate-key errors reached the application"
                : f.foundAfterConflict() > 0 ? "no duplicate-key error reached the application: " + f.foundAfterConflict()
                        + " attempts " + how
                        : "no duplicate-key error reached the application";
        return errors + "; " + NO_LOCK;
    }

    private SequelizeStrategies() {
    }
}
