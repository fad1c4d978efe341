package org.lockdemo.strategy;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.sql.Connection;
import java.sql.SQLException;
import java.util.List;
import java.util.function.UnaryOperator;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;
import org.lockdemo.db.PostgresErrorClassifier;
import org.lockdemo.model.Outcome;
import org.lockdemo.model.RowKey;
import org.lockdemo.strategy.Transcripts.Case;

/**
 * lockdemo's Sequelize strategies send what Sequelize 6.37 sends, statement for statement: each is
 * driven through each captured path on a {@link RecordingConnection} (with its second connection
 * for {@code findOrCreate} without a caller transaction), rolled back where the worker would roll
 * back, and compared with the transcripts {@code scripts/transcripts.sh} captured from Sequelize
 * ({@code src/test/resources/org/lockdemo/transcripts/sequelize/}), {@code -- connection N} lines
 * included. The normalisation: {@link Transcripts#normalizeSpacing} (Sequelize inlines literals on
 * PostgreSQL, {@code WHERE "T"."jahr" = 1006}, and binds {@code $1} elsewhere: both become
 * {@code ?}; it writes {@code ("id","jahr")} where jOOQ writes {@code (id, jahr)}) and
 * {@link Transcripts#startTransactionIsBegin()} (Sequelize opens its transactions with
 * {@code START TRANSACTION}). Nothing else.
 */
class SequelizeTranscriptTest {
    private static final String FRAMEWORK = "sequelize";
    private static final UnaryOperator<List<String>> SPELLING = Transcripts.startTransactionIsBegin();

