package org.lockdemo.explain;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.lockdemo.db.SqliteSettings;
import org.lockdemo.model.Isolation;
import org.lockdemo.strategy.StrategyKind;
import org.lockdemo.text.Utf8File;

/** The built-in scenarios (resources next to this class) and loading a user's file. Stateless. */
public final class Scenarios {
    /** The built-ins, in the order {@code --list} shows them. */
    static final List<String> BUILT_IN = List.of(
            "naive-postgresql", "naive-mysql",
            "getorcreate-postgresql", "getorcreate-mysql",
            "create-first-postgresql", "create-first-mysql",
            "rails-share-upgrade-postgresql", "rails-share-upgrade-mysql",
            "savepoint-postgresql", "savepoint-mysql",
            "nowait-postgresql", "nowait-mysql",
            "upsert-postgresql", "upsert-mysql",
            "upsert-returning-postgresql",
            "advisory-postgresql", "advisory-mysql",
            "serializable-postgresql", "serializable-mysql",
            "laravel-update-or-create-postgresql", "laravel-update-or-create-mysql",
            "upsert-old-new-postgresql", "insert-ignore-mysql", "merge-postgresql",
            "insert-where-not-exists-postgresql", "insert-where-not-exists-mysql",
            "sequelize-find-or-create-mysql",
            "several-keys-arrival-postgresql", "several-keys-arrival-mysql",
            "several-keys-sorted-postgresql", "several-keys-sorted-mysql",
            "galera-savepoint", "galera-create",
            "naive-sqlite", "savepoint-sqlite", "savepoint-immediate-sqlite");

    private Scenarios() {
    }

    public static List<Scenario> builtIn() {
        List<Scenario> all = new ArrayList<>();
        for (String name : BUILT_IN) {
            String resource = name + ".json";
            try (InputStream in = Scenarios.class.getResourceAsStream(resource)) {
                if (in == null) {
                    throw new IllegalStateException("missing built-in scenario resource " + resource);
                }
                all.add(ScenarioReader.read(new String(in.readAllBytes(), StandardCharsets.UTF_8), "built-in " + name));
            } catch (IOException | ScenarioException e) {
                throw new IllegalStateException("built-in scenario " + name + " is broken: " + e.getMessage(), e);
            }
        }
        return all;
    }

    /**
     * The built-in scenario for {@code kind} on {@code dialectId}: the one written for
     * {@code isolation} if there is one, else the first. Only scenarios on one database: the cluster
     * scenarios are chosen by name.
     */
    public static Optional<Scenario> forStrategy(StrategyKind kind, String dialectId, Isolation isolation) {
        return forStrategy(kind, dialectId, isolation, Optional.empty());
    }

    /**
     * As {@link #forStrategy(StrategyKind, String, Isolation)}; on SQLite the one written for
     * {@code begin} ({@code --sqlite-begin}) comes first, if there is one.
     */
    public static Optional<Scenario> forStrategy(StrategyKind kind, String dialectId, Isolation isolation,
            Optional<SqliteSettings.Begin> begin) {
        List<Scenario> fits = builtIn().stream()
                .filter(s -> s.strategy().equals(Optional.of(kind)) && s.runsOn(dialectId) && !s.clustered()).toList();
        if (begin.isPresent()) {
            Optional<Scenario> written = fits.stream().filter(s -> s.sqliteBegin().equals(begin)).findFirst();
            if (written.isPresent()) {
                return written;
            }
        }
        return fits.stream().filter(s -> s.isolation() == isolation).findFirst().or(() -> fits.stream().findFirst());
    }

    /** The built-in scenario called {@code name}, as {@code --list} shows it. */
    public static Optional<Scenario> byName(String name) {
        return builtIn().stream().filter(s -> s.name().equals(name)).findFirst();
    }

    /** The names of the built-in scenarios that run on several nodes. */
    public static List<String> clusterScenarioNames() {
        return builtIn().stream().filter(Scenario::clustered).map(Scenario::name).toList();
    }

    /** A user's scenario file. */
    public static Scenario load(Path file) throws ScenarioException {
        String text;
        try {
            text = Utf8File.read(file);
        } catch (Utf8File.NotUtf8 e) {
            throw new ScenarioException(file + ": " + e.getMessage(), e);
        } catch (IOException e) {
            throw new ScenarioException(file + ": cannot read it (" + e.getClass().getSimpleName() + ": "
                    + e.getMessage() + ")", e);
        }
        return ScenarioReader.read(text, file.toString());
    }
}
