package org.lockdemo.strategy.prisma;

import static org.lockdemo.strategy.StrategyDefinition.exactRaceCount;

import org.lockdemo.strategy.Framework;
import org.lockdemo.strategy.Requires;
import org.lockdemo.strategy.StrategyDefinition;
import org.lockdemo.strategy.StrategyDefinition.ModelledOn;

/**
 * Prisma's (Node.js) get-or-create, from source, not captured: Prisma does not install here.
 * Constants only; immutable.
 */
public final class PrismaStrategies {

    public static final StrategyDefinition UPSERT = new StrategyDefinition(Framework.PRISMA, false, false,
            (s, o) -> new PrismaUpsertStrategy(s),
            "Prisma's upsert({where, create, update: {}}), emulated (an empty update rules out the native ON CONFLICT upsert): in a transaction SELECT the id; absent => INSERT; read the row back. Two callers both miss and both insert: P2002 reaches the application. Then update() with no lock: updates get lost.",
            f -> (f.surfaced() > 0
                    ? f.surfaced() + " duplicate-key errors reached the application (Prisma's P2002): two upserts' "
                            + "reads found no row, both inserted, and the later INSERT failed; expected, the emulated "
                            + "upsert does not retry"
                    : "no unique violation this time: the race needs upserts that miss the SELECT together")
                    + "; the update after it takes no lock, so concurrent updates can overwrite each other "
                    + "(see no_lost_update)",
            Requires.ANY, exactRaceCount(),
            new ModelledOn("const t = await prisma.t.upsert({ where: { jahr_monat: { jahr, monat } }, "
                    + "create: { jahr, monat }, update: {} }); await prisma.t.update({ where: { id: t.id }, "
                    + "data: { some_value: t.some_value + 1 } })", "Prisma 4.6+ (the emulated upsert)",
                    "from source, not captured: prisma/prisma-engines@01aad9b6 "
                            + "query-engine/core/src/query_graph_builder/write/upsert.rs; quaint/src/visitor/postgres.rs "
                            + "@044ec3d4, quaint/src/visitor/mysql.rs @032ea598; psl builtin_connectors (NativeUpsert on "
                            + "PostgreSQL, not MySQL); the statement order as in prisma/orm#14868's query log "
                            + "(docs/frameworks.md#prisma)",
                    "two upserts that both miss the read both insert: one fails with P2002 (23505 / 1062), no retry "
                            + "(prisma/orm#29789, #20229); no row lock: concurrent updates are lost"));

    private PrismaStrategies() {
    }
}
