package org.lockdemo.it;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import org.junit.jupiter.params.provider.ValueSource;
import org.lockdemo.strategy.StrategyKind;

/**
 * Strategy files raced for real, on the embedded PostgreSQL 18, the machine's PostgreSQL 15 and
 * MariaDB 10.11, all threads on one hot key per round (the runner's start line, no sleeps): the
 * file form of each built-in beside the built-in in one run, with the same verdict, the same
 * creates, and outcome kinds from the built-in's own set; a strategy a user wrote
 * (examples/strategies/upsert-then-lock.yaml); {@code counter: none} reported not applicable; and
 * the refusals (a version gate, a bad file) in one line, exit 2, before any table exists.
 */
class StrategyFileIT {
    private static final int THREADS = 6;
    private static final int ROUNDS = 15;
    private static final List<String> DATABASES = List.of("embedded", "machine-postgresql", "mariadb");

    static Stream<Arguments> forms() {
        List<Arguments> all = new ArrayList<>();
        for (String db : DATABASES) {
            for (String form : List.of("naive", "savepoint", "nowait", "upsert", "create-first")) {
                all.add(Arguments.of(db, form));
            }
        }
        return all.stream();
    }

    /**
     * The forms written since the first six (strategies/&lt;framework&gt;/, serializable, advisory), to
     * their built-ins: raced on fewer threads and rounds, to keep the IT's time modest.
     */
    static final Map<String, String> MORE_FORMS = new TreeMap<>(Map.ofEntries(
            Map.entry("getorcreate", "getorcreate"),
            Map.entry("rails/create-or-find-6-1", "rails-create-or-find-6-1"),
            Map.entry("rails/create-or-find-7-1", "rails-create-or-find-7-1"),
            Map.entry("rails/create-or-find-2026", "rails-create-or-find-2026"),
            Map.entry("rails/find-or-create-7-1", "rails-find-or-create-7-1"),
            Map.entry("rails/find-or-create-6-1", "rails-find-or-create-6-1"),
            Map.entry("laravel/first-or-create-8", "laravel-first-or-create-8"),
            Map.entry("sequelize/find-create-find-tx", "sequelize-find-create-find-tx"),
            Map.entry("hibernate/persist", "hibernate-persist"),
            Map.entry("gorm/on-conflict", "gorm-on-conflict"),
            Map.entry("prisma/upsert", "prisma-upsert"),
            Map.entry("serializable", "serializable"),
            Map.entry("advisory", "advisory"),
            Map.entry("insert-where-not-exists", "insert-where-not-exists"),
            Map.entry("insert-ignore", "insert-ignore"),
            Map.entry("merge", "merge"),
            Map.entry("django/autocommit", "django-autocommit"),
            Map.entry("rails/create-or-find-no-tx", "rails-create-or-find-no-tx"),
            Map.entry("sequelize/find-create-find", "sequelize-find-create-find"),
            Map.entry("gorm/first-or-create", "gorm-first-or-create"),
            Map.entry("hibernate/merge", "hibernate-merge"),
            Map.entry("sqlalchemy/merge", "sqlalchemy-merge"),
            Map.entry("sqlalchemy/begin-nested", "sqlalchemy-begin-nested"),
            Map.entry("laravel/first-or-create", "laravel-first-or-create"),
            Map.entry("laravel/create-or-first", "laravel-create-or-first"),
            Map.entry("laravel/increment-or-create", "laravel-increment-or-create"),
            Map.entry("upsert-returning", "upsert-returning"),
            Map.entry("upsert-old-new", "upsert-old-new"),
            Map.entry("upsert-multirow", "upsert-multirow"),
            Map.entry("laravel/update-or-create-8", "laravel-update-or-create-8"),
            Map.entry("laravel/update-or-create", "laravel-update-or-create"),
            Map.entry("hibernate/upsert", "hibernate-upsert"),
            Map.entry("sequelize/find-or-create-tx", "sequelize-find-or-create-tx"),
            Map.entry("sequelize/find-or-create", "sequelize-find-or-create")));

    /** The forms that run on PostgreSQL only (docs/strategy-files.md says why). */
    private static final Set<String> POSTGRESQL_ONLY = Set.of("merge", "upsert-returning", "upsert-old-new");

    /** The forms of MySQL's and MariaDB's own statements. */
    private static final Set<String> MYSQL_ONLY = Set.of("insert-ignore");

