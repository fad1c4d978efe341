package org.lockdemo.explain;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.Optional;
import org.jooq.SQLDialect;
import org.junit.jupiter.api.Test;
import org.lockdemo.model.Isolation;
import org.lockdemo.strategy.Framework;
import org.lockdemo.strategy.RaceSchema;
import org.lockdemo.strategy.StrategyKind;
import org.lockdemo.strategy.StrategyOptions;

class BuiltInScenariosTest {
    /**
     * Issue 16's framework strategies whose lesson another strategy's scenario shows. Laravel: the
     * lost update is {@code laravel-update-or-create-*}; the others' lessons (a duplicate INSERT, an
     * unlocked save, a re-read in an old snapshot) are naive's, getorcreate's and create-first's.
     */
    /**
     * A scenario that teaches a strategy's lesson must send that strategy's statements, as rendered
     * for each server it runs on: PostgreSQL, and for mysql both MySQL (no {@code INSERT ...
     * RETURNING}) and MariaDB 10.5+ (with it).
     */
    @Test
    void everyStatementIsOneTheStrategySends() {
        for (Scenario s : Scenarios.builtIn()) {
            StrategyKind kind = s.strategy().orElseThrow(() -> new AssertionError(s.name() + " names no strategy"));
            for (String dialect : s.dialects()) {
                SQLDialect jooq = switch (dialect) {
                    case "postgresql" -> SQLDialect.POSTGRES;
                    case "sqlite" -> SQLDialect.SQLITE;
                    default -> SQLDialect.MYSQL;
                };
                for (boolean returning : dialect.equals("mysql") ? List.of(false, true) : List.of(true)) {
                    String server = dialect + (returning ? " with" : " without") + " INSERT ... RETURNING";
                    List<String> sent = kind.create(new RaceSchema("lockdemo_t", jooq, returning), StrategyOptions.DEFAULTS)
                            .statements();
                    for (Step step : s.steps()) {
                        if (step.action() == Step.Action.SQL) {
                            assertTrue(sent.contains(step.sqlFor("lockdemo_t", returning)),
                                    s.name() + " step " + step.number() + " is not a " + kind.id() + " statement on "
                                            + server + ": " + step.sqlFor("lockdemo_t", returning)
                                            + "\n  the strategy sends " + sent);
                        }
                    }
                }
            }
        }
    }

    /** The UPDATEs of Django's strategies bind what the client computed: the row's id and its value + 1. */
    @Test
    void djangosSavesBindTheLastRow() {
        for (Scenario s : Scenarios.builtIn()) {
            for (Step step : s.steps()) {
                if (step.sql().startsWith("UPDATE {table} SET some_value = ? WHERE id = ?")) {
                    assertEquals("[some_value + 1, id]", step.params().toString(), s.name() + " step " + step.number());
                } else if (step.sql().startsWith("UPDATE {table} SET jahr = ?")) {
                    assertEquals("[jahr, monat, some_value + 1, id]", step.params().toString(),
                            s.name() + " step " + step.number());
                }
            }
        }
    }

