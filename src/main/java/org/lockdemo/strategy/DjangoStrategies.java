package org.lockdemo.strategy;

import static org.lockdemo.strategy.StrategyDefinition.exactRaceCount;
import static org.lockdemo.strategy.StrategyDefinition.lockingReadFirst;

import org.lockdemo.strategy.StrategyDefinition.ModelledOn;

/**
 * Django's get-or-create, as the 2016 thread runs it: the definitions of the strategies whose
 * statements are Django's own ({@link DjangoSql}), captured from Django 3.2 by
 * {@code scripts/transcripts.sh} and held to those transcripts by {@code StrategyTranscriptTest}.
 * Constants only; immutable.
 */
public final class DjangoStrategies {
    private static final String CAPTURED = "captured from Debian's python3-django 3.2.25 on PostgreSQL 15 and "
            + "MariaDB 10.11 (src/test/resources/org/lockdemo/transcripts/django/); Django 5's "
            + "django/db/models/query.py (django/django 0379e75) read: the same algorithm";

    public static final StrategyDefinition NAIVE = new StrategyDefinition(Framework.DJANGO, false, true,
            (s, o) -> new NaiveStrategy(s),
            "The thread's first code as Django runs it: get(); if absent save() a new row, then select_for_update().get() and save() in atomic(); a row that exists is only read. Two threads both miss and both insert: one gets a unique violation.",
            f -> f.uniqueViolations() > 0
                    ? f.uniqueViolations() + " of " + f.attempts() + " attempts got a unique violation: two threads saw no "
                            + "row, both inserted, and the later INSERT failed; expected, this is the race from the thread"
                    : "no unique violation this time: the race needs threads that miss the SELECT together "
                            + "(try more --threads, or the hot key without --keys)",
            Requires.EVERY_ENGINE, exactRaceCount(),
            new ModelledOn("t = T.objects.get(jahr=j, monat=m) / T(jahr=j, monat=m).save(), then "
                    + "select_for_update().get() and save() in atomic()", "Django 3.2", CAPTURED,
                    "two threads both miss the get() and both insert: one IntegrityError reaches the application"));

    public static final StrategyDefinition GETORCREATE = new StrategyDefinition(Framework.DJANGO, false, false,
            (s, o) -> new DjangoGetOrCreateStrategy(s),
            "Django's get_or_create() without select_for_update(), in atomic(): SELECT; absent => savepoint INSERT; on a duplicate ROLLBACK TO and RELEASE SAVEPOINT and a plain re-read; then save(update_fields). No lock: updates get lost; on InnoDB REPEATABLE READ the re-read finds nothing.",
            f -> (f.surfaced() > 0 ? f.surfaced() + " duplicate-key errors reached the application"
                    : "no duplicate-key error reached the application")
                    + "; it never locks the row, so concurrent saves can overwrite each other (see no_lost_update)",
            Requires.EVERY_ENGINE, exactRaceCount(),
            new ModelledOn("with atomic(): t, _ = T.objects.get_or_create(jahr=j, monat=m); t.some_value += 1; "
                    + "t.save(update_fields=['some_value'])", "Django 3.2", CAPTURED,
                    "no row lock: concurrent saves lose updates; on InnoDB REPEATABLE READ the re-read after the "
                            + "duplicate finds nothing and the IntegrityError is re-raised (Django #13906)"));

    public static final StrategyDefinition SAVEPOINT = new StrategyDefinition(Framework.DJANGO, true, true,
            (s, o) -> new SavepointStrategy(s, SavepointStrategy.WaitMode.WAIT),
            "The thread's answer, select_for_update().get_or_create() in atomic() then save(update_fields): SELECT ... FOR UPDATE; if absent savepoint INSERT; on a duplicate ROLLBACK TO and RELEASE SAVEPOINT and lock again.",
            f -> f.surfaced() > 0
                    ? f.surfaced() + " duplicate-key errors reached the application, which this strategy should prevent"
                    : f.foundAfterConflict() > 0
                            ? "no unique violation reached the application: " + f.foundAfterConflict() + " attempts "
                                    + "lost the INSERT race, rolled back to the savepoint and then locked the winner's row"
                            : "no unique violation reached the application",
            Requires.EVERY_ENGINE, lockingReadFirst(),
            new ModelledOn("with atomic(): t, _ = T.objects.select_for_update().get_or_create(jahr=j, monat=m); "
                    + "t.some_value += 1; t.save(update_fields=['some_value'])", "Django 3.2", CAPTURED,
                    "under REPEATABLE READ on PostgreSQL the re-read cannot see the winner's row; on InnoDB "
                            + "deadlocks under contention"));

    public static final StrategyDefinition NOWAIT = new StrategyDefinition(Framework.DJANGO, true, true,
            (s, o) -> new SavepointStrategy(s, SavepointStrategy.WaitMode.NOWAIT),
            "As savepoint with FOR UPDATE NOWAIT: a locked row fails fast with lock-not-available instead of waiting.",
            f -> f.lockNotAvailable() + " attempts found the row locked and failed at once with lock-not-available "
                    + "instead of waiting; " + (f.surfaced() == 0 ? "no unique violation reached the application"
                            : f.surfaced() + " duplicate-key errors reached the application"),
            Requires.bothServers("FOR UPDATE NOWAIT, and SQLite has no row lock to find taken: its one lock is the database's (--sqlite-busy-timeout 0ms fails at once instead of waiting for it)"), lockingReadFirst(),
            new ModelledOn("the same with select_for_update(nowait=True)", "Django 3.2", CAPTURED,
                    "a locked row fails at once (55P03; MariaDB 1205, MySQL 3572) for the caller to retry"));

    public static final StrategyDefinition DJANGO_AUTOCOMMIT = new StrategyDefinition(Framework.DJANGO, true, false,
            (s, o) -> new DjangoAutocommitStrategy(s),
            "Django's get_or_create() outside atomic(), then save(update_fields): get() in autocommit; absent => BEGIN, INSERT, COMMIT; on a duplicate ROLLBACK and get() again in a fresh autocommit snapshot, so the row is found even on InnoDB REPEATABLE READ. No lock: updates get lost.",
            f -> (f.surfaced() > 0 ? f.surfaced() + " duplicate-key errors reached the application"
                    : "no duplicate-key error reached the application" + (f.foundAfterConflict() > 0 ? ": "
                            + f.foundAfterConflict() + " attempts lost the INSERT race and found the winner's row "
                            + "with a re-read in a fresh autocommit snapshot" : ""))
                    + "; it never locks the row, so concurrent saves can overwrite each other (see no_lost_update)",
            Requires.EVERY_ENGINE, exactRaceCount(),
            new ModelledOn("t, _ = T.objects.get_or_create(jahr=j, monat=m) outside atomic(); t.some_value += 1; "
                    + "t.save(update_fields=['some_value'])", "Django 3.2",
                    "captured from Debian's python3-django 3.2.25 on PostgreSQL 15 and MariaDB 10.11 "
                            + "(src/test/resources/org/lockdemo/transcripts/django/*/getorcreate-autocommit-*.sql)",
                    "no row lock: concurrent saves lose updates; the re-read after the duplicate runs in a new "
                            + "snapshot, so Django #13906 cannot happen"));

    private DjangoStrategies() {
    }
}
