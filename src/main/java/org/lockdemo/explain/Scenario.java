package org.lockdemo.explain;

import java.util.List;
import java.util.Optional;
import org.lockdemo.model.Isolation;
import org.lockdemo.model.RowKey;
import org.lockdemo.strategy.StrategyKind;

/**
 * A fixed interleaving of named sessions on one key, with the lesson it teaches: data, read by
 * {@link ScenarioReader} from a built-in resource or a user's file. Immutable.
 *
 * @param name        short unique name, e.g. {@code savepoint-postgresql}
 * @param strategy    the strategy whose statements it sends, if it is one of lockdemo's
 * @param dialects    the dialect ids it is written for ({@code postgresql}, {@code mysql})
 * @param isolation   the isolation level every session runs at
 * @param lesson      one line, for {@code --list} and the heading
 * @param explanation what happened and why, in plain language
 * @param reference   the documentation or ticket that describes it
 * @param key         the row every step works on
 * @param sessions    the session names, in the order their columns are shown
 * @param steps       the schedule, in the order the steps are sent
 */
public record Scenario(String name, Optional<StrategyKind> strategy, List<String> dialects, Isolation isolation,
        String lesson, String explanation, String reference, RowKey key, List<String> sessions, List<Step> steps) {

    public Scenario {
        dialects = List.copyOf(dialects);
        sessions = List.copyOf(sessions);
        steps = List.copyOf(steps);
    }

    public boolean runsOn(String dialectId) {
        return dialects.contains(dialectId);
    }
}
