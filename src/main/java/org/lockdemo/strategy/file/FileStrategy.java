package org.lockdemo.strategy.file;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.lockdemo.db.TableDefinition;
import org.lockdemo.strategy.ExplanationFacts;
import org.lockdemo.strategy.GetOrCreate;
import org.lockdemo.strategy.RaceStrategy;
import org.lockdemo.strategy.RaceSchema;
import org.lockdemo.strategy.ServerVersion;
import org.lockdemo.strategy.StrategyDefinition;
import org.lockdemo.strategy.StrategyOptions;

/**
 * A strategy the user wrote in a file ({@code lockdemo race --strategy-file F}), raced like a
 * built-in: its id is the file's {@code name}, its claims are the file's, and what it needs of the
 * server is its {@code requires} and the dialects its statements are written for. Immutable.
 */
public final class FileStrategy implements RaceStrategy {
    /** What its tables' names have after the run id: {@code lockdemo_<runid>_file_<name>}. */
    public static final String TABLE_PREFIX = "file_";

    private final StrategyFile file;

    public FileStrategy(StrategyFile file) {
        this.file = file;
    }

    /** Reads and checks the file; see {@link StrategyFileReader}. */
    public static FileStrategy read(Path file) throws StrategyFileException {
        return new FileStrategy(StrategyFileReader.read(file));
    }

    public StrategyFile file() {
        return file;
    }

    @Override
    public String id() {
        return file.name();
    }

    /** The file prefix of its tables' names, {@link #TABLE_PREFIX}. */
    @Override
    public String tableSuffix() {
        return TABLE_PREFIX + id().replace('-', '_');
    }

    @Override
    public boolean expectedSafe() {
        return file.expectedSafe();
    }

    @Override
    public boolean locksRow() {
        return file.locksRow();
    }

    @Override
    public boolean updatesCounter() {
        return file.updatesCounter();
    }

    /** The file's {@code table:} for {@code dialectId}, or empty for lockdemo's own table. */
    @Override
    public Optional<TableDefinition> table(String dialectId) {
        if (file.table().isEmpty()) {
            return Optional.empty();
        }
        StrategyFile.Table t = file.table().get();
        String create = t.create().on(dialectId).orElseThrow(() -> new IllegalStateException(file.source()
                + ": table.create has no " + dialectId + " form (the gate should have refused the file)")).sql();
        List<KeyBinding> bindings = new ArrayList<>(t.key().values());
        return Optional.of(new TableDefinition(create, forms(t.setup(), dialectId), forms(t.teardown(), dialectId),
                new ArrayList<>(t.key().keySet()), t.counterColumn(), values -> KeyBinding.keyOf(bindings, values)));
    }

    /** The statements that have a form for the dialect, in order: one written for the other only is skipped. */
    private static List<String> forms(List<StrategyFile.Sql> statements, String dialectId) {
        return statements.stream().flatMap(q -> q.on(dialectId).stream()).map(StrategyFile.Sql.Text::sql).toList();
    }

    /** Two when a step is on the second connection ({@code connection: 2}), as its {@link FileGetOrCreate} uses. */
    @Override
    public int connectionsPerAttempt() {
        return file.usesSecondConnection() ? 2 : 1;
    }

    @Override
    public GetOrCreate create(RaceSchema schema, StrategyOptions options) {
        return new FileGetOrCreate(file, schema);
    }

    /**
     * For {@code explain --strategy-file}: each statement's parameters by name ({@code jahr},
     * {@code monat}, {@code :NAME}), keyed by the statement as it is sent on {@code schema}'s table.
     */
    public Map<String, java.util.List<String>> parameterNames(RaceSchema schema) {
        return new FileGetOrCreate(file, schema).parameterNames();
    }

    @Override
    public Optional<String> unsupportedOn(String dialectId) {
        Map<String, Integer> requires = file.requires();
        if (!requires.isEmpty() && !requires.containsKey(dialectId)) {
            return Optional.of(file.source() + ": requires " + String.join(", ", requires.keySet()) + ", not "
                    + dialectId);
        }
        if (file.table().isPresent() && file.table().get().create().on(dialectId).isEmpty()) {
            return Optional.of(file.source() + ": table.create has no " + dialectId + " form (create: {postgresql: ..., "
                    + "mysql: ...})");
        }
        // a step for the other dialect only (dialect:) is not there on this one
        boolean written = file.steps().stream().allMatch(s -> !(s.on(family(dialectId))
                .map(StrategyFile.Step::inner).orElse(null) instanceof StrategyFile.Step.Statement st)
                || st.sql().on(dialectId).isPresent())
                && file.settings().stream().allMatch(q -> q.on(dialectId).isPresent());
        // a finally statement written for one dialect only (MySQL's RELEASE_LOCK) is not sent on the other
        return written ? Optional.empty() : Optional.of(file.source() + ": a statement has no " + dialectId
                + " form (sql: {postgresql: ..., mysql: ...})");
    }

    @Override
    public Optional<String> unsupportedOn(ServerVersion server) {
        Optional<String> dialect = unsupportedOn(server.dialectId());
        if (dialect.isPresent()) {
            return dialect;
        }
        int needed = file.requires().getOrDefault(server.dialectId(), 0);
        if (needed > 0 && server.major() < needed) {
            return Optional.of(file.source() + ": requires " + server.dialectId() + " >= " + needed + "; the server is "
                    + server.describe());
        }
        return Optional.empty();
    }

    @Override
    public Optional<String> racedLowerBound(String dialectId) {
        Optional<StrategyFile.Step.Statement> first = file.steps().stream()
                .flatMap(s -> s.on(family(dialectId)).map(StrategyFile.Step::inner).stream())
                .filter(s -> s instanceof StrategyFile.Step.Statement).map(s -> (StrategyFile.Step.Statement) s)
                .findFirst();
        String sql = first.flatMap(st -> st.sql().on(dialectId)).map(t -> t.sql().stripLeading()
                .toUpperCase(java.util.Locale.ROOT)).orElse("");
        if (sql.startsWith("INSERT") || sql.startsWith("MERGE") || sql.startsWith("REPLACE")) {
            return Optional.of(StrategyDefinition.INSERT_FIRST_LOWER_BOUND);
        }
        if (!"postgresql".equals(dialectId) && (sql.contains("FOR UPDATE") || sql.contains("FOR SHARE")
                || sql.contains("LOCK IN SHARE MODE"))) {
            return Optional.of(StrategyDefinition.INNODB_LOCKING_READ_LOWER_BOUND);
        }
        return Optional.empty();
    }

    /** The family of {@code dialect:} a dialect id is in: {@code postgresql}, or {@code mysql} for MySQL and MariaDB. */
    private static String family(String dialectId) {
        return dialectId.equals("postgresql") ? "postgresql" : "mysql";
    }

    @Override
    public String explain(ExplanationFacts facts) {
        String what = "the strategy in " + file.source() + (file.description().isEmpty() ? "" : " (" + file.description()
                + ")");
        if (facts.surfaced() == 0) {
            return what + ": no duplicate-key error reached the application in " + facts.attempts() + " attempts ("
                    + facts.foundAfterConflict() + " found the row after a conflict, " + facts.retries() + " retries)";
        }
        return what + ": " + facts.surfaced() + " of " + facts.attempts() + " attempts let a duplicate-key error "
                + "reach the application" + (file.expectedSafe() ? ", though the file claims expected_safe" : "");
    }
}
