package org.lockdemo.strategy.hibernate;

import static org.lockdemo.strategy.StrategyDefinition.exactRaceCount;

import java.util.Set;
import org.lockdemo.strategy.ExplanationFacts;
import org.lockdemo.strategy.Framework;
import org.lockdemo.strategy.Requires;
import org.lockdemo.strategy.StrategyDefinition;
import org.lockdemo.strategy.StrategyDefinition.ModelledOn;

/**
 * Hibernate ORM's (and Spring Data JPA's) get-or-create calls, as Hibernate sends them: captured
 * from Hibernate ORM 7.4.16.Final by {@code scripts/transcripts.sh} and held to those transcripts by
 * {@code HibernateTranscriptTest}. Constants only; immutable.
 */
public final class HibernateStrategies {
    private static final String CAPTURED = "captured from Hibernate ORM 7.4.16.Final (Maven Central; pgjdbc "
            + "42.7.14, Connector/J 9.5.0) on PostgreSQL 15 and MariaDB 10.11 (transcripts/hibernate/*/";

    public static final StrategyDefinition PERSIST = new StrategyDefinition(Framework.HIBERNATE, false, false,
            (s, o) -> new PersistStrategy(s),
            "Hibernate's HQL query by key, then persist() of a new IDENTITY entity (the INSERT at once), someValue++ flushed at the commit. No retry: the ConstraintViolationException rolls the transaction back and reaches the application. No lock.",
            HibernateStrategies::noRetryLesson, Requires.ANY, exactRaceCount(),
            new ModelledOn("session.inTransaction(s -> { T t = s.createSelectionQuery(\"from T where jahr = :j and "
                    + "monat = :m\", T.class)...uniqueResult(); if (t == null) s.persist(t = new T(j, m)); "
                    + "t.someValue++; })", "Hibernate ORM 7.4", CAPTURED + "persist-*.sql)",
                    "two sessions both miss the query and both INSERT: the ConstraintViolationException reaches "
                            + "the application (the Session cannot retry); no row lock, so concurrent updates are lost"));

    public static final StrategyDefinition MERGE = new StrategyDefinition(Framework.HIBERNATE, false, false,
            (s, o) -> new HibernateMergeStrategy(s),
            "Hibernate's merge() of an entity with an id derived from the key (Spring Data's save() of an entity with an id): select by id; absent => INSERT then UPDATE at the flush. No retry: the ConstraintViolationException rolls back and reaches the application. No lock.",
            HibernateStrategies::noRetryLesson, Requires.ANY, exactRaceCount(),
            new ModelledOn("session.inTransaction(s -> { T t = s.merge(new T(id, j, m)); t.someValue++; }) -- "
                    + "Spring Data JPA: repository.save(new T(id, j, m)) of an entity with an id",
                    "Hibernate ORM 7.4", CAPTURED + "merge-*.sql)",
                    "two sessions both miss the select by id and both INSERT: the ConstraintViolationException "
                            + "reaches the application; no row lock, so concurrent updates are lost"));

    public static final StrategyDefinition UPSERT = new StrategyDefinition(Framework.HIBERNATE, false, false,
            (s, o) -> new HibernateUpsertStrategy(s),
            "Hibernate's StatelessSession: get() by an id derived from the key, then upsert() of the row with the value + 1: ON CONFLICT (id) DO UPDATE (PostgreSQL 15+) / ON DUPLICATE KEY UPDATE (MariaDB). The database settles the insert; no lock, so updates get lost.",
            f -> (f.surfaced() > 0
                    ? f.surfaced() + " duplicate-key errors reached the application: ON CONFLICT (id) arbitrates only "
                            + "the id, and a concurrent INSERT met first in the (jahr, monat) index is a unique violation"
                    : "no duplicate-key error reached the application: the upsert settled every insert race ("
                            + f.foundAfterConflict() + " found the winner's row by its answer)")
                    + "; the value is read without a lock and written back, so concurrent upserts overwrite each "
                    + "other (see no_lost_update)",
            new Requires(Set.of("postgresql", "mysql"), 15, true, "Hibernate 7.4's upsert as captured (PostgreSQL 15+: "
                    + "INSERT ... ON CONFLICT (id) DO UPDATE; MariaDB: ON DUPLICATE KEY UPDATE ... VALUES(); what it "
                    + "sends to older PostgreSQL and to MySQL was not captured)"), exactRaceCount(),
            new ModelledOn("sf.inStatelessTransaction(ss -> { T t = ss.get(T.class, id); ss.upsert(new T(id, j, m, "
                    + "(t == null ? 0 : t.someValue) + 1)); })", "Hibernate ORM 7.4", CAPTURED + "upsert-*.sql)",
                    "keyed on the primary key: on PostgreSQL a concurrent row met in another unique index is a "
                            + "unique violation; no row lock, so the read-modify-write loses updates"));

    private HibernateStrategies() {
    }

    private static String noRetryLesson(ExplanationFacts f) {
        return (f.surfaced() > 0
                ? f.surfaced() + " duplicate-key errors reached the application as ConstraintViolationException: two "
                        + "sessions found no row and both inserted; Hibernate cannot retry in a Session that threw"
                : "no unique violation this time: the race needs sessions that miss the SELECT together")
                + "; it never locks the row, so concurrent saves can overwrite each other (see no_lost_update)";
    }
}
