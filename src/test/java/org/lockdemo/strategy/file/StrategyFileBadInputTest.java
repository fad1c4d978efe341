package org.lockdemo.strategy.file;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * The bad-input table of docs/strategy-files.md, row by row: each file is refused with one line
 * that names the file, the line and column, and what is wrong; and the files that are right are read.
 */
class StrategyFileBadInputTest {
    private static final String F = "my.yaml";

    /** A correct file: every row below breaks one thing in it. */
    static final String GOOD = """
            lockdemo-strategy: 1
            name: mine
            claims: {expected_safe: true, locks_row: true}
            counter: bump
            steps:
              - id: lock
                sql: SELECT id, some_value FROM {table} WHERE jahr = :jahr AND monat = :monat {for_update}
                capture: {rows: row_count, id: {column: id}, next: {column: some_value, plus: 1}}
              - if: rows == 0
                then: create
              - id: bump
                sql: UPDATE {table} SET some_value = :next WHERE id = :id
                then: {commit: found}
              - id: create
                savepoint: s1
              - sql: INSERT INTO {table} (jahr, monat, some_value) VALUES (:jahr, :monat, 1)
                on:
                  unique_violation: {rollback_to: s1, then: lost}
              - release: s1
              - commit: created
              - id: lost
                release: s1
              - rollback: unique_violation
            """;

    /** A correct file in autocommit ({@code begin: false}): every statement commits by itself. */
    static final String AUTOCOMMIT = """
            lockdemo-strategy: 1
            name: auto
            counter: none
            transaction: {begin: false}
            steps:
              - sql: INSERT INTO {table} (jahr, monat, some_value) VALUES (:jahr, :monat, 0)
                on:
                  unique_violation: raise
              - commit: created
            """;

    /** A correct file with its own table: the rows below that name table: break one thing in it. */
    static final String GOOD_TABLE = """
            lockdemo-strategy: 1
            name: tags
            claims: {expected_safe: true, locks_row: true}
            counter: bump
            table:
              create: CREATE TABLE {table} (id bigint PRIMARY KEY, tenant int NOT NULL, slug text NOT NULL, hits int NOT NULL DEFAULT 0, UNIQUE (tenant, slug))
              key: {tenant: jahr, slug: "tag-{monat}"}
              counter_column: hits
              setup:
                - CREATE INDEX {table}_slug ON {table} (slug)
              teardown:
                - DROP INDEX {table}_slug
            steps:
              - sql: INSERT INTO {table} (tenant, slug) VALUES (:tenant, :slug) ON CONFLICT (tenant, slug) DO NOTHING
                capture: {inserted: affected}
              - sql: SELECT id, hits FROM {table} WHERE tenant = :tenant AND slug = :slug {for_update}
                capture: {id: {column: id}, next: {column: hits, plus: 1}}
              - id: bump
                sql: UPDATE {table} SET hits = :next WHERE id = :id
              - if: inserted == 1
                then: {commit: created}
              - commit: found
            """;

    /**
     * A correct file whose first statement is sent once for all the attempt's keys ({@code keys: all}),
     * as strategies/upsert-multirow.yaml: the rows below that name keys: all break one thing in it.
     */
    static final String ALL_KEYS = """
            lockdemo-strategy: 1
            name: batch
            claims: {expected_safe: true, locks_row: true}
            counter: bump
            steps:
              - keys: all
                rows: "(:jahr, :monat, 0)"
                sql:
                  postgresql: INSERT INTO {table} (jahr, monat, some_value) VALUES {rows} ON CONFLICT (jahr, monat) DO NOTHING RETURNING jahr, monat
                  mysql: INSERT INTO {table} (jahr, monat, some_value) VALUES {rows} ON DUPLICATE KEY UPDATE some_value = some_value
                capture: {inserted: key_inserted}
              - sql: SELECT id, some_value FROM {table} WHERE jahr = :jahr AND monat = :monat {for_update}
                capture: {locked: row_count, value: {column: some_value, settles: inserted}}
              - if: locked == 0
                then: {rollback: missing_after_conflict}
              - id: bump
                sql: UPDATE {table} SET some_value = some_value + 1 WHERE jahr = :jahr AND monat = :monat
              - if: inserted == 1
                then: {commit: created}
              - commit: found
            """;

