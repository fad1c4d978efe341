package org.lockdemo.db;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Comparator;
import java.util.stream.Stream;

/**
 * A fresh SQLite file in a new temporary directory, for {@code --url sqlite}; {@link #close()}
 * removes the directory with everything SQLite left in it (the file, its {@code -wal}, {@code -shm}
 * and {@code -journal}). Created and closed by the command's thread.
 */
public final class SqliteTempFile implements AutoCloseable {
    private final Path directory;
    private final Path file;

    private SqliteTempFile(Path directory) {
        this.directory = directory;
        this.file = directory.resolve("lockdemo.db");
    }

    /** A new directory under the system's temporary directory ({@code java.io.tmpdir}). */
    public static SqliteTempFile create() throws DatabaseSetupException {
        try {
            return new SqliteTempFile(Files.createTempDirectory("lockdemo-sqlite-"));
        } catch (IOException e) {
            throw new DatabaseSetupException("--url sqlite: cannot create a temporary directory under "
                    + System.getProperty("java.io.tmpdir") + ": " + e.getMessage(), e);
        }
    }

    public Path file() {
        return file;
    }

    public Path directory() {
        return directory;
    }

    /** {@code jdbc:sqlite:/tmp/lockdemo-sqlite-.../lockdemo.db}. */
    public String url() {
        return Dialects.SQLITE_PREFIX + file;
    }

    /** Removes the directory and what is in it; a failure names the directory. */
    @Override
    public void close() {
        if (!Files.exists(directory)) {
            return;
        }
        try (Stream<Path> all = Files.walk(directory)) {
            for (Path p : (Iterable<Path>) all.sorted(Comparator.reverseOrder())::iterator) {
                Files.delete(p);
            }
        } catch (IOException e) {
            throw new UncheckedIOException("could not remove the temporary SQLite directory " + directory, e);
        }
    }
}
