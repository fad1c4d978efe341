package org.lockdemo.race;

import java.util.List;
import org.lockdemo.strategy.ServerVersion;
import org.lockdemo.strategy.RaceStrategy;

/**
 * Decides, once the server has said what it is, which of a run's strategies run on it: a strategy
 * may need a feature that only some versions have (MERGE from PostgreSQL 15, {@code RETURNING
 * old/new} from 18). Implementations are stateless and thread-safe.
 */
@FunctionalInterface
public interface StrategyGate {
    /**
     * The strategies of {@code chosen} that run on {@code server}, in their order; the gate itself
     * tells the user about one it leaves out (the command line: a note with the results, as for a
     * strategy the dialect cannot run). May instead throw, unchecked, for a strategy that must not be
     * left out (the command line refuses a strategy asked for by name with a usage error).
     */
    List<RaceStrategy> admit(List<RaceStrategy> chosen, ServerVersion server);
}