    /** The forms that need PostgreSQL 18 (RETURNING old/new): raced on the embedded 18 only, the machine's is 15. */
    private static final Set<String> POSTGRESQL_18 = Set.of("upsert-old-new");

    static Stream<Arguments> moreForms() {
        List<Arguments> all = new ArrayList<>();
        for (String db : DATABASES) {
            for (String form : MORE_FORMS.keySet()) {
                if (POSTGRESQL_18.contains(form) && !db.equals("embedded")) {
                    continue;
                }
                if (!(db.equals("mariadb") ? POSTGRESQL_ONLY : MYSQL_ONLY).contains(form)) {
                    all.add(Arguments.of(db, form));
                }
            }
        }
        return all.stream();
    }

    private static JsonNode race(Path dir, String which, String... args) throws Exception {
        String[] t = StrategiesIT.target(which);
        Path json = dir.resolve("r.json");
        List<String> all = new ArrayList<>(List.of("race", "--url", t[0], "--user", t[1], "--quiet", "--json",
                json.toString()));
        if (!List.of(args).contains("--threads")) {
            all.addAll(List.of("--threads", Integer.toString(THREADS), "--rounds", Integer.toString(ROUNDS)));
        }
        all.addAll(List.of(args));
        LockdemoRun run = LockdemoRun.run(all.toArray(String[]::new));
        assertTrue(run.exitCode() == 0, run.toString());
        return LockdemoRun.json(json);
    }

    private static Set<String> kinds(JsonNode s) {
        Set<String> kinds = new TreeSet<>();
        s.get("outcomes").properties().forEach(e -> {
            if (e.getValue().asLong() > 0) {
                kinds.add(e.getKey());
            }
        });
        return kinds;
    }

    /** The outcomes each built-in can end in here: its paths (statements-*.txt) and the server's lessons. */
    private static Set<String> possible(String form, boolean mariadb) {
        Set<String> s = new TreeSet<>(switch (form) {
            case "naive" -> Set.of("created", "found", "unique_violation");
            case "savepoint" -> Set.of("created", "found", "found_after_conflict", "missing_after_conflict");
            case "upsert" -> Set.of("created", "found");
            case "create-first" -> Set.of("created", "found_after_conflict");
            default -> Set.of("created", "found", "found_after_conflict", "missing_after_conflict", "lock_not_available");
        });
        if (mariadb && !form.equals("naive")) {
            s.add("deadlock"); // InnoDB: the failed INSERT's shared lock, then both lock the row (docs/databases.md)
        }
        return s;
    }

    @ParameterizedTest(name = "{0} {1}")
    @MethodSource("forms")
    void theFileFormOfABuiltInRacesAsTheBuiltInDoes(String which, String form, @TempDir Path dir) throws Exception {
        JsonNode result = race(dir, which, "--strategy", form, "--strategy-file", "strategies/" + form + ".yaml");
        JsonNode builtIn = LockdemoRun.strategy(result, form);
        JsonNode file = LockdemoRun.strategy(result, form + "-file");
        boolean mariadb = result.get("database").get("dialect").asText().equals("mysql");
        for (JsonNode s : List.of(builtIn, file)) {
            String name = s.get("strategy").asText();
            assertEquals(THREADS * ROUNDS, s.get("attempts").asLong(), name);
            assertEquals(s.get("attempts").asLong(), LockdemoRun.sumOfOutcomes(s), name + ": the outcomes add up");
            assertEquals(ROUNDS, LockdemoRun.outcome(s, "created"), name + ": one row per round, created once");
            assertTrue(possible(form, mariadb).containsAll(kinds(s)), name + " ended in " + kinds(s) + ", outside "
                    + possible(form, mariadb) + ": " + s.get("errors"));
            assertEquals(0, LockdemoRun.outcome(s, "other_error"), name + ": " + s.get("errors"));
        }
        assertEquals(builtIn.get("verdict").asText(), file.get("verdict").asText(), "the same verdict: " + file.get("checks"));
        assertEquals(builtIn.get("expected_safe"), file.get("expected_safe"));
        if (form.equals("naive")) {
            assertTrue(LockdemoRun.outcome(file, "unique_violation") > 0, "the race of the thread: " + file.get("outcomes"));
        } else {
            assertEquals(0, LockdemoRun.outcome(file, "unique_violation"), file.get("outcomes").toString());
            assertTrue(file.get("invariants_ok").asBoolean(), file.get("checks").toString());
        }
    }