    static Stream<Arguments> rows() {
        return Stream.of(
                row("table: a CREATE of another table", GOOD_TABLE.replace("create: CREATE TABLE {table} (", "create: CREATE TABLE users ("),
                        "my.yaml:6:11: table.create must be CREATE TABLE {table} (...): lockdemo names the table per run and drops only it; got 'CREATE TABLE users (id bigint PRIMARY KE...'"),
                row("table: CREATE IF NOT EXISTS", GOOD_TABLE.replace("CREATE TABLE {table}", "CREATE TABLE IF NOT EXISTS {table}"),
                        "my.yaml:6:11: table.create must be CREATE TABLE {table} (...)"),
                row("table: two statements in the create", GOOD_TABLE.replace("UNIQUE (tenant, slug))", "UNIQUE (tenant, slug)); DROP TABLE users"),
                        "my.yaml:6:11: table.create is one statement per entry, without ;"),
                row("table: a key column not in the create", GOOD_TABLE.replace("{tenant: jahr,", "{tenant: jahr, shop: index,"),
                        "my.yaml:7:23: key column shop is not in table.create"),
                row("table: a key that does not tell keys apart", GOOD_TABLE.replace("slug: \"tag-{monat}\"", "slug: \"tag-{jahr}\""),
                        "my.yaml:7:8: table.key binds only jahr, so two of lockdemo's keys would be one row of yours; bind index, or both jahr and monat"),
                row("table: an unknown placeholder in a key", GOOD_TABLE.replace("tag-{monat}", "tag-{month}"),
                        "my.yaml:7:29: {month} in key column slug is not one of {jahr}, {monat}, {index}"),
                row("table: two placeholders that run together", GOOD_TABLE.replace("{tenant: jahr, slug: \"tag-{monat}\"}",
                        "{tenant: index, slug: \"tag-{jahr}{monat}\"}"), "my.yaml:7:30: key column slug: put a character that is not a digit between two placeholders"),
                row("table: setup drops another table", GOOD_TABLE.replace("- CREATE INDEX {table}_slug ON {table} (slug)",
                        "- DROP TABLE users"), "my.yaml:10:7: table.setup may not create, drop, rename or truncate a table: lockdemo creates {table} from table.create and drops only it"),
                row("table: teardown drops what the run did not create", GOOD_TABLE.replace("DROP INDEX {table}_slug",
                        "DROP FUNCTION touch() -- {table}"), "my.yaml:12:7: table.teardown drops only what the run created: name it after {table} (e.g. {table}_idx), got 'touch()'"),
                row("table: setup alters another table", GOOD_TABLE.replace("- CREATE INDEX {table}_slug ON {table} (slug)",
                        "- ALTER TABLE users ADD COLUMN x int -- {table}"), "my.yaml:10:7: table.setup may alter only {table}"),
                row("table: a parameter in setup", GOOD_TABLE.replace("ON {table} (slug)", "ON {table} (slug) WHERE tenant = :tenant"),
                        "my.yaml:10:7: table.setup runs once, before any key: no parameters (:name)"),
                row("table: counter_column none with a counter step", GOOD_TABLE.replace("counter_column: hits", "counter_column: none"),
                        "my.yaml:4:10: counter names step(s) that update the counter, but table.counter_column is none"),
                row("table: a counter column not in the create", GOOD_TABLE.replace("counter_column: hits", "counter_column: hitz"),
                        "my.yaml:8:19: counter_column hitz is not in table.create"),
                row("table: a capture named as a key column", GOOD_TABLE.replace("{id: {column: id}, next:", "{slug: {column: slug}, id: {column: id}, next:"),
                        "my.yaml:16:5: capture 'slug' is a key column of table.key"),
                row("table: an unknown key in the section", GOOD_TABLE.replace("counter_column: hits", "counter_column: hits\n  drop: true"),
                        "my.yaml:9:3: unknown key 'drop' in table; known keys are counter_column, create, key, setup, teardown"),
                row("table: a create with no form for a dialect in a map", GOOD_TABLE.replace("create: CREATE TABLE", "create:\n    oracle: CREATE TABLE"),
                        "my.yaml:7:5: unknown key 'oracle' in table.create; known keys are mysql, postgresql"),
                row("a syntax error", GOOD.replace("claims: {expected_safe: true, locks_row: true}",
                        "claims: {expected_safe: true, locks_row: true"), "my.yaml:4:8: not valid YAML: while parsing a flow mapping"),
                row("an unknown condition", GOOD.replace("unique_violation: {rollback_to", "deadlock_detected: {rollback_to"),
                        "my.yaml:18:7: 'deadlock_detected' is not a condition; choose from unique_violation, deadlock, "
                                + "lock_not_available, lock_timeout, serialization_failure, certification_failure"),
                row("an unknown outcome", GOOD.replace("commit: created", "commit: made"),
                        "my.yaml:20:13: 'made' is not an outcome; choose from created, found, found_after_conflict"),
                row("a failure outcome on a commit", GOOD.replace("commit: created", "commit: unique_violation"),
                        "my.yaml:20:13: unique_violation is a failure; a commit ends in a success"),
                row("a path that never commits", GOOD.replace("  - rollback: unique_violation\n", ""),
                        "my.yaml:21:5: the path through step 5 (unique_violation) reaches the end of the steps without "
                                + "commit or rollback"),
                row("an unbalanced savepoint", GOOD.replace("  - release: s1\n  - commit: created",
                        "  - commit: created"), "my.yaml:19:5: savepoint 's1' is still open at the commit on the path "
                                + "through step 5 (succeeded) (release it first)"),
                row("a release of a savepoint that is not open", GOOD.replace("release: s1\n  - rollback", "release: s2\n  - rollback"),
                        "my.yaml:21:5: release 's2', but no savepoint of that name is open on the path through step 5 "
                                + "(unique_violation)"),
                row("a capture used before it is set", GOOD.replace("WHERE id = :id", "WHERE id = :row_id"),
                        "my.yaml:11:5: ':row_id' is used here but no step before it on the path through step 2 (not rows == 0) "
                                + "captures it"),
                row("a branch on a capture never set", GOOD.replace("if: rows == 0", "if: found == 0"),
                        "my.yaml:9:5: 'found' is used here but no step before it on the path through 'lock' (succeeded) "
                                + "captures it"),
                row("a label that does not exist", GOOD.replace("then: create", "then: creat"),
                        "my.yaml:9:5: goto 'creat': no step has that id"),
                row("a goto back: a loop", GOOD.replace("then: {commit: found}", "then: lock"),
                        "my.yaml:11:5: goto 'lock' goes back to an earlier step, a loop"),
                row("an unknown key", GOOD.replace("counter: bump", "counter: bump\nretries: 3"),
                        "my.yaml:5:1: unknown key 'retries' in the strategy file; known keys are claims, counter, "),
                row("a value of the wrong type", GOOD.replace("locks_row: true", "locks_row: 1"),
                        "my.yaml:3:42: locks_row must be true or false, got a whole number '1'"),
                row("another format version", GOOD.replace("lockdemo-strategy: 1", "lockdemo-strategy: 2"),
                        "my.yaml:1:20: lockdemo-strategy must be 1 (the format this lockdemo reads), got a whole number '2'"),
                row("a counter step that does not exist", GOOD.replace("counter: bump", "counter: bumpp"),
                        "my.yaml:4:10: counter 'bumpp': no step has that id (or say counter: none)"),
                row("a step of two kinds", GOOD.replace("    savepoint: s1\n", "    savepoint: s1\n    release: s1\n"),
                        "my.yaml:14:5: a step is one of sql, if, savepoint, release, commit or rollback; this has "
                                + "savepoint and release"),
                row("a ? parameter", GOOD.replace("WHERE id = :id", "WHERE id = ?"),
                        "my.yaml:12:10: write parameters by name (:jahr, :monat, or a capture's :name), not ?"),
                row("a statement without the table", GOOD.replace("UPDATE {table} SET", "UPDATE t SET"),
                        "my.yaml:12:10: the statement does not name {table}, lockdemo's table for the run"),
                row("an unknown placeholder", GOOD.replace("{for_update}", "{for_updat}"),
                        "my.yaml:7:10: {for_updat} is not one of {table}, {returning_id}, {rows}, {jahr}, {monat}, {for_share}, {for_update}, "),
                row("keys: all in autocommit", ALL_KEYS.replace("counter: bump\n", "counter: bump\ntransaction: {begin: false}\n"),
                        "my.yaml:7:11: keys: all sends one statement for all the attempt's keys in its one transaction; this "
                                + "file says transaction: {begin: false}, where every statement commits by itself"),
                row("keys: all, a row template without the key", ALL_KEYS.replace("(:jahr, :monat, 0)", "(:jahr, 5, 0)"),
                        "my.yaml:7:11: rows is one key's VALUES row, binding the key as :jahr and :monat and nothing else, "
                                + "e.g. \"(:jahr, :monat, 0)\", got a string '(:jahr, 5, 0)'"),
                row("keys: all without rows", ALL_KEYS.replace("    rows: \"(:jahr, :monat, 0)\"\n", ""),
                        "my.yaml:6:11: keys: all needs rows: the VALUES row of one key, e.g. \"(:jahr, :monat, 0)\", "
                                + "repeated per key at {rows}"),
                row("keys: all that is not all", ALL_KEYS.replace("keys: all", "keys: 3"),
                        "my.yaml:6:11: keys must be all (the statement is sent once for all the attempt's keys), got a "
                                + "whole number '3'"),
                row("keys: all after a step per key", ALL_KEYS.replace("steps:\n", "steps:\n  - sql: SELECT id FROM {table} "
                        + "WHERE jahr = :jahr AND monat = :monat\n"),
                        "my.yaml:7:5: a keys: all statement is sent once, before the steps for each key; move it before "
                                + "step 1 (6:5), which runs per key"),
                row("keys: all on MySQL, its rows not settled", ALL_KEYS.replace(", settles: inserted", ""),
                        "my.yaml:6:5: without RETURNING (MySQL) the statement counts the rows it inserted, not which: "
                                + "settle 'inserted' under the row lock"),
                row("keys: all returning something else", ALL_KEYS.replace("RETURNING jahr, monat", "RETURNING id"),
                        "my.yaml:9:7: a keys: all INSERT ... RETURNING says which keys it inserted by returning them: end "
                                + "it with RETURNING jahr, monat"),
                row("{rows} without keys: all", GOOD.replace("VALUES (:jahr, :monat, 1)", "VALUES {rows}"),
                        "my.yaml:16:10: {rows} is the VALUES rows of a statement sent once for all the attempt's keys; "
                                + "say keys: all and give rows:"),
                row("a key given twice", GOOD.replace("name: mine", "name: mine\nname: yours"),
                        "my.yaml:3:1: 'name' is given twice in this mapping (first at 2:1)"),
                row("a bad name", GOOD.replace("name: mine", "name: My Strategy"),
                        "my.yaml:2:7: name 'My Strategy' must be lower case letters, digits and -"),
                row("no steps", "lockdemo-strategy: 1\nname: x\ncounter: none\nsteps: []\n",
                        "my.yaml:4:8: steps must be a list of steps, got a list"),
                row("an empty file", "   \n", "my.yaml: the file is empty"),
                row("deep nesting", "lockdemo-strategy: 1\nname: x\ncounter: none\nsteps: " + "[".repeat(60)
                        + "]".repeat(60) + "\n", "my.yaml:4:"),
                row("JSON with a syntax error", "{\"lockdemo-strategy\": 1, \"name\": \"x\",}",
                        "my.yaml:1:38: not valid JSON: Unexpected character"),
                row("rollback: continue with then: an end", GOOD.replace("{rollback_to: s1, then: lost}",
                        "{rollback: continue, then: {commit: found}}"), "my.yaml:18:52: after rollback: continue, then is a "
                                + "step id; to end the attempt here, {rollback: OUTCOME}"),
                row("rollback: continue ends the savepoints too", GOOD.replace("{rollback_to: s1, then: lost}",
                        "{rollback: continue, then: lost}"), "my.yaml:21:5: release 's1', but no savepoint of that name is "
                                + "open on the path through step 5 (unique_violation)"),
                row("rollback: continue in autocommit", AUTOCOMMIT.replace("raise", "{rollback: continue}"),
                        "my.yaml:8:25: rollback: continue ends a transaction and goes on; this file says transaction: "
                                + "{begin: false}, where the failed statement rolled back by itself (use {ignore: true, then: ...})"),
                row("a mariadb form without a mysql one", GOOD.replace("sql: UPDATE {table} SET some_value = :next WHERE id = :id",
                        "sql:\n      postgresql: UPDATE {table} SET some_value = :next WHERE id = :id\n      mariadb: UPDATE {table} SET some_value = :next WHERE id = :id"),
                        "my.yaml:14:7: mariadb is MariaDB's form beside mysql's; give the mysql form too (MySQL sends it)"),
                row("an unknown dialect in sql", GOOD.replace("sql: UPDATE {table} SET some_value = :next WHERE id = :id",
                        "sql:\n      sqlite: UPDATE {table} SET some_value = :next WHERE id = :id"),
                        "my.yaml:13:7: unknown key 'sqlite' in sql; known keys are mariadb, mysql, postgresql"),
                row("let: not an expression of the key", GOOD.replace("counter: bump", "counter: bump\nlet: {assigned_id: jahr * (100 + monat)}"),
                        "my.yaml:5:20: let assigned_id must be jahr, monat, index and whole numbers joined by *, + and - "
                                + "(no parentheses), e.g. \"jahr * 100 + monat\", got a string 'jahr * (100 + monat)'"),
                row("let: two operands in a row", GOOD.replace("counter: bump", "counter: bump\nlet: {assigned_id: jahr monat}"),
                        "my.yaml:5:20: let assigned_id must be jahr, monat, index and whole numbers"),
                row("let: a capture of the same name", GOOD.replace("counter: bump", "counter: bump\nlet: {next: jahr * 100 + monat}"),
                        "my.yaml:7:5: capture 'next' is computed from the key by let (5:13); give the capture another name"),
                row("let: named jahr", GOOD.replace("counter: bump", "counter: bump\nlet: {jahr: index}"),
                        "my.yaml:5:7: let name 'jahr' must be a letter or _ and up to 40 letters, digits or _, and not jahr or monat"),
                row("leave_open of a savepoint that is not open", GOOD.replace("  - release: s1\n  - commit: created",
                        "  - sql: UPDATE {table} SET some_value = 1 WHERE jahr = :jahr AND monat = :monat\n    then: {commit: created, leave_open: s2}"),
                        "my.yaml:19:5: leave_open 's2', but no savepoint of that name is open at the commit on the path "
                                + "through step 6 (succeeded)"),
                row("leave_open on a rollback", GOOD.replace("  - release: s1\n  - commit: created",
                        "  - sql: UPDATE {table} SET some_value = 1 WHERE jahr = :jahr AND monat = :monat\n    then: {rollback: unique_violation, leave_open: s1}"),
                        "my.yaml:20:52: a rollback ends every savepoint; leave leave_open out"),
                row("leave_open of one savepoint, another still open", GOOD.replace("    savepoint: s1\n",
                        "    savepoint: s0\n  - savepoint: s1\n").replace("  - release: s1\n  - commit: created",
                        "  - sql: UPDATE {table} SET some_value = 1 WHERE jahr = :jahr AND monat = :monat\n    then: {commit: created, leave_open: s1}"),
                        "my.yaml:20:5: savepoint 's0' is still open at the commit on the path through step 7 (succeeded) "
                                + "(release it first)"),
                row("an inserted column by name", GOOD.replace("id: {column: id}, next:", "id: {column: id, inserted: true}, next:"),
                        "my.yaml:8:45: an inserted column is named by its position in the RETURNING list, e.g. {column: 1, "
                                + "inserted: true}"),
                row("an inserted column of a statement that is no INSERT ... RETURNING", GOOD.replace("{rows: row_count, id:",
                        "{ins: {column: 1, inserted: true}, rows: row_count, id:"),
                        "my.yaml:8:14: capture ins says whether an INSERT ... RETURNING inserted; this statement is not one"),
                row("an inserted column that is neither true nor when_null", GOOD.replace("{rows: row_count, id:",
                        "{ins: {column: 1, inserted: null_when}, rows: row_count, id:"),
                        "my.yaml:8:42: inserted must be true (the column is true for an insert), when_null (it is NULL for "
                                + "an insert: old.id), when_not_null (it is NULL when the insert did not happen) or false, "
                                + "got a string 'null_when'"),
                row("an inserted column with if_null", GOOD.replace("{rows: row_count, id:",
                        "{ins: {column: 1, inserted: when_null, if_null: 0}, rows: row_count, id:"),
                        "my.yaml:8:62: an inserted column says whether the statement inserted; leave if_null out"),
                row("a comparison with null", GOOD.replace("if: rows == 0", "if: rows == null"),
                        "my.yaml:9:9: a NULL is not equal to anything; write \"rows is null\" or \"rows is not null\""),
                row("a comparison with a capture not set", GOOD.replace("if: rows == 0", "if: rows == others"),
                        "my.yaml:9:5: 'others' is used here but no step before it on the path through 'lock' (succeeded) captures it"),
                row("a null test of a capture not set", GOOD.replace("if: rows == 0", "if: old_id is null"),
                        "my.yaml:9:5: 'old_id' is used here but no step before it on the path through 'lock' (succeeded) captures it"),
                row("a counter that is a savepoint", GOOD.replace("counter: bump", "counter: create"),
                        "my.yaml:4:10: counter 'create' is not a statement or an if"),
                row("a step for an unknown dialect", GOOD.replace("  - id: bump\n", "  - id: bump\n    dialect: oracle\n"),
                        "my.yaml:12:14: dialect 'oracle' is not one of postgresql, mysql (MySQL and MariaDB)"),
                row("a text let with an unknown placeholder", GOOD.replace("counter: bump", "counter: bump\nlet: {lock_name: "
                        + "\"{table}:{year}\"}"), "my.yaml:5:18: let lock_name is a text with the placeholders {table}, {jahr}, "
                                + "{monat}, {index}, e.g. \"{table}:{jahr}:{monat}\", got a string '{table}:{year}'"),
                row("an if on a text let", GOOD.replace("counter: bump", "counter: bump\nlet: {lock_name: \"{table}:{jahr}\"}")
                        .replace("if: rows == 0", "if: lock_name == 0"), "my.yaml:10:5: let lock_name is a text; an if "
                                + "compares whole numbers"),
                row("a finally if on a name nothing captures", GOOD + "finally:\n  - sql: {mysql: \"SELECT RELEASE_LOCK('x')\"}\n"
                        + "    commit: false\n    if: got == 1\n", "my.yaml:27:9: 'got' is used here but no step captures it"),
                row("a savepoint name quoted on one side", GOOD.replace("savepoint: s1", "savepoint: \"`s1\""),
                        "my.yaml:15:16: savepoint name '`s1' must be a letter or _ and up to 40 letters, digits, _ or -, or "
                                + "such a name in \"...\" or `...` quotes"),
                row("the key written in beside parameters", GOOD.replace("VALUES (:jahr, :monat, 1)", "VALUES ({jahr}, :monat, 1)"),
                        "my.yaml:16:10: a statement with the key written in ({jahr}, {monat}) is sent as text, for a function "
                                + "body, which takes no parameters; write :jahr, :monat and the others as parameters, or the key "
                                + "only as {jahr}, {monat}"),
                row("a write on the second connection", GOOD.replace("  - id: bump\n", "  - id: bump\n    connection: 2\n"),
                        "my.yaml:12:17: connection: 2 takes a SELECT or a commit (a re-read on another session); the "
                                + "attempt's writes go on its first connection"),
                row("the second connection left open", GOOD.replace("  - if: rows == 0\n", "  - connection: 2\n    sql: "
                        + "SELECT id FROM {table} WHERE jahr = :jahr AND monat = :monat\n  - if: rows == 0\n"),
                        "my.yaml:22:5: connection 2's transaction is still open at the end on the path through step 6 "
                                + "(succeeded) (end it: {connection: 2, commit: true})"),
                row("the key written into a finally statement", GOOD + "finally:\n  - {mysql: \"SELECT RELEASE_LOCK('{table}:{jahr}')\"}\n",
                        "my.yaml:25:3: finally binds the key as :jahr, :monat; {jahr} and {monat} (the key written in, for "
                                + "a function body) belong in a step's statement"),
                row("a column position of 0", GOOD.replace("id: {column: id}, next:", "id: {column: 0}, next:"),
                        "my.yaml:8:45: column must be a whole number from 1 to 1000, got a whole number '0'"),
                row("retry without a max", GOOD.replace("{rollback_to: s1, then: lost}", "{retry: {backoff: fixed}}"),
                        "my.yaml:18:33: retry needs max"),
                row("an unknown backoff", GOOD.replace("{rollback_to: s1, then: lost}",
                        "{retry: {max: 3, backoff: linear}}"), "my.yaml:18:51: backoff 'linear' is not one of fixed, "
                                + "exponential, jitter"));
    }

