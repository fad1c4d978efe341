package org.lockdemo.strategy;

import java.util.Arrays;
import java.util.Locale;
import java.util.Optional;
import java.util.function.BiFunction;
import java.util.function.Function;
import java.util.stream.Collectors;

/**
 * The get-or-create strategies lockdemo knows, in the order they are run and shown: the unsafe
 * ones first, then the locking ones from the thread, then the alternatives. The one registry of
 * what there is to know about a strategy: its id, its safety claims, its one-line description, the
 * explanation of a run's counts, and how to build it (whose statements per path are in
 * {@code src/test/resources/org/lockdemo/strategy/statements-<dialect>.txt}). Immutable.
 */
public enum StrategyKind {
    NAIVE(false, true, (s, o) -> new NaiveStrategy(s),
            "The thread's first code as Django runs it: get(); if absent save() a new row, then select_for_update().get() and save() in atomic(); a row that exists is only read. Two threads both miss and both insert: one gets a unique violation.",
            f -> f.uniqueViolations() > 0
                    ? f.uniqueViolations() + " of " + f.attempts() + " attempts got a unique violation: two threads saw no "
                            + "row, both inserted, and the later INSERT failed; expected, this is the race from the thread"
                    : "no unique violation this time: the race needs threads that miss the SELECT together "
                            + "(try more --threads, or the hot key without --keys)"),
    GETORCREATE(false, false, (s, o) -> new DjangoGetOrCreateStrategy(s),
            "Django's get_or_create() without select_for_update(), in atomic(): SELECT; absent => savepoint INSERT; on a duplicate ROLLBACK TO and RELEASE SAVEPOINT and a plain re-read; then save(update_fields). No lock: updates get lost; on InnoDB REPEATABLE READ the re-read finds nothing.",
            f -> (f.surfaced() > 0 ? f.surfaced() + " duplicate-key errors reached the application"
                    : "no duplicate-key error reached the application")
                    + "; it never locks the row, so concurrent saves can overwrite each other (see no_lost_update)"),
    CREATE_FIRST(true, true, (s, o) -> new CreateFirstStrategy(s),
            "Rails' create_or_find_by: INSERT first in a savepoint; on a duplicate roll back to it and SELECT ... FOR UPDATE.",
            f -> f.surfaced() > 0
                    ? f.surfaced() + " duplicate-key errors reached the application"
                    : "no unique violation reached the application: " + f.foundAfterConflict() + " inserts hit a "
                            + "duplicate, rolled back to the savepoint and locked the existing row"),
    SAVEPOINT(true, true, (s, o) -> new SavepointStrategy(s, SavepointStrategy.WaitMode.WAIT),
            "The thread's answer, select_for_update().get_or_create() in atomic() then save(update_fields): SELECT ... FOR UPDATE; if absent savepoint INSERT; on a duplicate ROLLBACK TO and RELEASE SAVEPOINT and lock again.",
            f -> f.surfaced() > 0
                    ? f.surfaced() + " duplicate-key errors reached the application, which this strategy should prevent"
                    : f.foundAfterConflict() > 0
                            ? "no unique violation reached the application: " + f.foundAfterConflict() + " attempts "
                                    + "lost the INSERT race, rolled back to the savepoint and then locked the winner's row"
                            : "no unique violation reached the application"),
    NOWAIT(true, true, (s, o) -> new SavepointStrategy(s, SavepointStrategy.WaitMode.NOWAIT),
            "As savepoint with FOR UPDATE NOWAIT: a locked row fails fast with lock-not-available instead of waiting.",
            f -> f.lockNotAvailable() + " attempts found the row locked and failed at once with lock-not-available "
                    + "instead of waiting; " + (f.surfaced() == 0 ? "no unique violation reached the application"
                            : f.surfaced() + " duplicate-key errors reached the application")),
    UPSERT(true, true, (s, o) -> new UpsertStrategy(s),
            "INSERT ... ON CONFLICT DO NOTHING (MySQL: ON DUPLICATE KEY UPDATE) then SELECT ... FOR UPDATE: the database settles the race.",
            StrategyKind::upsertLesson),
    UPSERT_RETURNING(true, true, (s, o) -> new UpsertReturningStrategy(s),
            "PostgreSQL only: INSERT ... ON CONFLICT DO UPDATE ... RETURNING inserts or locks the row in one statement.",
            StrategyKind::upsertLesson),
    ADVISORY(true, true, (s, o) -> new AdvisoryStrategy(s),
            "Serialize on the key with pg_advisory_xact_lock (MySQL: GET_LOCK/RELEASE_LOCK, session-scoped), then the naive steps in one transaction.",
            f -> f.nodes() > 1
                    ? "GET_LOCK is a lock of one server: sessions on different nodes held it at the same time, so it "
                            + "serialized nothing across the cluster" + (f.surfaced() > 0 ? "; " + f.surfaced()
                                    + " duplicate-key errors reached the application" : "")
                    : f.surfaced() > 0
                    ? f.surfaced() + " duplicate-key errors reached the application despite the advisory lock"
                    : "no unique violation: the advisory lock on the key serialized the whole get-or-create"),
    SERIALIZABLE(true, true, (s, o) -> new SerializableStrategy(s, o.maxRetries()),
            "SERIALIZABLE isolation with the naive steps in one transaction, retrying serialization failures and deadlocks up to --max-retries.",
            f -> (f.surfaced() > 0 ? f.surfaced() + " duplicate-key errors reached the application"
                    : "no unique violation reached the application") + "; the database detected the race "
                    + f.retries() + " times and the transactions were retried");