    /**
     * Built-ins that cannot tell an insert from an update after a miss and count it created: Hibernate's
     * upsert on PostgreSQL, which answers 1 either way (HibernateUpsertStrategy).
     */
    private static final Set<String> COUNTS_EVERY_MISS_CREATED = Set.of("hibernate-upsert");

    private static final int FEW_THREADS = 4;
    private static final int FEW_ROUNDS = 6;

    /**
     * The outcomes a built-in can end in here: those of its paths in its golden file
     * (statements-&lt;dialect&gt;.txt), a re-read that misses (missing_after_conflict), and the
     * server's lessons: deadlocks (InnoDB's; shared locks upgraded), a serializable attempt that ran out of retries or failed
     * at COMMIT.
     */
    private static Set<String> possibleFromGolden(String builtIn, boolean mariadb) throws Exception {
        Path golden = Path.of("src/test/resources/org/lockdemo/strategy/statements-" + (mariadb ? "mariadb" : "postgresql")
                + ".txt");
        Set<String> s = new TreeSet<>(Set.of("missing_after_conflict"));
        String section = null;
        for (String line : Files.readAllLines(golden)) {
            if (line.startsWith("== ")) {
                section = line.substring(3, line.lastIndexOf(' '));
            } else if (line.startsWith("-> ") && builtIn.equals(section)) {
                s.add(line.substring(3, line.indexOf(' ', 3)));
            }
        }
        assertTrue(s.size() > 1, builtIn + " has no paths in " + golden);
        if (mariadb || builtIn.equals("rails-create-or-find-2026")) {
            s.add("deadlock"); // InnoDB's; and two FOR SHARE holders of the row that both UPDATE it
        }
        if (builtIn.equals("serializable")) {
            s.addAll(Set.of("serialization_failure", "deadlock"));
        }
        if (builtIn.equals("hibernate-upsert") && !mariadb) {
            s.add("unique_violation"); // ON CONFLICT (id) does not arbitrate the (jahr, monat) index (docs/strategies.md)
        }
        return s;
    }

    @ParameterizedTest(name = "{0} {1}")
    @MethodSource("moreForms")
    void theOtherFileFormsRaceAsTheirBuiltInsDo(String which, String form, @TempDir Path dir) throws Exception {
        String id = MORE_FORMS.get(form);
        JsonNode result = race(dir, which, "--strategy", id, "--strategy-file", "strategies/" + form + ".yaml",
                "--threads", Integer.toString(FEW_THREADS), "--rounds", Integer.toString(FEW_ROUNDS));
        JsonNode builtIn = LockdemoRun.strategy(result, id);
        JsonNode file = LockdemoRun.strategy(result, id + "-file");
        boolean mariadb = result.get("database").get("dialect").asText().equals("mysql");
        Set<String> possible = possibleFromGolden(id, mariadb);
        for (JsonNode s : List.of(builtIn, file)) {
            String name = s.get("strategy").asText();
            assertEquals(FEW_THREADS * FEW_ROUNDS, s.get("attempts").asLong(), name);
            assertEquals(s.get("attempts").asLong(), LockdemoRun.sumOfOutcomes(s), name + ": the outcomes add up");
            if (COUNTS_EVERY_MISS_CREATED.contains(id) && !mariadb) {
                assertTrue(LockdemoRun.outcome(s, "created") >= FEW_ROUNDS, name + ": at least one row per round: "
                        + s.get("outcomes") + " " + s.get("errors"));
            } else {
                assertEquals(FEW_ROUNDS, LockdemoRun.outcome(s, "created"), name + ": one row per round, created once: "
                        + s.get("outcomes") + " " + s.get("errors"));
            }
            assertTrue(possible.containsAll(kinds(s)), name + " ended in " + kinds(s) + ", outside " + possible + ": "
                    + s.get("errors"));
            assertEquals(0, LockdemoRun.outcome(s, "other_error"), name + ": " + s.get("errors"));
            // no enforced check fails: what the strategy claims holds; an unsafe one's lesson may show or not
            assertTrue(!s.get("verdict").asText().equals("fail"), name + ": " + s.get("checks"));
        }
        assertEquals(builtIn.get("expected_safe"), file.get("expected_safe"));
        StrategyKind kind = StrategyKind.fromId(id).orElseThrow();
        if (kind.expectedSafe() && kind.locksRow()) {
            // safe, and the counter under the row lock: nothing is left to luck, both pass
            assertEquals("pass", builtIn.get("verdict").asText(), builtIn.get("checks").toString());
            assertEquals("pass", file.get("verdict").asText(), "the same verdict: " + file.get("checks"));
        }
    }