    static Stream<Case> transcripts() {
        return Stream.of(
                Transcripts.cases(FRAMEWORK, "findOrCreate", StrategyKind.SEQUELIZE_FIND_OR_CREATE),
                Transcripts.cases(FRAMEWORK, "findOrCreate-tx", StrategyKind.SEQUELIZE_FIND_OR_CREATE_TX),
                Transcripts.cases(FRAMEWORK, "findCreateFind", StrategyKind.SEQUELIZE_FIND_CREATE_FIND),
                Transcripts.cases(FRAMEWORK, "findCreateFind-tx", StrategyKind.SEQUELIZE_FIND_CREATE_FIND_TX))
                .flatMap(List::stream);
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("transcripts")
    void strategySendsWhatSequelizeSends(Case c) throws Exception {
        List<String> sequelize = SPELLING.apply(c.statements()).stream().map(Transcripts::normalizeSpacing).toList();
        RecordingConnection conn = c.connection();
        Outcome outcome = Transcripts.drive(c, conn);
        List<String> lockdemo = conn.sent().stream().map(Transcripts::normalizeSpacing).toList();
        assertEquals(String.join("\n", sequelize), String.join("\n", lockdemo), c + ": lockdemo's statements");
        assertEquals(c.applicationRaised(), !outcome.isSuccess(),
                c + ": Sequelize raised " + c.applicationRaised() + ", lockdemo ended " + outcome);
    }

    /**
     * Four calls, three paths, three databases (PostgreSQL READ COMMITTED, MariaDB READ COMMITTED
     * and REPEATABLE READ): a lost file would make the test above pass on nothing.
     */
    @Test
    void everyTranscriptIsCompared() {
        assertEquals(36, transcripts().count());
    }

    /** The lesson of the outside-transaction re-find is in the transcripts themselves. */
    @Test
    void theReFindRunsOnTheSecondConnectionOnlyWithoutACallerTransaction() {
        for (Case c : transcripts().toList()) {
            boolean second = c.statements().contains("-- connection 2");
            assertEquals(c.kind() == StrategyKind.SEQUELIZE_FIND_OR_CREATE && c.path().equals("conflict"), second,
                    c.toString());
        }
        assertEquals(2, StrategyKind.SEQUELIZE_FIND_OR_CREATE.create(Transcripts.Database.POSTGRESQL_READ_COMMITTED
                .schema(), StrategyOptions.DEFAULTS).connectionsPerAttempt());
        assertEquals(1, StrategyKind.SEQUELIZE_FIND_OR_CREATE_TX.create(Transcripts.Database.POSTGRESQL_READ_COMMITTED
                .schema(), StrategyOptions.DEFAULTS).connectionsPerAttempt());
    }

    /** The pool keeps two connections per thread only for a run with a strategy that uses two. */
    @Test
    void thePoolIsSizedByTheRunsStrategies() {
        String pg = "postgresql";
        assertEquals(1, GetOrCreate.connectionsPerThread(List.of(StrategyKind.NAIVE, StrategyKind.SAVEPOINT), pg));
        assertEquals(2, GetOrCreate.connectionsPerThread(List.of(StrategyKind.NAIVE, StrategyKind.SEQUELIZE_FIND_OR_CREATE), pg));
        assertEquals(2, GetOrCreate.connectionsPerThread(List.of(StrategyKind.SEQUELIZE_FIND_OR_CREATE),
                "mysql"));
        assertEquals(10, org.lockdemo.db.Cluster.connectionsNeeded(8));
        assertEquals(18, org.lockdemo.db.Cluster.connectionsNeeded(8, 2));
    }

    @Test
    void normalisesSequelizesSavepointAndInlinedLiterals() {
        assertEquals("SAVEPOINT sp", Transcripts.normalize("SAVEPOINT \"u1-sp-1\""));
        assertEquals("SAVEPOINT sp", Transcripts.normalize("SAVEPOINT `lockdemo-sp-1`"));
        assertEquals("SELECT id FROM t AS T WHERE jahr = ? AND monat = ? LIMIT ?",
                Transcripts.normalize("SELECT \"id\" FROM \"t\" AS \"T\" WHERE \"T\".\"jahr\" = 1006 AND \"T\".\"monat\" = 1 LIMIT 1"));
    }

    /** The second connection only reads: its COMMIT commits nothing of the attempt's, and it takes no write. */
    @Test
    void theSecondConnectionIsAccountedAsAutocommitReads() throws Exception {
        RecordingConnection conn = new RecordingConnection(false);
        Connection c = conn.connection();
        Connection c2 = conn.secondConnection();
        Attempt a = new Attempt(new PostgresErrorClassifier(), 0);
        a.reset();
        assertThrows(IllegalStateException.class, a::secondConnection);
        a.useSecondConnection(c2);
        RaceSchema s = Transcripts.Database.POSTGRESQL_READ_COMMITTED.schema();
        a.insertRow(c, s.insertRow() + " RETURNING id", RowKey.ofIndex(0), true);
        a.getRow(c2, "SELECT id, jahr, monat, some_value FROM " + Transcripts.TABLE + " WHERE jahr = ? AND monat = ?",
                RowKey.ofIndex(0));
        a.commit(c2);
        assertEquals(false, a.insertCommitted(), "the second connection's COMMIT is not the insert's");
        assertThrows(IllegalStateException.class, () -> a.saveValue(c2, "UPDATE x SET some_value = ? WHERE id = ?", 7, 1));
        a.commit(c);
        assertTrue(a.insertCommitted());
        assertEquals(List.of("BEGIN", s.insertRow() + " RETURNING id",
                "-- connection 2", "BEGIN", "SELECT id, jahr, monat, some_value FROM lockdemo_t WHERE jahr = ? AND monat = ?",
                "COMMIT", "-- connection 1", "COMMIT"), conn.sent());
    }

    @Test
    void aKeyIsInlinedIntoExactlyTwoMarkers() throws SQLException {
        RowKey k = RowKey.ofIndex(0);
        assertEquals("VALUES (DEFAULT, " + k.jahr() + ", " + k.monat() + ", 0)",
                Attempt.withKeyInlined("VALUES (DEFAULT, ?, ?, 0)", k));
        assertThrows(IllegalArgumentException.class, () -> Attempt.withKeyInlined("VALUES (?)", k));
        assertThrows(IllegalArgumentException.class, () -> Attempt.withKeyInlined("VALUES (?, ?, ?)", k));
    }
}
