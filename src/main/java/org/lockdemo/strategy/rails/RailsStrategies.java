package org.lockdemo.strategy.rails;

import static org.lockdemo.strategy.StrategyDefinition.exactRaceCount;
import static org.lockdemo.strategy.StrategyDefinition.insertFirst;

import org.lockdemo.strategy.ExplanationFacts;
import org.lockdemo.strategy.Framework;
import org.lockdemo.strategy.Requires;
import org.lockdemo.strategy.StrategyDefinition;
import org.lockdemo.strategy.StrategyDefinition.ModelledOn;
import org.lockdemo.strategy.rails.CreateOrFindByStrategy.ReadBack;

/**
 * Rails' (ActiveRecord's) get-or-create calls, each in the caller's transaction followed by the
 * workload's "read, add one, save" ({@code t.some_value += 1; t.save!}). That is the form in which
 * the three generations of {@code create_or_find_by} differ: outside a transaction every one of them
 * re-reads with a plain {@code find_by!} in autocommit. Constants only; immutable.
 */
public final class RailsStrategies {
    private static final String CAPTURED = "captured from Debian's ruby-activerecord 6.1.7.10 on PostgreSQL 15 and "
            + "MariaDB 10.11 (transcripts/rails/*/";
    private static final String RELATION_RB = "activerecord/lib/active_record/relation.rb";

    public static final StrategyDefinition CREATE_OR_FIND_6_1 = new StrategyDefinition(Framework.RAILS, false, false,
            (s, o) -> new CreateOrFindByStrategy(s, ReadBack.PLAIN),
            "Rails 6.0/6.1 create_or_find_by in a transaction, then save!: savepoint INSERT; on RecordNotUnique ROLLBACK TO and a plain find_by. No lock: updates get lost.",
            f -> surfacedOrNone(f) + "; the read-back takes no lock, so concurrent saves of the value read can "
                    + "overwrite each other (see no_lost_update)",
            Requires.ANY, insertFirst(),
            new ModelledOn("T.transaction { t = T.create_or_find_by(jahr: j, monat: m); t.some_value += 1; t.save! }",
                    "ActiveRecord 6.0, 6.1", CAPTURED + "create_or_find_by-tx-*.sql); " + RELATION_RB
                            + " at v6.1.7.10 (86864c2f6661) read",
                    "no row lock: concurrent saves lose updates; in a REPEATABLE READ transaction that read before, "
                            + "the re-read finds nothing and RecordNotFound is raised (rails/rails#39691)"));

    public static final StrategyDefinition CREATE_OR_FIND_7_1 = new StrategyDefinition(Framework.RAILS, true, true,
            (s, o) -> new CreateOrFindByStrategy(s, ReadBack.FOR_UPDATE),
            "Rails 7.1-8.1 create_or_find_by in a transaction, then save!: savepoint INSERT; on RecordNotUnique ROLLBACK TO and find_by ... FOR UPDATE (rails/rails#48053).",
            f -> f.surfaced() > 0
                    ? f.surfaced() + " duplicate-key errors reached the application (RecordNotUnique or RecordNotFound)"
                    : "no unique violation reached the application: " + f.foundAfterConflict() + " creates hit a "
                            + "duplicate, rolled back to the savepoint and locked the existing row FOR UPDATE",
            Requires.ANY, insertFirst(),
            new ModelledOn("T.transaction { t = T.create_or_find_by(jahr: j, monat: m); t.some_value += 1; t.save! }",
                    "ActiveRecord 7.1 to 8.1", "from source, not captured: rails/rails@v7.1.0 (d39db5d1891f) " + RELATION_RB
                            + " (rails/rails#48053, cd100e533866); the same at v7.2.0, v8.0.0, v8.1.0",
                    "on InnoDB the losers hold the duplicate check's shared lock and then ask for FOR UPDATE: "
                            + "deadlocks with three or more (rails/rails#54281); under PostgreSQL REPEATABLE READ the "
                            + "read-back cannot see the winner's row (RecordNotFound)"));

