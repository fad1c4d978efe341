package org.lockdemo.strategy;

import java.util.Optional;
import org.jooq.SQLDialect;

/**
 * Which strategies can get or create several keys in one transaction ({@code --keys-per-attempt
 * N}), known before anything connects: those whose attempt is one transaction with a per-key part
 * ({@link PerKeyGetOrCreate}) and the batch-native multi-row upsert ({@link GetOrCreateMany}).
 * Thread-safe (stateless).
 */
public final class SeveralKeys {
    private SeveralKeys() {
    }

    /** Why {@code kind} cannot take several keys per attempt, or empty if it can. */
    public static Optional<String> whyNot(RaceStrategy kind) {
        GetOrCreate probe = probe(kind);
        if (GetOrCreateMany.of(probe).isPresent()) {
            return Optional.empty();
        }
        if (probe instanceof GetOrCreateMany many && many.severalKeysRefused().isPresent()) {
            return Optional.of("--strategy-file " + many.severalKeysRefused().get());
        }
        return Optional.of(kind.id() + " cannot get or create several keys in one transaction: its attempt is not "
                + "one transaction with a part per key (it commits between statements, retries, takes a lock "
                + "outside the transaction, or is code lockdemo cannot split)");
    }

    /**
     * An instance to ask: built for a table that is never created, on PostgreSQL, or MySQL for a
     * strategy that cannot be built for PostgreSQL. Whether a strategy is per-key does not differ by
     * dialect.
     */
    private static GetOrCreate probe(RaceStrategy kind) {
        StrategyOptions two = new StrategyOptions(StrategyOptions.DEFAULTS.maxRetries(), 2);
        String dialect = kind.unsupportedOn("postgresql").isEmpty() ? "postgresql" : "mysql";
        SQLDialect jooq = dialect.equals("postgresql") ? SQLDialect.POSTGRES : SQLDialect.MYSQL;
        return kind.create(new RaceSchema("lockdemo_probe", jooq), two);
    }
}
