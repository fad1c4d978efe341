package org.lockdemo.strategy.sqlalchemy;

import static org.lockdemo.strategy.StrategyDefinition.exactRaceCount;

import org.lockdemo.strategy.Framework;
import org.lockdemo.strategy.Requires;
import org.lockdemo.strategy.StrategyDefinition;
import org.lockdemo.strategy.StrategyDefinition.ModelledOn;

/**
 * SQLAlchemy's get-or-create recipes, as its ORM sends them: captured from Debian's
 * python3-sqlalchemy 1.4.46 by {@code scripts/transcripts.sh} and held to those transcripts by
 * {@code SqlAlchemyTranscriptTest}. Constants only; immutable.
 */
public final class SqlAlchemyStrategies {
    private static final String CAPTURED = "captured from python3-sqlalchemy 1.4.46 (Debian 12, psycopg2 2.9.5, "
            + "mysqlclient 1.4.6) on PostgreSQL 15 and MariaDB 10.11 (transcripts/sqlalchemy/*/";

    public static final StrategyDefinition BEGIN_NESTED = new StrategyDefinition(Framework.SQLALCHEMY, false, false,
            (s, o) -> new BeginNestedStrategy(s),
            "SQLAlchemy's documented recipe in session.begin(): query; absent => session.add() in begin_nested() (a savepoint INSERT); on IntegrityError ROLLBACK TO and query again with .one(); then some_value += 1 flushed. No lock: updates get lost; on InnoDB REPEATABLE READ the re-query finds nothing (NoResultFound).",
            f -> (f.surfaced() > 0
                    ? f.surfaced() + " duplicate-key errors reached the application" + (f.missingAfterConflict() > 0
                            ? " (" + f.missingAfterConflict() + " as NoResultFound: the re-query after the duplicate "
                                    + "read an older snapshot, which cannot see the winner's row)" : "")
                    : "no error reached the application: " + f.foundAfterConflict() + " inserts hit a duplicate, "
                            + "rolled back to the savepoint and re-queried the winner's row")
                    + "; it never locks the row, so concurrent saves can overwrite each other (see no_lost_update)",
            Requires.ANY, exactRaceCount(),
            new ModelledOn("with session.begin(): t = session.query(T).filter_by(jahr=j, monat=m).one_or_none(); if t is "
                    + "None: try: with session.begin_nested(): session.add(t := T(jahr=j, monat=m)) except "
                    + "IntegrityError: t = session.query(T).filter_by(jahr=j, monat=m).one(); t.some_value += 1",
                    "SQLAlchemy 1.4", CAPTURED + "begin_nested-*.sql)",
                    "no row lock: concurrent read-modify-writes lose updates; under REPEATABLE READ the re-query "
                            + "after the duplicate reads the old snapshot and raises NoResultFound"));

    public static final StrategyDefinition MERGE = new StrategyDefinition(Framework.SQLALCHEMY, false, false,
            (s, o) -> new MergeStrategy(s),
            "SQLAlchemy's Session.merge(T(id=..., jahr, monat)) with an id derived from the key, in session.begin(), then some_value += 1: SELECT by id; absent => the flush INSERTs the row with the value; present => UPDATE. No retry, no lock: races like naive.",
            f -> (f.surfaced() > 0
                    ? f.surfaced() + " duplicate-key errors reached the application as IntegrityError: two sessions "
                            + "found no row by id and both inserted; merge() does not retry"
                    : "no unique violation this time: the race needs sessions that miss the SELECT together")
                    + "; it never locks the row, so concurrent saves can overwrite each other (see no_lost_update)",
            Requires.ANY, exactRaceCount(),
            new ModelledOn("with session.begin(): t = session.merge(T(id=i, jahr=j, monat=m)); t.some_value += 1",
                    "SQLAlchemy 1.4", CAPTURED + "merge-*.sql)",
                    "two sessions both miss the SELECT by id and both INSERT: one IntegrityError reaches the "
                            + "application; no row lock, so concurrent updates are lost"));

    private SqlAlchemyStrategies() {
    }
}
