package org.lockdemo.strategy;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.ArrayList;
import java.util.List;
import java.util.function.UnaryOperator;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;
import org.lockdemo.model.Outcome;
import org.lockdemo.strategy.Transcripts.Case;

/**
 * lockdemo's SQLAlchemy strategies send what SQLAlchemy 1.4 sends, statement for statement: each is
 * driven through each path on a {@link RecordingConnection}, rolled back where the worker would,
 * and compared with the transcript {@code scripts/transcripts.sh} captured from SQLAlchemy itself
 * ({@code transcripts/sqlalchemy/<database>-<isolation>/<call>-<path>.sql}). Both sides go through
 * {@link Transcripts#normalizeSpacing} (SQLAlchemy writes {@code some_value=%(some_value)s} in its
 * UPDATE's SET but {@code t.id = %(t_id)s} in its WHERE; jOOQ spaces both), and the MariaDB
 * transcripts lose the pool's {@link #withoutPoolResetRollback reset-on-return ROLLBACK}.
 */
class SqlAlchemyTranscriptTest {
    private static final String FRAMEWORK = "sqlalchemy";

    static Stream<Case> transcripts() {
        return Stream.concat(Transcripts.cases(FRAMEWORK, "begin_nested", StrategyKind.SQLALCHEMY_BEGIN_NESTED).stream(),
                Transcripts.cases(FRAMEWORK, "merge", StrategyKind.SQLALCHEMY_MERGE).stream());
    }

    /**
     * SQLAlchemy's connection pool rolls back every connection it gets back ({@code reset_on_return});
     * mysqlclient sends that ROLLBACK even when no transaction is open, psycopg2 does not. It is the
     * pool's, not the call's: a ROLLBACK sent right after the transaction ended (COMMIT or ROLLBACK)
     * is left out, and nothing else.
     */
    static UnaryOperator<List<String>> withoutPoolResetRollback() {
        return lines -> {
            List<String> out = new ArrayList<>();
            for (String l : lines) {
                int n = out.size();
                boolean ended = n > 0 && (out.get(n - 1).equals("COMMIT") || out.get(n - 1).equals("ROLLBACK"));
                if (l.equals("ROLLBACK") && ended) {
                    continue;
                }
                out.add(l);
            }
            return out;
        };
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("transcripts")
    void strategySendsWhatSqlAlchemySends(Case c) throws Exception {
        List<String> sqlalchemy = withoutPoolResetRollback()
                .apply(c.statements().stream().map(Transcripts::normalizeSpacing).toList());
        RecordingConnection conn = c.connection();
        Outcome outcome = Transcripts.drive(c, conn);
        List<String> lockdemo = conn.sent().stream().map(Transcripts::normalizeSpacing).toList();
        assertEquals(String.join("\n", sqlalchemy), String.join("\n", lockdemo), c + ": lockdemo's statements");
        assertEquals(c.applicationRaised(), !outcome.isSuccess(),
                c + ": SQLAlchemy raised " + c.applicationRaised() + ", lockdemo ended " + outcome);
    }

    /** Both calls, three paths, three databases: a lost transcript would make the test above pass on nothing. */
    @Test
    void everyTranscriptIsCompared() {
        assertEquals(18, transcripts().count());
    }

    @Test
    void thePoolsRollbackGoesAndNothingElse() {
        assertEquals(List.of("BEGIN", "x", "COMMIT", "BEGIN", "y", "! 1062", "ROLLBACK"), withoutPoolResetRollback()
                .apply(List.of("BEGIN", "x", "COMMIT", "ROLLBACK", "BEGIN", "y", "! 1062", "ROLLBACK", "ROLLBACK")));
    }
}
