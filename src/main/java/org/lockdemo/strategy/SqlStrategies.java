package org.lockdemo.strategy;

import static org.lockdemo.strategy.StrategyDefinition.exactRaceCount;
import static org.lockdemo.strategy.StrategyDefinition.insertFirst;

import java.util.Optional;
import org.lockdemo.strategy.StrategyDefinition.ModelledOn;

/**
 * SQL that people write by hand, with no framework in between: the definitions of the database's
 * own ways to settle the race (upserts, an advisory lock, SERIALIZABLE with retries). Their
 * statements are lockdemo's, written with jOOQ in their classes. Constants only; immutable.
 */
public final class SqlStrategies {
    private static final String LOCKDEMO = "lockdemo's own SQL, written with jOOQ in its class";

    public static final StrategyDefinition CREATE_FIRST = new StrategyDefinition(Framework.SQL, true, true,
            (s, o) -> new CreateFirstStrategy(s),
            "INSERT first in a savepoint, then lock: on a duplicate ROLLBACK TO and SELECT ... FOR UPDATE; the pattern of Rails 7.1's create_or_find_by, written by hand.",
            f -> f.surfaced() > 0
                    ? f.surfaced() + " duplicate-key errors reached the application"
                    : "no unique violation reached the application: " + f.foundAfterConflict() + " inserts hit a "
                            + "duplicate, rolled back to the savepoint and locked the existing row",
            Requires.EVERY_ENGINE, insertFirst(),
            new ModelledOn("SAVEPOINT; INSERT; on a duplicate ROLLBACK TO SAVEPOINT; SELECT ... FOR UPDATE",
                    "PostgreSQL, MySQL/MariaDB; the locking of Rails 7.1's create_or_find_by (rails-create-or-find-7-1 "
                            + "sends Rails' own statements)", LOCKDEMO,
                    "every attempt on an existing key pays for a failed INSERT; on InnoDB deadlocks under contention"));

    public static final StrategyDefinition UPSERT = new StrategyDefinition(Framework.SQL, true, true,
            (s, o) -> new UpsertStrategy(s),
            "INSERT ... ON CONFLICT DO NOTHING (MySQL: ON DUPLICATE KEY UPDATE) then SELECT ... FOR UPDATE: the database settles the race.",
            SqlStrategies::upsertLesson, Requires.EVERY_ENGINE, insertFirst(),
            new ModelledOn("INSERT ... ON CONFLICT (jahr, monat) DO NOTHING; SELECT ... FOR UPDATE",
                    "PostgreSQL 9.5+, MySQL/MariaDB", LOCKDEMO,
                    "under REPEATABLE READ on PostgreSQL the locking read of a row committed after the snapshot "
                            + "fails with a serialization failure"));

    public static final StrategyDefinition UPSERT_MULTIROW = new StrategyDefinition(Framework.SQL, true, true,
            (s, o) -> new MultiRowUpsertStrategy(s, o.keysPerAttempt()),
            "One multi-row INSERT ... ON CONFLICT DO NOTHING (MySQL: ON DUPLICATE KEY UPDATE) for all the attempt's keys, "
                    + "then SELECT ... FOR UPDATE and the update key after key: the batch that deadlocks unless the keys are sorted.",
            SqlStrategies::multiRowLesson, Requires.EVERY_ENGINE, insertFirst(),
            new ModelledOn("INSERT ... VALUES (k1), (k2), ... ON CONFLICT (jahr, monat) DO NOTHING RETURNING jahr, monat; "
                    + "SELECT ... FOR UPDATE per key", "PostgreSQL 9.5+, MySQL/MariaDB", LOCKDEMO,
                    "with --keys-per-attempt N and --key-order arrival, transactions that list the same keys in "
                            + "different orders deadlock inside the INSERT (openobserve#13480, basic-memory#1208)"));

    public static final StrategyDefinition UPSERT_RETURNING = new StrategyDefinition(Framework.SQL, true, true,
            (s, o) -> new UpsertReturningStrategy(s),
            "PostgreSQL only: INSERT ... ON CONFLICT DO UPDATE ... RETURNING inserts or locks the row in one statement.",
            SqlStrategies::upsertLesson,
            Requires.postgres("INSERT ... ON CONFLICT DO UPDATE ... RETURNING (MySQL and MariaDB have no "
                    + "RETURNING for ON DUPLICATE KEY UPDATE; use upsert)").notOnSqlite("PostgreSQL's xmax to tell an insert from an "
                    + "update (SQLite 3.35+ has RETURNING, not xmax; use upsert)"), insertFirst(),
            new ModelledOn("INSERT ... ON CONFLICT (jahr, monat) DO UPDATE SET some_value = t.some_value "
                    + "RETURNING (xmax = 0)", "PostgreSQL 9.5+", LOCKDEMO,
                    "a new row version per existing key; under REPEATABLE READ a serialization failure"));

