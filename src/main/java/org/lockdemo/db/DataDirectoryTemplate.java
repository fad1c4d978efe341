package org.lockdemo.db;

import java.io.File;
import java.io.IOException;
import java.io.InterruptedIOException;
import java.net.JarURLConnection;
import java.net.URL;
import java.net.URLConnection;
import java.nio.file.FileVisitResult;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.nio.file.SimpleFileVisitor;
import java.nio.file.StandardCopyOption;
import java.nio.file.attribute.BasicFileAttributes;
import java.util.Comparator;
import java.util.Locale;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;
import java.util.stream.Stream;

/**
 * A freshly initialized, never started PostgreSQL data directory, kept beside zonky's unpacked
 * binaries so that later runs copy it (tens of milliseconds) instead of running {@code initdb}
 * (0.5 to 1.5 s here, most of the embedded server's start-up). It is keyed by the bundled binaries
 * archive (size and CRC from the jar), so other binaries never use it; it is published by an atomic
 * rename with a marker written last, so a reader never sees half a template; and a server that does
 * not start from a copy makes the caller delete the template and fall back to {@code initdb}.
 *
 * <p>Thread-safe: immutable; concurrent processes only ever read a published template or race to
 * publish one (the loser deletes its copy).
 */
final class DataDirectoryTemplate {
    private static final String ARCHIVE = "postgres-linux-x86_64.txz";
    private static final String MARKER = "lockdemo-template-complete";
    /** Files of a running or locked server that must not be copied. */
    private static final Set<String> SKIPPED = Set.of("epg-lock", "postmaster.pid", "postmaster.opts");

    private final Path directory;

    private DataDirectoryTemplate(Path directory) {
        this.directory = directory;
    }

    /**
     * The template's place in zonky's working directory ({@code ot.epg.working-dir}, default
     * {@code $TMPDIR/embedded-pg}), or empty when the bundled binaries cannot be identified.
     */
    static Optional<DataDirectoryTemplate> forBundledBinaries() {
        URL archive = DataDirectoryTemplate.class.getClassLoader().getResource(ARCHIVE);
        return archive == null ? Optional.empty() : forArchive(archive);
    }

    /**
     * The template for the binaries archive at {@code archive} (an entry of a jar), keyed by that
     * entry's CRC and size, so each major (each release) has its own; empty when it cannot be
     * identified.
     */
    static Optional<DataDirectoryTemplate> forArchive(URL archive) {
        try {
            URLConnection c = archive.openConnection();
            if (!(c instanceof JarURLConnection jar) || jar.getJarEntry() == null || jar.getJarEntry().getCrc() < 0) {
                return Optional.empty();
            }
            String key = String.format(Locale.ROOT, "%08x-%d", jar.getJarEntry().getCrc(), jar.getJarEntry().getSize());
            Path working = Path.of(System.getProperty("ot.epg.working-dir",
                    new File(System.getProperty("java.io.tmpdir"), "embedded-pg").getPath()));
            return Optional.of(new DataDirectoryTemplate(working.resolve("lockdemo-datadir-" + key)));
        } catch (IOException e) {
            return Optional.empty(); // no template: initdb as before
        }
    }

    boolean exists() {
        return Files.isRegularFile(directory.resolve(MARKER));
    }

    /**
     * Copies the template into the empty directory {@code dataDirectory}: with {@code cp -a} (the
     * embedded server runs on Linux only), which takes a fifth of the time of a copy file by file
     * from a JVM that has just started; with Java's file API if {@code cp} is missing or fails.
     */
    void copyTo(Path dataDirectory) throws IOException {
        if (!copiedByCp(dataDirectory)) {
            copyTree(directory, dataDirectory);
        }
        Files.delete(dataDirectory.resolve(MARKER));
    }

    private boolean copiedByCp(Path dataDirectory) throws IOException {
        Process cp;
        try {
            cp = new ProcessBuilder("cp", "-a", directory + "/.", dataDirectory.toString())
                    .redirectErrorStream(true).redirectOutput(ProcessBuilder.Redirect.DISCARD).start();
        } catch (IOException e) {
            return false; // no cp on this system
        }
        try {
            if (cp.waitFor() == 0) {
                return true;
            }
        } catch (InterruptedException e) {
            cp.destroyForcibly();
            Thread.currentThread().interrupt();
            throw new InterruptedIOException("interrupted while copying the data directory template");
        }
        // a partial copy: start again from an empty directory with the file API
        try (Stream<Path> left = Files.list(dataDirectory)) {
            for (Path p : (Iterable<Path>) left::iterator) {
                deleteQuietly(p);
            }
        }
        return false;
    }

    /**
     * Publishes a copy of {@code initialized}, a data directory {@code initdb} just made, unless a
     * template exists already. Best effort: a failure leaves no template and no partial copy.
     */
    void saveFrom(Path initialized) {
        if (exists()) {
            return;
        }
        Path staging = directory.resolveSibling(directory.getFileName() + ".tmp-" + UUID.randomUUID());
        try {
            Files.createDirectories(directory.getParent());
            copyTree(initialized, staging);
            Files.createFile(staging.resolve(MARKER));
            Files.move(staging, directory, StandardCopyOption.ATOMIC_MOVE);
        } catch (IOException | RuntimeException e) {
            // another run published one first (the rename finds a full directory), no atomic rename
            // here, or a full disk: no template this time, and no partial copy left behind
            deleteQuietly(staging);
        }
    }

    /** Removes a template that a server did not start from, so the next run makes a fresh one. */
    void delete() {
        deleteQuietly(directory);
    }

    /** Where the template is (or would be); for tests and diagnostics. */
    Path directory() {
        return directory;
    }

    @Override
    public String toString() {
        return directory.toString();
    }

    private static void copyTree(Path from, Path to) throws IOException {
        Files.walkFileTree(from, new SimpleFileVisitor<>() {
            @Override
            public FileVisitResult preVisitDirectory(Path dir, BasicFileAttributes attrs) throws IOException {
                Path target = to.resolve(from.relativize(dir).toString());
                if (!Files.isDirectory(target)) {
                    Files.createDirectory(target);
                }
                // PostgreSQL refuses a data directory that others can read (mode 0700 or 0750)
                Files.setPosixFilePermissions(target, Files.getPosixFilePermissions(dir, LinkOption.NOFOLLOW_LINKS));
                return FileVisitResult.CONTINUE;
            }

            @Override
            public FileVisitResult visitFile(Path file, BasicFileAttributes attrs) throws IOException {
                if (!SKIPPED.contains(file.getFileName().toString())) {
                    Files.copy(file, to.resolve(from.relativize(file).toString()), StandardCopyOption.COPY_ATTRIBUTES,
                            LinkOption.NOFOLLOW_LINKS);
                }
                return FileVisitResult.CONTINUE;
            }
        });
    }

    /** Deletes a directory tree; what cannot be deleted stays (a temporary directory, nothing more). */
    static void deleteQuietly(Path root) {
        if (!Files.exists(root, LinkOption.NOFOLLOW_LINKS)) {
            return;
        }
        try (Stream<Path> paths = Files.walk(root)) {
            paths.sorted(Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
        } catch (IOException | RuntimeException e) {
            // left behind in the temporary directory; nothing depends on it
        }
    }
}
