package org.lockdemo.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.lockdemo.strategy.Framework;
import org.lockdemo.strategy.Requires;
import org.lockdemo.strategy.ServerVersion;
import org.lockdemo.strategy.StrategyKind;
import picocli.CommandLine.TypeConversionException;

class StrategyChoiceTest {
    private final StrategyChoice.Converter converter = new StrategyChoice.Converter();

    private List<StrategyKind> resolve(String dialectId, List<String> notRun, String... values) {
        List<StrategyChoice> choices = Arrays.stream(values).map(converter::convert).toList();
        return StrategyChoice.resolve(choices, dialectId, IllegalStateException::new, notRun::add);
    }

    @Test
    void idsAnyCaseAndAllAreAccepted() {
        assertEquals(StrategyChoice.of(StrategyKind.CREATE_FIRST), converter.convert(" Create-First "));
        assertTrue(converter.convert("create-first").named());
        assertEquals(StrategyChoice.ALL, converter.convert("ALL"));
        TypeConversionException e = assertThrows(TypeConversionException.class, () -> converter.convert("optimistic"));
        assertTrue(e.getMessage().startsWith("'optimistic' is not a strategy or a group; choose from naive, "),
                e.getMessage());
        assertTrue(e.getMessage().contains("; the groups django, rails, "), e.getMessage());
        assertTrue(e.getMessage().endsWith("; or all"), e.getMessage());
        // a framework without strategies yet is no group
        assertThrows(TypeConversionException.class, () -> converter.convert("no-such-group"));
    }

    @Test
    void theChosenRunInCanonicalOrderOnce() {
        List<String> notRun = new ArrayList<>();
        assertEquals(List.of(StrategyKind.NAIVE, StrategyKind.SAVEPOINT, StrategyKind.UPSERT),
                resolve("postgresql", notRun, "upsert", "savepoint", "naive", "savepoint"));
        assertEquals(List.of(), notRun);
        assertEquals(java.util.stream.Stream.of(StrategyKind.values()).filter(k -> k.unsupportedOn("postgresql").isEmpty())
                .toList(), resolve("postgresql", notRun, "all"));
        assertTrue(notRun.contains("Not run: insert-ignore needs INSERT IGNORE, which PostgreSQL does not "
                + "have"), notRun.toString());
    }

    @Test
    void aGroupStandsForItsFrameworksStrategies() {
        StrategyChoice django = converter.convert("Django");
        assertFalse(django.named());
        assertEquals(StrategyKind.of(Framework.DJANGO), django.kinds());
        assertEquals(List.of(StrategyKind.NAIVE, StrategyKind.GETORCREATE, StrategyKind.SAVEPOINT, StrategyKind.NOWAIT,
                StrategyKind.DJANGO_AUTOCOMMIT), resolve("postgresql", new ArrayList<>(), "django"));
        // a group and an id of it: each strategy once, in registry order
        assertEquals(List.of(StrategyKind.NAIVE, StrategyKind.GETORCREATE, StrategyKind.SAVEPOINT, StrategyKind.NOWAIT,
                StrategyKind.DJANGO_AUTOCOMMIT, StrategyKind.UPSERT),
                resolve("postgresql", new ArrayList<>(), "upsert", "django", "savepoint"));
    }

    @Test
    void aGroupLeavesOutWhatTheDialectCannotRun() {
        List<String> notRun = new ArrayList<>();
        List<StrategyKind> sql = resolve("mysql", notRun, "sql");
        assertFalse(sql.contains(StrategyKind.UPSERT_RETURNING));
        assertEquals(List.of("Not run: upsert-returning needs INSERT ... ON CONFLICT DO UPDATE ... "
                + "RETURNING (MySQL and MariaDB have no RETURNING for ON DUPLICATE KEY UPDATE; use upsert), which "
                + "MySQL and MariaDB do not have",
                "Not run: upsert-old-new needs RETURNING old/new, which MySQL and MariaDB do not have",
                "Not run: on-conflict-do-select needs INSERT ... ON CONFLICT DO SELECT, which "
                        + "MySQL and MariaDB do not have",
                "Not run: merge needs MERGE, which MySQL and MariaDB do not have"), notRun);
    }

