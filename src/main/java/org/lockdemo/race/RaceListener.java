package org.lockdemo.race;

import java.util.function.LongSupplier;
import org.lockdemo.strategy.RaceStrategy;

/**
 * Told what the runner is doing, for progress output. Called from the runner's thread; a listener
 * that keeps state across threads must make it safe itself.
 */
public interface RaceListener {
    /** A strategy starts; {@code attemptsSoFar} may be polled from any thread until it finishes. */
    default void strategyStarted(RaceStrategy strategy, LongSupplier attemptsSoFar) {
    }

    default void strategyFinished(StrategyResult result) {
    }

    RaceListener NONE = new RaceListener() {
    };
}