    private final boolean expectedSafe;
    private final boolean locksRow;
    private final BiFunction<RaceSchema, StrategyOptions, GetOrCreate> factory;
    private final String description;
    private final Function<ExplanationFacts, String> lesson;

    StrategyKind(boolean expectedSafe, boolean locksRow, BiFunction<RaceSchema, StrategyOptions, GetOrCreate> factory,
            String description, Function<ExplanationFacts, String> lesson) {
        this.expectedSafe = expectedSafe;
        this.locksRow = locksRow;
        this.factory = factory;
        this.description = description;
        this.lesson = lesson;
    }

    private static String upsertLesson(ExplanationFacts f) {
        return f.surfaced() > 0
                ? f.surfaced() + " duplicate-key errors reached the application"
                : "no error from the race: a concurrent insert of the key made the upsert wait for the winner "
                        + "and then do nothing";
    }

    /** Whether the strategy claims that no duplicate-key error reaches the application. */
    public boolean expectedSafe() {
        return expectedSafe;
    }

    /**
     * Whether the strategy claims that no duplicate-key error reaches the application when its
     * threads are spread over the nodes of a multi-primary cluster (MariaDB Galera). Row locks are
     * node-local there, but the cluster's certification still lets only one of two conflicting
     * transactions commit, so every strategy that relies on the row and its unique key stays safe
     * (the loser fails as certification_failure, an honest failed attempt). {@code advisory} does
     * not: GET_LOCK is a lock of one server, so sessions on two nodes both hold "the" lock, both see
     * no row and both insert; the second INSERT to arrive can hit the first one's replicated row.
     */
    public boolean expectedSafeAcrossNodes() {
        return expectedSafe && this != ADVISORY;
    }

    /** Whether it holds a row lock while updating, so a lost update would be a harness error. */
    public boolean locksRow() {
        return locksRow;
    }

    /** One line saying what the strategy does, for the help and the docs. */
    public String description() {
        return description;
    }

    /**
     * What happened in a run of this strategy, in plain language, from its counts: the lesson the
     * strategy teaches (the first part of the report's explanation line; the report adds the error
     * outcomes and their reasons).
     */
    public String explain(ExplanationFacts facts) {
        return lesson.apply(facts);
    }

    public GetOrCreate create(RaceSchema schema, StrategyOptions options) {
        return factory.apply(schema, options);
    }

    /**
     * Why this strategy cannot run on the dialect {@code dialectId} ({@code postgresql},
     * {@code mysql}), or empty if it can.
     */
    public Optional<String> unsupportedOn(String dialectId) {
        if (this == UPSERT_RETURNING && !"postgresql".equals(dialectId)) {
            return Optional.of("upsert-returning needs INSERT ... ON CONFLICT DO UPDATE ... RETURNING, which "
                    + "MySQL and MariaDB do not have for ON DUPLICATE KEY UPDATE; use upsert");
        }
        return Optional.empty();
    }

    /**
     * Why the count of attempts that raced ({@code Attempt#raced()}) can only be a lower bound for
     * this strategy on {@code dialectId}, or empty when it is exact. It is exact where the first
     * statement that touches the row cannot wait for another session's uncommitted row: a plain
     * SELECT (never waits), and on PostgreSQL a locking read too (an uncommitted row is invisible to
     * it). It is a lower bound where that statement can wait and then find the row: InnoDB's locking
     * reads (FOR UPDATE, and SERIALIZABLE's plain reads) wait for an uncommitted INSERT; an INSERT or
     * upsert that meets a duplicate cannot say whether the row was committed before it began.
     */
    public Optional<String> racedLowerBound(String dialectId) {
        boolean innodb = !"postgresql".equals(dialectId);
        return switch (this) {
            case CREATE_FIRST, UPSERT, UPSERT_RETURNING -> Optional.of("its first statement is an INSERT; one "
                    + "that meets a duplicate cannot tell a row committed before it from one being created: only "
                    + "the inserting attempt is counted");
            case SAVEPOINT, NOWAIT -> innodb ? Optional.of("InnoDB's SELECT ... FOR UPDATE waits for another "
                    + "session's uncommitted INSERT and then finds the row: such an attempt is not counted")
                    : Optional.empty();
            case SERIALIZABLE -> innodb ? Optional.of("under SERIALIZABLE InnoDB's plain SELECT is a locking read, "
                    + "which waits for another session's uncommitted INSERT and then finds the row") : Optional.empty();
            case NAIVE, GETORCREATE, ADVISORY -> Optional.empty();
        };
    }

    /** The command-line and output name, e.g. {@code create-first}. */
    public String id() {
        return name().toLowerCase(Locale.ROOT).replace('_', '-');
    }

    public static Optional<StrategyKind> fromId(String id) {
        return Arrays.stream(values()).filter(k -> k.id().equalsIgnoreCase(id)).findFirst();
    }

    public static String ids() {
        return Arrays.stream(values()).map(StrategyKind::id).collect(Collectors.joining(", "));
    }
}