    public static final StrategyDefinition CREATE_OR_FIND_2026 = new StrategyDefinition(Framework.RAILS, true, true,
            (s, o) -> new CreateOrFindByStrategy(s, ReadBack.FOR_SHARE),
            "Rails' 2026 create_or_find_by (rails/rails#58733) in a transaction, then save!: on RecordNotUnique the read-back takes a shared lock; updaters deadlock on the upgrade.",
            f -> f.surfaced() > 0
                    ? f.surfaced() + " duplicate-key errors reached the application (RecordNotUnique or RecordNotFound)"
                    : "no unique violation reached the application: " + f.foundAfterConflict() + " creates hit a "
                            + "duplicate and share-locked the existing row; sessions that share it and then save "
                            + "deadlock on the lock upgrade (see the deadlock outcome)",
            Requires.ANY, insertFirst(),
            new ModelledOn("T.transaction { t = T.create_or_find_by(jahr: j, monat: m); t.some_value += 1; t.save! }",
                    "ActiveRecord after rails/rails#58733 (2026)",
                    "from source, not captured: the PR's description only (its diff is in no stored copy; "
                            + "rails/rails@2a2db1e8d6d1 predates it), with lock(:share) as rails/rails@41a87bce5f8a "
                            + "renders it in activerecord/lib/arel/visitors/{postgresql,mysql}.rb",
                    "two sessions that share-lock the row and then update it deadlock on the upgrade (the PR says so); "
                            + "under PostgreSQL REPEATABLE READ the read-back cannot see the winner's row"));

    public static final StrategyDefinition CREATE_OR_FIND_NO_TX = new StrategyDefinition(Framework.RAILS, false, false,
            (s, o) -> new CreateOrFindByNoTxStrategy(s),
            "Rails create_or_find_by with no transaction, then save! (6.0 to 8.1 alike): INSERT in a transaction of its own; on RecordNotUnique ROLLBACK, a plain find_by and a separate save!. No lock: updates get lost.",
            f -> surfacedOrNone(f) + "; the read-back and the save! are separate autocommit statements, so concurrent "
                    + "saves of the value read can overwrite each other (see no_lost_update)",
            Requires.ANY, insertFirst(),
            new ModelledOn("t = T.create_or_find_by(jahr: j, monat: m); t.some_value += 1; t.save! (no transaction)",
                    "ActiveRecord 6.0 to 8.1", CAPTURED + "create_or_find_by-{absent,present,conflict}.sql); 7.1 to 8.1 "
                            + "from source (" + RELATION_RB + " at v7.1.0, v8.1.0: find_by!(attributes) when no "
                            + "transaction is open)",
                    "no row lock: concurrent saves lose updates; never a RecordNotFound (each read-back is a fresh "
                            + "autocommit snapshot)"));

    public static final StrategyDefinition FIND_OR_CREATE_7_1 = new StrategyDefinition(Framework.RAILS, true, false,
            (s, o) -> new FindOrCreateByStrategy(s, ReadBack.FOR_UPDATE),
            "Rails 7.1-8.1 find_or_create_by in a transaction, then save!: a plain find_by, then create_or_find_by (7.1's FOR UPDATE read-back). A row found at once is not locked.",
            f -> surfacedOrNone(f) + "; a row the first find_by finds is not locked, so concurrent saves of the "
                    + "value read can overwrite each other (see no_lost_update)",
            Requires.ANY, exactRaceCount(),
            new ModelledOn("T.transaction { t = T.find_or_create_by(jahr: j, monat: m); t.some_value += 1; t.save! }",
                    "ActiveRecord 7.1 to 8.1", "from source, not captured: rails/rails@v7.1.0 (d39db5d1891f) " + RELATION_RB
                            + ", find_by(attributes) || create_or_find_by(attributes) (rails/rails#45720, 408d061a80a4)",
                    "no lock on a row found at once: concurrent saves lose updates; after a duplicate the "
                            + "create_or_find_by 7.1 failure modes"));

    public static final StrategyDefinition FIND_OR_CREATE_6_1 = new StrategyDefinition(Framework.RAILS, false, false,
            (s, o) -> new FindOrCreateByStrategy(s, null),
            "Rails 6.1 find_or_create_by in a transaction, then save!: find_by || create, no savepoint and no retry: the race raises RecordNotUnique.",
            f -> surfacedOrNone(f) + " (find_by || create has no second chance); no row lock, so concurrent saves "
                    + "can overwrite each other (see no_lost_update)",
            Requires.ANY, exactRaceCount(),
            new ModelledOn("T.transaction { t = T.find_or_create_by(jahr: j, monat: m); t.some_value += 1; t.save! }",
                    "ActiveRecord 6.1", CAPTURED + "find_or_create_by-tx-*.sql); " + RELATION_RB
                            + " at v6.1.7.10 (86864c2f6661) read",
                    "the INSERT race raises RecordNotUnique to the caller; no row lock: lost updates"));

    private static String surfacedOrNone(ExplanationFacts f) {
        return f.surfaced() > 0 ? f.surfaced() + " duplicate-key errors reached the application"
                : "no duplicate-key error reached the application";
    }

    private RailsStrategies() {
    }
}