    private static final int KEYS = 3;
    /** Sorted: no deadlock, as many rounds as the one-key races. */
    private static final int SORTED_ROUNDS = 10;
    /** Arrival order deadlocks, each costing PostgreSQL's deadlock_timeout (1 s): fewer rounds (SeveralKeysIT's). */
    private static final int ARRIVAL_ROUNDS = 6;

    static Stream<Arguments> multiRowRuns() {
        List<Arguments> all = new ArrayList<>();
        for (String db : List.of("machine-postgresql", "mariadb")) {
            for (String order : List.of("arrival", "sorted")) {
                all.add(Arguments.of(db, order));
            }
        }
        return all.stream();
    }

    /**
     * strategies/upsert-multirow.yaml with {@code --keys-per-attempt 3}, beside its built-in in one run:
     * its one INSERT per attempt for the three keys (keys: all), in the attempt's order, then per key
     * the locking read and the update. Both hold the checks per key, create every key of every round
     * once, and their key outcomes add up to the committed attempts times three; sorted, neither
     * deadlocks; in arrival order they do (the lesson of docs/several-keys.md), and a deadlock is the
     * only failure.
     */
    @ParameterizedTest(name = "{0} {1}")
    @MethodSource("multiRowRuns")
    void theMultiRowFileRacesSeveralKeysAsItsBuiltInDoes(String which, String order, @TempDir Path dir) throws Exception {
        int rounds = order.equals("arrival") ? ARRIVAL_ROUNDS : SORTED_ROUNDS;
        JsonNode result = race(dir, which, "--strategy", "upsert-multirow", "--strategy-file",
                "strategies/upsert-multirow.yaml", "--threads", Integer.toString(FEW_THREADS), "--rounds",
                Integer.toString(rounds), "--keys-per-attempt", Integer.toString(KEYS), "--key-order", order, "--seed", "7");
        assertEquals(KEYS, result.get("config").get("keys_per_attempt").asInt());
        long deadlocks = 0;
        for (JsonNode s : List.of(LockdemoRun.strategy(result, "upsert-multirow"),
                LockdemoRun.strategy(result, "upsert-multirow-file"))) {
            String where = which + " " + order + " " + s.get("strategy").asText();
            for (JsonNode c : s.get("checks")) {
                assertTrue(c.get("passed").asBoolean(), where + ": " + c);
            }
            assertEquals("pass", s.get("verdict").asText(), where + ": " + s.get("checks"));
            assertEquals(FEW_THREADS * rounds, s.get("attempts").asLong(), where);
            assertEquals(s.get("attempts").asLong(), LockdemoRun.sumOfOutcomes(s), where + ": the outcomes add up");
            JsonNode o = s.get("outcomes");
            long committed = o.get("created").asLong() + o.get("found").asLong() + o.get("found_after_conflict").asLong();
            JsonNode k = s.get("key_outcomes");
            assertEquals(committed * KEYS, k.get("created").asLong() + k.get("found").asLong()
                    + k.get("found_after_conflict").asLong(), where + ": the key outcomes are the committed attempts' " + k);
            assertEquals(rounds * KEYS, k.get("created").asLong(), where + ": every key of every round created once");
            assertEquals(rounds * KEYS, s.get("inserts_committed").asLong(), where);
            assertEquals(rounds, o.get("created").asLong(), where + ": one attempt per round created its keys");
            assertTrue(Set.of("created", "found", "deadlock").containsAll(kinds(s)), where + " ended in " + kinds(s)
                    + ": " + s.get("errors"));
            if (order.equals("sorted")) {
                assertEquals(0, o.get("deadlock").asLong(), where + ": sorted keys take their locks in one order");
            }
            deadlocks += o.get("deadlock").asLong();
        }
        if (order.equals("arrival")) {
            // 4 threads on the same 3 keys in shuffled orders, twice: none at all would mean the keys were not raced
            assertTrue(deadlocks > 0, which + ": arrival order deadlocked " + deadlocks + " times");
        }
    }

