package org.lockdemo.it;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Assumptions;

/**
 * A database an integration test may need beyond the embedded PostgreSQL, and the environment
 * variable that configures it. The one place that says whether it is configured and, when it is
 * not, why a test that needs it is skipped. {@code .ci/run} sets every one of them, so CI skips
 * none. Use {@link RequiresDatabase} on a class or method; where the database is known only at run
 * time (a parameterised test), call {@link #assumeConfigured()}.
 *
 * <p>Immutable; reads the environment on each call, from any thread.
 */
public enum TestDatabase {
    /** The machine's PostgreSQL (the embedded one needs no configuration). */
    MACHINE_POSTGRESQL("LOCKDEMO_TEST_PG_URL", "e.g. jdbc:postgresql://127.0.0.1:5432/test"),
    /** The machine's MariaDB or MySQL. */
    MYSQL("LOCKDEMO_TEST_MYSQL_URL", "e.g. jdbc:mysql://127.0.0.1:3306/test"),
    /** A running MariaDB Galera cluster of two or more nodes, its JDBC URLs separated by commas. */
    GALERA_CLUSTER("LOCKDEMO_TEST_GALERA_URLS",
            "two or more node URLs, e.g. jdbc:mariadb://127.0.0.1:3311/test,jdbc:mariadb://127.0.0.1:3312/test"),
    /** Permission to start and stop Galera clusters with scripts/galera.sh (its packages installed). */
    GALERA_SCRIPT("LOCKDEMO_TEST_GALERA", "1 lets the tests start clusters with scripts/galera.sh");

    private final String variable;
    private final String example;

    TestDatabase(String variable, String example) {
        this.variable = variable;
        this.example = example;
    }

    /** The environment variable that configures this database. */
    public String variable() {
        return variable;
    }

    /** Why a test needing this database is skipped in {@code env}, or empty when it is configured. */
    public Optional<String> missing(Map<String, String> env) {
        String value = env.get(variable);
        boolean configured = switch (this) {
            case GALERA_SCRIPT -> "1".equals(value);
            case GALERA_CLUSTER -> urls(value).size() >= 2;
            default -> value != null && !value.isBlank();
        };
        return configured ? Optional.empty()
                : Optional.of(variable + " is not set (.ci/run sets it; " + example + ")");
    }

    /** {@link #missing(Map)} in this process's environment. */
    public Optional<String> missing() {
        return missing(System.getenv());
    }

    /** Aborts the running test, as skipped with the reason, unless this database is configured. */
    public void assumeConfigured() {
        Optional<String> reason = missing();
        Assumptions.assumeTrue(reason.isEmpty(), reason::get);
    }

    /** The comma-separated URLs in {@code value}, blanks dropped; empty for null. */
    static List<String> urls(String value) {
        List<String> urls = new ArrayList<>();
        if (value != null) {
            for (String u : value.split(",")) {
                if (!u.isBlank()) {
                    urls.add(u.trim());
                }
            }
        }
        return urls;
    }
}