    private static Arguments row(String name, String text, String message) {
        return Arguments.of(name, text, message);
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("rows")
    void isRefusedWithOneLineNamingTheFileAndThePlace(String name, String text, String message) {
        StrategyFileException e = assertThrows(StrategyFileException.class, () -> StrategyFileReader.read(text, F), name);
        assertTrue(e.getMessage().startsWith(message), name + ": " + e.getMessage());
        assertFalse(e.getMessage().contains("\n"), name + ": more than one line: " + e.getMessage());
    }

    @Test
    void theGoodFileIsRead() throws Exception {
        StrategyFile f = StrategyFileReader.read(GOOD, F);
        assertEquals("mine", f.name());
        assertEquals(9, f.steps().size());
        assertTrue(f.updatesCounter());
    }

    @Test
    void aLetValueIsComputedFromTheKeyExactly() throws Exception {
        StrategyFile f = StrategyFileReader.read(GOOD.replace("counter: bump", "counter: bump\nlet: {assigned_id: "
                + "jahr * 100 + monat, back: -2 * index + 3 - monat, big: jahr * 9000000000 * 9000000000}"), F);
        org.lockdemo.model.RowKey key = new org.lockdemo.model.RowKey(2016, 5);
        assertEquals(201605, ((KeyValue) f.let().get("assigned_id")).of(key));
        assertEquals(-2 * key.index() + 3 - 5, ((KeyValue) f.let().get("back")).of(key));
        java.sql.SQLException e = assertThrows(java.sql.SQLException.class, () -> ((KeyValue) f.let().get("big")).of(key));
        assertEquals("22003", e.getSQLState());
        assertTrue(e.getMessage().startsWith("my.yaml:5:"), e.getMessage());
    }

    @Test
    void aSavepointLeftToTheCommitIsReadWhenTheCommitSaysSo() throws Exception {
        String left = GOOD.replace("  - release: s1\n  - commit: created",
                "  - sql: UPDATE {table} SET some_value = 1 WHERE jahr = :jahr AND monat = :monat\n    then: {commit: created, leave_open: s1}");
        assertEquals(java.util.Optional.of("s1"), ((StrategyFile.Then.End) ((StrategyFile.Step.Statement) StrategyFileReader
                .read(left, F).steps().get(5)).then()).leaveOpen());
        StrategyFileException e = assertThrows(StrategyFileException.class, () -> StrategyFileReader.read(
                left.replace(", leave_open: s1}", "}"), F));
        assertTrue(e.getMessage().startsWith("my.yaml:19:5: savepoint 's1' is still open at the commit"), e.getMessage());
    }

    @Test
    void aBranchComparesTwoCapturesOrTestsForNull() throws Exception {
        StrategyFile f = StrategyFileReader.read(GOOD.replace("if: rows == 0", "if: next <= rows").replace(
                "  - id: bump\n", "  - if: \"id is not null\"\n    then: bump\n  - id: bump\n"), F);
        StrategyFile.Step.Branch two = (StrategyFile.Step.Branch) f.steps().get(1);
        assertEquals(java.util.List.of("next", "rows"), two.reads());
        assertTrue(two.holds(1L, 1L));
        assertFalse(two.holds(2L, 1L));
        StrategyFile.Step.Branch notNull = (StrategyFile.Step.Branch) f.steps().get(2);
        assertTrue(notNull.holds(7L, null));
        assertFalse(notNull.holds(null, null), "a NULL capture, no row");
    }

    @Test
    void aStepForOneDialectIsWalkedOnThatDialectOnly() throws Exception {
        // on mysql a lock step and its branch come first; on postgresql neither is there
        String perDialect = GOOD.replace("steps:\n", "let: {lock_name: \"{table}:{jahr}:{monat}\"}\nsteps:\n"
                + "  - dialect: mysql\n    sql: SELECT GET_LOCK(:lock_name, 10)\n    capture: {got: {column: 1}}\n"
                + "  - dialect: mysql\n    if: got != 1\n    then: {rollback: lock_timeout}\n  - dialect: mysql\n    commit: true\n");
        StrategyFile f = StrategyFileReader.read(perDialect, F);
        assertTrue(f.perDialect());
        assertTrue(f.steps().get(0).on("postgresql").isEmpty());
        assertTrue(f.steps().get(0).on("mysql").orElseThrow() instanceof StrategyFile.Step.Statement);
        assertEquals("lockdemo_t:2016:5", f.let().get("lock_name").value(new org.lockdemo.model.RowKey(2016, 5),
                "lockdemo_t"));
        // a postgresql step reading what only the mysql step captures fails on the postgresql path
        StrategyFileException e = assertThrows(StrategyFileException.class, () -> StrategyFileReader.read(
                perDialect.replace("  - dialect: mysql\n    if: got != 1", "  - dialect: postgresql\n    if: got != 1"), F));
        assertTrue(e.getMessage().startsWith("my.yaml:10:5: 'got' is used here but no step before it"), e.getMessage());
    }

    @Test
    void theGoodFileWithAStatementForAllKeysIsRead() throws Exception {
        StrategyFile f = StrategyFileReader.read(ALL_KEYS, F);
        StrategyFile.Step.AllKeys all = (StrategyFile.Step.AllKeys) f.steps().get(0);
        assertEquals("(?, ?, 0)", all.rows().sql());
        assertEquals(java.util.List.of(new StrategyFile.Param.Jahr(), new StrategyFile.Param.Monat()), all.rows().params());
        assertTrue(all.statement().sql().on("postgresql").orElseThrow().sql().contains("VALUES {rows} ON CONFLICT"));
    }

    @Test
    void theGoodAutocommitFileIsRead() throws Exception {
        assertFalse(StrategyFileReader.read(AUTOCOMMIT, F).begin());
    }

    @Test
    void theGoodFileWithItsOwnTableIsRead() throws Exception {
        StrategyFile f = StrategyFileReader.read(GOOD_TABLE, F);
        StrategyFile.Table t = f.table().orElseThrow();
        assertEquals(java.util.List.of("tenant", "slug"), java.util.List.copyOf(t.key().keySet()));
        assertEquals(java.util.Optional.of("hits"), t.counterColumn());
        StrategyFile.Step.Statement insert = (StrategyFile.Step.Statement) f.steps().get(0);
        assertEquals(java.util.List.of(new StrategyFile.Param.Column("tenant"), new StrategyFile.Param.Column("slug")),
                insert.sql().on("postgresql").orElseThrow().params(), ":tenant and :slug are bound from the key");
    }

    @Test
    void theSameStrategyIsReadFromJson() throws Exception {
        String json = """
                {"lockdemo-strategy": 1, "name": "mine-json", "counter": "none",
                 "steps": [{"sql": "SELECT id FROM {table} WHERE jahr = :jahr AND monat = :monat", "capture": {"n": "row_count"}},
                           {"if": "n > 0", "then": {"commit": "found"}},
                           {"sql": "INSERT INTO {table} (jahr, monat, some_value) VALUES (:jahr, :monat, 0)",
                            "on": {"unique_violation": "raise"}},
                           {"commit": "created"}]}
                """;
        StrategyFile f = StrategyFileReader.read(json, "mine.json");
        assertEquals("mine-json", f.name());
        assertFalse(f.updatesCounter(), "counter: none: no_lost_update does not apply");
    }

    @Test
    void bytesThatAreNotUtf8AreNamedByPlace(@TempDir Path dir) throws Exception {
        Path file = dir.resolve("bad.yaml");
        byte[] text = GOOD.getBytes(java.nio.charset.StandardCharsets.UTF_8);
        text[30] = (byte) 0xff;
        Files.write(file, text);
        StrategyFileException e = assertThrows(StrategyFileException.class, () -> StrategyFileReader.read(file));
        assertTrue(e.getMessage().startsWith(file + ": not UTF-8 at line 2, column "), e.getMessage());
    }

    @Test
    void aMissingFileIsNamed(@TempDir Path dir) {
        Path file = dir.resolve("nope.yaml");
        assertEquals(file + ": no such file",
                assertThrows(StrategyFileException.class, () -> StrategyFileReader.read(file)).getMessage());
    }
}