    static Stream<Arguments> userFiles() {
        List<Arguments> all = new ArrayList<>();
        for (String db : DATABASES) {
            for (String name : List.of("upsert-then-lock", "advisory-lock")) {
                all.add(Arguments.of(db, name));
            }
        }
        return all.stream();
    }

    /** Files a user wrote, none a built-in: advisory-lock.yaml has a lock per dialect and a MySQL-only finally. */
    @ParameterizedTest(name = "{0} {1}")
    @MethodSource("userFiles")
    void aStrategyAUserWroteRacesWithItsChecks(String which, String name, @TempDir Path dir) throws Exception {
        JsonNode result = race(dir, which, "--strategy-file", "examples/strategies/" + name + ".yaml");
        JsonNode s = LockdemoRun.strategy(result, name);
        assertEquals(1, result.get("strategies").size(), "only the file: no --strategy");
        assertEquals(THREADS * ROUNDS, LockdemoRun.sumOfOutcomes(s));
        assertEquals(ROUNDS, LockdemoRun.outcome(s, "created"), s.get("outcomes").toString());
        assertEquals(THREADS * ROUNDS - ROUNDS, LockdemoRun.outcome(s, "found"), s.get("outcomes") + " " + s.get("errors"));
        assertEquals("pass", s.get("verdict").asText(), s.get("checks").toString());
        for (JsonNode c : s.get("checks")) {
            assertTrue(c.get("passed").asBoolean(), c.toString());
        }
    }

    @Test
    void withoutACounterNoLostUpdateIsNotApplicableNeverPassed(@TempDir Path dir) throws Exception {
        String text = Files.readString(Path.of("strategies/savepoint.yaml")).replace("name: savepoint-file",
                "name: no-counter").replace("counter: [save-found, save-created, save-after-conflict]", "counter: none");
        Path file = dir.resolve("no-counter.yaml");
        Files.writeString(file, text);
        JsonNode result = race(dir, "embedded", "--strategy-file", file.toString());
        JsonNode s = LockdemoRun.strategy(result, "no-counter");
        JsonNode check = null;
        for (JsonNode c : s.get("checks")) {
            if (c.get("name").asText().equals("no_lost_update")) {
                check = c;
            }
        }
        assertTrue(check != null, s.get("checks").toString());
        assertFalse(check.get("applicable").asBoolean(true), check.toString());
        assertFalse(check.get("passed").asBoolean(), "not applicable is never passed: " + check);
        assertEquals("pass", s.get("verdict").asText(), "the other checks decide: " + s.get("checks"));
    }

    @Test
    void everyRetryIsCountedAndGivingUpIsItsOwnFigure(@TempDir Path dir) throws Exception {
        // the second INSERT of the key in one transaction always fails: every attempt retries twice, then gives up
        Path file = dir.resolve("twice.yaml");
        Files.writeString(file, """
                lockdemo-strategy: 1
                name: insert-twice
                counter: none
                steps:
                  - sql: INSERT INTO {table} (jahr, monat, some_value) VALUES (:jahr, :monat, 0)
                  - sql: INSERT INTO {table} (jahr, monat, some_value) VALUES (:jahr, :monat, 0)
                    on:
                      unique_violation: {retry: {max: 2, backoff: exponential, base_ms: 1}}
                  - commit: created
                """);
        JsonNode s = LockdemoRun.strategy(race(dir, "embedded", "--strategy-file", file.toString(), "--threads", "2",
                "--rounds", "3"), "insert-twice");
        assertEquals(6, s.get("attempts").asLong());
        assertEquals(6, LockdemoRun.outcome(s, "unique_violation"), "the error the last try met: " + s.get("outcomes"));
        assertEquals(12, s.get("retries").asLong(), "two retries per attempt");
        assertEquals(6, s.get("gave_up").asLong(), "every attempt gave up after 2 retries");
        assertEquals(0, LockdemoRun.outcome(s, "created"));
    }

