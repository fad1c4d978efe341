package org.lockdemo.strategy;

import java.util.Arrays;
import java.util.Locale;
import java.util.Optional;
import java.util.function.Function;
import java.util.stream.Collectors;

/** The get-or-create strategies lockdemo knows, in the order they are run and shown. */
public enum StrategyKind {
    NAIVE(false, NaiveStrategy::new,
            "SELECT; if absent INSERT and commit; then SELECT ... FOR UPDATE. Two threads can both miss and both insert: one gets a unique violation."),
    SAVEPOINT(true, SavepointStrategy::new,
            "One transaction: SELECT ... FOR UPDATE; if absent SAVEPOINT + INSERT; on a duplicate ROLLBACK TO SAVEPOINT and lock again (Django's select_for_update().get_or_create() in atomic())."),
    NOWAIT(true, NowaitStrategy::new,
            "As savepoint with FOR UPDATE NOWAIT: a locked row fails fast with lock-not-available instead of waiting.");

    private final boolean expectedSafe;
    private final Function<RaceSchema, GetOrCreate> factory;
    private final String description;

    StrategyKind(boolean expectedSafe, Function<RaceSchema, GetOrCreate> factory, String description) {
        this.expectedSafe = expectedSafe;
        this.factory = factory;
        this.description = description;
    }

    /** Whether the strategy claims that no unique violation reaches the application. */
    public boolean expectedSafe() {
        return expectedSafe;
    }

    public String description() {
        return description;
    }

    public GetOrCreate create(RaceSchema schema) {
        return factory.apply(schema);
    }

    /** The command-line and output name, e.g. {@code savepoint}. */
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