    public static final StrategyDefinition ADVISORY = new StrategyDefinition(Framework.SQL, true, true,
            (s, o) -> new AdvisoryStrategy(s),
            "Serialize on the key with pg_advisory_xact_lock (MySQL: GET_LOCK/RELEASE_LOCK, session-scoped), then the naive steps in one transaction.",
            f -> f.nodes() > 1
                    ? "GET_LOCK is a lock of one server: sessions on different nodes held it at the same time, so it "
                            + "serialized nothing across the cluster" + (f.surfaced() > 0 ? "; " + f.surfaced()
                                    + " duplicate-key errors reached the application" : "")
                    : f.surfaced() > 0
                    ? f.surfaced() + " duplicate-key errors reached the application despite the advisory lock"
                    : "no unique violation: the advisory lock on the key serialized the whole get-or-create",
            Requires.bothServers("advisory locks (pg_advisory_xact_lock, GET_LOCK)"), exactRaceCount(),
            new ModelledOn("SELECT pg_advisory_xact_lock(jahr, monat) (MySQL: GET_LOCK), then the naive steps",
                    "PostgreSQL, MySQL/MariaDB", LOCKDEMO,
                    "under REPEATABLE READ the snapshot is taken before the wait; GET_LOCK is one server's lock, "
                            + "so it serializes nothing across a Galera cluster"));

    public static final StrategyDefinition SERIALIZABLE = new StrategyDefinition(Framework.SQL, true, true,
            (s, o) -> new SerializableStrategy(s, o.maxRetries()),
            "SERIALIZABLE isolation with the naive steps in one transaction, retrying serialization failures and deadlocks up to --max-retries.",
            f -> (f.surfaced() > 0 ? f.surfaced() + " duplicate-key errors reached the application"
                    : "no unique violation reached the application") + "; the database detected the race "
                    + f.retries() + " times and the transactions were retried",
            Requires.bothServers("SET TRANSACTION ISOLATION LEVEL, and every SQLite transaction is serializable already: --sqlite-begin chooses when it takes the lock"), dialect -> "postgresql".equals(dialect) ? Optional.empty()
                    : Optional.of("under SERIALIZABLE InnoDB's plain SELECT is a locking read, which waits for another "
                            + "session's uncommitted INSERT and then finds the row"),
            new ModelledOn("SET TRANSACTION ISOLATION LEVEL SERIALIZABLE; the naive steps; retry on 40001/deadlock",
                    "PostgreSQL, MySQL/MariaDB", LOCKDEMO,
                    "retries; on InnoDB plain reads become shared-lock reads and deadlocks outrun the retries"));

    public static final StrategyDefinition UPSERT_OLD_NEW = new StrategyDefinition(Framework.SQL, true, true,
            (s, o) -> new UpsertOldNewStrategy(s),
            "PostgreSQL 18+: INSERT ... ON CONFLICT DO UPDATE ... RETURNING old, new: upsert-returning without the xmax trick.",
            SqlStrategies::upsertLesson, Requires.postgres(18, "RETURNING old/new"), insertFirst(),
            new ModelledOn("INSERT ... ON CONFLICT (jahr, monat) DO UPDATE SET some_value = t.some_value "
                    + "RETURNING old.id AS old_id, new.id, new.some_value", "PostgreSQL 18+", LOCKDEMO,
                    "as upsert-returning: a new row version per existing key; under REPEATABLE READ a serialization "
                            + "failure"));

    public static final StrategyDefinition ON_CONFLICT_DO_SELECT = new StrategyDefinition(Framework.SQL, true, true,
            (s, o) -> new OnConflictDoSelectStrategy(s),
            "PostgreSQL 19+: INSERT ... ON CONFLICT DO SELECT FOR UPDATE RETURNING inserts, or locks and returns, the row.",
            SqlStrategies::upsertLesson, Requires.postgres(19, "INSERT ... ON CONFLICT DO SELECT"), insertFirst(),
            new ModelledOn("INSERT ... ON CONFLICT (jahr, monat) DO SELECT FOR UPDATE RETURNING old.id AS old_id, new.id, "
                    + "new.some_value", "PostgreSQL 19 (master)",
                    "from source, not captured: postgres/postgres@88327092ff06c48676d2a603420089bf493770f3 "
                            + "doc/src/sgml/ref/insert.sgml (the committed grammar; " + LOCKDEMO
                            + "); no server here has it, so it has never run",
                    "expected as upsert-returning without the new row version; under REPEATABLE READ a serialization "
                            + "failure; unmeasured"));

