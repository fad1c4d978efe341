package org.lockdemo.record;

import java.sql.Connection;
import java.sql.SQLException;
import java.util.Map;
import org.lockdemo.db.Connections;
import org.lockdemo.db.DatabaseTarget;
import org.lockdemo.db.Dialect;
import org.lockdemo.db.RaceTable;
import org.lockdemo.explain.ExplainRunner;
import org.lockdemo.strategy.GetOrCreate;
import org.lockdemo.strategy.RaceSchema;
import org.lockdemo.strategy.RaceStrategy;
import org.lockdemo.strategy.StrategyOptions;

/**
 * {@code lockdemo record}'s work: a table of its own ({@code lockdemo_explain_<suffix>}, which
 * {@code lockdemo cleanup} recognizes), the strategy built for it, one attempt per path
 * ({@link PathRecorder}), the transcripts written as a strategy file ({@link RecordedFile}), and the
 * table dropped, however that ended. Used by one thread.
 */
public final class Recorder {
    private final DatabaseTarget target;
    private final Dialect dialect;

    public Recorder(DatabaseTarget target, Dialect dialect) {
        this.target = target;
        this.dialect = dialect;
    }

    /** The strategy file of what {@code strategy} sends here; {@code described} names it in the file's header. */
    public String record(RaceStrategy strategy, String described) throws SQLException, InterruptedException {
        RaceTable table = new RaceTable(ExplainRunner.tableName(), dialect);
        try (Connection admin = Connections.open(target, this.dialect)) {
            Dialect dialect = this.dialect.onServer(admin); // MariaDB's RETURNING is known once connected
            String[] product = dialect.productAndVersion(admin);
            table.create(admin);
            try {
                GetOrCreate g = strategy.create(new RaceSchema(table.name(), dialect.jooqDialect(),
                        dialect.insertReturning()), StrategyOptions.DEFAULTS);
                Map<PathRecorder.Path, PathRecorder.Recorded> paths = new PathRecorder(target, dialect, table.name())
                        .record(g);
                return RecordedFile.render("recorded-" + strategy.id(), described, product[0] + " " + product[1],
                        table.name(), strategy.expectedSafe(), strategy.locksRow(), paths);
            } finally {
                table.drop(admin);
            }
        }
    }
}
