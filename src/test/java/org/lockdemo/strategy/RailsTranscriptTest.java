package org.lockdemo.strategy;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;
import org.lockdemo.model.Outcome;
import org.lockdemo.strategy.Transcripts.Case;
import org.lockdemo.strategy.Transcripts.Database;

/**
 * lockdemo's strategies modelled on a captured ActiveRecord call send what ActiveRecord 6.1 sends,
 * statement for statement: each is driven through each path on a {@link RecordingConnection} and
 * compared with the transcript {@code scripts/transcripts.sh} captured from Rails itself
 * ({@code transcripts/rails/<database>-<isolation>/<call>-tx-<path>.sql}), both sides normalised by
 * {@link Transcripts#normalize} (names, literals, parameters, savepoint names; nothing else).
 *
 * <p>The strategies model the calls inside the caller's transaction ({@code T.transaction { ... }}),
 * the form in which the generations of {@code create_or_find_by} differ, and {@code create_or_find_by}
 * without one ({@code rails-create-or-find-no-tx}, alike in every generation); 6.1's
 * {@code find_or_create_by} without a transaction is captured but not modelled. The strategies
 * modelled on later versions (7.1, the 2026 form) are from source and have no transcript.
 *
 * <p>The conflict path: another session commits the key just before the INSERT. Under InnoDB
 * REPEATABLE READ a plain read sees a snapshot taken at the transaction's first consistent read; in
 * {@code create_or_find_by} the INSERT comes first, so that snapshot is taken by the read-back, after
 * the other session committed, and the row is visible (the transcript shows the read-back finding
 * it). The recording connection is told so.
 */
class RailsTranscriptTest {
    private static final String FRAMEWORK = "rails";
    private static final Path ROOT = Transcripts.ROOT.resolve(FRAMEWORK);
    /** Captured call to the strategy that models it. */
    private static final Map<String, StrategyKind> MODELLED = Map.of(
            "create_or_find_by", StrategyKind.RAILS_CREATE_OR_FIND_NO_TX,
            "create_or_find_by-tx", StrategyKind.RAILS_CREATE_OR_FIND_6_1,
            "find_or_create_by-tx", StrategyKind.RAILS_FIND_OR_CREATE_6_1);

    static Stream<Case> transcripts() {
        return MODELLED.entrySet().stream().sorted(Map.Entry.comparingByKey())
                .flatMap(e -> Transcripts.cases(FRAMEWORK, e.getKey(), e.getValue()).stream());
    }

    /** The conflict path's connection: the other session's row is visible to the read-back (see the class comment). */
    static RecordingConnection connection(Case c) {
        return c.path().equals("conflict") ? RecordingConnection.conflict(c.database().duplicateKey(), true)
                : c.connection();
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("transcripts")
    void strategySendsWhatRailsSends(Case c) throws Exception {
        List<String> rails = c.statements().stream().map(Transcripts::normalize).toList();
        RecordingConnection conn = connection(c);
        Outcome outcome = Transcripts.drive(c, conn);
        List<String> lockdemo = conn.sent().stream().map(Transcripts::normalize).toList();
        assertEquals(String.join("\n", rails), String.join("\n", lockdemo), c + ": lockdemo's statements");
        assertEquals(c.applicationRaised(), !outcome.isSuccess(),
                c + ": Rails raised " + c.applicationRaised() + ", lockdemo ended " + outcome);
    }

    /** Three calls, three databases, three paths: a lost transcript would let the test above pass on nothing. */
    @Test
    void everyPathOfEveryModelledCallIsCompared() {
        assertEquals(27, transcripts().count(), "transcripts under " + ROOT);
        for (Database d : Database.values()) {
            for (String call : MODELLED.keySet()) {
                for (String p : Transcripts.PATHS) {
                    assertTrue(Files.exists(ROOT.resolve(d.dir).resolve(call + "-" + p + ".sql")), d.dir + "/" + call + "-" + p);
                }
            }
        }
    }

    /** Where the captured application saw an error, the strategy's outcome says which. */
    @Test
    void findOrCreateBy61RaisesRecordNotUniqueOnTheConflictPath() throws Exception {
        for (Case c : Transcripts.cases(FRAMEWORK, "find_or_create_by-tx", StrategyKind.RAILS_FIND_OR_CREATE_6_1)) {
            if (c.path().equals("conflict")) {
                assertEquals(Outcome.UNIQUE_VIOLATION, Transcripts.drive(c, connection(c)), c.toString());
            }
        }
    }
}
