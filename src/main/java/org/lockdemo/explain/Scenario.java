package org.lockdemo.explain;

import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.lockdemo.db.SqliteSettings;
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
 * @param nodes       the node (1-based, in the order of {@code --url}) each session runs on; a
 *                    session not named runs on node 1. A scenario with a session on node 2 or
 *                    higher is a cluster scenario: it runs on the nodes of one MariaDB Galera cluster.
 * @param locksNote   what the locks this scenario shows with {@code --locks} mean, in the server's
 *                    terms and in plain words (e.g. what {@code lock_mode X locks gap before rec
 *                    insert intention} is); empty if the scenario has none
 * @param sqliteBegin the BEGIN mode a SQLite scenario is written for ({@code "sqlite_begin"}): when
 *                    its transactions take the write lock; {@code --sqlite-begin} overrides it
 * @param sqliteJournal the journal mode a SQLite scenario needs ({@code "sqlite_journal"}), if it
 *                    needs one: {@code SQLITE_BUSY_SNAPSHOT} exists only in WAL
 * @param setup       statements a session runs when it is opened, outside any transaction and before
 *                    the schedule ({@code "setup"}), as a PostgreSQL isolation spec's session setup:
 *                    e.g. {@code SET deadlock_timeout = '10s'}, so that the server's deadlock
 *                    detector runs in the session the lesson shows as the victim, whatever the
 *                    machine's speed. Sessions not named have none; shown above the schedule
 */
public record Scenario(String name, Optional<StrategyKind> strategy, List<String> dialects, Isolation isolation,
        String lesson, String explanation, String reference, RowKey key, List<String> sessions, List<Step> steps,
        Map<String, Integer> nodes, String locksNote, Optional<SqliteSettings.Begin> sqliteBegin,
        Optional<SqliteSettings.Journal> sqliteJournal, Map<String, List<String>> setup) {

    public Scenario {
        dialects = List.copyOf(dialects);
        Map<String, List<String>> ordered = new LinkedHashMap<>();
        for (String s : sessions) {
            List<String> statements = setup.getOrDefault(s, List.of());
            if (!statements.isEmpty()) {
                ordered.put(s, List.copyOf(statements));
            }
        }
        setup = Collections.unmodifiableMap(ordered);
        sessions = List.copyOf(sessions);
        steps = List.copyOf(steps);
        Map<String, Integer> all = new LinkedHashMap<>();
        for (String s : sessions) {
            all.put(s, nodes.getOrDefault(s, 1));
        }
        nodes = Collections.unmodifiableMap(all);
    }

    /** A scenario whose sessions all run on one database, as before nodes existed. */
    public Scenario(String name, Optional<StrategyKind> strategy, List<String> dialects, Isolation isolation,
            String lesson, String explanation, String reference, RowKey key, List<String> sessions, List<Step> steps) {
        this(name, strategy, dialects, isolation, lesson, explanation, reference, key, sessions, steps, Map.of());
    }

    /** A scenario without a note on its locks. */
    public Scenario(String name, Optional<StrategyKind> strategy, List<String> dialects, Isolation isolation,
            String lesson, String explanation, String reference, RowKey key, List<String> sessions, List<Step> steps,
            Map<String, Integer> nodes) {
        this(name, strategy, dialects, isolation, lesson, explanation, reference, key, sessions, steps, nodes, "");
    }

    /** A scenario that is not SQLite's, or does not say how SQLite runs it. */
    public Scenario(String name, Optional<StrategyKind> strategy, List<String> dialects, Isolation isolation,
            String lesson, String explanation, String reference, RowKey key, List<String> sessions, List<Step> steps,
            Map<String, Integer> nodes, String locksNote) {
        this(name, strategy, dialects, isolation, lesson, explanation, reference, key, sessions, steps, nodes, locksNote,
                Optional.empty(), Optional.empty());
    }

    /** A scenario whose sessions need no setup. */
    public Scenario(String name, Optional<StrategyKind> strategy, List<String> dialects, Isolation isolation,
            String lesson, String explanation, String reference, RowKey key, List<String> sessions, List<Step> steps,
            Map<String, Integer> nodes, String locksNote, Optional<SqliteSettings.Begin> sqliteBegin,
            Optional<SqliteSettings.Journal> sqliteJournal) {
        this(name, strategy, dialects, isolation, lesson, explanation, reference, key, sessions, steps, nodes, locksNote,
                sqliteBegin, sqliteJournal, Map.of());
    }

    /** The statements {@code session} runs when it is opened, in order; none for most. */
    public List<String> setup(String session) {
        return setup.getOrDefault(session, List.of());
    }

    /** The node {@code session} runs on, 1-based. */
    public int node(String session) {
        return nodes.getOrDefault(session, 1);
    }

    /** How many nodes (and {@code --url}s) the scenario needs: 1 for every scenario that is not a cluster's. */
    public int nodeCount() {
        return nodes.values().stream().mapToInt(Integer::intValue).max().orElse(1);
    }

    /** Whether the sessions run on several nodes of a Galera cluster. */
    public boolean clustered() {
        return nodeCount() > 1;
    }

    public boolean runsOn(String dialectId) {
        return dialects.contains(dialectId);
    }
}