    @Test
    void theServersVersionRefusesANamedStrategyAndLeavesOutAGroupsOne() {
        // a requirement of PostgreSQL 99 stands for a feature this server is too old for
        Requires future = Requires.postgres(99, "a feature of the future");
        ServerVersion pg15 = new ServerVersion("postgresql", "PostgreSQL", "15.20");
        assertEquals(java.util.Optional.of("x needs PostgreSQL 99 or later for a feature of the future; the server is "
                + "PostgreSQL 15.20"), future.unmetOn("x", pg15));
        assertTrue(future.unmetOn("x", new ServerVersion("postgresql", "PostgreSQL", "99.1")).isEmpty());
        assertEquals(java.util.Optional.of("x needs a feature of the future, which MySQL and MariaDB do not have"),
                future.unmetOn("x", new ServerVersion("mysql", "MariaDB", "10.11.19-MariaDB")));
        Requires maria = new Requires(java.util.Set.of("mysql"), 0, true, "INSERT ... RETURNING");
        assertTrue(maria.unmetOn("x", new ServerVersion("mysql", "MariaDB", "10.11.19-MariaDB")).isEmpty());
        assertEquals(java.util.Optional.of("x needs MariaDB for INSERT ... RETURNING; the server is MySQL 8.4.3"),
                maria.unmetOn("x", new ServerVersion("mysql", "MySQL", "8.4.3")));

        // every built-in strategy that PostgreSQL can run at all runs on 15
        List<String> notRun = new ArrayList<>();
        List<StrategyKind> chosen = resolve("postgresql", notRun, "django", "upsert");
        assertEquals(chosen, StrategyChoice.admit(chosen, java.util.Set.of(StrategyKind.UPSERT), pg15,
                IllegalStateException::new, notRun::add));
        assertEquals(List.of(), notRun);
        IllegalStateException none = assertThrows(IllegalStateException.class, () -> StrategyChoice.admit(
                List.of(StrategyKind.UPSERT_RETURNING), java.util.Set.of(),
                new ServerVersion("mysql", "MariaDB", "10.11.19-MariaDB"), IllegalStateException::new, notRun::add));
        assertEquals("none of the chosen strategies can run on MariaDB 10.11.19-MariaDB", none.getMessage());
        assertTrue(notRun.get(0).startsWith("Not run: upsert-returning needs "), notRun.toString());
        IllegalStateException named = assertThrows(IllegalStateException.class, () -> StrategyChoice.admit(
                List.of(StrategyKind.NAIVE, StrategyKind.UPSERT_RETURNING), java.util.Set.of(StrategyKind.UPSERT_RETURNING),
                new ServerVersion("mysql", "MariaDB", "10.11.19-MariaDB"), IllegalStateException::new, x -> { }));
        assertTrue(named.getMessage().startsWith("--strategy upsert-returning cannot run here: upsert-returning needs "),
                named.getMessage());
    }

    /** The plain-SQL strategies that need a newer PostgreSQL: refused by name, left out of a group with a note. */
    @Test
    void thePlainSqlVersionGates() {
        ServerVersion pg15 = new ServerVersion("postgresql", "PostgreSQL", "15.20");
        ServerVersion pg18 = new ServerVersion("postgresql", "PostgreSQL", "18.3");
        List<String> notRun = new ArrayList<>();
        List<StrategyKind> sql = resolve("postgresql", notRun, "sql");
        assertEquals(List.of("Not run: insert-ignore needs INSERT IGNORE, which PostgreSQL does not have"),
                notRun);
        notRun.clear();
        List<org.lockdemo.strategy.RaceStrategy> on15 = StrategyChoice.admit(sql, java.util.Set.of(), pg15,
                IllegalStateException::new, notRun::add);
        assertFalse(on15.contains(StrategyKind.UPSERT_OLD_NEW) || on15.contains(StrategyKind.ON_CONFLICT_DO_SELECT));
        assertTrue(on15.contains(StrategyKind.MERGE), "MERGE is PostgreSQL 15's");
        assertEquals(List.of("Not run: upsert-old-new needs PostgreSQL 18 or later for RETURNING old/new; the server is "
                + "PostgreSQL 15.20", "Not run: on-conflict-do-select needs PostgreSQL 19 or later for INSERT ... ON "
                + "CONFLICT DO SELECT; the server is PostgreSQL 15.20"), notRun);
        notRun.clear();
        assertTrue(StrategyChoice.admit(sql, java.util.Set.of(), pg18, IllegalStateException::new, notRun::add)
                .contains(StrategyKind.UPSERT_OLD_NEW));
        assertEquals(List.of("Not run: on-conflict-do-select needs PostgreSQL 19 or later for INSERT ... ON CONFLICT DO "
                + "SELECT; the server is PostgreSQL 18.3"), notRun);
        IllegalStateException named = assertThrows(IllegalStateException.class, () -> StrategyChoice.admit(
                List.of(StrategyKind.UPSERT_OLD_NEW), java.util.Set.of(StrategyKind.UPSERT_OLD_NEW), pg15,
                IllegalStateException::new, x -> { }));
        assertEquals("--strategy upsert-old-new cannot run here: upsert-old-new needs PostgreSQL 18 or later for "
                + "RETURNING old/new; the server is PostgreSQL 15.20", named.getMessage());
        IllegalStateException merge = assertThrows(IllegalStateException.class,
                () -> resolve("mysql", new ArrayList<>(), "merge"));
        assertEquals("--strategy merge cannot run on mysql: merge needs MERGE, which MySQL and MariaDB do not have",
                merge.getMessage());
    }

    @Test
    void allLeavesOutWhatCannotRunAndSaysSoButANamedOneIsRefused() {
        List<String> notRun = new ArrayList<>();
        List<StrategyKind> onMysql = resolve("mysql", notRun, "all");
        long unsupported = java.util.stream.Stream.of(StrategyKind.values())
                .filter(k -> k.unsupportedOn("mysql").isPresent()).count();
        assertEquals(StrategyKind.values().length - unsupported, onMysql.size());
        assertEquals(unsupported, notRun.size());
        assertTrue(notRun.get(0).startsWith("Not run: upsert-returning needs "), notRun.toString());
        IllegalStateException e = assertThrows(IllegalStateException.class,
                () -> resolve("mysql", new ArrayList<>(), "upsert-returning"));
        assertTrue(e.getMessage().startsWith("--strategy upsert-returning cannot run on mysql: "), e.getMessage());
    }
}