    @Test
    void theIssuesLessonsAreThere() {
        assertEquals("savepoint-postgresql", name(StrategyKind.SAVEPOINT, "postgresql", Isolation.DEFAULT));
        assertEquals("savepoint-mysql", name(StrategyKind.SAVEPOINT, "mysql", Isolation.DEFAULT));
        assertEquals(List.of("T1", "T2", "T3"), Scenarios.forStrategy(StrategyKind.SAVEPOINT, "mysql", Isolation.DEFAULT)
                .orElseThrow().sessions());
        assertEquals("getorcreate-mysql", name(StrategyKind.GETORCREATE, "mysql", Isolation.READ_COMMITTED));
        assertEquals(Isolation.REPEATABLE_READ, Scenarios.forStrategy(StrategyKind.GETORCREATE, "mysql", Isolation.DEFAULT)
                .orElseThrow().isolation());
        // one per database it runs on for every strategy listed here, none where it cannot run
        // (the built-ins run on the embedded PostgreSQL and on MariaDB, ExplainIT: a strategy that needs a
        // newer server, on-conflict-do-select, has none yet); the strategies of the thread and of the
        // databases' own answers, and the lessons issue 16 names, must have theirs. A strategy added
        // without one is refused by explain --strategy with one line. Of the other frameworks' strategies
        // one per lesson, named by the lesson (Sequelize's on MariaDB only).
        List<StrategyKind> required = List.of(StrategyKind.NAIVE, StrategyKind.GETORCREATE, StrategyKind.CREATE_FIRST,
                StrategyKind.SAVEPOINT, StrategyKind.NOWAIT, StrategyKind.UPSERT, StrategyKind.UPSERT_RETURNING,
                StrategyKind.ADVISORY, StrategyKind.SERIALIZABLE, StrategyKind.LARAVEL_UPDATE_OR_CREATE,
                StrategyKind.MERGE, StrategyKind.SEQUELIZE_FIND_OR_CREATE,
                StrategyKind.RAILS_CREATE_OR_FIND_2026);
        for (StrategyKind k : StrategyKind.values()) {
            boolean has = Scenarios.builtIn().stream().anyMatch(s -> s.strategy().equals(Optional.of(k)));
            assertTrue(has || !required.contains(k), k + " has no built-in scenario");
            if (!has) {
                continue;
            }
            boolean everyDatabase = required.contains(k) && k.framework() != Framework.SEQUELIZE;
            boolean namedById = k.framework() == Framework.DJANGO || k.framework() == Framework.SQL;
            for (String d : List.of("postgresql", "mysql")) {
                if (k.unsupportedOn(d).isPresent() || k.unsupportedOn(EXPLAIN_SERVERS.get(d)).isPresent()) {
                    assertEquals(Optional.empty(), Scenarios.forStrategy(k, d, Isolation.DEFAULT), k + " on " + d);
                } else if (everyDatabase) {
                    Scenario sc = Scenarios.forStrategy(k, d, Isolation.DEFAULT).orElse(null);
                    assertTrue(sc != null, k + " has no built-in scenario on " + d);
                    if (namedById) {
                        assertEquals(k.id() + "-" + d, sc.name());
                    }
                } else if (namedById) {
                    Scenarios.forStrategy(k, d, Isolation.DEFAULT)
                            .ifPresent(s -> assertEquals(k.id() + "-" + d, s.name(), k + " on " + d));
                }
            }
        }
        // Sequelize's outside-transaction re-read: T2' is T2's client's second connection
        assertEquals(List.of("T1", "T2", "T2'"), Scenarios.forStrategy(StrategyKind.SEQUELIZE_FIND_OR_CREATE, "mysql",
                Isolation.DEFAULT).orElseThrow().sessions());
        // issue 16's "Rails 2026 upgrade deadlock"
        assertEquals("rails-share-upgrade-postgresql", name(StrategyKind.RAILS_CREATE_OR_FIND_2026, "postgresql", Isolation.DEFAULT));
        assertEquals("rails-share-upgrade-mysql", name(StrategyKind.RAILS_CREATE_OR_FIND_2026, "mysql", Isolation.DEFAULT));
        assertEquals(Isolation.SERIALIZABLE, Scenarios.forStrategy(StrategyKind.SERIALIZABLE, "postgresql", Isolation.DEFAULT)
                .orElseThrow().isolation());
        assertEquals(Scenarios.BUILT_IN, Scenarios.builtIn().stream().map(Scenario::name).toList(),
                "each resource's name field matches its file");
        // the cluster scenarios: T1 on node 1, T2 on node 2, chosen by name and never by --strategy
        assertEquals(List.of("galera-savepoint", "galera-create"), Scenarios.clusterScenarioNames());
        for (String n : Scenarios.clusterScenarioNames()) {
            Scenario s = Scenarios.byName(n).orElseThrow();
            assertEquals(java.util.Map.of("T1", 1, "T2", 2), s.nodes(), n);
            assertEquals(List.of("mysql"), s.dialects(), n);
        }
    }

    /** The servers ExplainIT runs the built-ins on: the embedded PostgreSQL, and MariaDB. */
    private static final java.util.Map<String, org.lockdemo.strategy.ServerVersion> EXPLAIN_SERVERS = java.util.Map.of(
            "postgresql", new org.lockdemo.strategy.ServerVersion("postgresql", "PostgreSQL", "18.3"),
            "mysql", new org.lockdemo.strategy.ServerVersion("mysql", "MariaDB", "10.11.19-MariaDB"));

    private static String name(StrategyKind k, String dialect, Isolation i) {
        return Scenarios.forStrategy(k, dialect, i).orElseThrow(() -> new AssertionError(k + " on " + dialect)).name();
    }
}
