package org.lockdemo.explain.picture;

import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.lockdemo.explain.Timeline;
import org.lockdemo.explain.TimelineJsonReader;

/**
 * Real timelines for the picture's tests: what {@code lockdemo explain NAME --format json} printed
 * on a real database, committed in {@code src/test/resources/org/lockdemo/explain/timelines/}
 * (savepoint and naive on the embedded PostgreSQL 18 and on MariaDB 10.11, the Galera scenarios on
 * a two-node MariaDB Galera cluster of scripts/galera.sh, the SQLite ones with {@code --url sqlite}).
 * To refresh one, run explain again with
 * {@code --format json -o} that file. Stateless.
 */
public final class Timelines {
    public static final Path DIR = Path.of("src/test/resources/org/lockdemo/explain/timelines");
    public static final List<String> NAMES = List.of("savepoint-postgresql", "savepoint-mysql", "naive-postgresql",
            "naive-mysql", "galera-savepoint", "galera-create", "sequelize-find-or-create-mysql", "savepoint-sqlite",
            "savepoint-immediate-sqlite");

    private Timelines() {
    }

    public static Path file(String name) {
        return DIR.resolve(name + ".json");
    }

    public static Timeline read(String name) {
        try {
            return TimelineJsonReader.read(new ObjectMapper().readTree(Files.readAllBytes(file(name))));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (TimelineJsonReader.BadTimeline e) {
            throw new IllegalStateException(name + ": " + e.getMessage(), e);
        }
    }
}
