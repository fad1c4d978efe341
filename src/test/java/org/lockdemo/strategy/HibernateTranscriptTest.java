package org.lockdemo.strategy;

import static org.junit.jupiter.api.Assertions.assertEquals;

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
        return Stream.concat(Transcripts.cases(FRAMEWORK, "persist", StrategyKind.HIBERNATE_PERSIST).stream(),
                Transcripts.cases(FRAMEWORK, "merge", StrategyKind.HIBERNATE_MERGE).stream());
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("transcripts")
    void strategySendsWhatHibernateSends(Case c) throws Exception {
        List<String> hibernate = c.statements().stream().map(Transcripts::normalizeSpacing).toList();
        RecordingConnection conn = c.connection();
        Outcome outcome = Transcripts.drive(c, conn);
        List<String> lockdemo = conn.sent().stream().map(Transcripts::normalizeSpacing).toList();
        assertEquals(String.join("\n", hibernate), String.join("\n", lockdemo), c + ": lockdemo's statements");
        assertEquals(c.applicationRaised(), !outcome.isSuccess(),
                c + ": Hibernate raised " + c.applicationRaised() + ", lockdemo ended " + outcome);
    }

    /** persist and merge, three paths, three databases. */
    @Test
    void everyTranscriptIsCompared() {
        assertEquals(18, transcripts().count());
    }
}