    public static final StrategyDefinition INSERT_IGNORE = new StrategyDefinition(Framework.SQL, true, true,
            (s, o) -> new InsertIgnoreStrategy(s),
            "MySQL/MariaDB only: INSERT IGNORE then SELECT ... FOR UPDATE; the duplicate becomes a warning (and so do other errors).",
            f -> f.surfaced() > 0 ? f.surfaced() + " duplicate-key errors reached the application"
                    : "no duplicate-key error: INSERT IGNORE waited for the winner's insert and turned the duplicate "
                            + "into a warning",
            Requires.mysql("INSERT IGNORE"), insertFirst(),
            new ModelledOn("INSERT IGNORE INTO t (jahr, monat, some_value) VALUES (?, ?, 0); SELECT ... FOR UPDATE",
                    "MySQL, MariaDB", LOCKDEMO,
                    "the ignored duplicate leaves a shared lock on the row, so sessions upgrading it with FOR UPDATE "
                            + "can deadlock; IGNORE also turns other errors (out-of-range, NOT NULL) into warnings"));

    public static final StrategyDefinition MERGE = new StrategyDefinition(Framework.SQL, false, true,
            (s, o) -> new MergeStrategy(s),
            "PostgreSQL 15+: MERGE ... WHEN NOT MATCHED THEN INSERT, then SELECT ... FOR UPDATE; a concurrent insert makes it fail.",
            f -> f.surfaced() > 0
                    ? f.surfaced() + " duplicate-key errors reached the application: MERGE's WHEN NOT MATCHED inserted "
                            + "beside another session's uncommitted row and failed when that one committed"
                    : "no unique violation this time: no MERGE met another session's uncommitted insert of the key",
            Requires.postgres(15, "MERGE"), insertFirst(),
            new ModelledOn("MERGE INTO t USING (VALUES (?, ?)) AS v (jahr, monat) ON ... WHEN NOT MATCHED THEN "
                    + "INSERT ...; SELECT ... FOR UPDATE", "PostgreSQL 15+", LOCKDEMO,
                    "MERGE does not take ON CONFLICT's path: beside a concurrent insert of the key it raises 23505"));

    public static final StrategyDefinition INSERT_WHERE_NOT_EXISTS = new StrategyDefinition(Framework.SQL, false, true,
            (s, o) -> new InsertWhereNotExistsStrategy(s),
            "INSERT ... SELECT ... WHERE NOT EXISTS (SELECT ...), then SELECT ... FOR UPDATE; the NOT EXISTS cannot see an uncommitted insert.",
            f -> f.surfaced() > 0
                    ? f.surfaced() + " duplicate-key errors reached the application: the NOT EXISTS read could not see "
                            + "another session's uncommitted row, so both inserted"
                    : "no unique violation this time: no NOT EXISTS read missed another session's uncommitted insert",
            Requires.EVERY_ENGINE, insertFirst(),
            new ModelledOn("INSERT INTO t (jahr, monat, some_value) SELECT ?, ?, 0 WHERE NOT EXISTS (SELECT 1 FROM t "
                    + "WHERE jahr = ? AND monat = ?); SELECT ... FOR UPDATE", "PostgreSQL, MySQL/MariaDB", LOCKDEMO,
                    "a duplicate-key error under a concurrent insert; on InnoDB under REPEATABLE READ the read takes "
                            + "shared next-key locks, and the sessions deadlock instead (1213, or 1467 on the AUTO-INC lock)"));

    private SqlStrategies() {
    }

    static String multiRowLesson(ExplanationFacts f) {
        return f.surfaced() > 0
                ? f.surfaced() + " duplicate-key errors reached the application"
                : "no duplicate from the race: the multi-row upsert waited for concurrent inserts of its keys and did "
                        + "nothing for them; with several keys in different orders those waits can form a deadlock";
    }

    static String upsertLesson(ExplanationFacts f) {
        return f.surfaced() > 0
                ? f.surfaced() + " duplicate-key errors reached the application"
                : "no error from the race: a concurrent insert of the key made the upsert wait for the winner "
                        + "and then do nothing";
    }
}
