package org.lockdemo.strategy;

import java.util.Optional;
import org.lockdemo.db.TableDefinition;

/**
 * A strategy the race can run: one of lockdemo's built-ins ({@link StrategyKind}), or one the user
 * brings (a strategy file, a class of their own). The race, its checks, results and reports see a
 * strategy only through this interface; the catalogue of built-ins (help, {@code strategies},
 * completion, framework groups) keeps {@link StrategyKind}. Implementations are immutable and safe
 * to share between threads.
 */
public interface RaceStrategy {

    /**
     * The command-line and output name, e.g. {@code create-first}: lower case letters, digits and
     * {@code -}. It names the strategy's table ({@code lockdemo_<runid>_<id with _>}) and its entry
     * in the results, so no two strategies of one run share it.
     */
    String id();

    /**
     * The end of its per-run table's name, {@code lockdemo_<runid>_<suffix>}: the id with {@code _}
     * for {@code -}. A strategy the user brings has a prefix of its own ({@code file_}), so that
     * {@code lockdemo cleanup} recognizes its tables and no built-in's can be taken for one.
     */
    default String tableSuffix() {
        return id().replace('-', '_');
    }

    /** Whether the strategy claims that no duplicate-key error reaches the application. */
    boolean expectedSafe();

    /**
     * The same claim when its threads are spread over the nodes of a multi-primary cluster
     * (MariaDB Galera), where row locks are node-local; the default is {@link #expectedSafe()}.
     */
    default boolean expectedSafeAcrossNodes() {
        return expectedSafe();
    }

    /** Whether it holds a row lock while updating, so a lost update would be a harness error. */
    boolean locksRow();

    /**
     * Whether every committed attempt increments the row's counter ({@code some_value}) exactly
     * once, so that the {@code no_lost_update} check can hold the counter to the committed
     * attempts. All built-ins do. A strategy the user brings may not (or may not say): then that
     * check is reported "not applicable", never passed.
     */
    default boolean updatesCounter() {
        return true;
    }

    /**
     * The table it races on, written for the dialect {@code dialectId}, when it is the user's
     * (a strategy file's {@code table:} section); empty for lockdemo's own
     * {@code (id, jahr, monat, some_value)}, which every built-in uses. Either way lockdemo names it
     * per run, creates it and drops only it.
     */
    default Optional<TableDefinition> table(String dialectId) {
        return Optional.empty();
    }

    /**
     * How many pooled connections one attempt uses at once (see {@link GetOrCreate#connectionsPerAttempt()}),
     * known without building it: the pool, and the embedded server's {@code max_connections}, are
     * sized from it before the server starts, while building a strategy renders its SQL with jOOQ,
     * the slow part of start-up (done meanwhile on another thread, {@link SqlWarmUp}). What
     * {@link #create} builds must use no more ({@code StrategyRun} refuses one that does).
     */
    default int connectionsPerAttempt() {
        return 1;
    }

    /** Builds it for a race table; the instance is shared by all workers. */
    GetOrCreate create(RaceSchema schema, StrategyOptions options);

    /** Why it cannot run on the dialect {@code dialectId}, or empty if it can: known before anything connects. */
    Optional<String> unsupportedOn(String dialectId);

    /** Why it cannot run on {@code server} (its dialect or its version), or empty if it can. */
    Optional<String> unsupportedOn(ServerVersion server);

    /**
     * Why the count of attempts that raced can only be a lower bound on {@code dialectId}, or empty
     * when it is exact (see {@link StrategyKind#racedLowerBound}).
     */
    Optional<String> racedLowerBound(String dialectId);

    /** What a run's counts mean, in plain language: the first part of the report's explanation line. */
    String explain(ExplanationFacts facts);
}
