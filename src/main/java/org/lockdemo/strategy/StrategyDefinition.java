package org.lockdemo.strategy;

import java.util.Optional;
import java.util.function.BiFunction;
import java.util.function.Function;

/**
 * Everything lockdemo knows about one strategy but its id: whose code it is, what it claims, how to
 * build it, how to tell a run's lesson, what it needs of the server, and what it is modelled on.
 * One constant per strategy, kept beside the strategy's class (e.g. {@code RailsStrategies}),
 * named by {@link StrategyKind}. Immutable.
 *
 * @param framework       the group it belongs to
 * @param expectedSafe    whether it claims that no duplicate-key error reaches the application
 * @param locksRow        whether it holds a row lock while updating, so a lost update would be a
 *                        harness error rather than the strategy's lesson
 * @param factory         builds it for a race table; the instance is shared by all workers
 * @param description     one line saying what it does, for {@code --help} and the docs
 * @param lesson          what a run's counts mean, in plain language
 * @param requires        what it needs of the server
 * @param racedLowerBound per dialect id, why the count of attempts that raced can only be a lower
 *                        bound, or empty when it is exact (see {@link StrategyKind#racedLowerBound})
 * @param modelledOn      the framework call and version it sends what it sends from
 * @param connectionsPerAttempt the pooled connections one attempt uses at once: 1, or 2 for an ORM
 *                        that reads on a second connection while its transaction is open; what
 *                        {@code factory} builds says the same ({@code StrategyConnectionsTest})
 */
public record StrategyDefinition(Framework framework, boolean expectedSafe, boolean locksRow,
        BiFunction<RaceSchema, StrategyOptions, GetOrCreate> factory, String description,
        Function<ExplanationFacts, String> lesson, Requires requires,
        Function<String, Optional<String>> racedLowerBound, ModelledOn modelledOn, int connectionsPerAttempt) {

    /** A strategy whose attempts use one connection, as all but one do. */
    public StrategyDefinition(Framework framework, boolean expectedSafe, boolean locksRow,
            BiFunction<RaceSchema, StrategyOptions, GetOrCreate> factory, String description,
            Function<ExplanationFacts, String> lesson, Requires requires,
            Function<String, Optional<String>> racedLowerBound, ModelledOn modelledOn) {
        this(framework, expectedSafe, locksRow, factory, description, lesson, requires, racedLowerBound, modelledOn, 1);
    }

    /** The race count is a lower bound because the first statement that touches the row is an INSERT. */
    public static final String INSERT_FIRST_LOWER_BOUND = "its first statement is an INSERT; one that meets a "
            + "duplicate cannot tell a row committed before it from one being created: only the inserting attempt "
            + "is counted";

    /** The race count is a lower bound on InnoDB because its first read of the row is a locking read. */
    public static final String INNODB_LOCKING_READ_LOWER_BOUND = "InnoDB's SELECT ... FOR UPDATE waits for "
            + "another session's uncommitted INSERT and then finds the row: such an attempt is not counted";

    /**
     * The race count is a lower bound on SQLite in the rollback journal: a read waits while a writer
     * commits (its PENDING and EXCLUSIVE locks keep new readers out) and then finds the new row.
     */
    public static final String SQLITE_READ_WAITS_LOWER_BOUND = "in SQLite's rollback journal (--sqlite-journal "
            + "delete) a read waits while another connection commits and then finds its row: such an attempt is not "
            + "counted (in WAL a read never waits, and the count is exact)";

    /** For a strategy whose first statement that touches the row is a plain read: the count is exact (SQLite: see above). */
    public static Function<String, Optional<String>> exactRaceCount() {
        return dialect -> "sqlite".equals(dialect) ? Optional.of(SQLITE_READ_WAITS_LOWER_BOUND) : Optional.empty();
    }

    /** For a strategy whose first statement that touches the row is an INSERT or an upsert. */
    public static Function<String, Optional<String>> insertFirst() {
        return dialect -> Optional.of(INSERT_FIRST_LOWER_BOUND);
    }

    /** For a strategy whose first statement that touches the row is a locking read. */
    public static Function<String, Optional<String>> lockingReadFirst() {
        return dialect -> "postgresql".equals(dialect) ? Optional.empty()
                : "sqlite".equals(dialect) ? Optional.of(SQLITE_READ_WAITS_LOWER_BOUND) // no FOR UPDATE there
                : Optional.of(INNODB_LOCKING_READ_LOWER_BOUND);
    }

    /**
     * What a strategy was modelled on. Immutable.
     *
     * @param call         what a user writes, e.g. {@code T.create_or_find_by(jahr: j, monat: m)}
     * @param version      the framework version it models, e.g. {@code ActiveRecord 6.1}
     * @param source       where its statements come from: the captured transcripts (and from what
     *                     package), or the framework's source at a named commit or release ("from
     *                     source, not captured")
     * @param failureModes its known failure modes, in a sentence or two
     */
    public record ModelledOn(String call, String version, String source, String failureModes) {
    }
}