    @Test
    void aVersionGateTheServerFailsIsOneLineBeforeAnyTable(@TempDir Path dir) throws Exception {
        String text = Files.readString(Path.of("strategies/savepoint.yaml")).replace("name: savepoint-file",
                "name: needs-pg99").replace("counter:", "requires: {postgresql: 99}\ncounter:");
        Path file = dir.resolve("needs-pg99.yaml");
        Files.writeString(file, text);
        String url = TestDatabases.embeddedUrl();
        LockdemoRun run = LockdemoRun.run("race", "--url", url, "--user", "postgres", "--strategy-file", file.toString(),
                "--threads", "2", "--rounds", "2", "--quiet");
        assertEquals(2, run.exitCode(), run.toString());
        String[] lines = run.err().strip().split("\n");
        assertTrue(lines[0].startsWith("lockdemo: --strategy-file " + file + ": requires postgresql >= 99; the server "
                + "is PostgreSQL 18."), run.toString());
        assertEquals(List.of(), TestDatabases.lockdemoTables(url, "postgres", "needs_pg99"), "no table was created");
    }

    /**
     * A shipped file that needs a newer server than the machine's PostgreSQL 15: one line, exit 2, no
     * table. (on-conflict-do-select needs 19, which no server here has: it is refused on the embedded
     * 18 too, below, and never raced.)
     */
    @ParameterizedTest(name = "{0}")
    @ValueSource(strings = {"upsert-old-new", "on-conflict-do-select"})
    void aShippedFileForANewerPostgresqlIsRefusedInOneLine(String form) throws Exception {
        String[] t = StrategiesIT.target("machine-postgresql");
        LockdemoRun run = LockdemoRun.run("race", "--url", t[0], "--user", t[1], "--strategy-file",
                "strategies/" + form + ".yaml", "--threads", "2", "--rounds", "2", "--quiet");
        assertEquals(2, run.exitCode(), run.toString());
        String[] lines = run.err().strip().split("\n");
        assertTrue(lines.length == 1 || lines.length == 2 && lines[1].startsWith("Try 'lockdemo race --help'"),
                "one line, and the usage hint: " + run);
        assertTrue(lines[0].startsWith("lockdemo: --strategy-file strategies/" + form + ".yaml: requires postgresql >= "),
                run.toString());
        assertTrue(lines[0].contains("; the server is PostgreSQL 15."), run.toString());
        assertEquals(List.of(), TestDatabases.lockdemoTables(t[0], t[1], "file_" + form.replace('-', '_')),
                "no table was created");
    }

    @Test
    void onConflictDoSelectIsRefusedInOneLineOnTheEmbeddedPostgresql18() throws Exception {
        LockdemoRun run = LockdemoRun.run("race", "--url", TestDatabases.embeddedUrl(), "--user", "postgres",
                "--strategy-file", "strategies/on-conflict-do-select.yaml", "--threads", "2", "--rounds", "2", "--quiet");
        assertEquals(2, run.exitCode(), run.toString());
        String[] lines = run.err().strip().split("\n");
        assertTrue(lines.length == 1 || lines.length == 2 && lines[1].startsWith("Try 'lockdemo race --help'"),
                "one line, and the usage hint: " + run);
        assertTrue(lines[0].startsWith("lockdemo: --strategy-file strategies/on-conflict-do-select.yaml: requires "
                + "postgresql >= 19; the server is PostgreSQL 18."), run.toString());
    }

    @Test
    void aBadFileIsOneLineBeforeAnythingConnects(@TempDir Path dir) throws Exception {
        Path file = dir.resolve("bad.yaml");
        Files.writeString(file, "lockdemo-strategy: 1\nname: bad\ncounter: none\nsteps:\n  - sql: SELECT 1 FROM {table}\n");
        LockdemoRun run = LockdemoRun.run("race", "--url", "jdbc:postgresql://127.0.0.1:1/none", "--strategy-file",
                file.toString());
        assertEquals(2, run.exitCode(), run.toString());
        assertTrue(run.err().startsWith("lockdemo: " + file + ":5:5: the path through step 1 (succeeded) reaches the end "
                + "of the steps without commit or rollback\n"), run.toString());
        LockdemoRun clash = LockdemoRun.run("race", "--url", "jdbc:postgresql://127.0.0.1:1/none", "--strategy-file",
                writeNamed(dir, "savepoint"));
        assertEquals(2, clash.exitCode(), clash.toString());
        assertTrue(clash.err().contains("name savepoint is a built-in strategy's"), clash.toString());
    }

    private static String writeNamed(Path dir, String name) throws Exception {
        Path f = dir.resolve(name + ".yaml");
        Files.writeString(f, Files.readString(Path.of("strategies/savepoint.yaml")).replace("name: savepoint-file",
                "name: " + name));
        return f.toString();
    }
}
