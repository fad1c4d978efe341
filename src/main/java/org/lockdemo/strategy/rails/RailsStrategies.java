package org.lockdemo.strategy.rails;

import static org.lockdemo.strategy.StrategyDefinition.insertFirst;

import org.lockdemo.strategy.CreateFirstStrategy;
import org.lockdemo.strategy.Framework;
import org.lockdemo.strategy.Requires;
import org.lockdemo.strategy.StrategyDefinition;
import org.lockdemo.strategy.StrategyDefinition.ModelledOn;

/**
 * Rails' (ActiveRecord's) get-or-create calls. Constants only; immutable.
 */
public final class RailsStrategies {

    public static final StrategyDefinition CREATE_FIRST = new StrategyDefinition(Framework.RAILS, true, true,
            (s, o) -> new CreateFirstStrategy(s),
            "Rails' create_or_find_by: INSERT first in a savepoint; on a duplicate roll back to it and SELECT ... FOR UPDATE.",
            f -> f.surfaced() > 0
                    ? f.surfaced() + " duplicate-key errors reached the application"
                    : "no unique violation reached the application: " + f.foundAfterConflict() + " inserts hit a "
                            + "duplicate, rolled back to the savepoint and locked the existing row",
            Requires.ANY, insertFirst(),
            new ModelledOn("T.transaction { T.create_or_find_by(jahr: j, monat: m) }", "ActiveRecord 7.1",
                    "lockdemo's statements, not captured (docs/frameworks.md)",
                    "every attempt on an existing key pays for a failed INSERT; on InnoDB deadlocks under contention"));

    private RailsStrategies() {
    }
}
