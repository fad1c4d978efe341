package org.lockdemo.strategy;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.sql.SQLException;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;
import org.lockdemo.model.Outcome;
import org.lockdemo.strategy.Transcripts.Case;

/**
 * lockdemo's Hibernate strategies send what Hibernate ORM 7.4 sends, statement for statement: each
 * is driven through each path on a {@link RecordingConnection}, rolled back where the worker would
 * (after Hibernate's exception the Session's transaction is rolled back), and compared with the
 * transcript {@code scripts/transcripts.sh} captured from Hibernate itself
 * ({@code transcripts/hibernate/<database>-<isolation>/<call>-<path>.sql}). Both sides go through
 * {@link Transcripts#normalizeSpacing}: Hibernate writes {@code t1_0.id,t1_0.jahr} and
 * {@code jahr=?}, jOOQ spaces them.
 */
class HibernateTranscriptTest {
    private static final String FRAMEWORK = "hibernate";

    static Stream<Case> transcripts() {
        return Stream.of(Transcripts.cases(FRAMEWORK, "persist", StrategyKind.HIBERNATE_PERSIST),
                Transcripts.cases(FRAMEWORK, "merge", StrategyKind.HIBERNATE_MERGE),
                Transcripts.cases(FRAMEWORK, "upsert", StrategyKind.HIBERNATE_UPSERT)).flatMap(List::stream);
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("transcripts")
    void strategySendsWhatHibernateSends(Case c) throws Exception {
        List<String> hibernate = c.statements().stream().map(Transcripts::normalizeSpacing).toList();
        RecordingConnection conn = connection(c);
        Outcome outcome = Transcripts.drive(c, conn);
        List<String> lockdemo = conn.sent().stream().map(Transcripts::normalizeSpacing).toList();
        assertEquals(String.join("\n", hibernate), String.join("\n", lockdemo), c + ": lockdemo's statements");
        assertEquals(c.applicationRaised(), !outcome.isSuccess(),
                c + ": Hibernate raised " + c.applicationRaised() + ", lockdemo ended " + outcome);
    }

    /**
     * The capture's conflict is a row with the key and an id of the database's own, so on
     * PostgreSQL the upsert's {@code ON CONFLICT (id)} does not arbitrate it: the statement fails
     * with 23505 and, sent again, with 25P02 (the transaction is aborted). On MariaDB
     * {@code ON DUPLICATE KEY UPDATE} takes any unique key and updates that row.
     */
    static RecordingConnection connection(Case c) {
        if (c.kind() == StrategyKind.HIBERNATE_UPSERT && c.path().equals("conflict") && c.database().postgres()) {
            return RecordingConnection.upsertConflict(c.database().duplicateKey(),
                    new SQLException("current transaction is aborted, commands ignored until end of transaction block",
                            "25P02")); // in_failed_sql_transaction
        }
        return c.connection();
    }

    /** persist, merge and upsert, three paths, three databases. */
    @Test
    void everyTranscriptIsCompared() {
        assertEquals(27, transcripts().count());
    }

    /** The upsert runs where its statements were captured: PostgreSQL 15 and later, MariaDB; not MySQL. */
    @Test
    void theUpsertIsGatedToTheServersItWasCapturedOn() {
        StrategyKind k = StrategyKind.HIBERNATE_UPSERT;
        assertTrue(k.unsupportedOn(new ServerVersion("postgresql", "PostgreSQL", "15.20")).isEmpty());
        assertTrue(k.unsupportedOn(new ServerVersion("postgresql", "PostgreSQL", "18.3")).isEmpty());
        assertTrue(k.unsupportedOn(new ServerVersion("mysql", "MariaDB", "10.11.19-MariaDB")).isEmpty());
        assertTrue(k.unsupportedOn(new ServerVersion("postgresql", "PostgreSQL", "14.12")).orElseThrow()
                .startsWith("hibernate-upsert needs PostgreSQL 15 or later for Hibernate 7.4's upsert as captured"));
        assertTrue(k.unsupportedOn(new ServerVersion("mysql", "MySQL", "8.4.3")).orElseThrow()
                .startsWith("hibernate-upsert needs MariaDB for "));
    }
}
